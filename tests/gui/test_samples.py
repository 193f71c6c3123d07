"""Teach it your handwriting, through the GUI: save samples, manage them, fine-tune."""

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from strokes import quirky_drawing

from .conftest import answer_dialog, draw_digit, draw_number, settle

ROOT = Path(__file__).resolve().parents[2]


def test_a_key_or_a_click_saves_the_drawing_as_a_sample(qtbot, window):
    tab, samples = window.draw_tab, window.samples
    draw_digit(qtbot, tab.canvas, 7)
    settle(qtbot, window)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_1)  # the model says 7; the writer meant 1
    stored = samples.samples()
    assert [s.digit for s in stored] == [1]
    assert stored[0].image().shape == (28, 28) and stored[0].raw_path.read_bytes()[:4] == b"\x89PNG"
    # The drawing stays, read again with the new sample (personal reading); Escape clears it for the next.
    assert not tab.canvas.is_blank() and tab.personal_note.text() == "Learned from your 1 sample."
    qtbot.keyClick(tab.canvas, Qt.Key.Key_Escape)
    assert window.samples_view.counts[1] == 1 and window.samples_view.grid.count() == 1

    draw_digit(qtbot, tab.canvas, 3)
    button = next(b for b in tab.findChildren(QToolButton) if b.defaultAction() is tab.sample_actions[3])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert sorted(s.digit for s in samples.samples()) == [1, 3]

    draw_number(qtbot, tab.canvas, "12")
    assert not tab.save_sample(5)  # two digits: which one would it be?
    assert len(samples.samples()) == 2 and not tab.canvas.is_blank()


def test_samples_tab_relabel_delete_export_import(qtbot, window, tmp_path):
    view, store = window.samples_view, window.samples
    for d in (4, 4, 9):
        store.add(np.full((28, 28), 0.5, np.float32), d)
    view.refresh()
    assert view.counts[4] == 2 and view.counts[9] == 1
    window.tabs.setCurrentWidget(view)
    view.grid.item(0).setSelected(True)  # a 4
    view.grid.setFocus()
    said = []
    view.statusMessage.connect(said.append)
    qtbot.keyClick(view.grid, Qt.Key.Key_7)
    assert view.counts[4] == 1 and view.counts[7] == 1
    view.grid.clearSelection()
    view.grid.item(view.grid.count() - 1).setSelected(True)
    answer_dialog("Delete")
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    assert sum(view.counts) == 2

    out = tmp_path / "mine.npz"
    assert view.export_npz(str(out))
    # A count takes its plural: "1 sample", "2 samples", never "sample(s)".
    assert said == ["Relabelled 1 sample as 7.", "Deleted 1 sample.", f"Exported 2 samples to {out}."]
    assert view.import_npz(str(out))
    qtbot.waitUntil(lambda: not view.importing, timeout=30_000)
    assert sum(view.counts) == 4
    (tmp_path / "bad.npz").write_text("no")
    with qtbot.waitSignal(view.problem, timeout=30_000) as problem:
        view.import_npz(str(tmp_path / "bad.npz"))
    assert "bad.npz" in problem.args[1] and sum(view.counts) == 4


def test_fine_tune_from_the_train_tab(qtbot, window, mnist_path):
    from training.reading.preprocess import to_mnist

    tab, store = window.train_tab, window.samples
    assert not tab.run_panel.finetune_button.isEnabled()  # no samples yet
    rng = np.random.default_rng(5)
    for digit in (1, 7):
        for _ in range(10):
            store.add(to_mnist(quirky_drawing(digit, rng)), digit)
    tab.samples_changed()
    assert tab.run_panel.finetune_button.isEnabled() and "(20)" in tab.run_panel.finetune_button.text()
    tab.form.data_edit.setText(str(mnist_path))
    qtbot.mouseClick(tab.run_panel.finetune_button, Qt.MouseButton.LeftButton)
    assert tab.is_running()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=240_000)
    result = tab.fine_tune_result
    assert result.held_out_after.accuracy >= result.held_out_before.accuracy
    assert result.train.test_accuracy > 0.99
    assert "Fine-tuned: your held-out samples" in tab.log.toPlainText()
    assert tab.save_row.name_edit.text().startswith("fine-tuned-") and tab.save_row.save_button.isEnabled()
    with qtbot.waitSignal(window.modelChanged, timeout=60_000):
        tab.save(use=True)
    assert window.library.entries()[1].info["base_model"].endswith("default.keras")
    # The Runs tab keeps it as what it was: the shipped network, fine-tuned on MNIST + my samples.
    settings = tab.runs_view.records[0]["settings"]
    assert settings["base_model"].endswith("default.keras") and settings["dataset"] == "mnist+samples"


