"""A twin is its model's: tied to the model's sha256 and checked against Keras once (issue 32, item 6)."""

import json
import logging
import shutil

import numpy as np
import pytest

from training.files import file_sha256
from training.models.export import checked_record
from training.models.modelfile import save_model, sidecar_path, twin_path
from training.models.opening import open_predictor
from training.models.twin import cached_twin_path
from training.reading.lite import LitePredictor


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DIGIT_RECOGNIZER_RUNTIME", raising=False)


def random_model(seed):
    from training._tf import keras

    keras.utils.set_random_seed(seed)
    return keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),
                             keras.layers.Dense(10, activation="softmax")])


def agreement(predictor, model, images):
    from training.reading.predictor import Predictor

    return float(np.mean(predictor.predict_batch(images).argmax(1) == Predictor(model).predict_batch(images).argmax(1)))


def test_a_sidecar_without_sha256_vouches_for_no_twin(tmp_path, mnist):
    """A random model beside the shipped twin, with a sidecar naming that twin's hash and not its own."""
    from training.models.library import shipped_model_path

    shipped = shipped_model_path()
    path = tmp_path / "random.keras"
    model = random_model(1)
    model.save(path)
    shutil.copy(twin_path(shipped), twin_path(path))
    sidecar_path(path).write_text(json.dumps({"lite_sha256": file_sha256(twin_path(shipped)), "lite_runtime": "litert"}))
    predictor = open_predictor(path)
    assert predictor.path != twin_path(path)
    images = mnist.x_test[:300]
    assert agreement(predictor, model, images) == 1.0  # the random model's answers, not the shipped one's


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, "shipped"])
def test_a_cache_twin_not_checked_is_replaced_and_then_trusted(tmp_path, mnist, content, caplog):
    from training.models.library import shipped_model_path

    path = tmp_path / "mine.keras"
    model = random_model(2)
    model.save(path)
    cached = cached_twin_path(file_sha256(path))
    cached.parent.mkdir(parents=True)
    cached.write_bytes(twin_path(shipped_model_path()).read_bytes() if content == "shipped" else content)
    predictor = open_predictor(path)
    assert isinstance(predictor, LitePredictor) and predictor.path == cached
    assert agreement(predictor, model, mnist.x_test[:300]) == 1.0
    assert checked_record(file_sha256(path), file_sha256(cached)).exists()
    # Next start: the checked file is used as it is, with no export and no TensorFlow load.
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="digit_recognizer"):
        again = open_predictor(path)
    assert again.path == cached and "exporting" not in caplog.text


def test_a_saved_twin_is_checked_once_when_first_trusted(tmp_path, mnist):
    """A model and twin saved elsewhere (another cache): checked against Keras here once, then noted."""
    from training.models.export import agrees_with_model

    path = tmp_path / "moved.keras"
    model = random_model(3)
    save_model(model, path)
    info = json.loads(sidecar_path(path).read_text())
    record = checked_record(info["sha256"], info["lite_sha256"])
    assert record.exists()  # checked when made
    record.unlink()
    predictor = open_predictor(path)
    assert predictor.path == twin_path(path) and record.exists()
    assert agrees_with_model(model, twin_path(path).read_bytes())
    # A twin of another model, vouched for by a sidecar with the right hashes, is found out and not used.
    other = tmp_path / "other.keras"
    save_model(random_model(4), other)
    shutil.copy(twin_path(other), twin_path(path))
    info["lite_sha256"] = file_sha256(twin_path(path))
    sidecar_path(path).write_text(json.dumps(info))
    predictor = open_predictor(path)
    assert predictor.path != twin_path(path)
    assert agreement(predictor, model, mnist.x_test[:300]) == 1.0
