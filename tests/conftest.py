"""Shared fixtures: the real MNIST file and a real model trained once per session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # for the stroke generators, tests/strokes.py and tests/penwriting.py

from penwriting import pen_file  # noqa: E402


def mnist_file() -> Path:
    default = ROOT.parent / "shared" / "data" / "mnist.npz"
    return Path(os.environ.get("DIGIT_RECOGNIZER_MNIST", default))


@pytest.fixture(scope="session")
def mnist_path() -> Path:
    path = mnist_file()
    if not path.is_file():
        message = (f"MNIST not found at {path}; set DIGIT_RECOGNIZER_MNIST "
                   f"to a Keras-layout mnist.npz")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def pen_path() -> Path:
    """The UNIPEN pen data (../shared/data/unipen): required in CI, like MNIST."""
    path = pen_file()
    if not path.is_file():
        message = f"UNIPEN pen data not found at {path}; set DIGIT_RECOGNIZER_UNIPEN to unipen-dev.npz"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def pen(pen_path):
    from training.data.pen import load_pen

    return load_pen(pen_path)


@pytest.fixture(scope="session")
def mnist(mnist_path):
    from training.data.datasets import load_dataset

    return load_dataset("mnist", mnist_path)


@pytest.fixture(scope="session")
def trained(mnist):
    """An MLP trained for one epoch on 12,000 MNIST images: a real, quick model."""
    from training.learning.trainer import TrainConfig, train

    config = TrainConfig.for_preset("mlp-512", optimizer="adam", learning_rate=1e-3,
                                    epochs=1, batch_size=32, train_limit=12000, test_limit=2000)
    return train(config, dataset=mnist)


@pytest.fixture(scope="session")
def model_file(trained, tmp_path_factory) -> Path:
    from training.models.modelfile import save_model

    path = tmp_path_factory.mktemp("models") / "mlp.keras"
    save_model(trained.model, path, trained.sidecar())
    return path


@pytest.fixture(scope="session")
def predictor(model_file):
    from training.models.opening import keras_predictor

    return keras_predictor(model_file)
