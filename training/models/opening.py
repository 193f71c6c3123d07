"""Opening a model file for reading: its twin on the light runtime, else Keras; its path network if it has one."""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path

from training.files import file_sha256
from training.messages import first_words
from training.models.export import agrees_with_model, checked_record, note_checked
from training.models.modelfile import check_model_file, load_model
from training.models.twin import (
    MAX_TWIN_BYTES,
    cached_twin_path,
    export_to_cache,
    is_shipped,
    saved_twin,
    sha256_within,
)
from training.reading.lite import LitePredictor, runtime_available
from training.reading.trajectory import FEATURES_VERSION, MAX_BYTES, TrajectoryReader

log = logging.getLogger("digit_recognizer.models")

RUNTIME_ENV = "DIGIT_RECOGNIZER_RUNTIME"  # "keras" reads with TensorFlow (baselines, a runtime problem)


def keras_predictor(path: str | os.PathLike, info: dict | None = None, loaded=None):
    """The model read with Keras (every check of :func:`load_model`, safe mode included)."""
    from training.reading.predictor import Predictor  # imports TensorFlow: only when Keras reads

    loaded = loaded or load_model(path)
    return Predictor(loaded.model, loaded.info or info, name=Path(path).name)


def open_predictor(path: str | os.PathLike):
    """The predictor recognition uses for the model file ``path``, with its trajectory network if it has one.

    The LiteRT twin when there is one (no TensorFlow import); else a twin
    exported once into the cache; else (no runtime, an export or a twin that
    fails) the Keras model, with a log line saying why. A file Keras refuses
    is refused with its sentence, whichever runtime would have read it.
    """
    path = Path(path)
    info = check_model_file(path)
    predictor = _image_predictor(path, info)
    predictor.trajectory = open_reader(path, predictor.info or info)
    return predictor


def _image_predictor(path: Path, info: dict):
    if os.environ.get(RUNTIME_ENV, "").strip().lower() == "keras":
        return keras_predictor(path, info)
    if not runtime_available():
        log.warning("the LiteRT runtime (ai-edge-litert) is not installed; reading %s with Keras", path)
        return keras_predictor(path, info)
    # A sidecar's sha256 was checked against the file already: no second hash of it.
    model_sha = info.get("sha256") or file_sha256(path)
    loaded = None
    twin = saved_twin(path, info)
    if twin is not None and not (is_shipped(path) or checked_record(model_sha, info["lite_sha256"]).exists()):
        # Made elsewhere, or before twins were checked when made: checked once, here, then noted in the cache.
        loaded = load_model(path)
        if agrees_with_model(loaded.model, twin.read_bytes()):
            note_checked(model_sha, info["lite_sha256"])
        else:
            log.warning("%s does not answer as %s; it is not used", twin, path)
            twin = None
    if twin is None:
        cached = cached_twin_path(model_sha)
        digest = sha256_within(cached, MAX_TWIN_BYTES)
        twin = cached if digest and checked_record(model_sha, digest).exists() else None
        if twin is None:  # none, or one this app did not make and check (empty, damaged, foreign): replaced
            loaded = loaded or load_model(path)  # every check of a Keras load, safe_mode included
            try:
                twin = export_to_cache(loaded.model, path, cached, model_sha)
            except Exception as exc:  # an exporter failure: Keras still reads the model
                log.warning("%s could not be exported for the light runtime (%s); reading it with Keras",
                            path, first_words(str(exc), exc))
                return keras_predictor(path, info, loaded)
    try:
        return LitePredictor(twin, info, name=path.name)
    except Exception as exc:
        log.warning("%s; reading %s with Keras", first_words(str(exc), exc), path)
        return keras_predictor(path, info, loaded)


def check_entry(entry) -> dict | None:
    """The sidecar's "trajectory" entry when it is well formed, else None."""
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
