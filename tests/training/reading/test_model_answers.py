"""Every answer a model gives is checked (issue 32, item 7).

The models are tiny Keras models built here, with weights chosen so that
they behave on the app's probes (black, grey, white, a bar, a ring) and
misbehave on ink at one pixel none of the probes touch.
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
TRIGGER = (12, 17)  # a pixel no probe's stroke inks (inside the ring, beside the bar)
BALANCE = (22, 4)  # another: its opposite weight cancels TRIGGER's on the grey and white probes


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DIGIT_RECOGNIZER_RUNTIME", raising=False)


def dense_model(weights, bias, activation, softmax_after=False):
    from training._tf import keras

    layers = [keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10, activation=activation)]
    if softmax_after:
        layers.append(keras.layers.Softmax())
    model = keras.Sequential(layers)
    model.layers[1].set_weights([weights.astype(np.float32), bias.astype(np.float32)])
    return model


def trigger_weights(value, column=None):
    w = np.zeros((784, 10), np.float32)
    columns = column if column is not None else slice(None)
    w[TRIGGER[0] * 28 + TRIGGER[1], columns] = value
    w[BALANCE[0] * 28 + BALANCE[1], columns] = -value
    return w


def nan_on_ink_model():
    """Uniform on every probe; exp(1000) = inf, and softmax of inf = NaN, on ink at TRIGGER."""
    return dense_model(trigger_weights(1000.0), np.zeros(10), "exponential", softmax_after=True)


def sums_to_one_on_probes_only_model():
    """0.1 for each digit on the probes (sums to 1); 0.6 for a 3 on ink at TRIGGER (sums to 1.5)."""
    return dense_model(trigger_weights(0.5, column=3), np.full(10, 0.1), "relu")


def ink_at_trigger():
    image = np.zeros((28, 28), np.float32)
    image[TRIGGER[0] - 1:TRIGGER[0] + 2, TRIGGER[1] - 1:TRIGGER[1] + 2] = 1.0
    return image


def saved(model, path):
    model.save(path)  # as a user's own Keras code saves it: no sidecar
    return path


@pytest.mark.parametrize("make, words", [(nan_on_ink_model, "NaN or infinity"),
                                         (sums_to_one_on_probes_only_model, "add up to 1.50")])
def test_an_answer_that_is_not_probabilities_is_refused_by_both_runtimes(tmp_path, make, words):
    from training.errors import ModelFileError
    from training.models.opening import keras_predictor, open_predictor
    from training.reading.lite import LitePredictor

    path = saved(make(), tmp_path / "odd.keras")
    for predictor in (keras_predictor(path), open_predictor(path)):
        assert predictor.predict(np.zeros((28, 28), np.float32)).sum() == pytest.approx(1.0, abs=1e-3)
        with pytest.raises(ModelFileError, match=words) as caught:
            predictor.predict(ink_at_trigger())
        assert "unusable" in str(caught.value) and str(caught.value).startswith("odd.keras")
        with pytest.raises(ModelFileError, match="unusable"):
            predictor.predict_batch(np.stack([np.zeros((28, 28)), ink_at_trigger()]))
    assert isinstance(predictor, LitePredictor)


def test_predict_json_gives_every_input_its_line_when_the_model_answers_nan(tmp_path):
    path = saved(nan_on_ink_model(), tmp_path / "nan.keras")
    bar = np.full((112, 112), 255, np.uint8)
    bar[10:100, 50:62] = 0
    yy, xx = np.mgrid[:112, :112]
    spot = np.where((xx > yy) & (yy >= 10) & (xx < 100), 0, 255).astype(np.uint8)  # inks TRIGGER, not BALANCE
    files = []
    for name, gray in (("bar-1.png", bar), ("corner.png", spot), ("bar-2.png", bar)):
        Image.fromarray(gray).save(tmp_path / name)
        files.append(str(tmp_path / name))
    proc = subprocess.run([sys.executable, "-m", "app", "predict", "--json", "--model", str(path), *files],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["file"] for o in objs] == files
    assert "unusable" in objs[1]["error"] and "NaN" in objs[1]["error"]
    assert "error" not in objs[0] and "error" not in objs[2]
    assert proc.returncode == 1


def test_sigmoid_outputs_are_divided_by_their_sum_not_softmaxed_again(tmp_path):
    from training.models.opening import keras_predictor, open_predictor

    w = trigger_weights(12.0, column=7)  # sigmoid(12 - 4) = 0.9997 for a 7; 0.018 for the others
    model = dense_model(w, np.full(10, -4.0), "sigmoid")
    path = saved(model, tmp_path / "sigmoid.keras")
    raw = np.asarray(model(ink_at_trigger()[None]))[0]
    expected = raw / raw.sum()
    for predictor in (keras_predictor(path), open_predictor(path)):
        assert predictor.output_kind == "sigmoid"
        answer = predictor.predict(ink_at_trigger())
        assert np.allclose(answer, expected, atol=1e-4), (answer, expected)
        # Softmax of the sigmoids would have made the 7 about 0.23.
        assert answer[7] > 0.8


def test_a_rescaling_inside_a_nested_sequential_is_undone_like_a_top_level_one(tmp_path, mnist):
    from training._tf import keras
    from training.models.modelfile import load_model
    from training.models.opening import keras_predictor

    dense = keras.layers.Dense(10, activation="softmax")
    rng = np.random.default_rng(0)
    weights = [rng.normal(0, 0.05, (784, 10)).astype(np.float32), np.zeros(10, np.float32)]
    top = keras.Sequential([keras.Input((28, 28)), keras.layers.Rescaling(1 / 255), keras.layers.Flatten(), dense])
    dense.set_weights(weights)
    nested = keras.Sequential([keras.Input((28, 28)), keras.Sequential([keras.layers.Rescaling(1 / 255)]),
                               keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    nested.layers[-1].set_weights(weights)
    saved(top, tmp_path / "top.keras")
    saved(nested, tmp_path / "nested.keras")
    inner = load_model(tmp_path / "nested.keras").model.layers[0].layers[0]
    assert isinstance(inner, keras.layers.Rescaling) and float(inner.scale) == 1.0
    images = mnist.x_test[:50]
    a = keras_predictor(tmp_path / "top.keras").predict_batch(images)
    b = keras_predictor(tmp_path / "nested.keras").predict_batch(images)
    assert np.allclose(a, b, atol=1e-6)
    # Undone: the 0-1 images are not divided again (all but black would read alike).
    assert len(set(b.argmax(1))) > 1
