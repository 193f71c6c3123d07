"""Quitting loses nothing unasked, Stop says what follows, a run cut short by quitting is kept (issue 33, items 1-3).

Real window, real Keras runs on small MNIST subsets, real keys and clicks.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Qt, Slot

from .conftest import answer_dialog
from .test_train_tab import configure


class OnGuiThread(QObject):
    """Calls ``fn`` with each event of a worker's signal on the GUI thread, after the tab's own slot (queued,
    in connection order): a plain function connected to it would run in the worker's thread, beside the
    widgets it reads."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    @Slot(object)
    def call(self, event) -> None:
        self.fn(event)


def press_ctrl_q(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def train_briefly(qtbot, window, mnist_path):
    tab = window.train_tab
    configure(tab, mnist_path, epochs=1, limit=1000, batch=64)
    qtbot.mouseClick(tab.run_panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.result is not None and not tab.is_running(), timeout=120_000)
    return tab


def test_quitting_with_an_unsaved_model_asks_save_discard_or_cancel(qtbot, window, mnist_path, data_dir):
    tab = train_briefly(qtbot, window, mnist_path)
    tab.save_row.name_edit.setText("kept at quit")
    seen = []
    answer_dialog("Cancel", seen)
    press_ctrl_q(qtbot, window)
    assert seen and seen[0][0] == "Save the trained model?" and "\u201ckept at quit\u201d" in seen[0][1]
    assert window.isVisible() and tab.has_unsaved_model()  # Cancel: nothing happened

    answer_dialog("Save", seen)
    press_ctrl_q(qtbot, window)
    assert not window.isVisible()
    saved = data_dir / "models" / "kept-at-quit.keras"
    assert saved.is_file() and json.loads(saved.with_suffix(".json").read_text())["name"] == "kept at quit"


def test_discard_quits_without_writing_the_model(qtbot, window, mnist_path, data_dir):
    train_briefly(qtbot, window, mnist_path)
    seen = []
    answer_dialog("Discard", seen)
    press_ctrl_q(qtbot, window)
    assert len(seen) == 1 and not window.isVisible()
    assert not any((data_dir / "models").glob("*.keras"))
    window.close()  # asked once: a second close (the fixture's) asks nothing


def test_a_saved_model_quits_without_a_question(qtbot, window, mnist_path):
    tab = train_briefly(qtbot, window, mnist_path)
    qtbot.mouseClick(tab.save_row.save_button, Qt.MouseButton.LeftButton)
    # Quit at once, while the save may still be writing: it is waited for, and then nothing is unsaved.
    window.close()
    assert not window.isVisible() and not tab.has_unsaved_model()


def test_stop_says_what_follows_with_its_own_progress(qtbot, window, mnist_path):
    tab = window.train_tab
    configure(tab, mnist_path, epochs=20, limit=20000, batch=32)
    qtbot.mouseClick(tab.run_panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.run_panel.progress.value() >= 20, timeout=60_000)
    phases = []

    def note(event):
        phases.append((event.what, event.done, event.total, tab.run_panel.progress_label.text(), tab.run_panel.progress.maximum(),
                       tab.run_panel.progress.value(), tab.run_panel.stop_button.isEnabled(), tab.run_panel.stop_button.text(),
                       tab.run_panel.start_button.isEnabled()))

    on_gui = OnGuiThread(note)
    tab.run.worker.measured.connect(on_gui.call)
    qtbot.mouseClick(tab.run_panel.stop_button, Qt.MouseButton.LeftButton)
    # At once: Stop is grey and says why; Start waits for the run to end.
    assert not tab.run_panel.stop_button.isEnabled() and tab.run_panel.stop_button.text() == "Stopping..."
    assert not tab.run_panel.start_button.isEnabled()
    assert tab.run_panel.progress_label.text() == "Stopping: finishing the current batch..."
    question = []
    answer_dialog("Cancel", question)
    qtbot.waitUntil(lambda: any(p[0] == "test" for p in phases), timeout=60_000)
    window.close()  # Ctrl+Q now: the question says the run is stopping, not "being trained"
    assert question and question[0][0] == "Quit while the run is stopping?" and window.isVisible()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=60_000)

    validation = [p for p in phases if p[0] == "validation"]
    test = [p for p in phases if p[0] == "test"]
    assert validation and validation[0][3].startswith("Stopping: measuring the last epoch on the validation images")
    assert test[0][3] == f"Stopping: measuring on the test set (0 of {test[0][2]:,} images)..."
    assert test[-1][1] == test[-1][2] == len(tab.result.y_test)
    for what, done, total, text, maximum, value, stop_on, stop_text, start_on in validation + test:
        assert (maximum, value) == (total, done)  # the bar is the measuring's own
        assert not stop_on and stop_text == "Stopping..." and not start_on
    assert [p[1] for p in test] == sorted(p[1] for p in test)
    # Over: the results, and the buttons as they are between runs.
    assert tab.result.stopped and tab.run_panel.progress_label.text().startswith("Done in")
    assert tab.run_panel.stop_button.text() == "Stop" and not tab.run_panel.stop_button.isEnabled() and tab.run_panel.start_button.isEnabled()


def test_a_finished_run_says_it_is_measured_on_the_test_set(qtbot, window, mnist_path):
    tab = window.train_tab
    configure(tab, mnist_path, epochs=1, limit=1000, batch=64)
    texts = []
    qtbot.mouseClick(tab.run_panel.start_button, Qt.MouseButton.LeftButton)
    on_gui = OnGuiThread(lambda event: texts.append(tab.run_panel.progress_label.text()))
    tab.run.worker.measured.connect(on_gui.call)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=120_000)
    assert texts and all(t.startswith("Finishing: measuring on ") for t in texts)
    assert not any("validation" in t for t in texts)  # an epoch's own validation is part of training


def test_a_run_cut_short_by_quitting_is_kept_as_abandoned_at_quit(qtbot, window, mnist_path, settings, data_dir):
    tab = window.train_tab
    configure(tab, mnist_path, epochs=20, limit=20000, batch=32)
    qtbot.mouseClick(tab.run_panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.run_panel.progress.value() >= 20, timeout=60_000)
    answer_dialog("Stop and quit", [])
    press_ctrl_q(qtbot, window)
    assert not window.isVisible() and not tab.is_running()

    records = [json.loads(p.read_text()) for p in (data_dir / "runs").glob("*.json")]
    assert len(records) == 1
    record = records[0]
    assert record["outcome"] == "abandoned" and record["message"] == "abandoned at quit"
    assert record["settings"]["epochs"] == 20 and record["curve"] and record["test_accuracy"] is None

    # The next start lists it, in words.
    from app.gui import create_window

    again = create_window(settings, data_dir)
    qtbot.addWidget(again)
    runs = again.train_tab.runs_view
    table = runs.table
    assert table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(table.columnCount()) if table.item(0, c) is not None]
    assert "abandoned at quit" in cells
    again.close()
