"""Shared fixtures: the real MNIST file and a real model trained once per session."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# The user's own folders, as they were before this run moved them aside (tests/test_user_folders.py looks at them).
USER_HOME = Path(os.environ.get("HOME") or Path.home())
USER_FOLDER_VARIABLES = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "KERAS_HOME")


def _private_user_folders() -> Path:
    """Point every per-user folder at one temporary tree, for this whole test session.

    Set here, when pytest reads this file, and not in a fixture: Keras reads
    KERAS_HOME when it is imported, which collecting a test module may do.
    Environment variables (not QStandardPaths' test mode) because they reach
    the Qt-free training/ code and the command-line subprocesses too; test mode
    would also split the app's data folder from the one training/paths.py names.
    One folder for the session: the pen images rendered by one test stay
    cached for the next ones, as in a user's cache.
    """
    root = Path(tempfile.mkdtemp(prefix="digit-recognizer-tests-"))
    home = root / "home"
    folders = {"HOME": home, "XDG_DATA_HOME": home / ".local" / "share", "XDG_CONFIG_HOME": home / ".config",
               "XDG_CACHE_HOME": home / ".cache", "KERAS_HOME": home / ".keras"}
    for variable, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(folder)
    return root


PRIVATE_ROOT = _private_user_folders()

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # for the stroke generators, tests/strokes.py and tests/penwriting.py

from penwriting import pen_file, pendigits_file  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def private_user_folders():
    """Every test's data, config, cache and Keras folders: a temporary tree, removed at the end.

    The variables are set when this file is read (see above); this fixture
    hands the tree to a test that asks, and takes it away after the run.
    """
    yield {variable: Path(os.environ[variable]) for variable in USER_FOLDER_VARIABLES}
    shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)


def mnist_file() -> Path:
    default = ROOT.parent / "shared" / "data" / "mnist.npz"
    return Path(os.environ.get("DIGIT_RECOGNIZER_MNIST", default))


def required_file(path: Path, message: str) -> Path:
    """``path`` when it is a file; else the test fails in CI (a missing data file is never a pass there)
    and is skipped elsewhere, with ``message``."""
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def mnist_path() -> Path:
    path = mnist_file()
    return required_file(path, f"MNIST not found at {path}; set DIGIT_RECOGNIZER_MNIST to a Keras-layout mnist.npz")


@pytest.fixture(scope="session")
def pen_path() -> Path:
    """The UNIPEN pen data (../shared/data/unipen): required in CI, like MNIST."""
    path = pen_file()
    return required_file(path, f"UNIPEN pen data not found at {path}; set DIGIT_RECOGNIZER_UNIPEN to unipen-dev.npz")


@pytest.fixture(scope="session")
def pendigits_path() -> Path:
    """The UCI pendigits training writers (../shared/data/pendigits): required in CI, like MNIST."""
    path = pendigits_file()
    return required_file(path, f"pendigits pen data not found at {path}; set DIGIT_RECOGNIZER_PENDIGITS "
                               f"to pendigits-train.npz")


@pytest.fixture(scope="session")
def pendigits(pendigits_path):
    from training.data.pen import load_pen

    return load_pen(pendigits_path)


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
