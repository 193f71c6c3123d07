"""A Keras model's LiteRT file: the converter, and the check that the file answers as the model does.

A twin is used only once it has answered like its Keras model on the probe
images; that check is noted in the cache (``lite/checked/<model sha>-<twin sha>``)
so that it runs once per pair, when the twin is made or first trusted.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from pathlib import Path

import numpy as np

from training.errors import ModelFileError
from training.files import atomic_write, file_sha256
from training.messages import first_words
from training.paths import cache_dir
from training.quiet import filtered_stderr
from training.reading.contract import probe_images
from training.reading.lite import InterpreterPool

log = logging.getLogger("digit_recognizer.models")


def feature_layer(model):
    """The last Dense layer when it ends the network (only activations after it), else None.

    Its input is the penultimate-layer feature vector personal reading compares
    (training/reading/personal.py); a network that ends otherwise has no such vector.
    """
    from training._tf import keras

    for layer in reversed(model.layers):
        if isinstance(layer, keras.layers.Dense):
            return layer
        if not isinstance(layer, (keras.layers.Activation, keras.layers.Softmax, keras.layers.Dropout)):
            return None
    return None


def with_features(model):
    """``model`` with its penultimate features as a second output, or ``model`` itself when it has none."""
    from training._tf import keras

    layer = feature_layer(model)
    if layer is None or len(model.outputs) != 1:
        return model
    try:
        features = keras.layers.Flatten(name="personal_features")(layer.input)
        return keras.Model(model.inputs, [model.outputs[0], features], name=model.name)
    except Exception as exc:  # a graph Keras cannot cut there: the twin reads as before
        log.info("no feature output for %s (%s)", model.name, first_words(str(exc), exc))
        return model


def export_lite(model, path: str | os.PathLike, features: bool = False) -> None:
    """Write ``model``'s LiteRT twin to ``path`` (imports TensorFlow); ``features`` adds the
    penultimate features as a second output where the network has them."""
    from training._tf import NOISE as TF_NOISE
    from training._tf import tf

    if features:
        model = with_features(model)

    # The converter logs to descriptor 2 and may print: neither may reach
    # stdout, where ``predict --json`` writes its answers.
    noise = re.compile(f"{TF_NOISE.pattern}|^[IW]0000 |^INFO: |^WARNING: ")
    with filtered_stderr(noise), contextlib.redirect_stdout(sys.stderr):
        tf.get_logger().setLevel("ERROR")
        model.export(str(path), format="litert", verbose=False)
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        raise ModelFileError("the LiteRT export wrote no file to {path}", path=path)


def checked_record(model_sha256: str, twin_sha256: str) -> Path:
    """The cache's note that this twin answered as this model on the probes: checked once, then trusted."""
    return cache_dir() / "lite" / "checked" / f"{model_sha256}-{twin_sha256}"


def agrees_with_model(model, twin_content: bytes) -> bool:
    """Whether the twin answers as the Keras ``model`` on :func:`training.reading.contract.probe_images`."""
    model_out = np.asarray(model(probe_images(tuple(model.inputs[0].shape[1:])), training=False), np.float64)
    try:
        twin_out = InterpreterPool(twin_content, 1, 1).run_answer(probe_images()).astype(np.float64)
    except Exception:  # not a model the interpreter can run
        return False
    return (twin_out.shape == model_out.shape and bool(np.all(np.isfinite(twin_out)) == np.all(np.isfinite(model_out)))
            and bool(np.allclose(twin_out, model_out, rtol=1e-3, atol=1e-4, equal_nan=True)))


def note_checked(model_sha256: str, twin_sha256: str) -> None:
    try:
        atomic_write(checked_record(model_sha256, twin_sha256), b"")
    except OSError as exc:  # a read-only cache: the twin is checked again next time
        log.warning("could not note the checked twin in %s (%s)", cache_dir(), exc.strerror or exc)


def export_checked(model, path: Path, model_sha256: str) -> str:
    """Export ``model``'s twin (with the features personal reading compares) to ``path``, check it answers
    as the model, note that; returns its sha256."""
    export_lite(model, path, features=True)
    if not agrees_with_model(model, Path(path).read_bytes()):
        raise ModelFileError("the exported twin does not answer as the model does")
    digest = file_sha256(path)
    note_checked(model_sha256, digest)
    return digest
