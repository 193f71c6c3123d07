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
# Layers that only reshape, normalise or switch on a shown layer's output: its
# map is shown as they leave it (a convolution after its batch norm and ReLU,
# as the next layer receives it).
FOLLOWERS = ("BatchNormalization", "Activation", "ReLU", "LeakyReLU", "Dropout")
# An MLP has no convolution: its first Dense layer's weights over the 784
# pixels are its "filters" (the templates a softmax regression learns); at most
# this many are shown.
MAX_DENSE_FILTERS = 64


@dataclass(frozen=True)
class LayerView:
    name: str
    kind: str  # one of SHOWN_KINDS
    values: np.ndarray  # (H, W, C) for convolution and pooling, (N,) for dense

    @property
    def shape_text(self) -> str:
        if self.values.ndim == 3:
            h, w, c = self.values.shape
            return f"{c} × {h}×{w}"
        return str(self.values.shape[0])


class Inspector:
    """Built once per model; ``look`` and ``saliency`` take one (28, 28) image in [0, 1]."""

    def __init__(self, model):
        from training._tf import keras, tf

        self.model = model
        self.layers, shown_outputs = [], []
        for layer in model.layers:
            kind = type(layer).__name__
            if kind in SHOWN_KINDS:
                self.layers.append(layer)
                shown_outputs.append(layer.output)
            elif kind in FOLLOWERS and shown_outputs and layer.input is shown_outputs[-1]:
                shown_outputs[-1] = layer.output
        self._probe = keras.Model(model.inputs, shown_outputs)
        self._input_shape = tuple(model.inputs[0].shape[1:])
        self._look = tf.function(lambda x: self._probe(x, training=False))

        # The gradient of the answer's score before the softmax: a sure answer's
        # probability is flat (1.0 to float precision) and its gradient vanishes.
        last = model.layers[-1]
        scores = model
        if type(last).__name__ == "Activation" and getattr(last.activation, "__name__", "") == "softmax":
            scores = keras.Model(model.inputs, last.input)

        def gradient(x, target):
            with tf.GradientTape() as tape:
                tape.watch(x)
                chosen = scores(x, training=False)[:, target]
            return tape.gradient(chosen, x)

        def explained(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                out = scores(x, training=False)
                target = tf.argmax(out[0])
                chosen = tf.gather(out, target, axis=1)
            return tape.gradient(chosen, x), target

        self._gradient = tf.function(gradient)
        self._explained = tf.function(explained)
        self.first_filters = first_filters(model)

    def _batch(self, image: np.ndarray) -> np.ndarray:
        return np.asarray(image, np.float32).reshape(1, *self._input_shape)

    def look(self, image: np.ndarray) -> list[LayerView]:
        outputs = self._look(self._batch(image))
        if not isinstance(outputs, (list, tuple)):
            outputs = [outputs]
        return [LayerView(layer.name, type(layer).__name__, np.asarray(out)[0])
                for layer, out in zip(self.layers, outputs)]

    def explain(self, image: np.ndarray) -> tuple[np.ndarray, int]:
        """The saliency of the model's answer, and that answer (10: "not a digit")."""
        from training._tf import tf

        grad, target = self._explained(tf.constant(self._batch(image)))
        return _attribution(np.asarray(grad)[0], image), int(target)

    def saliency(self, image: np.ndarray, target: int | None = None) -> np.ndarray:
        """(28, 28), summing to 1: how much each pixel's ink raised the answer's score."""
        from training._tf import tf

        if target is None:
            return self.explain(image)[0]
        x = tf.constant(self._batch(image))
        return _attribution(np.asarray(self._gradient(x, tf.constant(target)))[0], image)


def _attribution(grad: np.ndarray, image: np.ndarray) -> np.ndarray:
    """Gradient x input, its positive part, summing to 1: where the ink raised the answer."""
    contribution = np.maximum(grad.reshape(28, 28) * np.asarray(image, np.float32).reshape(28, 28), 0.0)
    total = float(contribution.sum())
    return contribution / total if total > 0 else contribution


def first_filters(model) -> np.ndarray | None:
    """The first layer's learned filters as (count, h, w): a convolution's kernels, or a
    Dense layer's weights over the 28x28 pixels; None when the first layer has neither."""
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "Conv2D":
            kernel = layer.get_weights()[0]  # (h, w, in, out)
            return np.moveaxis(kernel[:, :, 0, :], -1, 0)
        if kind == "Dense":
            kernel = layer.get_weights()[0]  # (in, out)
            if kernel.shape[0] != 28 * 28:
                return None
            return kernel[:, :MAX_DENSE_FILTERS].T.reshape(-1, 28, 28)
    return None


def saliency_in_box(saliency: np.ndarray, image: np.ndarray, width: int, height: int) -> np.ndarray:
    """A (28, 28) saliency map -> (height, width), laid over the digit's box on the source.

    The model's input is the digit's box scaled into MNIST's 20 px field and
    moved by its centre of mass; the ink's extent in the input is where the box
    went, so stretching that part back over the box undoes both (within the
    input's one-pixel anti-aliased fringe).
    """
    from PIL import Image

    inked = np.asarray(image) > 0.05
    rows, cols = np.flatnonzero(inked.any(axis=1)), np.flatnonzero(inked.any(axis=0))
    if rows.size == 0 or width < 1 or height < 1:
        return np.zeros((max(height, 0), max(width, 0)), np.float32)
    part = np.asarray(saliency, np.float32)[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    out = np.asarray(Image.fromarray(part, "F").resize((width, height), Image.Resampling.BILINEAR), np.float32)
    out = np.maximum(out, 0.0)
    total = float(out.sum())
    return out / total if total > 0 else out


def tiled(maps: np.ndarray, gap: int = 1) -> np.ndarray:
    """(H, W, C) maps -> one 2-D grid of C tiles, nearly twice as wide as tall, NaN between tiles.

    The values are kept as they are (the caller scales them); a single map is
    returned as it is.
    """
    maps = np.asarray(maps, np.float32)
    if maps.ndim == 2:
        return maps
    h, w, count = maps.shape
    columns = max(1, int(np.ceil(np.sqrt(2 * count * h / w))))
    columns = min(columns, count)
    rows = int(np.ceil(count / columns))
    grid = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), np.nan, np.float32)
    for i in range(count):
        r, c = divmod(i, columns)
        grid[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = maps[:, :, i]
    return grid
