"""Reading the pen's path: a small network over a drawing's trajectory, beside the image network.

The canvas knows more than the picture: where each stroke starts, which way
it runs, which stroke came first. A network over the resampled trajectory
(1-D convolutions over 64 points) tells letters, symbols and scribbles from
digits far better than the image network does (measured on the held-out
writers: 99% of letters refused, against about 90%), though it reads digits
alone less well (95% against 98.6%). For the strokes of the Draw tab only, both
decide whether a drawing is a digit (a weighted geometric mean, the "not a
digit" class shifted by a calibrated amount) and the image network decides
which digit; images (``predict``, MNIST, an opened file) are read by the image
network alone.

Only a model whose sidecar names a trajectory network (the shipped model)
reads this way: a model a user trains reads as it is, so the Train tab's
results are what the Draw tab shows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np

from training.reading.lite import SINGLE_THREADS, InterpreterPool

POINTS = 64
CHANNELS = 5  # x, y, the direction's cosine and sine, stroke start
FEATURES_VERSION = 1
MAX_BYTES = 20 * 2**20
NOT_A_DIGIT = 10


def features(strokes: Sequence[Sequence[Sequence[float]]]) -> np.ndarray | None:
    """Strokes (each a sequence of (x, y), any unit, y down) -> (POINTS, CHANNELS) float32; None when empty.

    Centred on the ink's box and scaled by its longer side (the shape keeps
    its proportions); POINTS points spread along the ink by length, every
    stroke getting at least one; at each point its position, the direction
    the pen moves (no direction across a lift) and whether a stroke starts.
    """
    parts = [np.asarray(s, np.float64).reshape(-1, 2) for s in strokes if len(s)]
    parts = [p for p in parts if np.all(np.isfinite(p))]
    if not parts or len(parts) > POINTS:
        return None
    allp = np.concatenate(parts)
    lo, hi = allp.min(axis=0), allp.max(axis=0)
    size = max(float((hi - lo).max()), 1e-6)
    parts = [(p - (lo + hi) / 2) / size for p in parts]
    steps = [np.hypot(*np.diff(p, axis=0).T) if len(p) > 1 else np.zeros(0) for p in parts]
    lengths = np.array([s.sum() for s in steps])
    counts = 1 + np.floor(lengths / max(lengths.sum(), 1e-9) * (POINTS - len(parts))).astype(int)
    counts[int(np.argmax(lengths))] += POINTS - counts.sum()  # what the rounding left, to the longest
    points, starts, directions = [], [], []
    for p, step, count in zip(parts, steps, counts):
        along = np.concatenate([[0.0], np.cumsum(step)])
        if along[-1] > 0:
            t = np.linspace(0.0, along[-1], count)
            q = np.stack([np.interp(t, along, p[:, 0]), np.interp(t, along, p[:, 1])], axis=1)
        else:
            q = np.repeat(p[:1], count, axis=0)
        d = np.gradient(q, axis=0) if count > 1 else np.zeros_like(q)
        norm = np.hypot(d[:, 0], d[:, 1])
        d = np.where(norm[:, None] > 1e-9, d / np.maximum(norm, 1e-9)[:, None], 0.0)
        start = np.zeros(count)
        start[0] = 1.0
        points.append(q)
        directions.append(d)
        starts.append(start)
    q, d, s = np.concatenate(points), np.concatenate(directions), np.concatenate(starts)
    return np.concatenate([q, d, s[:, None]], axis=1).astype(np.float32)


class TrajectoryReader:
    """The trajectory network's LiteRT file, read like :class:`training.reading.lite.LitePredictor` reads images."""

    def __init__(self, path: str | os.PathLike, weight: float, shift: float):
        self.path = Path(path)
        self.weight = float(weight)
        self.shift = float(shift)
        self._pool = InterpreterPool(self.path.read_bytes(), SINGLE_THREADS, 1)
        detail = self._pool.single.get_input_details()
        output = self._pool.single.get_output_details()
        shape = tuple(int(v) for v in detail[0]["shape_signature"][1:])
        if len(detail) != 1 or shape != (POINTS, CHANNELS) or int(output[0]["shape"][-1]) != NOT_A_DIGIT + 1:
            raise ValueError(f"{self.path.name} is not a trajectory network ({shape})")

    def predict_batch(self, x: np.ndarray) -> np.ndarray:
        """(N, POINTS, CHANNELS) -> (N, 11) probabilities."""
        return self._pool.run(np.asarray(x, np.float32))

    def fuse(self, image_probabilities: np.ndarray, trajectories: np.ndarray) -> np.ndarray:
        """Each row's image reading (11 probabilities) combined with its trajectory's.

        Both networks decide whether it is a digit (a weighted geometric mean,
        "not a digit" shifted); which digit, the picture decides alone: the
        path network reads digits less well, and a digit drawn in an unusual
        order or direction (a 6 whose loop runs clockwise) misleads it where
        the picture is plain.
        """
        path_probabilities = self.predict_batch(trajectories)
        logs = ((1 - self.weight) * np.log(np.maximum(image_probabilities, 1e-9))
                + self.weight * np.log(np.maximum(path_probabilities, 1e-9)))
        logs[:, NOT_A_DIGIT] += self.shift
        combined = np.exp(logs - logs.max(axis=1, keepdims=True))
        refused = combined[:, NOT_A_DIGIT] / combined.sum(axis=1)
        digits = image_probabilities[:, :NOT_A_DIGIT]
        digits = digits / np.maximum(digits.sum(axis=1, keepdims=True), 1e-9) * (1 - refused)[:, None]
        return np.concatenate([digits, refused[:, None]], axis=1).astype(np.float32)


