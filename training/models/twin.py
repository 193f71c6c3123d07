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
from training.files import atomic_write, file_sha256
from training.models.export import agrees_with_model, export_checked, export_lite, note_checked
from training.models.modelfile import (
    LITE_RUNTIME,
    STAGING_PREFIX,
    TWIN_SUFFIX,
    load_model,
    sidecar_path,
    stored_info,
    twin_path,
    write_info,
)
from training.paths import cache_dir
from training.reading.lite import LitePredictor

log = logging.getLogger("digit_recognizer.models")

# Part of the cache key: a change in how twins are exported makes new ones
# (2: Rescaling; 3: the penultimate features as a second output, for personal reading).
EXPORT_VERSION = 3
MAX_TWIN_BYTES = 200 * 2**20  # the presets' twins are 0.03-5 MB


def cached_twin_path(model_sha256: str) -> Path:
    return cache_dir() / "lite" / f"{model_sha256}-{EXPORT_VERSION}{TWIN_SUFFIX}"


def saved_twin(path: Path, info: dict) -> Path | None:
    """The twin written with the model, when the sidecar vouches for it: the sidecar names the model's
    own sha256 (checked against the file on opening) and the twin's. A sidecar without the model's sha256
    vouches for nothing: beside any model, it named the shipped model's twin."""
    twin = twin_path(path)
    digest = info.get("lite_sha256")
    if not digest or not info.get("sha256") or not twin.is_file():
        return None
    return twin if sha256_within(twin, MAX_TWIN_BYTES) == digest else None


def sha256_within(path: Path, limit: int) -> str | None:
    """The file's sha256, or None when it cannot be read or is larger than ``limit`` (a twin is read whole)."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        return file_sha256(path)
    except OSError:
        return None


def is_shipped(path: Path) -> bool:
    """The app's own model: its twin is installed with it, as trusted as the code (and read without TensorFlow)."""
    from resources import resource_path

    try:
        return Path(path).resolve() == Path(resource_path("models", "default.keras")).resolve()
    except OSError:
        return False


def export_to_cache(model, path: Path, cached: Path, model_sha256: str) -> Path:
    """The twin of a model saved without one (older files, foreign models), exported once into ``cached``,
    replacing whatever was there (an empty or damaged file), and checked against the model.

    The user's folder is never written to; the cache is keyed by the model's
    contents (:func:`cached_twin_path`), so an edited model gets a new twin.
    """
    log.info("%s has no light-runtime twin that was checked; exporting one into %s (once)", path, cached.parent)
    staged = cached.with_name(f".{cached.stem}.export{TWIN_SUFFIX}")  # the exporter wants the suffix
    cached.parent.mkdir(parents=True, exist_ok=True)
    try:
        export_checked(model, staged, model_sha256)
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
        export_lite(loaded.model, staged_twin, features=True)
        LitePredictor(staged_twin)  # it must load before it is named
        if not agrees_with_model(loaded.model, staged_twin.read_bytes()):
            raise ModelFileError("The light-runtime twin of {path} does not answer as the model does; it is not saved.",
                                 path=path)
        info["lite_sha256"] = file_sha256(staged_twin)
        info["lite_runtime"] = LITE_RUNTIME
        note_checked(file_sha256(path), info["lite_sha256"])
        os.replace(staged_twin, twin_path(path))
        write_info(path, info)
    return info
