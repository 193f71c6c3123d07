"""The Draw tab driven as a person would: real mouse strokes, keys, files, clipboard."""

import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
from strokes import Style
from strokes import draw_digit as render_digit

from .conftest import drag, draw_digit, draw_number, drop_file, settle


def test_window_starts_with_loading_state_then_blank_state(qtbot, settings, data_dir):
    from app.gui import create_window

    win = create_window(settings, data_dir)
    qtbot.addWidget(win)
    win.show()
    assert win.draw_tab.chart.message.toPlainText() == "loading model..."
    win.load_active_model()
    qtbot.waitUntil(lambda: win.predictor is not None, timeout=60_000)
    assert win.draw_tab.chart.message.toPlainText() == "draw a digit"
    assert win.draw_tab.answer.digit_label.text() == ""
    assert not win.draw_tab.chart.bar_heights().any()
    # Each figure names its test set: the mixed split it was trained for, and MNIST alone.
    assert win.model_label.text() == "Model: shipped model (cnn-bn; test accuracy: MNIST 99.65%, MNIST + pen 98.46%)"


def test_chart_updates_while_the_stroke_is_drawn(qtbot, window):
    tab = window.draw_tab
    seen = []

    def after_move(i):
        if i % 5 == 4:
            settle(qtbot, window)
            seen.append((tab.chart.updates, tab.chart.bar_heights().copy()))

    # A 1 as one long stroke: the chart must move before the mouse is released.
    points = [(300, 60 + 4 * i) for i in range(70)]
    drag(qtbot, tab.canvas, points, between_moves=after_move)
    assert len({u for u, _ in seen}) > 5, "the chart did not update during the stroke"
    # The bars are the ten digits' share; what is left went to "not a digit".
    assert all(0 < h.sum() <= 1 + 1e-4 for _, h in seen)
    settle(qtbot, window)
    assert tab.answer.digit_label.text().rstrip("?") == "1"
    assert int(tab.chart.bar_heights().argmax()) == 1


def test_each_digit_drawn_with_the_mouse_is_recognised(qtbot, window):
    tab = window.draw_tab
    for digit in range(10):
        tab.canvas.clear()
        draw_digit(qtbot, tab.canvas, digit)
        settle(qtbot, window)
        heights = tab.chart.bar_heights()
        assert int(heights.argmax()) == digit, (digit, heights.round(2))
        assert tab.answer.digit_label.text().rstrip("?") == str(digit)
        assert 0.98 <= heights.sum() <= 1 + 1e-4  # a clear digit leaves little to "not a digit"


def test_a_number_is_read_left_to_right(qtbot, window):
    tab = window.draw_tab
    draw_number(qtbot, tab.canvas, "2026")
    settle(qtbot, window)
    assert tab.reading.number == "2026"
    assert tab.answer.digit_label.text() == "2026"
    assert tab.model_input.count() == 4

    # The chart says which digit it shows (the last), and a click on a thumbnail charts that one.
    assert "4th of 4" in tab.chart_caption.text() and tab.model_input.highlighted == 3
    assert int(tab.chart.bar_heights().argmax()) == 6
    second = tab.model_input.image_rects()[1].center().toPoint()
    qtbot.mouseClick(tab.model_input, Qt.MouseButton.LeftButton, pos=second)
    assert int(tab.chart.bar_heights().argmax()) == 0
    assert "2nd of 4 (0)" in tab.chart_caption.text() and tab.model_input.highlighted == 1
    assert np.allclose(tab.chart.bar_heights(), tab.reading.digits[1].answer.probabilities[:10])


def test_percentages_agree_between_header_and_thumbnails(qtbot, window):
    """Issue 14: "99.9% sure" in the header beside "5 100%" under the thumbnail."""
    from app.widgets import percent

    assert percent(0.9996) == "99%" and percent(0.9996, 1) == "99.9%" and percent(1.0) == "100%"
    assert percent(0.0004) == "1%" and percent(0.0) == "0%" and percent(0.5) == "50%"
    tab = window.draw_tab
    draw_digit(qtbot, tab.canvas, 1)
    settle(qtbot, window)
    answer = tab.reading.digits[0].answer
    if answer.confidence < 1:
        assert "100" not in tab.answer.verdict_label.text() and "100%" not in tab.model_input._labels[0]


