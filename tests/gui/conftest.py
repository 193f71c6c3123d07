"""GUI fixtures: a real main window on the shipped model, and real mouse strokes."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from strokes import Style, strokes_for


@pytest.fixture
def settings(tmp_path):
    from app.settings import Settings

    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.language = "en"  # the tests read English, whatever this machine's language
    return settings


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "user-data"


@pytest.fixture
def window(qtbot, settings, data_dir):
    from app.gui import create_window
    from training.models.library import shipped_model_path

    assert shipped_model_path().is_file(), "the shipped model is missing from resources/models"
    win = create_window(settings, data_dir)
    # Not qtbot.addWidget: pytest-qt closes its widgets before fixtures tear down, and closing a window
    # that holds a trained, unsaved model asks whether to save it: a modal question nobody answers.
    win.resize(1100, 680)
    win.show()
    qtbot.waitExposed(win)
    win.load_active_model()
    qtbot.waitUntil(lambda: win.predictor is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not win.draw_tab.recognizer._timer.isActive())
    yield win
    win.train_tab.shutdown()  # a run left going would make closing ask first
    win.train_tab.settle_unsaved_model()  # and so would a trained model left unsaved
    win.close()


def widget_point(canvas, x: float, y: float) -> QPoint:
    rect = canvas._paper_rect()
    scale = rect.width() / 600
    return QPoint(round(rect.x() + x * scale), round(rect.y() + y * scale))


def drag(qtbot, canvas, points, button=Qt.MouseButton.LeftButton, between_moves=None):
    """One stroke with real mouse events: press, moves, release."""
    pts = [widget_point(canvas, x, y) for x, y in points]
    qtbot.mousePress(canvas, button, pos=pts[0])
    for i, p in enumerate(pts[1:]):
        qtbot.mouseMove(canvas, p)
        if between_moves is not None:
            between_moves(i)
    qtbot.mouseRelease(canvas, button, pos=pts[-1])


def draw_digit(qtbot, canvas, digit: int, style: Style = Style(size=300, pen=24, centre=(300, 200))):
    for stroke in strokes_for(digit, style):
        drag(qtbot, canvas, stroke)


def draw_number(qtbot, canvas, digits: str, size: float = 170, pen: float = 16):
    for i, d in enumerate(digits):
        draw_digit(qtbot, canvas, int(d), Style(size=size, pen=pen, centre=(105 + 130 * i, 200)))


def drop_file(widget, path) -> None:
    """A file dragged from a file manager and dropped on ``widget``."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


@contextmanager
def open_vietnamese_window(qtbot, settings, data_dir):
    """A window of its own in Vietnamese at 1100x680, shown, reading with its model; English again after."""
    from app import i18n
    from app.gui import create_window

    settings.language = "vi"
    window = create_window(settings, data_dir)
    qtbot.addWidget(window)
    try:
        window.resize(1100, 680)
        window.show()
        window.load_active_model()
        qtbot.waitUntil(lambda: window.predictor is not None, timeout=60_000)
        yield window
    finally:
        window.train_tab.shutdown()
        window.close()
        settings.language = "en"
        i18n.install("en")  # the next test's window is English again


def settle(qtbot, window):
    """Let the coalesced reading run."""
    qtbot.waitUntil(lambda: not window.draw_tab.recognizer._timer.isActive())


def answer_dialog(button_text: str, seen: list | None = None) -> None:
    """Click ``button_text`` in the next window-modal dialog (a confirmation runs its own event loop),
    noting its title and text in ``seen`` when given."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication

    def click():
        box = QApplication.activeModalWidget()
        buttons = [] if box is None else [b for b in box.findChildren(QAbstractButton)
                                          if b.text().replace("&", "") == button_text]
        if not buttons:
            QTimer.singleShot(10, click)
            return
        if seen is not None:
            seen.append((box.windowTitle(), box.text()))
        buttons[0].click()

    QTimer.singleShot(0, click)


QUESTION_TIMEOUT_S = 60


@pytest.fixture(autouse=True)
def no_question_left_unanswered(qapp):
    """A modal question nobody answers would hang the whole run (CI has no one to click): one left open for a
    minute is closed and the test fails, naming it."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: dict = {}
    closed: list[str] = []
    # A message left open by an earlier test's window (shown with open(), not blocking) is not this test's.
    earlier = {id(w) for w in QApplication.topLevelWidgets() if w.isModal() and w.isVisible()}

    def check():
        box = QApplication.activeModalWidget()
        if box is None or id(box) in earlier:
            seen.clear()
            return
        first = seen.setdefault(id(box), time.monotonic())
        if time.monotonic() - first > QUESTION_TIMEOUT_S:
            closed.append(f"{box.windowTitle()!r}: {getattr(box, 'text', lambda: '')()!r}")
            box.reject()

    watchdog = QTimer()
    watchdog.timeout.connect(check)
    watchdog.start(1000)
    yield
    watchdog.stop()
    assert not closed, f"a question was left unanswered for {QUESTION_TIMEOUT_S} s: {closed}"
