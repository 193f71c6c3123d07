"""Inside the network: what each layer makes of one image, and which pixels drove the answer.

For the learning lab (issue 13): the activation maps of every convolution and
pooling layer, the activations of every dense layer, the first convolution's
learned filters, and a saliency map (gradient x input of the answer's
probability, the simplest attribution that points at the ink). Imports
TensorFlow: it is for a panel the user opens, never for the reading itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SHOWN_KINDS = ("Conv2D", "MaxPooling2D", "AveragePooling2D", "Dense")


@dataclass(frozen=True)
class LayerView:
    name: str
    kind: str  # one of SHOWN_KINDS
    values: np.ndarray  # (H, W, C) for convolution and pooling, (N,) for dense


class Inspector:
    """Built once per model; ``look`` and ``saliency`` take one (28, 28) image in [0, 1]."""

    def __init__(self, model):
        from training._tf import keras, tf

        self.model = model
        self.layers = [layer for layer in model.layers if type(layer).__name__ in SHOWN_KINDS]
        self._probe = keras.Model(model.inputs, [layer.output for layer in self.layers])
        self._input_shape = tuple(model.inputs[0].shape[1:])
        self._look = tf.function(lambda x: self._probe(x, training=False))

        def gradient(x, target):
            with tf.GradientTape() as tape:
                tape.watch(x)
                out = model(x, training=False)
                chosen = out[:, target]
            return tape.gradient(chosen, x)

        self._gradient = tf.function(gradient)
        convolutions = [layer for layer in model.layers if type(layer).__name__ == "Conv2D"]
        kernel = convolutions[0].get_weights()[0] if convolutions else None  # (h, w, in, out)
        self.first_filters = None if kernel is None else np.moveaxis(kernel[:, :, 0, :], -1, 0)  # (out, h, w)

    def _batch(self, image: np.ndarray) -> np.ndarray:
        return np.asarray(image, np.float32).reshape(1, *self._input_shape)

    def look(self, image: np.ndarray) -> list[LayerView]:
        outputs = self._look(self._batch(image))
        if not isinstance(outputs, (list, tuple)):
            outputs = [outputs]
        return [LayerView(layer.name, type(layer).__name__, np.asarray(out)[0])
                for layer, out in zip(self.layers, outputs)]

    def saliency(self, image: np.ndarray, target: int | None = None) -> np.ndarray:
        """(28, 28), summing to 1: how much each pixel's ink raised the answer's probability."""
        from training._tf import tf

        x = tf.constant(self._batch(image))
        if target is None:
            target = int(np.argmax(np.asarray(self.model(x, training=False))[0]))
        grad = np.asarray(self._gradient(x, tf.constant(target)))[0].reshape(28, 28)
        contribution = np.maximum(grad * np.asarray(image, np.float32).reshape(28, 28), 0.0)
        total = float(contribution.sum())
        return contribution / total if total > 0 else contribution
