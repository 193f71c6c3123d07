"""A Keras model's LiteRT file: the converter, run once when a model or its path network is saved."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

from training.errors import ModelFileError
from training.quiet import filtered_stderr


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
