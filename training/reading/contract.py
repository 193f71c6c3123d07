"""What a model must take and give to be read: 28x28 images in, and every answer probabilities.

Every model is tried on the same probe images before use, and every answer it
gives afterwards is checked: a model may be finite on the probes and NaN on
real ink, or sum to 1 only on the probes.
"""

from __future__ import annotations

import numpy as np

from training.errors import ModelFileError

ACCEPTED_INPUTS = ((28, 28), (28, 28, 1), (784,))


def probe_images(shape=(28, 28)):
    """Images every model is tried on before use: black, grey, white, and a stroke (a "1" and a ring)."""
    probes = np.zeros((5, 28, 28), np.float32)
    probes[1] = 0.5
    probes[2] = 1.0
    probes[3, 4:24, 12:16] = 1.0
    yy, xx = np.mgrid[:28, :28]
    probes[4] = (np.abs(np.hypot(yy - 14, xx - 14) - 7) < 2).astype(np.float32)
    return probes.reshape((5, *shape))


def probe_answers(model):
    """``model``'s raw outputs for :func:`probe_images`."""
    return np.asarray(model(probe_images(tuple(model.inputs[0].shape[1:])), training=False))


# How far a row of probabilities may stray from 0-1 and from summing to 1 (float32 rounding, a LiteRT twin).
PROBABILITY_TOLERANCE = 1e-3


def are_probabilities(out) -> bool:
    """Whether each row of a model's outputs is probabilities (a model may end in logits instead)."""
    out = np.asarray(out)
    return bool(np.all(out >= 0) and np.all(np.abs(out.sum(axis=-1) - 1.0) < PROBABILITY_TOLERANCE))


def output_kind(out) -> str:
    """What a model's raw outputs on the probes are: "probabilities" (softmax), "sigmoid" (each 0-1,
    not summing to 1: divided by their sum, never put through softmax again) or "logits" (softmax)."""
    out = np.asarray(out, np.float64)
    if are_probabilities(out):
        return "probabilities"
    if np.all(np.isfinite(out)) and np.all((out >= 0) & (out <= 1)):
        return "sigmoid"
    return "logits"


def as_probabilities(out, kind: str):
    """Raw outputs -> probabilities, as :func:`output_kind` says they must be turned (numpy)."""
    out = np.asarray(out, np.float32)
    if kind == "logits":
        e = np.exp(out - out.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if kind == "sigmoid":
        with np.errstate(invalid="ignore", divide="ignore"):
            return out / out.sum(axis=-1, keepdims=True)
    return out


def check_answers(out, model: str) -> None:
    """Refuse, with a sentence, answers that are not probabilities: every answer a model gives is checked
    (a model may be finite on the probes and NaN on real ink, or sum to 1 only on the probes)."""
    out = np.asarray(out, np.float64)
    if not np.all(np.isfinite(out)):
        raise ModelFileError(
            "{model} answered NaN or infinity, not probabilities: the model is unusable (damaged weights, or a training that diverged).",
            model=model)
    if np.any(out < -PROBABILITY_TOLERANCE) or np.any(out > 1 + PROBABILITY_TOLERANCE):
        raise ModelFileError("{model} answered values outside 0-1, not probabilities: the model is unusable.",
                             model=model)
    totals = np.atleast_1d(out.sum(axis=-1))
    worst = float(totals[np.argmax(np.abs(totals - 1.0))]) if totals.size else 1.0
    if abs(worst - 1.0) > 10 * PROBABILITY_TOLERANCE:
        raise ModelFileError("{model} answered probabilities that add up to {total}, not 1: the model is unusable.",
                             model=model, total=f"{worst:.2f}")
