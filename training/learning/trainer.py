"""Train a preset on a dataset, reporting plain-Python events.

``train(config, on_event, should_stop)`` is the single training path: the
command line, the Train tab's worker thread and the tests all call it. Events
are small frozen dataclasses; progress within an epoch is throttled to a few
a second, so that a GUI receiving them through signals is never flooded.
Stopping is cooperative: ``should_stop()`` is polled after every batch and
turned into ``model.stop_training``, so the current batch finishes and the
model trained so far is kept and evaluated.
"""

from __future__ import annotations

import collections
import contextlib
import math
import re
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from training.data.arrays import Dataset
from training.data.datasets import load_dataset
from training.errors import ConfigError, DigitRecognizerError, TrainingError
from training.learning.evaluate import Evaluation
from training.messages import Message
from training.models.presets import DEFAULT_PRESET, OPTIMIZERS, check_learning_rate, get_preset

PROGRESS_INTERVAL_S = 0.25
# The training curve's points are the mean of the batches just run: this many
# at most, or one epoch's, whichever is fewer. Keras' own figure, the mean
# since the epoch began, restarts at each epoch and draws a step there.
CURVE_WINDOW_BATCHES = 50
# Batch normalization tests with moving averages of its statistics (Keras'
# momentum, 0.99), which start at mean 0 and variance 1. Until their starting
# values weigh less than this, they are measured on the training images
# instead (settle_batch_norm).
SETTLED_WEIGHT = 0.01


@dataclass
class TrainConfig:
    dataset: str = "mnist"
    data_path: str | None = None
    pen_data_path: str | None = None  # pen files ("a.npz; b.npz"), for the mnist+pen dataset
    preset: str = DEFAULT_PRESET
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    lr_decay: float = 1.0  # learning rate multiplied by this after every epoch
    epochs: int = 5
    batch_size: int = 128
    validation_split: float = 0.1
    augment: bool = False
    # The last epochs see the images as they are: after augmented epochs, a few
    # clean ones at a low rate fit undistorted images more closely (the shipped
    # picture network: 16 augmented + 2 clean, MNIST test 99.52% -> 99.65%,
    # measured; it also refuses more real digits as "not a digit", which a
    # calibrated shift takes back; README, "The shipped model").
    clean_epochs: int = 0
    seed: int | None = 0
    device: str = "auto"  # "auto", "cpu", "gpu:N", "mirrored" (every GPU, MirroredStrategy)
    mixed_precision: bool = False
    train_limit: int | None = None  # use this many training images (quick runs, tests)
    test_limit: int | None = None
    base_model: str | None = None  # start from this .keras file instead of a fresh preset

    @classmethod
    def for_preset(cls, preset: str, **overrides) -> "TrainConfig":
        """A config with the preset's own optimizer, rate, epochs, batch and augmentation."""
        p = get_preset(preset)
        values = dict(preset=p.name, optimizer=p.optimizer, learning_rate=p.learning_rate,
                      epochs=p.epochs, batch_size=p.batch_size, augment=p.augment)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def validate(self) -> None:
        """Raise ConfigError with one sentence for the first invalid setting."""
        if not self.base_model:  # a fine-tune's network is its base file's own, named after it when not a preset
            get_preset(self.preset)
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError("Unknown optimizer {optimizer}; choose one of: {names}.",
                              optimizer=f"{self.optimizer!r}", names=', '.join(OPTIMIZERS))
        check_learning_rate(self.learning_rate)
        if not (isinstance(self.epochs, int) and 1 <= self.epochs <= 1000):
            raise ConfigError("Epochs must be a whole number from 1 to 1000, not {epochs}.",
                              epochs=f"{self.epochs!r}")
        if not (isinstance(self.batch_size, int) and 1 <= self.batch_size <= 65536):
            raise ConfigError("The batch size must be a whole number from 1 to 65536, not {batch_size}.",
                              batch_size=f"{self.batch_size!r}")
        if self.batch_size == 1 and not self.base_model and get_preset(self.preset).batch_norm:
            # Its last convolution's output is 1x1: over one image its batch variance is 0, and every image
            # reaches the classifier as the same numbers (10% after an epoch, measured).
            raise ConfigError("{preset} normalizes each layer over the images of a batch (batch normalization), "
                              "which one image a batch leaves nothing to learn from: use a batch of 2 or more "
                              "(16 or more works best).", preset=self.preset)
        if not (0.0 <= self.validation_split < 0.5):
            raise ConfigError("The validation split must be at least 0 and below 0.5, not {validation_split}.",
                              validation_split=f"{self.validation_split!r}")
        if not (math.isfinite(self.lr_decay) and 0 < self.lr_decay <= 1):
            raise ConfigError("The learning-rate decay must be above 0 and at most 1, not {lr_decay}.",
                              lr_decay=f"{self.lr_decay!r}")
        if not (isinstance(self.clean_epochs, int) and 0 <= self.clean_epochs < self.epochs):
            raise ConfigError("Clean epochs must be a whole number from 0 to one less than the epochs ({epochs}), "
                              "not {clean_epochs}.", epochs=self.epochs, clean_epochs=f"{self.clean_epochs!r}")
        if self.clean_epochs and not self.augment:
            raise ConfigError("Clean epochs end an augmented run without augmentation; turn augmentation on, "
                              "or leave clean epochs at 0.")
        for name in ("train_limit", "test_limit"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 10):
                raise ConfigError("{what} must be at least 10 images, not {value}.",
                                  what=name.replace('_', ' ').capitalize(), value=f"{value!r}")
        if not isinstance(self.device, str) or not (
                self.device in ("auto", "cpu", "mirrored") or re.fullmatch(r"gpu:\d{1,3}", self.device)):
            raise ConfigError("Unknown device {device}; use auto, cpu, mirrored, or gpu:N with N the GPU's number (gpu:0 for the first).",
                              device=f"{self.device!r}")
        if self.mixed_precision and self.device == "cpu":
            raise ConfigError("Mixed precision speeds up GPUs only; turn it off to train on the CPU.")


