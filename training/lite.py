"""Recognition without TensorFlow: a model's LiteRT twin, run by the LiteRT interpreter.

Why LiteRT: measured on this project's shipped model (issue 12), the LiteRT
runtime imports in 0.16 s against TensorFlow's 3.7 s and reads one image in
0.36 ms (p50) against 1.9 ms for the compiled TensorFlow call, with the same
probabilities (max difference 1e-6 on 2,000 MNIST images). ONNX Runtime was
as fast (0.39 ms, 0.22 s import), but exporting to ONNX needs tf2onnx and onnx
beside TensorFlow, while the LiteRT converter is part of TensorFlow itself.

:func:`open_predictor` is the one way recognition opens a model: the twin
saved beside it, else a twin exported once into the cache folder, else the
Keras model itself (each fallback with a log line).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
from pathlib import Path

import numpy as np

from training.errors import ModelFileError
from training.files import atomic_write
from training.modelfile import (ACCEPTED_INPUTS, TWIN_SUFFIX, are_probabilities, check_model_file, file_sha256,
                                first_words, twin_path)
from training.paths import cache_dir
from training.preprocess import model_batches
from training.quiet import filtered_stderr

log = logging.getLogger("digit_recognizer.models")

RUNTIME_ENV = "DIGIT_RECOGNIZER_RUNTIME"  # "keras" reads with TensorFlow (baselines, a runtime problem)
# Part of the cache key: a change in how twins are exported makes new ones
# (2: Rescaling; 3: the penultimate features as a second output, for personal reading).
EXPORT_VERSION = 3
BATCH = 1024
MAX_TWIN_BYTES = 200 * 2**20  # the presets' twins are 0.03-5 MB
SINGLE_THREADS = 1  # one image: threads cost more to wake than they save
_NOISE = re.compile(r"Created TensorFlow Lite XNNPACK delegate|Initialized TensorFlow Lite runtime")


def feature_layer(model):
    """The last Dense layer when it ends the network (only activations after it), else None.

    Its input is the penultimate-layer feature vector personal reading compares
    (training/personal.py); a network that ends otherwise has no such vector.
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


def make_interpreter(content: bytes, batch: int, threads: int):
    """A LiteRT interpreter over ``content`` sized for ``batch`` inputs (resizing one later re-plans its memory)."""
    from ai_edge_litert.interpreter import Interpreter

    with filtered_stderr(_NOISE):
        interpreter = Interpreter(model_content=content, num_threads=threads)
        if batch != 1:
            detail = interpreter.get_input_details()[0]
            interpreter.resize_tensor_input(detail["index"], [batch, *detail["shape_signature"][1:]])
        interpreter.allocate_tensors()
    return interpreter


class InterpreterPool:
    """One model's interpreters, one per batch size (a power of two), behind one lock.

    Resizing an interpreter re-plans its memory on every call, so each size
    keeps its own; interpreters are not thread-safe, so every call holds the
    lock (the Draw tab and an evaluation may overlap). One input runs on
    ``single_threads``, a batch on ``batch_threads``.
    """

    def __init__(self, content: bytes, single_threads: int, batch_threads: int):
        self._content = content  # the interpreters keep pointing into it
        self._batch_threads = batch_threads
        self.lock = threading.Lock()
        self.single = make_interpreter(content, 1, single_threads)
        self._by_size = {1: self.single}

    def run(self, x: np.ndarray, outputs: int = 1):
        """The model's raw output for each row of ``x`` (float32), padded with zeros to a power of two;
        with ``outputs`` = 2, the first two outputs (as ordered by the interpreter)."""
        size = 1 << (len(x) - 1).bit_length()
        padded = x if size == len(x) else np.concatenate([x, np.zeros((size - len(x), *x.shape[1:]), x.dtype)])
        with self.lock:
            interpreter = self._by_size.get(size)
            if interpreter is None:
                interpreter = self._by_size[size] = make_interpreter(self._content, size, self._batch_threads)
            detail = interpreter.get_input_details()[0]
            interpreter.set_tensor(detail["index"], padded.reshape(detail["shape"]))
            interpreter.invoke()
            details = interpreter.get_output_details()
            if outputs == 1:
                return interpreter.get_tensor(details[0]["index"])[:len(x)].copy()
            return tuple(interpreter.get_tensor(d["index"])[:len(x)].copy() for d in details[:outputs])


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


