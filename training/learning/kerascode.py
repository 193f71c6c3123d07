"""A Train tab run written out as plain Keras code, for a student to run in a notebook.

The network is read from the built preset itself, layer by layer, so the code
cannot drift from what the app trains; the data, optimizer and ``fit`` follow
the run's settings. What plain Keras cannot do the way the app does (the pen
data, the stroke-width augmentation) is said in a comment, never left out
silently. The file it saves opens in the app (File > Open model...).
"""

from __future__ import annotations

import json

from training.data.datasets import DATASET_LABELS
from training.learning.trainer import TrainConfig

OPTIMIZER_CODE = {
    "sgd": "keras.optimizers.SGD(learning_rate={lr})",
    "momentum": "keras.optimizers.SGD(learning_rate={lr}, momentum=0.9)",
    "nesterov": "keras.optimizers.SGD(learning_rate={lr}, momentum=0.9, nesterov=True)",
    "rmsprop": "keras.optimizers.RMSprop(learning_rate={lr})",
    "adam": "keras.optimizers.Adam(learning_rate={lr})",
}
KERAS_DATASETS = {"mnist": "mnist", "fashion-mnist": "fashion_mnist"}
EXTRA_DATA = {"mnist+pen": "real pen handwriting and letters as \"not a digit\"",
              "mnist+samples": "the samples you drew"}


def _q(text: str) -> str:
    return json.dumps(text)  # "relu", in double quotes as the Keras guides write it


def _size(value) -> str:
    """(3, 3) -> "3": Keras takes one number for a square window."""
    value = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    return str(value[0]) if len(set(value)) == 1 else repr(value)


def layer_code(layer) -> str:
    """``layers.Conv2D(32, 3, use_bias=False)`` for a layer of a preset; ValueError for a kind no preset uses."""
    kind = type(layer).__name__
    c = layer.get_config()
    args: list[str] = []
    activation = c.get("activation")
    if kind == "Dense":
        args.append(str(c["units"]))
    elif kind == "Conv2D":
        args += [str(c["filters"]), _size(c["kernel_size"])]
        if tuple(c["strides"]) != (1, 1):
            args.append(f"strides={_size(c['strides'])}")
        if c["padding"] != "valid":
            args.append(f"padding={_q(c['padding'])}")
    elif kind == "MaxPooling2D":
        args.append(_size(c["pool_size"]))
        if c.get("strides") is not None and tuple(c["strides"]) != tuple(c["pool_size"]):
            args.append(f"strides={_size(c['strides'])}")
    elif kind == "Reshape":
        args.append(repr(tuple(c["target_shape"])))
    elif kind == "Dropout":
        args.append(repr(c["rate"]))
    elif kind == "Activation":
        return f"layers.Activation({_q(activation)})"
    elif kind not in ("Flatten", "BatchNormalization"):
        raise ValueError(f"no Keras code for a {kind} layer")
    if activation not in (None, "linear"):
        args.append(f"activation={_q(activation)}")
    if kind in ("Dense", "Conv2D") and not c.get("use_bias", True):
        args.append("use_bias=False")
    return f"layers.{kind}({', '.join(args)})"


def model_lines(model, augment: bool) -> list[str]:
    """The functional-API lines that build ``model`` (a chain of layers, as every preset is)."""
    from training.learning.trainer import layer_chain

    chain = layer_chain(model)
    if chain is None:
        raise ValueError(f"{model.name} is not a chain of layers")
    lines = ["inputs = keras.Input((28, 28))"]
    if augment:
        lines.append("x = augment(inputs)")
    calls = [layer_code(layer) for layer in chain]
    for k, call in enumerate(calls):
        source = "x" if k or augment else "inputs"
        target = "outputs" if k == len(calls) - 1 else "x"
        lines.append(f"{target} = {call}({source})")
    lines.append("model = keras.Model(inputs, outputs)")
    return lines


