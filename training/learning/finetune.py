"""Fine-tune a model on the user's own samples, mixed with MNIST so that MNIST stays.

The personal samples are split once into training and held-out parts
(stratified, by a seed); the held-out ones are read by the model before and
after, so the gain is measured on drawings the fine-tuning never saw. The
training set is a random slice of MNIST plus the personal training samples
repeated until they are about a quarter of it, with augmentation, at a low
learning rate for a few epochs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from training.data.arrays import Dataset
from training.errors import ConfigError
from training.learning.evaluate import Evaluation, evaluate_probabilities
from training.learning.trainer import TrainConfig, TrainResult, train
from training.messages import Message

PERSONAL_SHARE = 0.25
REJECT_SHARE = 0.1  # generated scribbles, for a base model with "not a digit"


@dataclass
class FineTuneResult:
    train: TrainResult
    held_out_before: Evaluation | None  # on the held-out personal samples
    held_out_after: Evaluation | None
    held_out_count: int

    def summary(self) -> str:
        if self.held_out_before is not None and self.held_out_after is not None:
            held_out = Message("your held-out samples: {before} before, {after} after ({count} drawings)",
                               before=f"{self.held_out_before.accuracy:.1%}",
                               after=f"{self.held_out_after.accuracy:.1%}", count=self.held_out_count)
        else:
            held_out = Message("none of your samples could be kept back to measure the gain (save at least "
                               "two drawings of a digit)")
        if self.train.test_accuracy is None:
            return held_out
        return Message("{held_out}; MNIST test accuracy after: {accuracy}", held_out=held_out,
                       accuracy=f"{self.train.test_accuracy:.2%}")


def split_samples(y: np.ndarray, held_out: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Stratified: each digit with at least 2 samples gives some to the held-out part."""
    rng = np.random.default_rng(seed)
    train_idx, test_idx = [], []
    for digit in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == digit))
        # At least one of each digit drawn twice or more: with a dozen samples,
        # rounding alone kept none back, and the gain could not be measured.
        n_test = max(1, int(round(len(idx) * held_out))) if len(idx) >= 2 else 0
        test_idx += idx[:n_test].tolist()
        train_idx += idx[n_test:].tolist()
    return np.array(sorted(train_idx), int), np.array(sorted(test_idx), int)


def with_samples(mnist: Dataset, samples_x: np.ndarray, samples_y: np.ndarray, share: float,
                 mnist_images: int | None = None, seed: int = 0) -> Dataset:
    """MNIST (or a random slice of it) plus the samples, repeated to about ``share`` of the mix."""
    rng = np.random.default_rng(seed)
    idx = rng.permutation(len(mnist.x_train))[:mnist_images] if mnist_images else np.arange(len(mnist.x_train))
    repeats = max(1, int(round(share * len(idx) / max(1, len(samples_y)))))
    x = np.concatenate([mnist.x_train[idx], np.repeat(samples_x, repeats, axis=0)])
    y = np.concatenate([mnist.y_train[idx], np.repeat(samples_y, repeats)])
    return Dataset(name="mnist+samples", x_train=x, y_train=y, x_test=mnist.x_test, y_test=mnist.y_test,
                   class_names=mnist.class_names,
                   source=f"{mnist.source} + {len(samples_y)} personal samples x{repeats}")


def default_config() -> TrainConfig:
    """A low rate for a few epochs: enough to learn a hand, too little to forget MNIST."""
    return TrainConfig(optimizer="adam", learning_rate=3e-4, epochs=3, batch_size=64,
                       augment=True, validation_split=0.1)


def fine_tune_config(base_model: str, config: TrainConfig | None = None) -> TrainConfig:
    """The settings a fine-tune of ``base_model`` runs with, as its run record and its sidecar keep
    them: the base model's own network (from its sidecar, when it names a preset; else the file's name:
    a model of one's own) and "MNIST + my samples" (a fine-tuned MLP was once recorded as the default
    preset's network, on MNIST)."""
    from pathlib import Path

    from training.errors import ModelFileError
    from training.models.modelfile import read_info
    from training.models.presets import PRESETS

    config = config or default_config()
    try:
        preset = read_info(base_model).get("preset")
    except ModelFileError:  # fine_tune says so when it runs
        preset = None
    return replace(config, base_model=str(base_model), dataset="mnist+samples", train_limit=None,
                   preset=preset if preset in PRESETS else Path(base_model).stem)


def fine_tune(base_model: str, samples_x: np.ndarray, samples_y: np.ndarray, mnist: Dataset,
              config: TrainConfig | None = None, held_out: float = 0.25, mnist_images: int = 6000,
              on_event=None, should_stop=None, skip_evaluation=None) -> FineTuneResult:
    from training.models.modelfile import load_model, read_info
    from training.reading.predictor import Predictor

    if len(samples_y) < 10:
        raise ConfigError("Fine-tuning needs at least 10 saved samples; you have {count}.", count=len(samples_y))
    config = fine_tune_config(base_model, config)
    seed = config.seed or 0
    train_idx, test_idx = split_samples(samples_y, held_out, seed)
    x_mine, y_mine = samples_x[train_idx], samples_y[train_idx]
    x_held, y_held = samples_x[test_idx], samples_y[test_idx]

    mixed = with_samples(mnist, x_mine, y_mine, PERSONAL_SHARE, mnist_images, seed)
    if len(read_info(base_model).get("class_names") or []) > 10:
        # A model that can say "not a digit" keeps seeing examples of it, or a
        # few epochs of digits alone would teach it to forget the class.
        from training.data.pen import NOT_A_DIGIT, scribble_images

        x_no = scribble_images(int(len(mixed.y_train) * REJECT_SHARE), np.random.default_rng(seed))
        mixed = replace(mixed, x_train=np.concatenate([mixed.x_train, x_no]),
                        y_train=np.concatenate([mixed.y_train, np.full(len(x_no), NOT_A_DIGIT, np.uint8)]))

    before = None
    if len(y_held):
        base = Predictor(load_model(base_model).model)
        before = evaluate_probabilities(base.predict_batch(x_held), y_held)
    result = train(config, on_event, should_stop, mixed, skip_evaluation=skip_evaluation)
    after = None
    if len(y_held):
        after = evaluate_probabilities(Predictor(result.model).predict_batch(x_held), y_held)
    return FineTuneResult(result, before, after, len(y_held))
