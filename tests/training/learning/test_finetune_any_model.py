"""Every model Open model accepts can be fine-tuned and saved, and a killed save loses nothing (issue 32, item 8).

The base models are written here as Keras' tutorials write them: a keras.Sequential saved with
``model.save``, no sidecar; the save used to fail with "Unrecognized keyword arguments passed to
Model: {'layers': ...}" after the whole fine-tune, and a 784-input model failed in Sequential.call().
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DIGIT_RECOGNIZER_RUNTIME", raising=False)


def tutorial_model(kind):
    from training._tf import keras

    keras.utils.set_random_seed(0)
    layers = keras.layers
    if kind == "logits":  # TensorFlow's beginner tutorial: Dense(10) and from_logits=True
        stack = [keras.Input((28, 28)), layers.Flatten(), layers.Dense(32, activation="relu"), layers.Dense(10)]
    elif kind == "softmax":  # the same with its softmax: the Sequential itself is trained and saved
        stack = [keras.Input((28, 28)), layers.Flatten(), layers.Dense(32, activation="relu"),
                 layers.Dense(10, activation="softmax")]
    elif kind == "784":
        stack = [keras.Input((784,)), layers.Dense(32, activation="relu"), layers.Dense(10, activation="softmax")]
    elif kind == "channels-rescaling":
        stack = [keras.Input((28, 28, 1)), layers.Rescaling(1 / 255), layers.Flatten(),
                 layers.Dense(32, activation="relu"), layers.Dense(10, activation="softmax")]
    else:  # sigmoid
        stack = [keras.Input((28, 28)), layers.Flatten(), layers.Dense(32, activation="relu"),
                 layers.Dense(10, activation="sigmoid")]
    model = keras.Sequential(stack)
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=kind == "logits"))
    return model


def quick_fine_tune(base, mnist):
    from training.learning.finetune import default_config, fine_tune

    samples_x, samples_y = mnist.x_test[:40], mnist.y_test[:40]
    config = replace(default_config(), epochs=1, augment=False, validation_split=0.0, learning_rate=2e-3,
                     test_limit=500)
    return fine_tune(str(base), samples_x, samples_y, mnist, config=config, mnist_images=3000)


@pytest.mark.parametrize("kind", ["logits", "softmax", "784", "channels-rescaling", "sigmoid"])
def test_a_tutorial_sequential_model_is_fine_tuned_and_saved(tmp_path, mnist, kind):
    from training.files import file_sha256
    from training.models.library import ModelLibrary
    from training.models.modelfile import read_info, twin_path
    from training.models.opening import open_predictor

    base = tmp_path / f"{kind}.keras"
    tutorial_model(kind).save(base)
    result = quick_fine_tune(base, mnist)
    library = ModelLibrary(tmp_path / "library")
    path = library.save(result.train.model, f"tuned {kind}", result.train.sidecar())
    info = read_info(path)
    assert info["sha256"] == file_sha256(path) and info["lite_sha256"] == file_sha256(twin_path(path))
    predictor = open_predictor(path)
    assert predictor.runtime == "litert" and predictor.path == twin_path(path)
    images, labels = mnist.x_test[1000:1300], mnist.y_test[1000:1300]
    answers = predictor.predict_batch(images)
    assert np.allclose(answers.sum(1), 1.0, atol=1e-3)
    assert (answers.argmax(1) == labels).mean() > 0.6  # it learned: chance is 0.1


def test_the_gui_shows_one_line_for_a_keras_error_not_the_configuration_dump():
    from app.i18n import message

    dump = "Unrecognized keyword arguments passed to Model: {'layers': [" + "{'module': 'keras.layers'}, " * 400 + "]}"
    shown = message(ValueError(dump + "\nmore lines"))
    assert len(shown) <= 300 and "\n" not in shown and shown.startswith("Unrecognized keyword arguments")


CHILD = r"""
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
folder, new_model, die_at = Path(sys.argv[2]), sys.argv[3], sys.argv[4]
from training.models.library import ModelLibrary
from training.models.modelfile import load_model

model = load_model(new_model).model
renames = [0]

def hook(event, args):
    # Killed just before a chosen rename: "commit" is the note that makes the save final; 1, 2, 3 are
    # the twin, the sidecar and the model moving into the library.
    if event != "os.rename":
        return
    target = Path(os.fsdecode(args[1]))
    if die_at == "commit" and target.name == "commit.json":
        os.kill(os.getpid(), signal.SIGKILL)
    if target.parent == folder:
        renames[0] += 1
        if die_at == str(renames[0]):
            os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(hook)
print("saving", flush=True)
ModelLibrary(folder).save(model, "mine", {"note": "new"}, overwrite=True)
print("saved", flush=True)
"""


def test_kill_9_during_a_fine_tuned_models_save_leaves_the_old_model_or_the_new_one_whole(tmp_path, mnist):
    from training.files import file_sha256
    from training.models.library import ModelLibrary
    from training.models.modelfile import load_model, read_info, twin_path
    from training.models.opening import open_predictor
    from training.reading.predictor import Predictor

    base = tmp_path / "tutorial.keras"
    tutorial_model("logits").save(base)
    tuned = quick_fine_tune(base, mnist).train.model
    new_file = tmp_path / "tuned.keras"
    tuned.save(new_file)
    folder = tmp_path / "library"
    old_model = load_model(base).model
    images = mnist.x_test[:100]
    expected = {"old": Predictor(old_model).predict_batch(images).argmax(1),
                "new": Predictor(tuned).predict_batch(images).argmax(1)}
    assert (expected["old"] != expected["new"]).mean() > 0.3  # the two can be told apart by their answers
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    outcomes = []
    for die_at in ["commit", "1", "2", "3", 0.3, 0.6, 0.9, 1.2]:
        ModelLibrary(folder).save(old_model, "mine", {"note": "old"}, overwrite=True)
        child = subprocess.Popen([sys.executable, str(script), str(ROOT), str(folder), str(new_file),
                                  str(die_at)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
        assert child.stdout.readline().strip() == "saving"
        if isinstance(die_at, float):  # a kill -9 from outside, at some moment of the save
            time.sleep(die_at)
            child.send_signal(signal.SIGKILL)
        finished = child.stdout.read().strip() == "saved"
        child.wait(timeout=120)
        # The app opens the library: a save killed after its commit point is finished, one before is dropped.
        library = ModelLibrary(folder)
        assert not [p for p in folder.iterdir() if p.name.startswith(".")], list(folder.iterdir())
        [entry] = library.entries()
        info = read_info(entry.path)
        assert "problem" not in entry.info, entry.info
        assert info["sha256"] == file_sha256(entry.path)
        assert info["lite_sha256"] == file_sha256(twin_path(entry.path))
        which = info["note"]
        answers = open_predictor(entry.path).predict_batch(images).argmax(1)
        assert (answers == expected[which]).mean() >= 0.99, (die_at, which)
        outcomes.append((die_at, which, finished))
    by_point = {str(d): w for d, w, _ in outcomes}
    assert by_point["commit"] == "old" and by_point["1"] == by_point["2"] == by_point["3"] == "new"
    print("\nkill -9 during save:", ", ".join(f"{d}: {w}{' (finished)' if f else ''}" for d, w, f in outcomes))
