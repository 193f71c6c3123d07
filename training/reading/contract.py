"""What a model must take and give to be read: 28x28 images in, probabilities out."""

from __future__ import annotations

import numpy as np

ACCEPTED_INPUTS = ((28, 28), (28, 28, 1), (784,))


def are_probabilities(out) -> bool:
    """Whether each row of a model's outputs is probabilities (a model may end in logits instead)."""
    out = np.asarray(out)
    return bool(np.all(out >= 0) and np.all(np.abs(out.sum(axis=-1) - 1.0) < 1e-3))
