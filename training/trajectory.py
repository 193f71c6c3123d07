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

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from training.lite import SINGLE_THREADS, InterpreterPool

log = logging.getLogger("digit_recognizer.models")

POINTS = 64
CHANNELS = 5  # x, y, the direction's cosine and sine, stroke start
FEATURES_VERSION = 1
SUFFIX = "-trajectory.tflite"
MAX_BYTES = 20 * 2**20
NOT_A_DIGIT = 10


def paired_path(model_path: str | os.PathLike) -> Path:
    """Where ``train-trajectory`` writes the trajectory network paired with ``model_path``."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.stem + SUFFIX)


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


def build_model(keras, classes: int = 11):
    """Three blocks of two 1-D convolutions with batch norm; average and max pooled; about 190k parameters."""
    L = keras.layers
    inputs = keras.Input((POINTS, CHANNELS), name="trajectory")
    x = inputs
    for filters, size in ((64, 5), (96, 5), (128, 3)):
        for _ in range(2):
            x = L.Conv1D(filters, size, padding="same", use_bias=False)(x)
            x = L.BatchNormalization()(x)
            x = L.Activation("relu")(x)
        if filters != 128:
            x = L.MaxPooling1D(2)(x)
    x = L.Concatenate()([L.GlobalAveragePooling1D()(x), L.GlobalMaxPooling1D()(x)])
    x = L.Dropout(0.3)(x)
    return keras.Model(inputs, L.Dense(classes, activation="softmax")(x))


# Training ------------------------------------------------------------------------

def augmented(strokes, label: str, rng: np.random.Generator):
    """The image renderings' stroke augmentation (conventions, moved strokes, warp, slant, rotation, stretch)."""
    from training.pen import Look, add_convention, move_strokes, place, warp_strokes

    if label != "scribble":
        strokes = add_convention(label, strokes, rng)
        if rng.random() < 0.6:
            strokes = move_strokes(strokes, rng)
    if rng.random() < 0.75:
        strokes = warp_strokes(strokes, rng)
    look = Look(height=200.0, pen=10.0, rotation=float(rng.normal(0, 5)), slant=float(rng.normal(0, 0.12)),
                stretch=float(rng.uniform(0.8, 1.2)))
    return place(strokes, look)


def training_set(pen, digit_copies: int = 6, other_copies: int = 1, scribbles: int = 3000, seed: int = 0,
                 every: int = 1):
    """(x (N, POINTS, CHANNELS), y (N,)) from the training writers (never the held-out ones); 10 = not a digit."""
    from training.pen import rendering_plan, scribble

    rng = np.random.default_rng(seed)
    x, y = [], []
    for i, label, target, _ in rendering_plan(pen, held_out=False, every=every):
        strokes = pen.strokes(i)
        if sum(len(s) for s in strokes) < 2:
            continue
        for _ in range(digit_copies if target != NOT_A_DIGIT else other_copies):
            f = features(augmented(strokes, label, rng))
            if f is not None:
                x.append(f)
                y.append(target)
    for _ in range(scribbles):
        f = features(augmented(scribble(rng), "scribble", rng))
        if f is not None:
            x.append(f)
            y.append(NOT_A_DIGIT)
    return np.stack(x), np.array(y, np.uint8)


@dataclass
class TrajectoryRun:
    model: object
    seconds: float
    train_accuracy: float


def train_trajectory(pen, epochs: int = 12, seed: int = 1, every: int = 1, digit_copies: int = 6,
                     scribbles: int = 3000) -> TrajectoryRun:
    """Adam at 1e-3, decaying by 0.8 an epoch, batch 128: about four minutes on a 2-core CPU."""
    import time

    from training._tf import keras

    started = time.perf_counter()
    x, y = training_set(pen, digit_copies=digit_copies, scribbles=scribbles, seed=seed, every=every)
    keras.utils.set_random_seed(seed)
    model = build_model(keras)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy", metrics=["accuracy"])
    decay = keras.callbacks.LearningRateScheduler(lambda epoch, _: 1e-3 * 0.8 ** epoch)
    history = model.fit(x, y, batch_size=128, epochs=epochs, callbacks=[decay], verbose=0, shuffle=True)
    return TrajectoryRun(model, time.perf_counter() - started, float(history.history["accuracy"][-1]))


# Reading -------------------------------------------------------------------------

class TrajectoryReader:
    """The trajectory network's LiteRT file, read like :class:`training.lite.LitePredictor` reads images."""

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


def check_entry(entry) -> dict | None:
    """The sidecar's "trajectory" entry when it is well formed, else None."""
    import math

    if not isinstance(entry, dict):
        return None
    name, digest = entry.get("file"), entry.get("sha256")
    weight, shift = entry.get("weight"), entry.get("not_a_digit_shift", 0.0)
    numbers_ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                     for v in (weight, shift))
    if (not isinstance(name, str) or not isinstance(digest, str) or Path(name).name != name
            or not numbers_ok or not 0 <= weight <= 1 or entry.get("features_version") != FEATURES_VERSION):
        return None
    return entry


def open_reader(model_path: str | os.PathLike, info: dict | None) -> TrajectoryReader | None:
    """The trajectory reader the sidecar of ``model_path`` names, or None (with a log line when one fails)."""
    from training.modelfile import file_sha256

    entry = (info or {}).get("trajectory")
    if entry is None:
        return None
    entry = check_entry(entry)
    path = Path(model_path).with_name(entry["file"]) if entry else None
    try:
        if entry is None:
            raise ValueError("the sidecar's trajectory entry is malformed")
        if not path.is_file():  # a FIFO or a device named by a sidecar would block or never end
            raise ValueError(f"{path.name} is not a regular file")
        if path.stat().st_size > MAX_BYTES or file_sha256(path) != entry["sha256"]:
            raise ValueError(f"{path.name} is not the file the sidecar names")
        return TrajectoryReader(path, entry["weight"], entry.get("not_a_digit_shift", 0.0))
    except Exception as exc:  # the image network still reads: the strokes only help
        log.warning("%s: the trajectory network is not used (%s)", Path(model_path).name, exc)
        return None
