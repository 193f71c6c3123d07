"""Model files: a ``.keras`` archive, a JSON sidecar that describes it, and
its light-runtime twin (``.tflite``) that recognition reads without TensorFlow.

Saving is atomic: all three files are written beside their targets under temporary
names and moved into place with ``os.replace``, so a crash, a full disk or a
killed process leaves the previous files intact. Loading uses Keras'
``safe_mode`` (no arbitrary code from Lambda layers) and refuses anything that
is not a 28x28 -> 10 (or 11) classifier, each time with one sentence that says why.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from training.errors import ModelFileError
from training.files import atomic_write_text
from training.preprocess import PREPROCESS_VERSION

log = logging.getLogger("digit_recognizer.models")

SIDECAR_SUFFIX = ".json"
TWIN_SUFFIX = ".tflite"  # the light runtime's copy, for recognition without TensorFlow
LITE_RUNTIME = "litert"
STAGING_PREFIX = ".staging-"


def clean_leftovers(folder: str | os.PathLike) -> int:
    """Remove what killed saves left in a models folder (staging folders, temp files); returns the count."""
    import shutil

    folder = Path(folder)
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
        elif entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
            entry.unlink(missing_ok=True)
            removed += 1
    return removed


def sidecar_matches(model_path: str | os.PathLike, info: dict) -> bool:
    """True unless the sidecar names another file (its sha256 differs from the model's)."""
    digest = info.get("sha256")
    return not digest or digest == file_sha256(model_path)
ACCEPTED_INPUTS = ((28, 28), (28, 28, 1), (784,))
MAX_MODEL_BYTES = 512 * 2**20  # on disk or unpacked: a VGG-sized network for 28x28 images is well under


@dataclass
class LoadedModel:
    model: object
    info: dict = field(default_factory=dict)
    path: Path | None = None


def sidecar_path(model_path: str | os.PathLike) -> Path:
    return Path(model_path).with_suffix(SIDECAR_SUFFIX)


def twin_path(model_path: str | os.PathLike) -> Path:
    return Path(model_path).with_suffix(TWIN_SUFFIX)


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# What each sidecar field must be; a field of another type (a hand-edited or
# foreign sidecar) is dropped on reading, so no view has to guess.
_TEXT, _NUMBER, _WHOLE, _FLAG = (str,), (int, float), (int,), (bool,)
SIDECAR_FIELDS = {
    "name": _TEXT, "preset": _TEXT, "dataset": _TEXT, "optimizer": _TEXT, "command": _TEXT,
    "created": _TEXT, "device": _TEXT, "sha256": _TEXT, "base_model": _TEXT,
    "lite_sha256": _TEXT, "lite_runtime": _TEXT,
    "test_accuracy": _NUMBER, "not_sure_below": _NUMBER, "learning_rate": _NUMBER, "lr_decay": _NUMBER,
    "validation_split": _NUMBER, "training_seconds": _NUMBER, "not_a_digit_shift": _NUMBER,
    "epochs": _WHOLE, "batch_size": _WHOLE, "size_bytes": _WHOLE, "preprocess_version": _WHOLE,
    "test_images": _WHOLE, "seed": _WHOLE, "train_limit": _WHOLE, "clean_epochs": _WHOLE,
    "augment": _FLAG, "stopped_early": _FLAG,
    "trajectory": (dict,),  # the paired trajectory network (training/trajectory.py), checked where it is read
}


def clean_info(info: dict) -> dict:
    """The sidecar with every field of the wrong type or range dropped (named in ``dropped_fields``)."""
    import math

    out, dropped = {}, []
    for key, value in info.items():
        kinds = SIDECAR_FIELDS.get(key)
        ok = True
        if value is None:
            ok = True
        elif kinds is not None:
            ok = isinstance(value, kinds) and (kinds is _FLAG or not isinstance(value, bool))
            if ok and kinds is _NUMBER:
                ok = math.isfinite(value)
            if ok and key in ("test_accuracy", "not_sure_below"):
                ok = 0 <= value <= 1
        elif key == "class_names":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value) and len(value) in (10, 11)
        if ok:
            out[key] = value
        else:
            dropped.append(key)
    if dropped:
        out["dropped_fields"] = dropped
    return out


