"""The model library: saved models, "Use in Draw tab", delete; the shipped one protected."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import dataset_label, message, translated
from app.table_headings import fold_headings
from app.widgets import confirm, percent
from training.errors import ModelFileError
from training.models.library import ModelLibrary
from training.reading.recognize import reads_digits

COLUMNS = (QT_TRANSLATE_NOOP("ModelLibraryView", "Name"), QT_TRANSLATE_NOOP("ModelLibraryView", "Dataset"),
           QT_TRANSLATE_NOOP("ModelLibraryView", "Preset"), QT_TRANSLATE_NOOP("ModelLibraryView", "Test accuracy"),
           QT_TRANSLATE_NOOP("ModelLibraryView", "Epochs"), QT_TRANSLATE_NOOP("ModelLibraryView", "Created"))


class ModelLibraryView(QWidget):
    useRequested = Signal(str)  # path
    deleted = Signal(str)  # path
    openFileRequested = Signal()  # a model file from elsewhere: the window asks which and opens it
    problem = Signal(str, str)

    def __init__(self, library: ModelLibrary, parent=None):
        super().__init__(parent)
        self.library = library
        self.active_path: str | None = None
        self.loading_path: str | None = None  # a model being opened: listed, marked, before it is in use
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("ModelLibraryView", column) for column in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # The name takes what the figures leave, but never less than a few words (a stretched column
        # shrank to "Mô ..." in a narrow window): then the table scrolls sideways. The figures keep their width.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        self.table.viewport().installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _: self.use_selected())
        self.use_button = QPushButton(self.tr("Use in Draw tab"))
        self.use_button.clicked.connect(self.use_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        self.open_button = QPushButton(self.tr("Open a model file..."))
        self.open_button.setToolTip(self.tr("Read digits with a Keras model of your own (a .keras file, "
                                            "saved with model.save). It is read where it is."))
        self.open_button.clicked.connect(lambda: self.openFileRequested.emit())
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.entries = self.library.entries()
        # A file opened from elsewhere (a notebook's model) is listed too, while it loads and while in use:
        # the table always shows what the Draw tab reads with.
        self.outside = {}
        for path in dict.fromkeys(p for p in (self.active_path, self.loading_path) if p):
            entry = self.library.outside_entry(path)
            if entry is not None:
                self.entries.append(entry)
                self.outside[entry.path] = entry
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            info = entry.info
            acc = entry.test_accuracy
            in_use = bool(self.active_path) and Path(self.active_path) == entry.path
            loading = bool(self.loading_path) and Path(self.loading_path) == entry.path and not in_use
            outside = entry.path in self.outside
            # The mark leads, so that a long name cut short never hides it.
            # The library names the shipped model in English (it never imports Qt); here it is translated.
            if outside:
                shown = self.tr("{name} (opened from {folder})").format(
                    name=entry.path.stem if info.get("problem") else entry.name, folder=entry.path.parent)
            else:
                shown = self.tr("Shipped model") if entry.protected else entry.name
            name = (self.tr("\u25b6 in use: ") if in_use else self.tr("loading: ") if loading else "") + shown
            problem = info.get("problem")
            values = (name, dataset_label(info.get("dataset")), info.get("preset", ""),
                      percent(acc, 2) if acc is not None else
                      self.tr("unknown") if outside else translated(problem or "?"),
                      str(info.get("epochs", "")), str(info.get("created", ""))[:16].replace("T", " "))
            for col, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setToolTip(f"{shown}\n{entry.path}" + ("\n" + self.tr("In use in the Draw tab.") if in_use else ""))
                font = item.font()
                font.setItalic(entry.protected)
                font.setBold(in_use)
                item.setFont(font)
                self.table.setItem(row, col, item)
        fold_headings(self.table)
        self._fit_name_column()
        self._update_buttons()

    def eventFilter(self, watched, event) -> bool:
        # The table's viewport, not this view: when a hidden tab is shown, this view is resized first.
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_name_column()
        return super().eventFilter(watched, event)

    def _fit_name_column(self) -> None:
        header = self.table.horizontalHeader()
        # What ResizeToContents gives them (their sections may not have been laid out yet).
        figures = sum(max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
                      for c in range(1, self.table.columnCount()))
        least = header.fontMetrics().horizontalAdvance("M" * 10)
        header.resizeSection(0, max(least, self.table.viewport().width() - figures))

    def set_active(self, path: str) -> None:
        self.active_path = path
        if self.loading_path == path:
            self.loading_path = None
        self.refresh()

    def set_loading(self, path: str | None) -> None:
        """``path`` is being opened (None: no longer, it failed)."""
        self.loading_path = path
        self.refresh()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def select_path(self, path) -> None:
        for row, entry in enumerate(self.entries):
            if entry.path == Path(path):
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        entry = self.selected()
        digits = entry is not None and reads_digits((entry.info or {}).get("class_names"))
        self.use_button.setEnabled(digits)
        self.use_button.setToolTip(self.tr("This model reads other things than digits; the Draw tab reads digits.")
                                   if entry is not None and not digits else "")
        self.delete_button.setEnabled(entry is not None and not entry.protected)
        if entry is not None and entry.path in self.outside:
            self.delete_button.setToolTip(self.tr("A file opened from elsewhere stays where it is; "
                                                  "it is never deleted from here."))
        else:
            self.delete_button.setToolTip(self.tr("The shipped model is always kept.")
                                          if entry is not None and entry.protected
                                          else self.tr("Delete the model file and its sidecar"))

    def use_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.useRequested.emit(str(entry.path))

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.protected:
            return
        in_use = self.active_path is not None and Path(self.active_path) == entry.path
        text = (self.tr("Delete \u201c{name}\u201d? It is the model in use; the Draw tab goes back to the "
                        "shipped model.") if in_use else
                self.tr("Delete \u201c{name}\u201d? This cannot be undone.")).format(name=entry.name)
        if not confirm(self, self.tr("Delete the model?"), text, self.tr("Delete")):
            return
        try:
            self.library.delete(entry.path)
        except (ModelFileError, OSError) as exc:
            self.problem.emit(self.tr("Cannot delete"), message(exc))
        else:
            self.deleted.emit(str(entry.path))
        self.refresh()