def test_undo_redo_clear_and_eraser(qtbot, window):
    tab, canvas = window.draw_tab, window.draw_tab.canvas
    drag(qtbot, canvas, [(200, 100), (200, 300)])
    one = canvas.ink_array().sum()
    drag(qtbot, canvas, [(300, 100), (300, 300)])
    two = canvas.ink_array().sum()
    assert two > one * 1.8
    tab.undo_action.trigger()
    assert canvas.ink_array().sum() == one and tab.redo_action.isEnabled()
    tab.redo_action.trigger()
    assert canvas.ink_array().sum() == two

    tab.eraser_action.trigger()
    assert canvas.eraser
    drag(qtbot, canvas, [(150, 200), (350, 200)])
    assert canvas.ink_array().sum() < two
    tab.eraser_action.trigger()
    assert not canvas.eraser

    tab.clear_action.trigger()
    settle(qtbot, window)
    assert canvas.is_blank() and tab.reading.blank and tab.answer.digit_label.text() == ""
    assert not tab.chart.bar_heights().any()
    tab.undo_action.trigger()  # clearing is undoable too
    assert not canvas.is_blank()


def test_right_drag_erases_without_switching_tools(qtbot, window):
    canvas = window.draw_tab.canvas
    drag(qtbot, canvas, [(100, 200), (500, 200)])
    before = canvas.ink_array().sum()
    drag(qtbot, canvas, [(300, 100), (300, 300)], button=Qt.MouseButton.RightButton)
    assert canvas.ink_array().sum() < before and not canvas.eraser


