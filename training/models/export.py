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
from training.paths import cache_dir
from training.quiet import filtered_stderr
from training.reading.contract import probe_images
from training.reading.lite import InterpreterPool

log = logging.getLogger("digit_recognizer.models")


def export_lite(model, path: str | os.PathLike) -> None:
    """Write ``model``'s LiteRT twin to ``path`` (imports TensorFlow)."""
    from training._tf import NOISE as TF_NOISE
    from training._tf import tf

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
        twin_out = InterpreterPool(twin_content, 1, 1).run(probe_images()).astype(np.float64)
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
    """Export ``model``'s twin to ``path``, check it answers as the model, note that; returns its sha256."""
    export_lite(model, path)
    if not agrees_with_model(model, Path(path).read_bytes()):
        raise ModelFileError("the exported twin does not answer as the model does")
    digest = file_sha256(path)
    note_checked(model_sha256, digest)
    return digest