def test_damaged_samples_never_block_start_up_and_can_be_removed(qtbot, settings, data_dir):
    """A truncated .npy and a journal line with odd fields: the window starts, says so, and lets them go."""
    from app.gui import create_window
    from training.data.samples import SampleStore

    store = SampleStore(data_dir / "samples")
    good = store.add(np.full((28, 28), 0.5, np.float32), 3)
    truncated = store.add(np.full((28, 28), 0.5, np.float32), 4)
    truncated.image_path.write_bytes(truncated.image_path.read_bytes()[:40])
    odd = store.add(np.full((28, 28), 0.5, np.float32), 5)
    with open(store.folder / "journal.jsonl", "a") as f:
        f.write('{"op":"relabel","id":"%s","digit":6,"time":"yesterday"}\n' % odd.id)
        f.write('{"op":"add","id":"x","digit":true,"time":"yesterday"}\n')
        f.write('{"op":"add","id":"%s","digit":5,"time":"yesterday"}\n' % odd.id)
    win = create_window(settings, data_dir)
    qtbot.addWidget(win)
    win.show()
    view = win.samples_view
    qtbot.waitUntil(lambda: not view.loading())
    assert view.grid.count() == 3 and view.damaged == [truncated.id]
    assert "1 of your samples is damaged" in win.statusBar().currentMessage()
    x, y = store.arrays()
    assert sorted(y.tolist()) == [3, 5]  # the damaged one is left out of training
    item = next(view.grid.item(i) for i in range(view.grid.count())
                if view.grid.item(i).data(Qt.ItemDataRole.UserRole) == truncated.id)
    assert "damaged" in item.text() and "cannot be read" in item.toolTip()
    item.setSelected(True)
    answer_dialog("Cancel")  # issue 14: deleting asks first
    view.delete_selected()
    assert view.grid.count() == 3
    answer_dialog("Delete")
    view.delete_selected()
    assert view.grid.count() == 2 and view.damaged == []
    assert good.id in [s.id for s in store.samples()]
    win.close()


def test_thousands_of_samples_load_without_freezing_and_a_save_adds_one_item(qtbot, window):
    import time

    view, store = window.samples_view, window.samples
    x = np.random.default_rng(0).integers(0, 255, (5000, 28, 28)).astype(np.uint8)
    import io
    buffer = io.BytesIO()
    np.savez(buffer, x_train=x, y_train=np.arange(5000) % 10)
    path = view.store.folder.parent / "many.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    started = time.perf_counter()
    assert store.import_npz(path) == 5000
    imported_s = time.perf_counter() - started
    started = time.perf_counter()
    view.refresh()
    refresh_s = time.perf_counter() - started
    assert refresh_s < 1.5, refresh_s  # items only; thumbnails come in batches
    assert view.loading()
    qtbot.waitUntil(lambda: not view.loading(), timeout=60_000)
    assert view.grid.count() == 5000 and sum(view.counts) == 5000
    print(f"\nimport of 5000: {imported_s:.2f} s; refresh: {refresh_s:.3f} s")

    tab = window.draw_tab
    draw_digit(qtbot, tab.canvas, 7)
    settle(qtbot, window)
    items_before = [view.grid.item(i) for i in range(view.grid.count())]
    started = time.perf_counter()
    assert tab.save_sample(7)
    saved_s = time.perf_counter() - started
    assert view.grid.count() == 5001 and view.counts[7] == 501
    assert view.grid.item(0) is items_before[0]  # the grid was not rebuilt
    new = [view.grid.item(i) for i in range(view.grid.count()) if view.grid.item(i) not in items_before]
    assert len(new) == 1 and new[0].text() == "7"
    position = view.grid.row(new[0])
    assert position == sum(view.counts[:8]) - 1  # the last of the 7s
    assert saved_s < 0.5, saved_s


def test_each_kind_of_dialog_reopens_in_its_own_last_folder(settings, tmp_path):
    """Issue 14: export opened in the home folder every time; Samples export in the source tree."""
    images, exports = tmp_path / "photos", tmp_path / "out"
    images.mkdir()
    exports.mkdir()
    settings.set_last_dir("image", str(images / "a.png"))
    settings.set_last_dir("export", str(exports))
    assert settings.dialog_start("image") == str(images)
    assert settings.dialog_start("export", "digit.png") == str(exports / "digit.png")
    fresh = settings.dialog_start("samples", "my-digits.npz")
    assert fresh.endswith("my-digits.npz") and not fresh.startswith(str(ROOT))  # never the source tree


def test_a_save_dialog_adds_the_suffix_and_remembers_its_folder(qtbot, settings, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

    from app.widgets import ask_save_path

    parent = QWidget()
    qtbot.addWidget(parent)

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.selectFile(str(tmp_path / "mine"))
        dialog.accept()

    QTimer.singleShot(0, answer)
    path = ask_save_path(parent, settings, "export", "Export", "digit.png", "PNG image (*.png)", ".png")
    assert path == str(tmp_path / "mine.png")
    assert settings.last_dir("export") == str(tmp_path)