# Events -------------------------------------------------------------------

@dataclass(frozen=True)
class Started:
    epochs: int
    batches_per_epoch: int
    train_samples: int
    validation_samples: int
    device: str
    config: TrainConfig | None = None  # the run's settings (a study runs several configs one after another)


@dataclass(frozen=True)
class Progress:
    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based, within the epoch
    batches: int
    loss: float  # mean over the last batches (CURVE_WINDOW_BATCHES), across epochs
    accuracy: float
    samples_per_second: float
    eta_seconds: float  # until the whole run ends


@dataclass(frozen=True)
class EpochEnded:
    epoch: int
    epochs: int
    loss: float
    accuracy: float
    val_loss: float | None
    val_accuracy: float | None
    seconds: float
    learning_rate: float
    batches_done: int = 0  # within this epoch: fewer than ``batches`` when the run was stopped in it
    batches: int = 0

    @property
    def partial(self) -> bool:
        return 0 < self.batches_done < self.batches

    @property
    def position(self) -> float:
        """Where this epoch ended, in epochs (1.1 for a run stopped a tenth into epoch 2)."""
        if self.partial:
            return self.epoch - 1 + self.batches_done / self.batches
        return float(self.epoch)


@dataclass(frozen=True)
class Measuring:
    """The model is being measured after training, or after a stop, before ``Finished``: seconds on a CPU.

    ``what``: "validation" (the epoch a stop ended), "test" (the test split)
    or "measures" (the data every run is also measured on).
    """

    what: str
    done: int  # batches or images so far
    total: int
    stopped: bool  # the run was stopped (it is "stopping", not "finishing")