AUGMENT_LINES = [
    "# The app's augmentation: rotation up to 12 degrees, zoom 0.9-1.1, shifts up to",
    "# 2 pixels. Inside the model, these layers change the images while it trains and",
    "# pass them through unchanged afterwards. (The app also thickens or thins the",
    "# strokes at random, which no Keras layer does.)",
    "augment = keras.Sequential([",
    "    layers.Reshape((28, 28, 1)),",
    "    layers.RandomRotation(12 / 360, fill_mode=\"constant\"),",
    "    layers.RandomZoom(0.1, fill_mode=\"constant\"),",
    "    layers.RandomTranslation(2 / 28, 2 / 28, fill_mode=\"constant\"),",
    "    layers.Reshape((28, 28)),",
    "])",
]


def training_script(config: TrainConfig, model, file_name: str) -> str:
    """A script that trains ``model`` (the run's network, built) on the run's data with its settings."""
    dataset = KERAS_DATASETS.get(config.dataset, "mnist")
    from_file = bool(config.data_path) and str(config.data_path).endswith(".npz")
    lines = [f"# {config.preset} on {config.dataset}, written by Digit Recognizer as plain Keras 3 code.",
             "# Run it in a notebook or with python" + (
                 "." if from_file else "; it downloads the dataset the first time."),
             "import keras", "from keras import layers"]
    lines += ["import numpy as np", ""] if from_file else [""]
    if config.seed is not None:
        lines += [f"keras.utils.set_random_seed({config.seed})", ""]
    if config.mixed_precision:
        lines += ["keras.mixed_precision.set_global_policy(\"mixed_float16\")  # float16 on a recent GPU", ""]
    if config.dataset not in KERAS_DATASETS:
        extra = EXTRA_DATA.get(config.dataset, "images")
        lines += [f"# The app's {DATASET_LABELS.get(config.dataset, config.dataset)} adds {extra},",
                  "# which Keras has no loader for: this trains on MNIST alone."]
    if from_file:
        lines += [f"with np.load({_q(str(config.data_path))}) as data:  # the file the app trains on",
                  "    x_train, y_train = data[\"x_train\"], data[\"y_train\"]",
                  "    x_test, y_test = data[\"x_test\"], data[\"y_test\"]"]
    else:
        lines.append(f"(x_train, y_train), (x_test, y_test) = keras.datasets.{dataset}.load_data()")
    lines += ["x_train = x_train.astype(\"float32\") / 255  # pixels 0-1, as the app gives them",
              "x_test = x_test.astype(\"float32\") / 255"]
    if config.train_limit:
        lines.append(f"x_train, y_train = x_train[:{config.train_limit}], y_train[:{config.train_limit}]")
    lines.append("")
    if config.augment:
        lines += AUGMENT_LINES + [""]
    lines += model_lines(model, config.augment) + ["model.summary()", ""]
    lr = repr(float(config.learning_rate))
    lines.append(f"model.compile(optimizer={OPTIMIZER_CODE[config.optimizer].format(lr=lr)},")
    lines.append("              loss=\"sparse_categorical_crossentropy\", metrics=[\"accuracy\"])")
    fit = [f"epochs={config.epochs}", f"batch_size={config.batch_size}"]
    if config.validation_split:
        fit.append(f"validation_split={config.validation_split!r}")
    if config.lr_decay != 1:
        lines.append(f"decay = keras.callbacks.LearningRateScheduler(lambda epoch: {lr} * {config.lr_decay!r} ** epoch)")
        fit.append("callbacks=[decay]")
    if config.clean_epochs:
        epochs = "1 epoch" if config.clean_epochs == 1 else f"{config.clean_epochs} epochs"
        lines.append(f"# The app ends with {epochs} without augmentation; this script augments every epoch.")
    lines.append(f"model.fit(x_train, y_train, {', '.join(fit)})")
    lines += ["model.evaluate(x_test, y_test)",
              f"model.save({_q(file_name)})  # Digit Recognizer opens it: File > Open model...", ""]
    return "\n".join(lines)


def script_for(config: TrainConfig) -> str:
    """The script for a form's settings (builds the preset: imports TensorFlow)."""
    from training.models.presets import get_preset

    model = get_preset(config.preset).build(10)  # the script trains on a Keras dataset: ten classes
    return training_script(config, model, f"{config.preset}-{config.dataset.replace('+', '-')}.keras")


def script_name(config: TrainConfig) -> str:
    return f"train_{config.preset.replace('-', '_')}.py"