def test_keyboard_shortcuts(qtbot, window):
    tab, canvas = window.draw_tab, window.draw_tab.canvas
    canvas.setFocus()
    width = canvas.pen_width
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.pen_width == width + 2 and tab.pen_spin.value() == width + 2
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.pen_width == width
    qtbot.keyClick(canvas, Qt.Key.Key_E)
    assert canvas.eraser
    qtbot.keyClick(canvas, Qt.Key.Key_E)
    assert not canvas.eraser

    drag(qtbot, canvas, [(200, 100), (200, 300)])
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert canvas.is_blank()
    qtbot.keyClick(canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert not canvas.is_blank()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not canvas.is_blank()
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.is_blank()
    drag(qtbot, canvas, [(200, 100), (200, 300)])
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.is_blank()


def test_not_sure_state(qtbot, window):
    tab = window.draw_tab
    # A short bar at a slant between a 1's and a dash's: the shipped model
    # reads a digit but is unsure which (a level bar is refused as "not a
    # digit", a steep one is a sure 1). A model trained anew may need another
    # slant here.
    drag(qtbot, tab.canvas, [(270, 215), (330, 185)])
    settle(qtbot, window)
    answer = tab.reading.digits[0].answer
    assert not answer.sure
    assert tab.answer.verdict_label.text().startswith("Not sure")
    assert tab.answer.digit_label.text().endswith("?")


def photo_of(digit: int, path: Path) -> Path:
    ink = render_digit(digit, Style(size=200, pen=18)).astype(np.float32) / 255
    paper = (225 - 170 * ink).clip(0, 255).astype(np.uint8)  # dark ink on paper
    Image.fromarray(np.stack([paper] * 3, -1)).save(path, quality=90)
    return path


def test_open_an_image_file(qtbot, window, tmp_path):
    tab = window.draw_tab
    assert tab.open_image(str(photo_of(4, tmp_path / "four.jpg")))
    settle(qtbot, window)
    assert tab.reading.number == "4" and not tab.canvas.is_blank()
    tab.undo_action.trigger()  # placing an image is one undoable step
    assert tab.canvas.is_blank()


def test_unreadable_image_says_why_and_keeps_the_drawing(qtbot, window, tmp_path):
    tab = window.draw_tab
    drag(qtbot, tab.canvas, [(300, 100), (300, 300)])
    before = tab.canvas.ink_array()
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n nothing")
    with qtbot.waitSignal(tab.problem) as blocker:
        assert not tab.open_image(str(bad))
    assert "broken.png" in blocker.args[1]
    np.testing.assert_array_equal(tab.canvas.ink_array(), before)
    assert window.last_problem[0] == "Cannot open image"


def test_paste_an_image_from_the_clipboard(qtbot, window, tmp_path):
    tab = window.draw_tab
    QApplication.clipboard().setImage(QImage(str(photo_of(7, tmp_path / "seven.png"))))
    assert tab.paste()
    settle(qtbot, window)
    assert tab.reading.number == "7"


def test_drop_an_image_file(qtbot, window, tmp_path):
    tab = window.draw_tab
    drop_file(tab, photo_of(2, tmp_path / "two.png"))  # accepted on entry, as a real drag must be
    settle(qtbot, window)
    assert tab.reading.number == "2"


def test_export_png_round_trips(qtbot, window, tmp_path):
    from training.reading.preprocess import load_image
    from training.reading.recognize import read_image

    tab = window.draw_tab
    draw_digit(qtbot, tab.canvas, 3)
    path = tmp_path / "export.png"
    assert tab.export(str(path))
    assert read_image(window.predictor, load_image(path)).number == "3"
    assert not tab.export(str(tmp_path / "no-such-folder" / "x.png"))


def test_tool_settings_are_remembered(qtbot, settings, data_dir):
    from app.gui import create_window

    first = create_window(settings, data_dir)
    qtbot.addWidget(first)
    first.draw_tab.canvas.set_pen_width(31)
    first.resize(790, 560)  # the offscreen screen is 800x600: stay inside it
    first.show()
    qtbot.waitExposed(first)
    size = first.size()
    first.close()
    second = create_window(settings, data_dir)
    qtbot.addWidget(second)
    assert second.draw_tab.canvas.pen_width == 31 and second.draw_tab.pen_spin.value() == 31
    assert second.size() == size and size.width() == 790


def test_resizing_keeps_the_drawing(qtbot, window):
    canvas = window.draw_tab.canvas
    draw_digit(qtbot, canvas, 8)
    before = canvas.ink_array()
    window.resize(700, 500)
    qtbot.wait(20)
    np.testing.assert_array_equal(canvas.ink_array(), before)
    drag(qtbot, canvas, [(20, 20), (60, 20)])  # the pointer still lands where the ink goes
    assert canvas.ink_array()[15:25, 20:60].mean() > 0.5


def test_window_is_shown_before_tensorflow_is_imported(tmp_path):
    code = ("import os, sys\nos.environ['QT_QPA_PLATFORM']='offscreen'\n"
            "from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
            "from app.gui import create_window\nfrom app.settings import Settings\n"
            "w = create_window(Settings.from_file(sys.argv[1]), sys.argv[2])\nw.show()\napp.processEvents()\n"
            "print('tensorflow' in sys.modules, w.draw_tab.chart.message.toPlainText())\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.ini"), str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.split("\n")[0] == "False loading model..."


def test_a_tablet_pen_draws_with_pressure(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent

    from .conftest import widget_point

    canvas = window.draw_tab.canvas
    stylus = QPointingDevice("test stylus", 1, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                             QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)

    def stroke(y, pressure):
        kinds = [QEvent.Type.TabletPress] + [QEvent.Type.TabletMove] * 20 + [QEvent.Type.TabletRelease]
        for i, kind in enumerate(kinds):
            pos = QPointF(widget_point(canvas, 100 + 20 * i, y))
            event = QTabletEvent(kind, stylus, pos, canvas.mapToGlobal(pos), pressure, 0, 0, 0, 0, 0,
                                 Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                                 Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease
                                 else Qt.MouseButton.LeftButton)
            QApplication.sendEvent(canvas, event)
            assert event.isAccepted()

    stroke(100, 0.1)
    light = canvas.ink_array().sum()
    stroke(300, 1.0)
    heavy = canvas.ink_array().sum() - light
    assert light > 0 and heavy > 1.5 * light  # pressure thickens the stroke
    assert canvas.history_size() == 2  # one undoable stroke each


def test_a_sidecar_with_odd_fields_and_markup_neither_stalls_nor_renders(qtbot, window, model_file, tmp_path):
    """"dataset": 5 used to leave the window on "loading..." forever; a name holding HTML was rendered."""
    import json
    import shutil

    from training.models.modelfile import sidecar_path

    path = tmp_path / "odd.keras"
    shutil.copy(model_file, path)
    info = json.loads(sidecar_path(model_file).read_text())
    info.update(dataset=5, name="<b>bold</b><img src=x>")
    sidecar_path(path).write_text(json.dumps(info))
    with qtbot.waitSignal(window.modelChanged, timeout=60_000):
        window.use_model(str(path))
    assert "<b>bold</b><img src=x>" in window.model_label.text()
    assert window.model_label.textFormat() == Qt.TextFormat.PlainText


def test_the_status_bar_cuts_long_messages_before_the_model_label(qtbot, window):
    """Issue 14: long errors ran into the model label; messages repeated the label."""
    window.resize(800, 560)
    qtbot.wait(50)
    bar = window.statusBar()
    assert bar.currentMessage() == "" or "in use in the Draw tab" not in bar.currentMessage()
    long = "The file could not be read because " + "it is really very long and detailed " * 8 + "end."
    window.show_status(long)
    shown = bar.currentMessage()
    assert shown.endswith("…") and len(shown) < len(long) and bar.toolTip() == long
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.width() - window.model_label.width()
    assert window.model_label.width() <= window.width() * 3 // 5  # the model and its test sets: at most 60%
    assert window.model_label.text().startswith("Model: ")  # the full text, whatever is painted


def test_help_has_a_how_to_the_shortcuts_and_an_about_box(qtbot, window):
    from PySide6.QtWidgets import QTextBrowser

    from app.help import app_version

    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        action.trigger()
        dialog = window.findChildren(QTextBrowser)[-1].window()
        texts[action.text()] = dialog.findChild(QTextBrowser).toPlainText()
        dialog.close()
    assert "Teach" in texts["How to use Digit Recognizer"] and "Train" in texts["How to use Digit Recognizer"]
    shortcuts = texts["Keyboard shortcuts"]
    assert "Ctrl+Z" in shortcuts and "Undo" in shortcuts and "Ctrl+O" in shortcuts
    about = texts["About Digit Recognizer"]
    assert app_version() in about and "MIT" in about and "CC BY 4.0" in about


def test_a_fast_straight_stroke_is_one_piece_at_any_angle(qapp):
    # A quick flick of the mouse gives a stroke of two points. On a canvas the
    # size of its paper the points fall on whole pixels, where PIL's wide line
    # (the stroke's mask) missed Qt's edge by a pixel every other row at some
    # slopes: the stroke read as a digit plus dozens of one-pixel "not a digit"
    # parts.
    from penwriting import Drawing, draw

    from app.draw.canvas import PAPER, DrawingCanvas
    from training.models.library import shipped_model_path
    from training.models.opening import open_predictor
    from training.reading.recognize import read_image

    canvas = DrawingCanvas()
    canvas.resize(PAPER)
    predictor = open_predictor(shipped_model_path())
    for pen in (8, 18, 30):
        for dx in range(-80, 81, 8):
            for dy in (0, 40, 80, 120):  # -40, 80 at pen 18 read as 36 parts
                canvas.clear()
                draw(canvas, Drawing("", (np.array([(300 - dx, 200 - dy), (300 + dx, 200 + dy)], float),), pen))
                reading = read_image(predictor, canvas.snapshot(), canvas.pen_strokes())
                assert len(reading.digits) == 1, (pen, dx, dy, reading.text)