@dataclass
class TrainResult:
    model: object
    config: TrainConfig
    history: list[EpochEnded]
    stopped: bool  # stopped by the user before the last epoch ended
    evaluation: Evaluation | None  # on the test split
    seconds: float
    device: str
    class_names: tuple[str, ...] = field(default_factory=lambda: tuple(str(d) for d in range(10)))
    x_test: np.ndarray | None = None  # the images the evaluation is about
    y_test: np.ndarray | None = None
    measures: dict = field(default_factory=dict)  # accuracy on data every run is measured on (training.learning.runs)

    @property
    def epochs_completed(self) -> int:
        return len(self.history)

    @property
    def test_accuracy(self) -> float | None:
        return None if self.evaluation is None else self.evaluation.accuracy

    def gap_explanation(self) -> str | None:
        """Why training and test accuracy differ by more than 5 points, in a user's words (None if they agree)."""
        if not self.history or self.test_accuracy is None:
            return None
        train_acc, test_acc = self.history[-1].accuracy, self.test_accuracy
        if not (math.isfinite(train_acc) and abs(train_acc - test_acc) >= 0.05):
            return None
        layers = {type(layer).__name__ for layer in getattr(self.model, "layers", [])}
        figures = dict(test=f"{test_acc:.0%}", train=f"{train_acc:.0%}")
        if test_acc < train_acc:  # (a short run's batch normalization is settled: settle_batch_norm)
            return Message("Test accuracy ({test}) is below training accuracy ({train}): the model fits its "
                           "training images better than new ones (overfitting). More data, augmentation, dropout "
                           "or fewer epochs narrow the gap.", **figures)
        why = [Message("averaged over the epoch while the model was still improving")]
        if self.config.augment and not self.config.clean_epochs:  # the last epoch's figure is on clean images
            why.append(Message("measured on augmented (harder) images"))
        if "Dropout" in layers:
            why.append(Message("with dropout switched on"))
        reasons = {f"reason{i + 1}": reason for i, reason in enumerate(why)}
        joined = Message(", ".join("{" + key + "}" for key in reasons), **reasons)
        return Message("Test accuracy ({test}) is above training accuracy ({train}) because the training figure "
                       "is {why}; the test figure is the finished model.", why=joined, **figures)

    @property
    def stopped_at(self) -> EpochEnded | None:
        """The last epoch, when the run was stopped part-way through it."""
        return self.history[-1] if self.history and self.history[-1].partial else None

    def sidecar(self, **extra) -> dict:
        """What a model file's sidecar records about this run."""
        info = dict(
            preset=self.config.preset, dataset=self.config.dataset,
            optimizer=self.config.optimizer, learning_rate=self.config.learning_rate,
            lr_decay=self.config.lr_decay, epochs=self.epochs_completed,
            batch_size=self.config.batch_size, augment=self.config.augment,
            clean_epochs=self.config.clean_epochs,
            validation_split=self.config.validation_split, seed=self.config.seed,
            train_limit=self.config.train_limit,
            test_accuracy=self.test_accuracy,
            test_images=None if self.evaluation is None else self.evaluation.count,
            class_names=list(self.class_names), training_seconds=round(self.seconds, 1),
            device=self.device, stopped_early=self.stopped,
            base_model=self.config.base_model,
        )
        info.update(extra)
        return info


class Abandoned(Exception):
    """The caller is going away (the window closes): training ends after this batch, with no result.

    Raised from the batch callback, so that Keras does not first run the
    epoch's validation (seconds on a CPU) as it does after ``stop_training``.
    """


@dataclass(frozen=True)
class Finished:
    result: TrainResult


@dataclass(frozen=True)
class Failed:
    message: str


Event = Started | Progress | EpochEnded | Measuring | Finished | Failed

# Images per step of the test evaluation: each step reports its progress and may be abandoned.
TEST_CHUNK = 2000


# Devices --------------------------------------------------------------------

def available_devices() -> list[tuple[str, str]]:
    """(device id, human name) for the CPU and each GPU TensorFlow sees."""
    from training._tf import tf

    devices = [("cpu", "CPU")]
    for i, gpu in enumerate(tf.config.list_physical_devices("GPU")):
        details = tf.config.experimental.get_device_details(gpu) or {}
        devices.append((f"gpu:{i}", f"GPU {i}: {details.get('device_name', gpu.name)}"))
    return devices


