"""Fast inference for one image (every stroke) or a batch (evaluation).

``model.predict`` builds a data pipeline on every call (about 60 ms here); a
``tf.function`` traced once per input shape and called directly costs about a
millisecond, which is what live recognition while drawing needs.
"""

from __future__ import annotations

import numpy as np

from training._tf import tf
from training.reading.contract import check_answers, output_kind, probe_answers
from training.reading.preprocess import model_batches

BATCH = 1024


class Predictor:
    runtime = "keras"
    trajectory = None  # a training.reading.trajectory.TrajectoryReader, set by training.models.opening.open_predictor

    def __init__(self, model, info=None, name: str = "The model"):
        self.model = model
        self.info = info  # the model file's sidecar, when loaded from one
        self.name = str(name)  # the model file's name, in the sentence that refuses an answer that is not probabilities
        input_shape = tuple(model.inputs[0].shape[1:])
        self.classes = int(model.outputs[0].shape[-1])  # 11 when the model can say "not a digit"
        # A foreign model may end in logits or in sigmoids; detect it once, so that callers always get
        # probabilities (sigmoids are divided by their sum: put through softmax again, 0.99 and 0.01
        # would become 0.23 and 0.09).
        self.output_kind = output_kind(probe_answers(model))

        def forward(images):
            out = model(tf.reshape(images, (-1, *input_shape)), training=False)
            if self.output_kind == "logits":
                return tf.nn.softmax(out)
            if self.output_kind == "sigmoid":
                return out / tf.reduce_sum(out, axis=-1, keepdims=True)
            return out

        # Two traces: one for the stroke-by-stroke single image, one for batches.
        self._one = tf.function(forward, input_signature=[tf.TensorSpec((1, 28, 28), tf.float32)])
        self._many = tf.function(forward, input_signature=[tf.TensorSpec((None, 28, 28), tf.float32)])
        self._one(tf.zeros((1, 28, 28)))  # warm-up: the first call traces
        self._many(tf.zeros((2, 28, 28)))

    def predict(self, image: np.ndarray) -> np.ndarray:
        """One (28, 28) image in [0, 1] -> (classes,) probabilities."""
        x = np.asarray(image, np.float32).reshape(1, 28, 28)
        out = self._one(x).numpy()[0]
        check_answers(out, self.name)
        return out

    def predict_batch(self, images: np.ndarray, batch_size: int = BATCH) -> np.ndarray:
        """(N, 28, 28) images, uint8 0-255 or float 0-1 -> (N, classes) probabilities."""
        out = np.empty((len(images), self.classes), np.float32)
        for start, chunk in model_batches(images, batch_size):
            out[start:start + len(chunk)] = self._many(chunk).numpy()
        check_answers(out, self.name)
        return out
