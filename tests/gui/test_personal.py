"""Personal reading through the GUI: a wrong reading corrected with one key, undone by deleting the sample,
turned off by the View menu's switch; a number corrected digit by digit."""

import numpy as np
from penwriting import held_out, single
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from .conftest import answer_dialog, drag, draw_number, settle

# A held-out UNIPEN writer's "2" with an open, hooked top that the shipped model reads as 7, drawn at 250 px.
UNUSUAL_TWO = 3119


def draw_pen_digit(qtbot, canvas, drawing):
    """A real writer's digit, stroke by stroke, with real mouse events."""
    canvas.set_pen_width(round(drawing.pen))
    for stroke in drawing.strokes:
        drag(qtbot, canvas, [tuple(p) for p in stroke[::2]] + [tuple(stroke[-1])])


def unusual_two():
    pen, _, _ = held_out()
    drawing = single(pen, UNUSUAL_TWO, np.random.default_rng(UNUSUAL_TWO), height=250)
    assert drawing.label == "2"
    return drawing


def test_one_key_teaches_it_the_drawing_and_deleting_the_sample_undoes_it(qtbot, window, settings):
    tab, view = window.draw_tab, window.samples_view
    assert tab.personal_action.isChecked() and tab.personal_state() == ("on", 0)
    assert "Wrong?" not in tab.correct_hint.text()  # nothing drawn: nothing to correct
    draw_pen_digit(qtbot, tab.canvas, unusual_two())
    settle(qtbot, window)
    wrong = tab.reading.number
    assert wrong not in (None, "2")
    assert tab.correct_hint.text() == "Wrong? Press the right digit (0-9)."

    qtbot.keyClick(tab.canvas, Qt.Key.Key_2)
    assert [s.digit for s in window.samples.samples()] == [2]
    settle(qtbot, window)
    assert tab.reading.number == "2"  # the same drawing, read right at once
    assert tab.personal_note.text() == "Learned from your 1 sample."
    assert window.personal_label.text() == "Personal reading on (1 sample)"
    assert "reads with your 1 sample, at once" in view.use_label.text()

    # Deleting the sample (Samples tab, the Delete key) brings the old reading back.
    window.tabs.setCurrentWidget(view)
    view.grid.setFocus()
    view.grid.item(0).setSelected(True)
    answer_dialog("Delete")
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    assert window.samples.count() == 0
    settle(qtbot, window)
    assert tab.reading.number == wrong and tab.personal_note.text() == ""

    # Taught again, then the View menu's switch turns personal reading off (and it is remembered).
    window.tabs.setCurrentWidget(tab)
    # (the confirmation dialog took the keyboard focus; the digit's button does the same as its key)
    button = next(b for b in tab.findChildren(QToolButton) if b.defaultAction() is tab.sample_actions[2])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.samples.count() == 1
    settle(qtbot, window)
    assert tab.reading.number == "2"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert tab.personal_action in view_menu.actions()
    tab.personal_action.trigger()
    settle(qtbot, window)
    assert tab.reading.number == wrong
    assert window.personal_label.text() == "" and not settings.personal_reading
    assert view.use_label.text().startswith("Personal reading is off")
    from app.settings import Settings

    assert Settings.from_file(settings._s.fileName()).personal_reading is False
    # Off, a saved sample clears the canvas as before and changes no reading.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert tab.canvas.is_blank() and window.samples.count() == 2


def test_a_number_is_corrected_digit_by_digit(qtbot, window):
    tab = window.draw_tab
    draw_number(qtbot, tab.canvas, "12")
    settle(qtbot, window)
    assert tab.reading.number == "12"
    assert tab.correct_hint.text().startswith("Wrong? Click that digit's picture")
    qtbot.keyClick(tab.canvas, Qt.Key.Key_4)  # which of the two? nothing saved
    assert window.samples.count() == 0
    first = tab.model_input.image_rects()[0].center().toPoint()
    qtbot.mouseClick(tab.model_input, Qt.MouseButton.LeftButton, pos=first)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_7)  # say the first is a 7 (this writer's 7s look like that)
    assert [s.digit for s in window.samples.samples()] == [7]
    settle(qtbot, window)
    assert tab.reading.number == "72" and not tab.canvas.is_blank()
