"""English and Vietnamese: every string the main window shows is translated, numbers follow the locale."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from .conftest import draw_digit, open_vietnamese_window, settle

ROOT = Path(__file__).resolve().parents[2]
# Words that only an English sentence has: a Vietnamese one keeps technical
# names (MNIST, Keras, batch, epoch, GPU, Dense, SGD...) but none of these.
ENGLISH = re.compile(
    r"\b(the|and|of|is|are|an|with|for|your|you|not|no|none|model|models|digit|digits|draw|drawing|train|"
    r"training|save|open|delete|test|accuracy|loss|image|images|sample|samples|file|folder|run|runs|start|stop|"
    r"clear|undo|redo|pen|eraser|help|quit|edit|view|results|curves|compare|export|import|learning|rate|dataset|"
    r"device|validation|sure|loading|inside|network|layer|filters|saliency|charted|probability|each|what|sees|"
    r"shipped|language|shortcuts|about|browse|study|optimizer|augmentation|name|created|outcome|time|seconds|"
    r"predicted|true|confusion|class|matrix|misclassified|here|appear|when|ends|nothing|yet|teach|this|that|"
    r"use|used|keep|kept|expected|about|parameters|epochs|batch size|images/s|left|done|finished|failed)\b",
    re.IGNORECASE)


def shown_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every string the window's widgets, menus, tables and plots show."""
    import pyqtgraph as pg
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QTableWidget,
        QTabWidget,
        QWidget,
    )

    out = [("title", window.windowTitle())]
    for widget in window.findChildren(QWidget):
        kind = type(widget).__name__
        if widget.toolTip():
            out.append((f"{kind} tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            out.append((kind, widget.text()))
        elif isinstance(widget, QAbstractButton):
            out.append((kind, widget.text()))
        elif isinstance(widget, QGroupBox):
            out.append((kind, widget.title()))
        elif isinstance(widget, QLineEdit):
            out.append((f"{kind} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            out += [(f"{kind} item", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            out += [("tab", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            for i in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(i)
                if item is not None:
                    out.append(("column", item.text()))
            cells = (widget.item(r, c) for r in range(widget.rowCount()) for c in range(widget.columnCount()))
            out += [("cell", item.text()) for item in cells if item is not None]
        if isinstance(widget, pg.PlotWidget):
            item = widget.getPlotItem()
            out.append(("plot title", item.titleLabel.text))
            for axis in ("left", "bottom"):
                out.append(("axis", item.getAxis(axis).labelText))
            if item.legend is not None:
                out += [("legend", label.text) for _, label in item.legend.items]
    for action in window.findChildren(QAction):
        out += [("action", action.text()), ("action tooltip", action.toolTip())]
    for menu in window.menuBar().actions():
        out.append(("menu", menu.text()))
    return [(where, re.sub(r"<[^>]+>", " ", text)) for where, text in out if text]


# Kept in English on purpose: a key's name, a dataset's name, a file's name (pendigits-train.npz), code
# (model.save), the term in brackets after its translation.
KEPT = re.compile(r"(phím|nhấn) Delete|MNIST\+PEN|[\w-]+\.npz|model\.save|\((saliency|pooling|overfitting)\)",
                  re.IGNORECASE)


def untranslated(texts) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts if ENGLISH.search(KEPT.sub(" ", text))]


@pytest.fixture
def vietnamese_window(qtbot, settings, data_dir):
    with open_vietnamese_window(qtbot, settings, data_dir) as win:
        yield win


def test_the_translations_are_complete_and_compiled():
    """Every tr() string of app/ and every sentence from training/ has a finished Vietnamese translation."""
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "update_translations.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_english_window_has_only_english(window):
    texts = dict(shown_texts(window))
    assert window.windowTitle() == "Digit Recognizer" and "Draw" in [window.tabs.tabText(i) for i in range(3)]
    assert not any("ữ" in text or "ệ" in text for text in texts.values())


def test_in_vietnamese_no_string_of_the_main_window_is_left_in_english(qtbot, vietnamese_window):
    win = vietnamese_window
    assert [win.tabs.tabText(i) for i in range(win.tabs.count())] == ["Vẽ", "Huấn luyện", "Mẫu"]
    draw_digit(qtbot, win.draw_tab.canvas, 3)
    settle(qtbot, win)
    win.draw_tab.show_inside(True)
    qtbot.waitUntil(lambda: win.draw_tab.inside.results > 0, timeout=60_000)
    for index in range(win.tabs.count()):  # every tab laid out and shown once
        win.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    win.tabs.setCurrentIndex(0)
    left = untranslated(shown_texts(win))
    assert not left, "\n".join(f"{where}: {text!r}" for where, text in left)
    # Numbers follow the Vietnamese locale: a decimal comma in the percentages.
    assert QLocale().decimalPoint() == ","
    verdict = win.draw_tab.answer.verdict_label.text()
    assert "chắc chắn" in verdict and re.search(r"\d,\d%", verdict), verdict


def test_in_vietnamese_the_model_library_names_the_shipped_model_and_a_damaged_file(vietnamese_window):
    view = vietnamese_window.train_tab.library_view
    folder = vietnamese_window.library.folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.keras").write_bytes(b"PK\x03\x04 cut short")
    (folder / "broken.json").write_text('{"name": "broken", "test_accuracy"')  # its description, cut short too
    view.refresh()
    rows = {view.table.item(r, 0).text().split(": ")[-1]: r for r in range(view.table.rowCount())}
    assert "Mô hình có sẵn" in rows and "broken" in rows, rows
    problem = view.table.item(rows["broken"], 3).text()
    # The sentence around the file's path and the JSON parser's own words (in brackets) is Vietnamese.
    sentence = re.sub(r"\(.*\)", "", problem.replace(str(folder / "broken.json"), ""))
    assert "không" in sentence and not untranslated([("cell", sentence)]), problem


def test_in_vietnamese_the_file_dialogs_words_are_vietnamese(qtbot, vietnamese_window, tmp_path):
    """Qt's own file dialog (the one Linux desktops without a native one get): its labels carry a shortcut's "&",
    and its columns come from the file system model; both were left in English."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

    (tmp_path / "model.keras").write_bytes(b"")
    dialog = QFileDialog(vietnamese_window, "", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    model = dialog.findChild(QTreeView).model()
    texts = ([("label", label.text()) for label in dialog.findChildren(QLabel)]
             + [("button", b.text() or b.toolTip()) for b in dialog.findChildren(QAbstractButton)]
             + [("column", model.headerData(i, Qt.Orientation.Horizontal)) for i in range(4)])
    assert ("label", "&Tìm trong:") in texts and ("column", "Kích thước") in texts
    english = {"Look in:", "File name:", "Files of type:", "Name", "Size", "Type", "Date Modified", "Back", "Cancel"}
    assert not [t for t in texts if t[1].replace("&", "") in english], texts
    dialog.close()


def counted(n: int) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ResultsView", "after %n epoch(s)", "", n)


def test_a_count_takes_the_english_plural(window):
    # English is the source language; its file holds the plural forms only.
    assert (counted(1), counted(2)) == ("after 1 epoch", "after 2 epochs")


def test_a_count_in_vietnamese_has_one_form(vietnamese_window):
    assert (counted(1), counted(2)) == ("sau 1 epoch", "sau 2 epoch")


def test_in_vietnamese_the_train_form_fits_the_smallest_window(qtbot, vietnamese_window):
    # Vietnamese labels are the longer ones ("Kích thước batch").
    tab = vietnamese_window.train_tab
    vietnamese_window.tabs.setCurrentWidget(tab)
    vietnamese_window.resize(vietnamese_window.minimumSizeHint())
    qtbot.wait(100)
    assert not tab.form_scroll.horizontalScrollBar().isVisible()


def test_errors_from_training_are_translated(vietnamese_window, tmp_path):
    from app.i18n import message
    from training.errors import ImageError
    from training.reading.preprocess import load_image

    folder = tmp_path / "a-folder.png"
    folder.mkdir()
    with pytest.raises(ImageError) as caught:
        load_image(folder)
    assert str(caught.value) == f"{folder} is a folder, not an image."  # the command line's English
    assert message(caught.value) == f"{folder} là một thư mục, không phải ảnh."


def test_the_language_menu_rebuilds_the_window_and_is_remembered(qtbot, window, settings):
    actions = {a.data(): a for a in window.language_actions}
    assert set(actions) == {"", "en", "vi"} and actions["en"].isChecked()
    window.tabs.setCurrentIndex(1)
    actions["vi"].trigger()
    replacement = window.replacement
    qtbot.addWidget(replacement)
    assert not window.isVisible() and replacement.isVisible()
    assert settings.language == "vi" and replacement.tabs.currentIndex() == 1
    assert replacement.tabs.tabText(0) == "Vẽ"
    qtbot.waitUntil(lambda: replacement.predictor is not None, timeout=60_000)
    replacement.language_actions[1].trigger()  # English again
    again = replacement.replacement
    qtbot.addWidget(again)
    assert again.tabs.tabText(0) == "Draw" and settings.language == "en"
    qtbot.waitUntil(lambda: again.predictor is not None, timeout=60_000)
    again.close()