class LitePredictor:
    """The :class:`training.predictor.Predictor` interface on the LiteRT interpreter.

    Its :class:`InterpreterPool` reads one image on one thread, batches on up to four.
    """

    runtime = "litert"
    trajectory = None  # a training.trajectory.TrajectoryReader, set by open_predictor

    def __init__(self, twin: str | os.PathLike, info: dict | None = None):
        self.info = info
        self.path = Path(twin)
        try:
            self._pool = InterpreterPool(self.path.read_bytes(), SINGLE_THREADS, min(4, os.cpu_count() or 1))
        except Exception as exc:
            raise ModelFileError("{path} is not a usable LiteRT model ({detail}).",
                                 path=self.path, detail=first_words(str(exc), exc)) from exc
        details = self._pool.single.get_input_details()
        outputs = self._pool.single.get_output_details()
        if len(details) != 1 or len(outputs) not in (1, 2):
            raise ModelFileError("{path} is not a single-input, single-output model.", path=self.path)
        self.input_shape = tuple(int(v) for v in details[0]["shape_signature"][1:])
        if self.input_shape not in ACCEPTED_INPUTS or details[0]["dtype"] != np.float32:
            raise ModelFileError("{path} expects inputs of shape {input_shape}, not 28x28 images.",
                                 path=self.path, input_shape=self.input_shape)
        # A twin exported with features (EXPORT_VERSION 3) has a second output; the
        # interpreter may list it first. The probabilities are the 10- or 11-wide one.
        self._answer = 0
        self.feature_size = None  # the penultimate features' width, when the twin has them
        if len(outputs) == 2:
            widths = [int(o["shape"][-1]) for o in outputs]
            self._answer = 1 if widths[0] not in (10, 11) and widths[1] in (10, 11) else 0
            self.feature_size = widths[1 - self._answer]
        self.classes = int(outputs[self._answer]["shape"][-1])
        if self.classes not in (10, 11):
            raise ModelFileError("{path} answers {classes} values, not 10 or 11 probabilities.",
                                 path=self.path, classes=self.classes)
        self.from_logits = False
        probe = self._run(np.full((1, 28, 28), 0.5, np.float32))[0]
        dark = self._run(np.zeros((1, 28, 28), np.float32))[0]
        if not (np.all(np.isfinite(probe)) and np.all(np.isfinite(dark))):
            raise ModelFileError("{path} answers NaN or infinity instead of probabilities.", path=self.path)
        # A foreign model may end in logits: callers always get probabilities.
        self.from_logits = not are_probabilities(probe)

    def _run(self, images: np.ndarray) -> np.ndarray:
        return self._run_both(images)[0]

    def _run_both(self, images: np.ndarray):
        """(probabilities, features or None) for a batch: one interpreter call gives both."""
        if self.feature_size is None:
            out, features = self._pool.run(images), None
        else:
            both = self._pool.run(images, outputs=2)
            out, features = both[self._answer], both[1 - self._answer]
        return (_softmax(out) if self.from_logits else out), features

    def predict_with_features(self, images: np.ndarray):
        """(N, 28, 28) images, uint8 0-255 or float 0-1 -> ((N, classes) probabilities, (N, F) features or None)."""
        images = np.asarray(images)
        if images.ndim == 2:
            images = images[None]
        probabilities, features = [], []
        for _, chunk in model_batches(images, BATCH):
            p, f = self._run_both(chunk)
            probabilities.append(p)
            features.append(f)
        return np.concatenate(probabilities), (None if self.feature_size is None else np.concatenate(features))

    def predict(self, image: np.ndarray) -> np.ndarray:
        """One (28, 28) image in [0, 1] -> (classes,) probabilities."""
        return self._run(np.asarray(image, np.float32).reshape(1, 28, 28))[0]

    def predict_batch(self, images: np.ndarray, batch_size: int = BATCH) -> np.ndarray:
        """(N, 28, 28) images, uint8 0-255 or float 0-1 -> (N, classes) probabilities."""
        out = np.empty((len(images), self.classes), np.float32)
        for start, chunk in model_batches(images, max(1, min(batch_size, BATCH))):
            out[start:start + len(chunk)] = self._run(chunk)
        return out


def runtime_available() -> bool:
    try:
        import ai_edge_litert.interpreter  # noqa: F401
    except ImportError:
        return False
    return True


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
        export_lite(model, staged, features=True)
        atomic_write(cached, staged.read_bytes())
    finally:
        staged.unlink(missing_ok=True)
    return cached


def keras_predictor(path: Path, info: dict, loaded=None):
    from training.modelfile import load_model
    from training.predictor import Predictor

    loaded = loaded or load_model(path)
    return Predictor(loaded.model, loaded.info or info)


def open_predictor(path: str | os.PathLike):
    """The predictor recognition uses for the model file ``path``, with its trajectory network if it has one.

    The LiteRT twin when there is one (no TensorFlow import); else a twin
    exported once into the cache; else (no runtime, an export or a twin that
    fails) the Keras model, with a log line saying why. A file Keras refuses
    is refused with its sentence, whichever runtime would have read it.
    """
    from training.trajectory import open_reader

    path = Path(path)
    info = check_model_file(path)
    predictor = _image_predictor(path, info)
    predictor.trajectory = open_reader(path, predictor.info or info)
    return predictor


def _image_predictor(path: Path, info: dict):
    from training.modelfile import load_model

    if os.environ.get(RUNTIME_ENV, "").strip().lower() == "keras":
        return keras_predictor(path, info)
    if not runtime_available():
        log.warning("the LiteRT runtime (ai-edge-litert) is not installed; reading %s with Keras", path)
        return keras_predictor(path, info)
    twin = saved_twin(path, info)
    if twin is None:
        # A sidecar's sha256 was checked against the file already: no second hash of it.
        cached = cached_twin_path(info.get("sha256") or file_sha256(path))
        twin = cached if cached.is_file() else None
    if twin is None:
        loaded = load_model(path)  # every check of a Keras load, safe_mode included
        try:
            twin = export_to_cache(loaded.model, path, cached)
        except Exception as exc:  # an exporter failure: Keras still reads the model
            log.warning("%s could not be exported for the light runtime (%s); reading it with Keras",
                        path, first_words(str(exc), exc))
            return keras_predictor(path, info, loaded)
    try:
        return LitePredictor(twin, info)
    except Exception as exc:
        log.warning("%s; reading %s with Keras", first_words(str(exc), exc), path)
        return keras_predictor(path, info)


def write_twin(path: str | os.PathLike) -> dict:
    """Give a saved model its twin beside it and name it in the sidecar; returns the sidecar.

    For models saved before twins existed (the shipped model is given its
    twin this way after training); new saves write theirs themselves.
    """
    import tempfile

    from training.modelfile import STAGING_PREFIX, LITE_RUNTIME, load_model, sidecar_path, stored_info, write_info

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
        info["lite_sha256"] = file_sha256(staged_twin)
        info["lite_runtime"] = LITE_RUNTIME
        os.replace(staged_twin, twin_path(path))
        write_info(path, info)
    return info