def _device_scope(device: str):
    """(context to build and fit in, the device's name for people)."""
    from training._tf import tf

    if device == "cpu":
        return tf.device("/CPU:0"), "CPU"
    if device.startswith("gpu:"):
        index = int(device.split(":", 1)[1])
        gpus = tf.config.list_physical_devices("GPU")
        if index >= len(gpus):
            raise ConfigError("TensorFlow sees {count} GPU(s); there is no GPU {index}.",
                              count=len(gpus), index=index)
        return tf.device(f"/GPU:{index}"), f"GPU {index}"
    if device == "mirrored":
        # Every GPU; without GPUs, every logical CPU (how the tests exercise
        # this path on a machine with none). Keras 3's fit runs under it.
        gpus = tf.config.list_logical_devices("GPU")
        replicas = [d.name for d in (gpus or tf.config.list_logical_devices("CPU"))]
        strategy = tf.distribute.MirroredStrategy(replicas)
        kind = "GPU" if gpus else "CPU"
        return strategy.scope(), f"{strategy.num_replicas_in_sync} {kind} replicas (MirroredStrategy)"
    gpus = tf.config.list_physical_devices("GPU")
    return contextlib.nullcontext(), ("GPU 0" if gpus else "CPU")


# Batch normalization ---------------------------------------------------------

def _batch_norms(model) -> list:
    from training._tf import keras

    return [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]


def batch_norm_unsettled(model, steps: int) -> bool:
    """Whether, after ``steps`` training batches, a batch normalization layer's moving
    averages still weigh their starting values by more than SETTLED_WEIGHT."""
    return any(layer.momentum ** steps > SETTLED_WEIGHT for layer in _batch_norms(model))


def layer_chain(model) -> list | None:
    """The layers after the input when each takes the one before's output alone (every preset), else None."""
    layers = model.layers
    try:
        if type(layers[0]).__name__ != "InputLayer" or any(
                layer.input is not before.output for before, layer in zip(layers, layers[1:])):
            return None
    except (IndexError, AttributeError, ValueError):  # no layers, or a layer called more than once
        return None
    return layers[1:]


def _moments(values, axis: int) -> tuple[np.ndarray, np.ndarray]:
    # Sums in float64 over float32 values: a float64 copy of a first convolution's
    # output for 1,024 images took 180 MB more, for no figure that changes.
    values = np.moveaxis(np.asarray(values), axis, -1)
    values = values.reshape(-1, values.shape[-1])
    mean = values.sum(axis=0, dtype=np.float64) / len(values)
    mean_square = np.square(values).sum(axis=0, dtype=np.float64) / len(values)
    return mean, np.maximum(mean_square - np.square(mean), 0.0)


def _set_moments(layer, mean, variance) -> None:
    layer.moving_mean.assign(mean.astype(np.float32))
    layer.moving_variance.assign(variance.astype(np.float32))


def settle_batch_norm(model, images: np.ndarray, limit: int = 1024) -> None:
    """Set each batch normalization layer's testing statistics to its input's mean and
    variance over (up to ``limit`` of) ``images``, read as the model reads at test time.

    A short run (2 epochs of 3,000 MNIST images with ``cnn-bn``: 84 batches)
    leaves the moving averages at 43% of their starting values; the model then
    read 17% of the test set while it read 74% of its training images. Layers
    are settled in order, so that each one's input is what the settled layers
    before it produce: in one pass through a chain of layers, else one partial
    model per layer.
    """
    from training._tf import keras
    from training.reading.preprocess import model_batches

    norms = _batch_norms(model)
    if not norms or not len(images):
        return
    rng = np.random.default_rng(0)
    chosen = images[np.sort(rng.permutation(len(images))[:limit])]
    _, sample = next(model_batches(chosen, len(chosen)))  # as the model reads them: floats 0-1
    axis = {id(layer): layer.axis if isinstance(layer.axis, int) else layer.axis[0] for layer in norms}
    chain = layer_chain(model)
    if chain is not None:
        x = sample
        for layer in chain:
            if id(layer) in axis:
                _set_moments(layer, *_moments(x, axis[id(layer)]))
            x = layer(x, training=False)
        return
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    for layer in norms:
        probe = keras.Model(inputs, layer.input)
        _set_moments(layer, *_moments(probe(sample, training=False), axis[id(layer)]))


# Data -----------------------------------------------------------------------

