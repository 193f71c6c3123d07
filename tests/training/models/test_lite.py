"""The light runtime: LiteRT twins written with every model, read without TensorFlow, same answers."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from training.files import file_sha256
from training.models.modelfile import read_info, save_model, sidecar_path, twin_path
from training.models.opening import keras_predictor, open_predictor
from training.models.twin import cached_twin_path, write_twin
from training.reading.lite import LitePredictor

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DIGIT_RECOGNIZER_RUNTIME", raising=False)


def agreement(path, images):
    """(light predictor, max |difference|, answers identical) against the Keras path, same file."""

    light = open_predictor(path)
    assert isinstance(light, LitePredictor)
    heavy = keras_predictor(path)
    a, b = light.predict_batch(images), heavy.predict_batch(images)
    return light, float(np.abs(a - b).max()), bool(np.array_equal(a.argmax(1), b.argmax(1)))


def test_the_shipped_model_ships_its_twin_and_agrees_on_all_of_mnist_test(mnist):
    from training.models.library import shipped_model_path

    path = shipped_model_path()
    info = read_info(path)
    assert info["lite_runtime"] == "litert" and info["lite_sha256"] == file_sha256(twin_path(path))
    light, diff, same = agreement(path, mnist.x_test)
    assert light.path == twin_path(path)  # the shipped twin, not an export
    assert same and diff <= 1e-4, diff


def test_a_freshly_trained_model_is_saved_with_its_twin_and_agrees(model_file, mnist):
    info = read_info(model_file)
    assert twin_path(model_file).is_file() and info["lite_sha256"] == file_sha256(twin_path(model_file))
    light, diff, same = agreement(model_file, mnist.x_test)
    assert same and diff <= 1e-4, diff
    one = light.predict(mnist.x_test[0] / 255.0)
    assert one.shape == (10,) and abs(float(one.sum()) - 1) < 1e-4


def test_batches_of_every_size_match_one_by_one(model_file, mnist):
    light = open_predictor(model_file)
    images = mnist.x_test[:37]
    batch = light.predict_batch(images, batch_size=16)  # chunks of 16, 16 and 5 (padded to 8)
    singles = np.stack([light.predict(x / 255.0) for x in images])
    assert np.abs(batch - singles).max() <= 1e-5
    assert light.predict_batch(images[:0]).shape == (0, 10)


def test_a_model_without_a_twin_is_exported_once_into_the_cache(trained, tmp_path, mnist, caplog):
    path = tmp_path / "old.keras"
    save_model(trained.model, path, trained.sidecar())
    twin_path(path).unlink()  # as saved before twins existed
    info = json.loads(sidecar_path(path).read_text())
    del info["lite_sha256"]
    sidecar_path(path).write_text(json.dumps(info))
    with caplog.at_level(logging.INFO, logger="digit_recognizer"):
        light = open_predictor(path)
    cached = cached_twin_path(file_sha256(path))
    assert isinstance(light, LitePredictor) and light.path == cached and cached.is_file()
    assert "no light-runtime twin" in caplog.text
    assert not twin_path(path).exists()  # the user's folder is not written to
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="digit_recognizer"):
        again = open_predictor(path)
    assert again.path == cached and "exporting" not in caplog.text


def test_a_damaged_twin_is_not_trusted(model_file, tmp_path, mnist):
    import shutil

    for name in ("m.keras", "m.json", "m.tflite"):
        shutil.copy(model_file.with_name("mlp" + Path(name).suffix), tmp_path / name)
    path = tmp_path / "m.keras"
    twin_path(path).write_bytes(twin_path(path).read_bytes()[:5000])  # truncated
    light = open_predictor(path)
    assert isinstance(light, LitePredictor) and light.path != twin_path(path)  # a fresh export instead
    expected = open_predictor(model_file).predict_batch(mnist.x_test[:200])
    assert np.array_equal(light.predict_batch(mnist.x_test[:200]).argmax(1), expected.argmax(1))


def test_a_hostile_twin_that_the_sidecar_vouches_for_is_checked_and_not_used(model_file, tmp_path, caplog):
    import shutil

    path = tmp_path / "m.keras"
    shutil.copy(model_file, path)
    twin_path(path).write_bytes(b"TFL3" + os.urandom(4000))
    info = json.loads(sidecar_path(model_file).read_text())
    info["lite_sha256"] = file_sha256(twin_path(path))
    sidecar_path(path).write_text(json.dumps(info))
    with caplog.at_level(logging.WARNING, logger="digit_recognizer"):
        predictor = open_predictor(path)
    # Checked against the model once (it cannot even run), then replaced by a checked export of its own.
    assert "does not answer as" in caplog.text
    assert predictor.path == cached_twin_path(file_sha256(path))


def test_runtime_can_be_forced_to_keras(model_file, monkeypatch):
    monkeypatch.setenv("DIGIT_RECOGNIZER_RUNTIME", "keras")
    assert open_predictor(model_file).runtime == "keras"


def test_a_refused_model_keeps_its_sentence(tmp_path):
    from training.errors import ModelFileError

    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ModelFileError, match="Keras model file"):
        open_predictor(bad)


def test_write_twin_gives_an_older_model_its_twin(trained, tmp_path):
    path = tmp_path / "older.keras"
    save_model(trained.model, path, trained.sidecar())
    twin_path(path).unlink()
    info = write_twin(path)
    assert info["lite_sha256"] == file_sha256(twin_path(path)) == read_info(path)["lite_sha256"]
    assert open_predictor(path).path == twin_path(path)


def test_library_delete_removes_the_twin(trained, tmp_path):
    from training.models.library import ModelLibrary

    library = ModelLibrary(tmp_path / "lib")
    path = library.save(trained.model, "mine", trained.sidecar())
    assert twin_path(path).is_file()
    library.delete(path)
    assert not any((tmp_path / "lib").iterdir())


def test_recognition_on_the_command_line_never_imports_tensorflow(tmp_path):
    """predict and the reading path run on the light runtime alone (a fresh interpreter)."""
    from training.models.library import shipped_model_path

    image = ROOT / "resources" / "samples"
    sample = next(p for p in sorted(image.iterdir()) if p.suffix == ".png")
    code = ("import sys, contextlib, io; from training.cli import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out): rc = main(['predict', '--json', sys.argv[1]])\n"
            "print(rc, 'tensorflow' in sys.modules, out.getvalue().strip())")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    rc, imported, answer = done.stdout.strip().split(" ", 2)
    assert (rc, imported) == ("0", "False"), done.stdout + done.stderr
    assert json.loads(answer)["number"] is not None
    assert shipped_model_path().is_file()
