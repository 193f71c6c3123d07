"""Recognition without TensorFlow: a model's LiteRT twin, run by the LiteRT interpreter.

Why LiteRT: measured on this project's shipped model (issue 12), the LiteRT
runtime imports in 0.16 s against TensorFlow's 3.7 s and reads one image in
0.36 ms (p50) against 1.9 ms for the compiled TensorFlow call, with the same
probabilities (max difference 1e-6 on 2,000 MNIST images). ONNX Runtime was
as fast (0.39 ms, 0.22 s import), but exporting to ONNX needs tf2onnx and onnx
beside TensorFlow, while the LiteRT converter is part of TensorFlow itself.

The twin is made and found by training/models/twin.py, and
training/models/opening.py decides which runtime reads a model.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

import numpy as np

from training.errors import ModelFileError
from training.messages import first_words
from training.quiet import filtered_stderr
from training.reading.contract import ACCEPTED_INPUTS, as_probabilities, check_answers, output_kind, probe_images
from training.reading.preprocess import model_batches

log = logging.getLogger("digit_recognizer.models")

BATCH = 1024
SINGLE_THREADS = 1  # one image: threads cost more to wake than they save
_NOISE = re.compile(r"Created TensorFlow Lite XNNPACK delegate|Initialized TensorFlow Lite runtime")


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

    def run_answer(self, x: np.ndarray) -> np.ndarray:
        """The answer output alone (the 10- or 11-wide one), whichever place the interpreter gives it."""
        count = len(self.single.get_output_details())
        if count == 1:
            return self.run(x)
        return self.run(x, outputs=2)[answer_output(self.single.get_output_details())]


def answer_output(outputs) -> int:
    """Which of a twin's outputs is the answer: a twin exported with features (EXPORT_VERSION 3) has the
    penultimate features as a second output, and the interpreter may list it first."""
    if len(outputs) != 2:
        return 0
    widths = [int(o["shape"][-1]) for o in outputs]
    return 1 if widths[0] not in (10, 11) and widths[1] in (10, 11) else 0


class LitePredictor:
    """The :class:`training.reading.predictor.Predictor` interface on the LiteRT interpreter.

    Its :class:`InterpreterPool` reads one image on one thread, batches on up to four.
    """

    runtime = "litert"
    trajectory = None  # a training.reading.trajectory.TrajectoryReader, set by open_predictor

    def __init__(self, twin: str | os.PathLike, info: dict | None = None, name: str | os.PathLike | None = None):
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
        self._answer = answer_output(outputs)
        # The penultimate features' width, when the twin has them (personal reading compares them).
        self.feature_size = int(outputs[1 - self._answer]["shape"][-1]) if len(outputs) == 2 else None
        self.classes = int(outputs[self._answer]["shape"][-1])
        if self.classes not in (10, 11):
            raise ModelFileError("{path} answers {classes} values, not 10 or 11 probabilities.",
                                 path=self.path, classes=self.classes)
        self.name = str(name or self.path)  # the model file, in the sentence refusing a bad answer
        probes = self._pool.run_answer(probe_images())
        if not np.all(np.isfinite(probes)):
            raise ModelFileError("{path} answers NaN or infinity instead of probabilities.", path=self.path)
        # A foreign model may end in logits or sigmoids: callers always get probabilities.
        self.output_kind = output_kind(probes)

    def _run(self, images: np.ndarray) -> np.ndarray:
        return self._run_both(images)[0]

    def _run_both(self, images: np.ndarray):
        """(probabilities, features or None) for a batch: one interpreter call gives both."""
        if self.feature_size is None:
            out, features = self._pool.run(images), None
        else:
            both = self._pool.run(images, outputs=2)
            out, features = both[self._answer], both[1 - self._answer]
        out = as_probabilities(out, self.output_kind)
        check_answers(out, self.name)
        return out, features

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