def read_info(model_path: str | os.PathLike) -> dict:
    """The sidecar's contents ({} when there is none); does not import TensorFlow."""
    path = sidecar_path(model_path)
    if not path.is_file():
        return {}
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except PermissionError:
        raise ModelFileError("{path} cannot be read: permission denied.", path=path) from None
    except (OSError, ValueError) as exc:
        raise ModelFileError("{path} is not a readable JSON sidecar ({reason}).", path=path, reason=exc) from exc
    if not isinstance(info, dict):
        raise ModelFileError("{path} is not a model sidecar (expected a JSON object).", path=path)
    return clean_info(info)


def stored_info(model_path: str | os.PathLike) -> dict:
    """The sidecar as written, every field kept ({} when there is none): to add fields to it and write it back."""
    path = sidecar_path(model_path)
    return dict(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else {}


def write_info(model_path: str | os.PathLike, info: dict) -> None:
    """Write the sidecar of ``model_path`` atomically, as :func:`save_model` writes it."""
    atomic_write_text(sidecar_path(model_path), sidecar_text(info))


def sidecar_text(info: dict) -> str:
    return json.dumps(info, indent=2, sort_keys=True, default=_json_default) + "\n"


def save_model(model, path: str | os.PathLike, info: dict | None = None) -> dict:
    """Save ``model`` and its sidecar atomically; return the sidecar written.

    The archive holds the architecture and weights but no optimizer state
    (Keras 3's ``.keras`` format has no switch for that, so an uncompiled copy
    is saved): it is what inference and fine-tuning need, at a third the size.
    """
    from training._tf import keras

    path = Path(path)
    if path.suffix != ".keras":
        raise ModelFileError("{path}: model files end in .keras.", path=path)
    info = dict(info or {})
    # Rebuilt from its config, the copy is uncompiled (clone_model would carry
    # the optimizer along, and with it twice the weights' size in Adam state).
    inference_copy = keras.Model.from_config(model.get_config())
    inference_copy.set_weights(model.get_weights())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Both files are written in full beside their targets first (so that a
        # full disk fails here, leaving the old pair), then renamed: renames
        # need no space. A kill between the two renames leaves a sidecar whose
        # sha256 names another file, which loading and the library detect.
        with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=path.parent) as staged:
            staged_model = Path(staged) / path.name  # Keras insists on the .keras suffix
            inference_copy.save(staged_model)
            with open(staged_model, "rb") as f:
                os.fsync(f.fileno())
            info.setdefault("created", _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
            info.setdefault("preprocess_version", PREPROCESS_VERSION)
            info.setdefault("class_names", [str(d) for d in range(int(model.outputs[0].shape[-1]))])
            info["sha256"] = file_sha256(staged_model)
            info["size_bytes"] = staged_model.stat().st_size
            staged_twin = Path(staged) / "twin.tflite"
            for key in ("lite_sha256", "lite_runtime"):
                info.pop(key, None)
            if export_twin(inference_copy, staged_twin):
                info["lite_sha256"] = file_sha256(staged_twin)
                info["lite_runtime"] = LITE_RUNTIME
            staged_sidecar = Path(staged) / "sidecar.json"
            atomic_write_text(staged_sidecar, sidecar_text(info))
            # Twin, sidecar, model: a kill between two renames leaves a sidecar
            # whose sha256 names another file, which loading detects.
            if staged_twin.exists():
                os.replace(staged_twin, twin_path(path))
            else:
                twin_path(path).unlink(missing_ok=True)  # an older twin would describe the old model
            os.replace(staged_sidecar, sidecar_path(path))
            os.replace(staged_model, path)
    except OSError as exc:
        raise ModelFileError("Could not save the model to {path}: {reason}.",
                             path=path, reason=save_failure_reason(path, exc)) from exc
    return info


def pair_trajectory(model_path: str | os.PathLike, network, weight: float, command: str, seconds: float,
                    epochs: int, seed: int) -> dict:
    """Write ``network``'s LiteRT file beside the model and name it in the model's sidecar; returns the entry.

    The file first, then the sidecar (both atomically): a kill between the
    two leaves the old sidecar, whose entry no longer matches the file and is
    then not used (the image network reads alone).
    """
    from training.lite import export_lite
    from training.trajectory import FEATURES_VERSION, TrajectoryReader, paired_path

    model_path = Path(model_path)
    if sidecar_path(model_path).is_file() and not sidecar_matches(model_path, read_info(model_path)):
        raise ModelFileError("{sidecar_path} describes another file; save the model again instead.",
                             sidecar_path=sidecar_path(model_path))
    target = paired_path(model_path)
    with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=model_path.parent) as staged:
        staged_file = Path(staged) / f"trajectory{TWIN_SUFFIX}"
        export_lite(network, staged_file)
        TrajectoryReader(staged_file, weight, 0.0)  # it must load before it is named
        entry = {"file": target.name, "sha256": file_sha256(staged_file), "weight": float(weight),
                 "not_a_digit_shift": 0.0, "features_version": FEATURES_VERSION, "command": command,
                 "training_seconds": round(float(seconds)), "epochs": int(epochs), "seed": int(seed)}
        info = stored_info(model_path)
        info["trajectory"] = entry
        os.replace(staged_file, target)
        write_info(model_path, info)
    return entry


def export_twin(model, path: Path) -> bool:
    """Write ``model``'s light-runtime twin to ``path``; False (and a log line) if it cannot be exported.

    A model without a twin still works: it is exported on first use, or read with Keras.
    """
    try:
        from training.lite import export_lite

        export_lite(model, path, features=True)  # personal reading compares them (training/personal.py)
        return True
    except Exception as exc:  # an exporter failure must not lose the trained model
        log.warning("no light-runtime twin for this model (%s); it will be read with Keras", first_words(str(exc), exc))
        path.unlink(missing_ok=True)
        return False


def save_failure_reason(path: Path, exc: OSError) -> str:
    """The cause in a user's words: "File exists" for a folder that is a file says nothing."""
    import errno

    for parent in Path(path).parents:
        if parent.exists():
            if not parent.is_dir():
                return f"{parent} is a file, not a folder"
            break
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno == errno.ENOSPC:
        return "the disk is full (No space left on device)"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return exc.strerror or str(exc)


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def check_model_file(path: str | os.PathLike) -> dict:
    """Refuse what cannot be a model file; return its sidecar. Does not import TensorFlow."""
    path = Path(path)
    if path.is_dir():
        raise ModelFileError("{path} is a folder, not a model file.", path=path)
    if not path.is_file():
        raise ModelFileError("{path}: no such model file.", path=path)
    try:
        with open(path, "rb"):
            pass
    except PermissionError:
        raise ModelFileError("{path} cannot be read: permission denied.", path=path) from None
    except OSError as exc:
        raise ModelFileError("{path} cannot be read ({reason}).", path=path, reason=exc.strerror or exc) from None
    if path.suffix.lower() in (".h5", ".hdf5"):
        # Keras' older format: loading one can run code stored in it (safe mode covers .keras files only).
        raise ModelFileError(
            "{path} is in Keras' older HDF5 format, which can run code stored in it when loaded, so it is not "
            "opened. In Keras, load it and save it again as a .keras file: "
            "keras.models.load_model(\"{name}\").save(\"{stem}.keras\").", path=path, name=path.name, stem=path.stem)
    if path.suffix != ".keras" or not zipfile.is_zipfile(path):
        raise ModelFileError("{path} is not a Keras model file (a .keras archive).", path=path)
    check_model_size(path)
    info = read_info(path)
    if not sidecar_matches(path, info):
        # The sidecar describes another file (a crash between the renames of a
        # save, or a model copied over by hand): the weights are still usable,
        # the description is not, so it is dropped rather than trusted.
        info = {"stale_sidecar": True}
    version = info.get("preprocess_version")
    if version is not None and version != PREPROCESS_VERSION:
        raise ModelFileError(
            "{path} was trained on images prepared another way (preprocessing version {version}; this app makes version {PREPROCESS_VERSION}); its answers would be wrong, so it is refused.",
            path=path, version=version, PREPROCESS_VERSION=PREPROCESS_VERSION)
    return info


def check_model_size(path: Path) -> None:
    """Refuse an archive too large to be a digit model before Keras unpacks it into memory.

    The sizes its directory declares bound what unpacking can produce (Python's zip reader stops at
    them), so a small file that would unpack to gigabytes is refused as surely as a large one.
    """
    try:
        size = path.stat().st_size
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise ModelFileError("{path} is a damaged .keras archive ({detail}).", path=path,
                             detail=first_words(str(exc), exc)) from None
    if max(size, unpacked) > MAX_MODEL_BYTES:
        raise ModelFileError(
            "{path} would take {size} MB of memory; a digit model needs far less (the presets: under 5 MB), so "
            "anything over {limit} MB is not opened.", path=path, size=f"{max(size, unpacked) / 2**20:,.0f}",
            limit=MAX_MODEL_BYTES // 2**20)


def load_model(path: str | os.PathLike) -> LoadedModel:
    from training._tf import keras

    path = Path(path)
    info = check_model_file(path)
    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many types for bad archives
        text = str(exc)
        if "TFSMLayer" in text:
            raise ModelFileError(
                "{path} was refused: it wraps a TensorFlow SavedModel (a TFSMLayer), whose code is not checked; only plain Keras layers are loaded.",
                path=path) from exc
        if "safe_mode" in text or "Lambda" in text:
            raise ModelFileError(
                "{path} was refused: it contains code (a Lambda layer) that safe mode will not run.",
                path=path) from exc
        raise ModelFileError("{path} could not be loaded as a Keras model ({detail}).",
                             path=path, detail=first_words(text, exc)) from exc
    check_model_shape(model, path)
    if undo_input_rescaling(model):
        log.info("%s divides its input by 255 itself; it is given the app's 0-1 images as they are", path)
    check_model_answers(model, path)
    return LoadedModel(model=model, info=info, path=path)


def undo_input_rescaling(model) -> bool:
    """If ``model`` divides 0-255 pixels by 255 itself (a first ``Rescaling(1/255)``, as Keras' image
    tutorials write it), set that scale to 1 in the loaded copy (the file is never changed); True if so.

    The app gives every model 0-1 images (MNIST's ``x_train / 255``); such a model would otherwise see
    nearly black images and answer the same digit for anything drawn.
    """
    from training._tf import keras

    first = next((layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)), None)
    if not isinstance(first, keras.layers.Rescaling):
        return False
    try:
        scale, offset = float(first.scale), float(first.offset)
    except (TypeError, ValueError):  # per-channel scales: not the tutorials' layer
        return False
    if abs(scale * 255 - 1) > 1e-3 or offset != 0:
        return False
    first.scale = 1.0
    return True


def first_words(text: str, exc: Exception | None = None, limit: int = 200) -> str:
    """The first line of an error message, cut at a word, never mid-word."""
    line = text.strip().splitlines()[0] if text.strip() else (type(exc).__name__ if exc else "")
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit - 3)
    return line[:cut if cut > 0 else limit - 3] + "..."