def split_indices(n: int, validation_split: float, limit: int | None, seed: int | None):
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    if limit is not None:
        order = order[:limit]
    n_val = int(round(len(order) * validation_split))
    return np.sort(order[n_val:]), np.sort(order[:n_val])


def augment_batch(images, seed_stream=None):
    """Random stroke width, rotation, zoom and shift for a batch of (B, 28, 28) floats.

    Stroke width matters most for digits drawn with a mouse: MNIST's pen is
    thinner than most canvas pens, so each image is blended towards its
    dilation (thicker) or erosion (thinner) by a random amount. The affine part
    (rotation up to 12 degrees, zoom 0.9-1.1, shift up to 2 px) is one
    projective transform per image.
    """
    from training._tf import tf

    x = images[..., None]
    batch = tf.shape(x)[0]
    dilated = tf.nn.max_pool2d(x, 3, 1, "SAME")
    eroded = -tf.nn.max_pool2d(-x, 3, 1, "SAME")
    amount = tf.random.uniform((batch, 1, 1, 1), -0.5, 0.8)
    x = tf.where(amount >= 0, x + amount * (dilated - x), x - amount * (eroded - x))

    angle = tf.random.uniform((batch,), -12.0, 12.0) * (math.pi / 180.0)
    scale = tf.random.uniform((batch,), 0.9, 1.1)
    shift = tf.random.uniform((batch, 2), -2.0, 2.0)
    c = 13.5
    cos, sin = tf.cos(angle) / scale, tf.sin(angle) / scale
    # Maps each output pixel to the input pixel it samples from.
    a2 = c - cos * c + sin * c - shift[:, 0]
    b2 = c - sin * c - cos * c - shift[:, 1]
    zeros = tf.zeros_like(cos)
    transforms = tf.stack([cos, -sin, a2, sin, cos, b2, zeros, zeros], axis=1)
    x = tf.raw_ops.ImageProjectiveTransformV3(
        images=x, transforms=transforms, output_shape=tf.constant([28, 28]),
        fill_value=0.0, interpolation="BILINEAR", fill_mode="CONSTANT")
    return tf.clip_by_value(x[..., 0], 0.0, 1.0)


def _pipeline(x: np.ndarray, y: np.ndarray, batch_size: int, shuffle: bool,
              augment: bool, seed: int | None):
    from training._tf import tf

    ds = tf.data.Dataset.from_tensor_slices((x, y.astype(np.int32)))
    if shuffle:
        ds = ds.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    ds = ds.batch(batch_size)
    to_float = lambda xb, yb: (tf.cast(xb, tf.float32) / 255.0, yb)  # noqa: E731
    ds = ds.map(to_float, num_parallel_calls=tf.data.AUTOTUNE)
    if augment:
        ds = ds.map(lambda xb, yb: (augment_batch(xb), yb), num_parallel_calls=tf.data.AUTOTUNE)
    return ds.prefetch(tf.data.AUTOTUNE)


# Training -------------------------------------------------------------------

