"""The Train tab and status bar tell what is (issue 33, items 8, 9, 10, 11, 12): results, saving, the model in use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt

from .conftest import draw_digit, drop_file, settle, open_vietnamese_window


def test_results_before_any_run_are_one_sentence_and_after_one_nothing_is_clipped(qtbot, window, trained):
    tab = window.train_tab
    window.tabs.setCurrentWidget(tab)
    results = tab.results
    tab.views.setCurrentWidget(results)
    qtbot.wait(50)
    # No solid matrix, no -0.5...0.5 axes: the sentence says what will be here.
    assert results.summary.text().startswith("Results appear here when a run ends")
    assert not results.has_result() and not results.confusion_plot.isVisible()
    assert not results.per_class_plot.isVisible() and not results.gallery.isVisible()

    results.show_result(trained, trained.x_test, trained.y_test)
    # The fine-tune's long sentence, as _on_completed appends it.
    long = ("Fine-tuned: on 120 of your samples for 5 epochs; held-out accuracy 91.2% before, 96.8% after, "
            "on 30 samples you kept apart, with MNIST mixed in so that it does not forget the rest")
    results.summary.setText(results.summary.text() + "<br>" + long)
    for size in (QSize(1100, 680), window.minimumSizeHint()):
        window.resize(size)
        qtbot.waitUntil(lambda: window.size() == size)
        qtbot.wait(100)
        assert results.has_result() and results.confusion_plot.isVisible()
        summary = results.summary
        # Whole: as tall as its wrapped text, and never wider than the view (no sideways scrolling).
        assert summary.height() >= summary.heightForWidth(summary.width()), size
        assert results.scroll.horizontalScrollBar().maximum() == 0
        assert summary.width() <= results.scroll.viewport().width()
        # The counts stay in their cells, legible.
        assert results.cell_font_size >= 5, size
        shown = [t for t in results.cell_labels if t.isVisible() and t.textItem.toPlainText()]
        assert len(shown) >= 10
        # What does not fit is reached by scrolling down to it.
        plot = results.confusion_plot
        results.scroll.ensureWidgetVisible(plot)
        qtbot.wait(20)
        viewport = results.scroll.viewport()
        on_screen = QRect(plot.mapTo(viewport, QPoint(0, 0)), plot.size()).intersected(viewport.rect())
        assert on_screen.height() >= 0.9 * plot.height() and on_screen.width() == plot.width(), size


def test_save_and_use_leaves_the_save_buttons_off(qtbot, window, trained):
    tab = window.train_tab
    window.tabs.setCurrentWidget(tab)
    tab.result = trained
    tab.save_row.set_enabled(True)
    tab.save_row.name_edit.setText("saved once")
    qtbot.mouseClick(tab.save_row.save_use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model_path is not None and Path(window.model_path).name == "saved-once.keras",
                    timeout=120_000)
    assert not tab.save_row.save_button.isEnabled() and not tab.save_row.save_use_button.isEnabled()
    assert "saved once" in tab.save_row.save_button.toolTip()
    # A click on the disabled button does nothing: no "the name exists" problem.
    qtbot.mouseClick(tab.save_row.save_use_button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert window.last_problem is None
    assert sorted(p.name for p in window.library.folder.glob("*.keras")) == ["saved-once.keras"]


def test_an_opened_model_is_listed_in_the_models_tab_with_progress_while_it_loads(qtbot, window, model_file):
    view = window.train_tab.library_view
    assert not window.loading_indicator.isVisible()
    drop_file(window.draw_tab, model_file)  # a .keras file dragged from a file manager onto the Draw tab
    # While it loads: the bar moves, the seconds count, and the Models tab already lists it.
    assert window.loading_indicator.isVisible() and window.loading_indicator.bar.maximum() == 0
    assert window.loading_indicator.seconds.text().endswith(" s")
    assert window.model_label.text() == "Model: loading mlp.keras..."
    names = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert any(n.startswith("loading: ") and str(model_file.parent) in n for n in names), names
    qtbot.waitUntil(lambda: window.model_path == str(model_file), timeout=120_000)
    assert not window.loading_indicator.isVisible()
    row = next(r for r, e in enumerate(view.entries) if e.path == model_file)
    item = view.table.item(row, 0)
    # Marked in use, and as opened from where it is: the file is read there, never copied.
    assert item.text().startswith("\u25b6 in use: ") and f"(opened from {model_file.parent})" in item.text()
    assert item.font().bold()
    assert view.table.item(row, 3).text().endswith("%")  # its sidecar's test accuracy
    view.table.selectRow(row)
    assert not view.delete_button.isEnabled() and "never deleted" in view.delete_button.toolTip()
    # Back to the shipped model from the table: the outside file leaves the list, the shipped one is marked.
    shipped_row = next(r for r, e in enumerate(view.entries) if e.protected and e.path not in view.outside)
    view.table.selectRow(shipped_row)
    with qtbot.waitSignal(window.modelChanged, timeout=120_000):
        qtbot.mouseClick(view.use_button, Qt.MouseButton.LeftButton)
    assert all(e.path != model_file for e in view.entries)
    assert view.table.item(0, 0).text().startswith("\u25b6 in use: Shipped model")


def test_vietnamese_numbers_share_one_decimal_sign(qtbot, settings, data_dir):
    with open_vietnamese_window(qtbot, settings, data_dir) as window:
        tab = window.train_tab
        window.tabs.setCurrentWidget(tab)
        tab.form.preset_box.setCurrentIndex(tab.form.preset_box.findData("mlp-512"))
        assert tab.form.lr_edit.text() == "0,001"  # beside the validation share's "0,10"
        assert "," in tab.form.val_spin.text() and "." not in tab.form.val_spin.text()
        assert tab.form.config(check_files=False).learning_rate == 0.001  # read back as what it says
        # Typed the English way, it is still understood.
        tab.form.lr_edit.clear()
        qtbot.keyClicks(tab.form.lr_edit, "0.0005")
        assert tab.form.config(check_files=False).learning_rate == 0.0005


def test_the_status_bar_names_the_test_set_of_each_figure(qtbot, window, model_file):
    # The shipped model: its mixed split's figure, and MNIST's (measured and kept in its sidecar).
    text = window.model_label.text()
    assert "MNIST 99.65%" in text and "MNIST + pen 98.46%" in text
    # The status bar shows it whole at the default size, in both languages' widths.
    assert window.model_label.fontMetrics().horizontalAdvance(text) <= window.model_label.width()
    with qtbot.waitSignal(window.modelChanged, timeout=120_000):
        window.open_model_file(str(model_file))
    assert "test accuracy: MNIST " in window.model_label.text()  # trained on MNIST: that is its test set
    draw_digit(qtbot, window.draw_tab.canvas, 1)
    settle(qtbot, window)


def test_vietnamese_table_headings_fold_instead_of_being_cut(qtbot, settings, data_dir):
    with open_vietnamese_window(qtbot, settings, data_dir) as window:
        tab = window.train_tab
        window.tabs.setCurrentWidget(tab)
        for view in (tab.library_view, tab.runs_view):
            tab.views.setCurrentWidget(view)
            qtbot.wait(50)
            header = view.table.horizontalHeader()
            metrics = header.fontMetrics()
            for column in range(view.table.columnCount()):
                text = view.table.horizontalHeaderItem(column).text()
                widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
                assert header.sectionSize(column) >= widest, (type(view).__name__, text)
        # "Độ chính xác kiểm tra" over "98,46%": on two lines, no wider than it needs.
        accuracy = tab.library_view.table.horizontalHeaderItem(3).text()
        assert accuracy.replace("\n", " ") == "Độ chính xác kiểm tra" and "\n" in accuracy