def probe_answers(model):
    """``model``'s outputs for a black image and a grey one."""
    import numpy as np

    shape = tuple(model.inputs[0].shape[1:])
    probes = np.stack([np.zeros(shape, np.float32), np.full(shape, 0.5, np.float32)])
    return np.asarray(model(probes, training=False))


def are_probabilities(out) -> bool:
    """Whether each row of a model's outputs is probabilities (a model may end in logits instead)."""
    import numpy as np

    out = np.asarray(out)
    return bool(np.all(out >= 0) and np.all(np.abs(out.sum(axis=-1) - 1.0) < 1e-3))


def answers_probabilities(model) -> bool:
    """False for a model that ends in logits."""
    return are_probabilities(probe_answers(model))


def check_model_answers(model, path) -> None:
    """Refuse a model whose outputs are not numbers (diverged or damaged weights)."""
    import numpy as np

    out = probe_answers(model)
    if not np.all(np.isfinite(out)):
        raise ModelFileError(
            "{path} answers NaN or infinity instead of probabilities: its weights are damaged or its training diverged; retrain it.",
            path=path)


def check_model_shape(model, path) -> None:
    if len(getattr(model, "inputs", None) or []) != 1 or len(getattr(model, "outputs", None) or []) != 1:
        raise ModelFileError("{path} is not a single-input, single-output model.", path=path)
    in_shape = tuple(model.inputs[0].shape[1:])
    out_shape = tuple(model.outputs[0].shape[1:])
    if in_shape not in ACCEPTED_INPUTS:
        raise ModelFileError(
            "{path} expects inputs of shape {in_shape}; a digit model takes 28x28 images.",
            path=path, in_shape=in_shape)
    if out_shape not in ((10,), (11,)):
        raise ModelFileError(
            '{path} has outputs of shape {out_shape}; a digit model answers 10 probabilities (or 11, with "not a digit").', path=path, out_shape=out_shape)