def _make_callback(keras, config, emit, should_stop, batches, samples, started_at, abandon=None, settle=None,
                   val_batches=0):
    class EventCallback(keras.callbacks.Callback):
        """Turns Keras' per-batch hooks into throttled events, stop and NaN checks."""

        def __init__(self):
            super().__init__()
            self.nan_at = None
            self.stopped = False
            self.history: list[EpochEnded] = []
            self._last_emit = 0.0
            self.steps_done = 0
            self._batches_done = 0
            self._recent = collections.deque(maxlen=min(CURVE_WINDOW_BATCHES, batches))  # (loss, correct, images)

        def on_epoch_begin(self, epoch, logs=None):
            self._epoch = epoch + 1
            self._batches_done = 0
            self._epoch_sums = (0.0, 0.0, 0)
            self._epoch_start = time.perf_counter()
            rate = config.learning_rate * config.lr_decay ** epoch
            self.model.optimizer.learning_rate.assign(rate)

        def on_train_batch_end(self, batch, logs=None):
            logs = logs or {}
            self.steps_done += 1
            self._batches_done = batch + 1
            loss = float(logs.get("loss", float("nan")))
            if not math.isfinite(loss):
                self.nan_at = (self._epoch, batch + 1)
                self.model.stop_training = True
                return
            # Keras' figures are means since the epoch began, weighted by images:
            # this batch's own sums are the difference from the previous ones.
            accuracy = float(logs.get("accuracy", float("nan")))
            seen = min((batch + 1) * config.batch_size, samples)
            sums = (loss * seen, accuracy * seen, seen)
            self._recent.append(tuple(total - before for total, before in zip(sums, self._epoch_sums)))
            self._epoch_sums = sums
            if abandon is not None and abandon():
                raise Abandoned()
            if should_stop is not None and should_stop():
                self.stopped = True
                self.model.stop_training = True
            now = time.perf_counter()
            # The batch a stop lands on is always reported: the curve ends where training did.
            if now - self._last_emit >= PROGRESS_INTERVAL_S or batch + 1 == batches or self.stopped:
                self._last_emit = now
                elapsed = now - started_at
                steps_total = batches * config.epochs
                per_step = elapsed / self.steps_done
                epoch_elapsed = now - self._epoch_start
                recent_loss, recent_correct, recent_images = np.sum(self._recent, axis=0)
                emit(Progress(
                    epoch=self._epoch, epochs=config.epochs, batch=batch + 1, batches=batches,
                    loss=float(recent_loss / recent_images), accuracy=float(recent_correct / recent_images),
                    samples_per_second=(batch + 1) * config.batch_size / max(epoch_elapsed, 1e-9),
                    eta_seconds=max(0.0, (steps_total - self.steps_done) * per_step)))

        def on_test_begin(self, logs=None):
            # Keras validates through evaluate(), which calls this first: the
            # validation curve is then about the model as it will be tested.
            if settle is not None:
                settle(self.steps_done)
            if self.stopped:  # the validation Keras runs after a stop: said, so that Stop is not met by silence
                emit(Measuring("validation", 0, val_batches, True))

        def on_test_batch_end(self, batch, logs=None):
            if abandon is not None and abandon():
                raise Abandoned()
            if self.stopped:
                now = time.perf_counter()
                if now - self._last_emit >= PROGRESS_INTERVAL_S or batch + 1 == val_batches:
                    self._last_emit = now
                    emit(Measuring("validation", batch + 1, val_batches, True))

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            if self.nan_at is not None:
                return
            val_loss = logs.get("val_loss")
            val_acc = logs.get("val_accuracy")
            event = EpochEnded(
                epoch=epoch + 1, epochs=config.epochs,
                loss=float(logs.get("loss", float("nan"))),
                accuracy=float(logs.get("accuracy", float("nan"))),
                val_loss=None if val_loss is None else float(val_loss),
                val_accuracy=None if val_acc is None else float(val_acc),
                seconds=time.perf_counter() - self._epoch_start,
                learning_rate=float(self.model.optimizer.learning_rate.numpy()),
                batches_done=self._batches_done, batches=batches)
            if math.isfinite(event.loss):
                self.history.append(event)
                emit(event)

    return EventCallback()


def train(config: TrainConfig, on_event: Callable[[Event], None] | None = None,
          should_stop: Callable[[], bool] | None = None,
          dataset: Dataset | None = None,
          skip_evaluation: Callable[[], bool] | None = None,
          measure: Callable[[object], dict] | None = None) -> TrainResult:
    """Train, evaluate on the test split, and return the result.

    The last event is always ``Finished`` or ``Failed``; a failure is also
    raised, as a :class:`DigitRecognizerError` whose message is for the user.
    ``skip_evaluation`` is for a caller that is shutting down and wants no
    delay: true during training, it ends training after the batch with
    :class:`Abandoned` (no event); true after it, the test evaluation is left out.
    """
    emit = on_event or (lambda event: None)
    try:
        result = _train(config, emit, should_stop, dataset, skip_evaluation, measure)
    except Abandoned:
        raise  # nobody is listening for a result or a failure
    except DigitRecognizerError as exc:
        emit(Failed(exc.message))
        raise
    except Exception as exc:
        message = _explain(exc, config)
        emit(Failed(message))
        raise TrainingError(message) from exc
    emit(Finished(result))
    return result


