"""A model's light-runtime twin: written beside a saved model, or exported once into the cache.

The twin is what recognition reads without TensorFlow (training/reading/lite.py);
this module makes it and finds it, and :mod:`training.models.opening` decides
which runtime reads a model.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from training.errors import ModelFileError
from training.files import atomic_write
from training.models.export import export_lite
from training.models.modelfile import (
    LITE_RUNTIME,
    STAGING_PREFIX,
    TWIN_SUFFIX,
    file_sha256,
    load_model,
    sidecar_path,
    stored_info,
    twin_path,
    write_info,
)
from training.paths import cache_dir
from training.reading.lite import LitePredictor

log = logging.getLogger("digit_recognizer.models")

EXPORT_VERSION = 2  # part of the cache key: a change in how twins are exported makes new ones (2: Rescaling)
MAX_TWIN_BYTES = 200 * 2**20  # the presets' twins are 0.03-5 MB


def cached_twin_path(model_sha256: str) -> Path:
    return cache_dir() / "lite" / f"{model_sha256}-{EXPORT_VERSION}{TWIN_SUFFIX}"


def saved_twin(path: Path, info: dict) -> Path | None:
    """The twin written with the model, when the sidecar vouches for it (its sha256)."""
    twin = twin_path(path)
    digest = info.get("lite_sha256")
    if not digest or not twin.is_file():
        return None
    try:
        if twin.stat().st_size > MAX_TWIN_BYTES:  # read whole into memory: a huge one is not ours
            return None
        return twin if file_sha256(twin) == digest else None
    except OSError:
        return None


def export_to_cache(model, path: Path, cached: Path) -> Path:
    """The twin of a model saved without one (older files, foreign models), exported once into ``cached``.

    The user's folder is never written to; the cache is keyed by the model's
    contents (:func:`cached_twin_path`), so an edited model gets a new twin.
    """
    log.info("%s has no light-runtime twin; exporting one into %s (once)", path, cached.parent)
    staged = cached.with_name(f".{cached.stem}.export{TWIN_SUFFIX}")  # the exporter wants the suffix
    cached.parent.mkdir(parents=True, exist_ok=True)
    try:
        export_lite(model, staged)
        atomic_write(cached, staged.read_bytes())
    finally:
        staged.unlink(missing_ok=True)
    return cached


def write_twin(path: str | os.PathLike) -> dict:
    """Give a saved model its twin beside it and name it in the sidecar; returns the sidecar.

    For models saved before twins existed (the shipped model is given its
    twin this way after training); new saves write theirs themselves.
    """
    import tempfile

    path = Path(path)
    loaded = load_model(path)
    if loaded.info.get("stale_sidecar"):
        raise ModelFileError("{sidecar_path} describes another file; save the model again instead.",
                             sidecar_path=sidecar_path(path))
    info = stored_info(path)
    with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=path.parent) as staged:
        staged_twin = Path(staged) / f"twin{TWIN_SUFFIX}"
        export_lite(loaded.model, staged_twin)
        LitePredictor(staged_twin)  # it must load before it is named
        info["lite_sha256"] = file_sha256(staged_twin)
        info["lite_runtime"] = LITE_RUNTIME
        os.replace(staged_twin, twin_path(path))
        write_info(path, info)
    return info
