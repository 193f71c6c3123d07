"""Inside the network, opened on a digit drawn with the mouse: layers shown, saliency on the ink."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from .conftest import draw_digit, settle


def grow(mask: np.ndarray, steps: int) -> np.ndarray:
    out = mask.copy()
    for _ in range(steps):
        out = out | np.roll(out, 1, 0) | np.roll(out, -1, 0) | np.roll(out, 1, 1) | np.roll(out, -1, 1)
    return out


def overlay_on_paper(canvas) -> np.ndarray:
    """The saliency overlay's alpha, placed on the 600x400 paper where the canvas paints it."""
    from PySide6.QtGui import QImage

    image, rect = canvas.overlay
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    bits = np.frombuffer(rgba.constBits(), np.uint8, rgba.sizeInBytes())
    alpha = bits.reshape(rgba.height(), rgba.bytesPerLine())[:, : rgba.width() * 4].reshape(
        rgba.height(), rgba.width(), 4)[..., 3].astype(np.float64)
    scale = round(rect.width() / image.width())  # the box is in the half-size snapshot's pixels
    assert scale * image.width() == rect.width() and scale * image.height() == rect.height()
    paper = np.zeros((400, 600))
    top, left = round(rect.y()), round(rect.x())
    paper[top:top + scale * image.height(), left:left + scale * image.width()] = np.kron(
        alpha, np.ones((scale, scale)))
    return paper


def open_inside(qtbot, window):
    tab = window.draw_tab
    tab.inside_action.trigger()
    assert tab.inside.isVisible() and window.settings.inside_view
    return tab


def test_the_inside_view_shows_every_layer_and_the_saliency_points_at_the_ink(qtbot, window):
    tab = open_inside(qtbot, window)
    draw_digit(qtbot, tab.canvas, 4)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: tab.inside.results > 0 and tab.inside.result.request.image is not None,
                    timeout=60_000)
    panel = tab.inside
    # The result answers the drawing on the canvas now, not an earlier stroke.
    qtbot.waitUntil(lambda: np.array_equal(panel.result.request.image, tab.reading.digits[0].image), timeout=10_000)
    assert panel.result.target == tab.reading.digits[0].answer.digit == 4
    # The shipped model's trajectory network weighs in on the answer, which these layers do not show.
    assert window.predictor.trajectory is not None and "pen's path" in panel.status.text()

    images = panel.layer_images()
    assert len(images) >= 6  # the shipped cnn-bn: six convolution maps before the 1x1 and dense ones
    for image in images:
        gray = np.frombuffer(image.convertToFormat(image.Format.Format_Grayscale8).constBits(), np.uint8)
        assert image.width() > 0 and gray.max() > 100  # something lit up in every layer
    bars = panel.bar_values()
    assert bars and bars[-1].argmax() == 4 and abs(bars[-1].sum() - 1) < 1e-3  # the output's probabilities
    assert panel.filters_card.isVisibleTo(panel) and panel.filters_view.image() is not None

    ink = tab.canvas.ink_array() > 0.3
    alpha = overlay_on_paper(tab.canvas)
    assert alpha.sum() > 0
    # Within two pen widths of the ink: the strokes drove the answer, not the empty paper.
    near = grow(ink, 2 * 24)
    assert alpha[near].sum() / alpha.sum() >= 0.95
    assert panel.result.saliency[grow(panel.result.request.image > 0.2, 1)].sum() >= 0.95


def test_the_inside_view_computes_only_while_open_and_clears_with_the_canvas(qtbot, window):
    tab = open_inside(qtbot, window)
    draw_digit(qtbot, tab.canvas, 7)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: tab.inside.results > 0, timeout=60_000)
    assert tab.canvas.overlay is not None

    qtbot.keyClick(tab.canvas, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # hidden again
    assert not tab.inside.isVisible() and tab.canvas.overlay is None
    shown = tab.inside.results
    draw_digit(qtbot, tab.canvas, 1)
    settle(qtbot, window)
    qtbot.wait(300)
    assert tab.inside.results == shown  # nothing computed while hidden

    qtbot.keyClick(tab.canvas, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.inside.results > shown, timeout=30_000)
    assert tab.canvas.overlay is not None
    tab.inside.overlay_box.click()  # the overlay can be switched off on its own, and that is remembered
    assert tab.canvas.overlay is None and window.settings.saliency_overlay is False
    tab.inside.overlay_box.click()
    qtbot.keyClick(tab.canvas, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert tab.canvas.overlay is None and tab.inside.result is None


def test_an_mlp_shows_dense_bars_and_its_weights_as_filters(qtbot, window, model_file):
    tab = open_inside(qtbot, window)
    window.use_model(str(model_file))
    qtbot.waitUntil(lambda: window.model_path == str(model_file), timeout=60_000)
    draw_digit(qtbot, tab.canvas, 3)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: tab.inside.results > 0 and tab.inside.result.request.model_path == str(model_file),
                    timeout=60_000)
    assert tab.inside.layer_images() == []  # no convolution in an MLP
    assert len(tab.inside.bar_values()) == 2  # Dense(512) and the output
    assert tab.inside.filters_view.image().width() > 0  # the first Dense layer's weights as 28x28 templates
    assert tab.canvas.overlay is not None