def _explain(exc: Exception, config: TrainConfig) -> str:
    from training._tf import tf

    if isinstance(exc, tf.errors.ResourceExhaustedError) or "out of memory" in str(exc).lower():
        return Message("The device ran out of memory with batch size {batch}; try a smaller batch size "
                       "(for example {smaller}).", batch=config.batch_size, smaller=max(1, config.batch_size // 4))
    first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return Message("Training failed: {error}: {detail}", error=type(exc).__name__, detail=first)


def _train(config: TrainConfig, emit, should_stop, dataset: Dataset | None, skip_evaluation,
           measure=None) -> TrainResult:
    config.validate()
    if dataset is None:
        dataset = load_dataset(config.dataset, config.data_path, pen_path=config.pen_data_path)

    from training._tf import keras
    from training.models.presets import make_optimizer
    from training.reading.predictor import Predictor

    if config.seed is not None:
        keras.utils.set_random_seed(config.seed)
    train_idx, val_idx = split_indices(len(dataset.x_train), config.validation_split,
                                       config.train_limit, config.seed)
    class_names = tuple(dataset.class_names)
    x_train, y_train = dataset.x_train[train_idx], dataset.y_train[train_idx]
    x_val, y_val = dataset.x_train[val_idx], dataset.y_train[val_idx]
    batches = math.ceil(len(x_train) / config.batch_size)

    scope, device_name = _device_scope(config.device)
    previous_policy = keras.mixed_precision.global_policy()
    started_at = time.perf_counter()
    try:
        if config.mixed_precision:
            keras.mixed_precision.set_global_policy("mixed_float16")
        with scope:
            if config.base_model:
                from training.models.modelfile import fine_tunable

                model = fine_tunable(config.base_model)
                # A base model with "not a digit" keeps its eleventh class when
                # fine-tuned on digits alone.
                outputs = int(model.outputs[0].shape[-1])
                if outputs > len(class_names):
                    from training.data.pen import NOT_A_DIGIT_NAME

                    class_names = (*class_names, NOT_A_DIGIT_NAME)[:outputs]
            else:
                model = get_preset(config.preset).build(len(dataset.class_names))
            model.compile(optimizer=make_optimizer(config.optimizer, config.learning_rate),
                          loss="sparse_categorical_crossentropy", metrics=["accuracy"])

            settled_at = []

            def settle(steps):
                # A fine-tuned model keeps its base model's statistics, measured on that model's own data.
                if not config.base_model and steps not in settled_at and batch_norm_unsettled(model, steps):
                    settle_batch_norm(model, x_train)
                    settled_at.append(steps)

            val_batch_size = max(config.batch_size, 512)
            callback = _make_callback(keras, config, emit, should_stop, batches, len(x_train), started_at,
                                      skip_evaluation, settle, math.ceil(len(x_val) / val_batch_size))
            emit(Started(epochs=config.epochs, batches_per_epoch=batches,
                         train_samples=len(x_train), validation_samples=len(x_val),
                         device=device_name, config=config))
            train_ds = _pipeline(x_train, y_train, config.batch_size, True, config.augment, config.seed)
            val_ds = (_pipeline(x_val, y_val, val_batch_size, False, False, None)
                      if len(x_val) else None)
            augmented_epochs = config.epochs - config.clean_epochs
            model.fit(train_ds, validation_data=val_ds, epochs=augmented_epochs,
                      callbacks=[callback], shuffle=False, verbose=0)  # the pipeline shuffles
            if augmented_epochs < config.epochs and not (callback.stopped or callback.nan_at):
                clean_ds = _pipeline(x_train, y_train, config.batch_size, True, False, config.seed)
                model.fit(clean_ds, validation_data=val_ds, initial_epoch=augmented_epochs, epochs=config.epochs,
                          callbacks=[callback], shuffle=False, verbose=0)
            if callback.nan_at is None and not (skip_evaluation is not None and skip_evaluation()):
                settle(callback.steps_done)
    finally:
        keras.mixed_precision.set_global_policy(previous_policy)

    if callback.nan_at is not None:
        epoch, batch = callback.nan_at
        raise TrainingError(
            "The loss became NaN at epoch {epoch}, batch {batch}: the learning rate {learning_rate} is probably too high for {optimizer}; try {value}.",
            epoch=epoch, batch=batch, learning_rate=f"{config.learning_rate:g}", optimizer=config.optimizer, value=f"{config.learning_rate / 10:g}")

    x_test, y_test = dataset.x_test, dataset.y_test
    if config.test_limit is not None:
        x_test, y_test = x_test[:config.test_limit], y_test[:config.test_limit]
    skip = skip_evaluation is not None and skip_evaluation()
    evaluation = None if skip else _evaluate_in_steps(Predictor(model), x_test, y_test, emit, callback.stopped,
                                                      skip_evaluation)
    measures = {}
    if measure is not None and not skip:
        emit(Measuring("measures", 0, 1, callback.stopped))
        measures = measure(model)
    return TrainResult(model=model, config=config, history=callback.history,
                       stopped=callback.stopped, evaluation=evaluation,
                       seconds=time.perf_counter() - started_at, device=device_name,
                       class_names=class_names, x_test=x_test, y_test=y_test, measures=measures)



def _evaluate_in_steps(predictor, x_test, y_test, emit, stopped: bool, abandon):
    """The test evaluation in steps of TEST_CHUNK images, each reported, so that its seconds show progress;
    a caller going away (``abandon``) ends it between steps."""
    from training.learning.evaluate import evaluate_probabilities

    parts = []
    emit(Measuring("test", 0, len(x_test), stopped))
    for start in range(0, len(x_test), TEST_CHUNK):
        if abandon is not None and abandon():
            raise Abandoned()
        parts.append(predictor.predict_batch(x_test[start:start + TEST_CHUNK]))
        emit(Measuring("test", min(start + TEST_CHUNK, len(x_test)), len(x_test), stopped))
    probabilities = np.concatenate(parts) if parts else np.zeros((0, predictor.classes), np.float32)
    return evaluate_probabilities(probabilities, y_test)


# Studies ---------------------------------------------------------------------------

# Rates each optimizer is usually run at on these networks (the tutorials' values).
STUDY_RATES = {"sgd": 0.05, "momentum": 0.01, "nesterov": 0.01, "rmsprop": 1e-3, "adam": 1e-3}
STUDY_EPOCHS = 3
STUDY_IMAGES = 6000
SWEEP_FACTORS = (0.1, 0.3, 1.0, 3.0, 10.0)


def study_configs(base: TrainConfig, kind: str) -> list[TrainConfig]:
    """The runs of a study of ``base``: "optimizers" (the five, each at its usual rate) or "rates"
    (``base``'s optimizer at five rates around its own). A few epochs on a subset, so that the
    whole study takes minutes."""
    from dataclasses import replace

    quick = replace(base, epochs=min(base.epochs, STUDY_EPOCHS),
                    train_limit=min(base.train_limit or STUDY_IMAGES, STUDY_IMAGES))
    if kind == "optimizers":
        return [replace(quick, optimizer=name, learning_rate=rate) for name, rate in STUDY_RATES.items()]
    if kind == "rates":
        return [replace(quick, learning_rate=float(f"{base.learning_rate * f:.3g}")) for f in SWEEP_FACTORS]
    raise ConfigError("Unknown study {kind}; choose optimizers or rates.", kind=f"{kind!r}")


def run_study(configs: list[TrainConfig], on_event=None, should_stop=None, dataset: Dataset | None = None,
              skip_evaluation=None, measure=None) -> list[TrainResult]:
    """Train ``configs`` one after another (one dataset load); a stop ends the run in progress and the study."""
    if dataset is None and configs:
        first = configs[0]
        dataset = load_dataset(first.dataset, first.data_path, pen_path=first.pen_data_path)
    results = []
    for config in configs:
        if should_stop is not None and should_stop():
            break
        try:
            results.append(train(config, on_event, should_stop, dataset, skip_evaluation=skip_evaluation,
                                 measure=measure))
        except TrainingError:
            continue  # reported as Failed (a sweep's highest rate may diverge): the study goes on
    return results
