"""Training the path network (training/reading/trajectory.py reads it): its layers and its data from pen files."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from training.reading.trajectory import CHANNELS, NOT_A_DIGIT, POINTS, features


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


def augmented(strokes, label: str, rng: np.random.Generator):
    """The image renderings' stroke augmentation (conventions, moved strokes, warp, slant, rotation, stretch)."""
    from training.data.pen import Look, add_convention, move_strokes, place, warp_strokes

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
    from training.data.pen import MORE_RENDERINGS, rendering_plan, scribble

    rng = np.random.default_rng(seed)
    x, y = [], []
    # The image renderings' plan, three renderings a digit, scaled to ``digit_copies``: the same
    # writers drawn fewer times, the same hard characters more.
    for i, label, target, times in rendering_plan(pen, held_out=False, every=every, more_renderings=MORE_RENDERINGS):
        strokes = pen.strokes(i)
        if sum(len(s) for s in strokes) < 2:
            continue
        copies = round(digit_copies * times / 3) if target != NOT_A_DIGIT else other_copies * times
        for _ in range(max(1, copies)):
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
