"""The Draw tab facing a model that answers NaN and an image of noise (issue 32, items 7 and 4)."""

from __future__ import annotations

import numpy as np

from .conftest import draw_digit, settle


def nan_model_for(image, path):
    """Uniform on the app's probes; NaN on ``image`` (exp(1000) at one of its inked pixels, then softmax)."""
    from training._tf import keras
    from training.reading.contract import probe_images

    probed = probe_images()[3:].max(axis=0) > 0  # the bar and the ring (the others are flat)
    trigger = np.flatnonzero(((image > 0.5) & ~probed).ravel())[0]
    balance = np.flatnonzero(((image == 0) & ~probed).ravel())[0]  # cancels it on the grey and white probes
    weights = np.zeros((784, 10), np.float32)
    weights[trigger], weights[balance] = 1000.0, -1000.0
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),
                              keras.layers.Dense(10, activation="exponential"), keras.layers.Softmax()])
    model.layers[1].set_weights([weights, np.zeros(10, np.float32)])
    model.save(path)
    return path


def test_a_model_answering_nan_on_a_drawing_is_said_unusable(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tab = window.draw_tab
    draw_digit(qtbot, tab.canvas, 7)
    settle(qtbot, window)
    path = nan_model_for(tab.reading.digits[0].image, tmp_path / "diverged.keras")
    tab.canvas.clear()
    settle(qtbot, window)
    with qtbot.waitSignal(window.modelChanged, timeout=120_000):
        assert window.open_model_file(str(path))
    with qtbot.waitSignal(tab.statusMessage, timeout=10_000,
                          check_params_cb=lambda text: "unusable" in text) as said:
        draw_digit(qtbot, tab.canvas, 7)
        settle(qtbot, window)
    assert said.args[0].startswith("diverged.keras answered NaN or infinity")
    said = tab.answer.verdict_label.toolTip()
    assert said.startswith("diverged.keras answered NaN") and "unusable" in said
    assert tab.answer.digit_label.text() == "model unusable" and "open another model" in tab.answer.verdict_label.text()
    assert "nan%" not in tab.answer.verdict_label.text() + tab.answer.digit_label.text()
    assert tab.reading.blank
    tab.grab().save(str(tmp_path / "unusable.png"))
    print("\nDraw tab:", tmp_path / "unusable.png")


def test_a_noise_image_opened_in_the_draw_tab_is_not_a_number_at_once(qtbot, window, tmp_path):
    """It froze the Draw tab for 20 s and read a 93-digit number (issue 32, item 4)."""
    import time

    from PIL import Image

    rng = np.random.default_rng(7)
    gray = np.full((240, 240), 255, np.uint8)
    gray[rng.random((240, 240)) < 0.05] = 0
    Image.fromarray(gray).save(tmp_path / "salt.png")
    tab = window.draw_tab
    started = time.perf_counter()
    assert tab.open_image(str(tmp_path / "salt.png"))
    settle(qtbot, window)
    seconds = time.perf_counter() - started
    assert seconds < 2.0, seconds
    assert tab.reading.number is None and len(tab.reading.digits) <= 1
    assert tab.answer.digit_label.text() in ("not a digit", "")
