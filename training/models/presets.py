"""Named model builders and optimizers.

The first four presets are the networks of the Keras tutorials this project
grew from; ``cnn-bn`` is the project's own and the default. Every model takes
(N, 28, 28) float32 images in [0, 1] and returns 10 softmax probabilities, so
the predictor, the evaluator and the model files treat them all alike.

Listing presets does not import TensorFlow (the GUI fills its menus with them
before TensorFlow has loaded); building one does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from training.errors import ConfigError

NUM_CLASSES = 10


@dataclass(frozen=True)
class Preset:
    name: str
    description: str  # one line, shown beside the preset's name
    optimizer: str
    learning_rate: float
    epochs: int
    batch_size: int
    augment: bool
    builder: Callable  # (keras) -> keras.Model
    cpu_epochs: int = 0  # the Train tab's default without a GPU (a run of minutes); 0: ``epochs``
    batch_norm: bool = False  # normalizes over the images of a batch: one image a batch teaches it nothing

    def build(self, num_classes: int = NUM_CLASSES):
        """The network, answering ``num_classes`` probabilities (11 with "not a digit")."""
        from training._tf import keras

        model = self.builder(keras, num_classes)
        model.name = self.name.replace("-", "_")
        return model


def _head(keras, x, num_classes):
    # Softmax in float32 even under mixed precision: float16 probabilities
    # underflow and make the loss NaN.
    x = keras.layers.Dense(num_classes)(x)
    return keras.layers.Activation("softmax", dtype="float32", name="probabilities")(x)


def _softmax_regression(keras, num_classes):
    inputs = keras.Input((28, 28), name="image")
    x = keras.layers.Flatten()(inputs)
    return keras.Model(inputs, _head(keras, x, num_classes))


def _mlp(*widths: int):
    def build(keras, num_classes):
        inputs = keras.Input((28, 28), name="image")
        x = keras.layers.Flatten()(inputs)
        for width in widths:
            x = keras.layers.Dense(width, activation="relu")(x)
        return keras.Model(inputs, _head(keras, x, num_classes))
    return build


def _cnn_sigmoid(keras, num_classes):
    L = keras.layers
    inputs = keras.Input((28, 28), name="image")
    x = L.Reshape((28, 28, 1))(inputs)
    x = L.Conv2D(32, 3, activation="sigmoid")(x)
    x = L.Conv2D(32, 3, activation="sigmoid")(x)
    x = L.MaxPooling2D(2)(x)
    x = L.Flatten()(x)
    x = L.Dense(128, activation="sigmoid")(x)
    return keras.Model(inputs, _head(keras, x, num_classes))


def _cnn_bn(keras, num_classes):
    """Conv blocks with batch norm; strided 5x5 convolutions learn their own pooling.

    After C. Deotte's study of MNIST architectures: 3x3, 3x3, 5x5/2 per block,
    batch normalisation after every convolution, dropout 0.4 between blocks.
    About 327k parameters (1.3 MB of weights).
    """
    L = keras.layers

    def conv(x, filters, size, strides=1, padding="valid"):
        x = L.Conv2D(filters, size, strides=strides, padding=padding, use_bias=False)(x)
        x = L.BatchNormalization()(x)
        return L.Activation("relu")(x)

    inputs = keras.Input((28, 28), name="image")
    x = L.Reshape((28, 28, 1))(inputs)
    for filters in (32, 64):
        x = conv(x, filters, 3)
        x = conv(x, filters, 3)
        x = conv(x, filters, 5, strides=2, padding="same")
        x = L.Dropout(0.4)(x)
    x = conv(x, 128, 4)
    x = L.Flatten()(x)
    x = L.Dropout(0.4)(x)
    return keras.Model(inputs, _head(keras, x, num_classes))


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("softmax", "Softmax regression: one Dense(10) layer over the 784 pixels (about 92% on MNIST).",
           "sgd", 0.5, 5, 100, False, _softmax_regression),
    Preset("mlp-512", "MLP: Dense(512, relu), the Keras intro network (about 97.8% on MNIST in 5 epochs of RMSprop).",
           "rmsprop", 1e-3, 5, 128, False, _mlp(512)),
    Preset("mlp-128-256-512", "MLP: Dense 128-256-512 relu (about 88.4% on Fashion-MNIST with SGD lr 0.1).",
           "sgd", 0.1, 10, 32, False, _mlp(128, 256, 512)),
    Preset("cnn-sigmoid", "CNN: two Conv2D(32, 3x3, sigmoid), max-pooling, Dense(128, sigmoid).",
           "adam", 1e-3, 5, 128, False, _cnn_sigmoid, cpu_epochs=3),
    Preset("cnn-bn", "CNN with batch norm and dropout: the shipped model's network (99.5%+ on MNIST with augmentation).",
           "adam", 1e-3, 30, 64, True, _cnn_bn, cpu_epochs=2, batch_norm=True),
)}

# Training images per second on a 2-core laptop CPU (this project's machine),
# by preset and augmentation, measured with the real trainer; the Train tab
# shows the expected duration from these until a run here has measured the
# user's own machine (then it uses that run's speed).
CPU_IMAGES_PER_SECOND: dict[tuple[str, bool], float] = {
    ("softmax", False): 12300, ("softmax", True): 5600,
    ("mlp-512", False): 7600, ("mlp-512", True): 4700,
    ("mlp-128-256-512", False): 5200, ("mlp-128-256-512", True): 3400,
    ("cnn-sigmoid", False): 1050, ("cnn-sigmoid", True): 1030,
    ("cnn-bn", False): 500, ("cnn-bn", True): 480,
}


def expected_seconds(preset: str, augment: bool, images: int, epochs: int, measured: float = 0.0) -> float | None:
    """About how long ``epochs`` of ``images`` take; None when nothing is known to base it on."""
    speed = measured or CPU_IMAGES_PER_SECOND.get((preset, augment))
    if not speed or images <= 0:
        return None
    return images * epochs / speed
DEFAULT_PRESET = "cnn-bn"


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ConfigError(
            "Unknown model preset {name}; choose one of: {names}.",
            name=f"{name!r}", names=', '.join(PRESETS)) from None


OPTIMIZERS: dict[str, str] = {
    "sgd": "SGD",
    "momentum": "SGD with momentum 0.9",
    "nesterov": "SGD with Nesterov momentum 0.9",
    "rmsprop": "RMSprop",
    "adam": "Adam",
}


def check_learning_rate(learning_rate: float) -> None:
    if not (isinstance(learning_rate, (int, float)) and math.isfinite(learning_rate)
            and 0 < learning_rate <= 10):
        raise ConfigError(
            "The learning rate must be a number above 0 and at most 10, not {learning_rate}.",
            learning_rate=f"{learning_rate!r}")


def make_optimizer(name: str, learning_rate: float):
    from training._tf import keras

    check_learning_rate(learning_rate)
    opt = keras.optimizers
    makers = {
        "sgd": lambda: opt.SGD(learning_rate),
        "momentum": lambda: opt.SGD(learning_rate, momentum=0.9),
        "nesterov": lambda: opt.SGD(learning_rate, momentum=0.9, nesterov=True),
        "rmsprop": lambda: opt.RMSprop(learning_rate),
        "adam": lambda: opt.Adam(learning_rate),
    }
    if name not in makers:
        raise ConfigError("Unknown optimizer {name}; choose one of: {names}.",
                          name=f"{name!r}", names=', '.join(OPTIMIZERS))
    return makers[name]()


def count_params(name: str) -> int:
    return int(get_preset(name).build().count_params())
