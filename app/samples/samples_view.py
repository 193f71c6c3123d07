"""The user's samples as a grid by digit: counts, relabel, delete, export and import."""

from __future__ import annotations

from collections import deque

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import message
from app.tasks import run_in_background
from app.thumbnails import thumbnail_grid, thumbnail_icon
from app.widgets import ask_save_path, confirm
from training.data.samples import SampleStore
from training.errors import DigitRecognizerError

THUMBNAIL_BATCH = 300  # per turn of the event loop: about 30 ms of work


class SamplesView(QWidget):
    changed = Signal()
    problem = Signal(str, str)
    statusMessage = Signal(str)

    def __init__(self, store: SampleStore, settings=None, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings  # app.settings.Settings: where the export and import dialogs open
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.grid = thumbnail_grid()
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.grid.setToolTip(self.tr("Right-click to relabel or delete; Delete removes the selection; "
                                     "a digit key relabels it."))
        delete = QAction(self.tr("Delete"), self.grid)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.grid.addAction(delete)
        for digit in range(10):
            relabel = QAction(self.tr("Relabel as {digit}").format(digit=digit), self.grid)
            relabel.setShortcut(QKeySequence(str(digit)))
            relabel.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            relabel.triggered.connect(lambda _=False, d=digit: self.relabel_selected(d))
            self.grid.addAction(relabel)

        export_button = QPushButton(self.tr("Export .npz..."))
        export_button.clicked.connect(self._export_dialog)
        import_button = QPushButton(self.tr("Import .npz..."))
        import_button.clicked.connect(self._import_dialog)
        buttons = QHBoxLayout()
        hint = QLabel(self.tr("Save samples from the Draw tab: draw a digit, then press its key (0-9) "
                              "or click its button. Fine-tune on them in the Train tab."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray")
        buttons.addWidget(hint, 1)
        buttons.addWidget(import_button)
        buttons.addWidget(export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        # Which of the two the samples are doing: personal reading (at once) or only fine-tuning.
        self.use_label = QLabel("")
        self.use_label.setWordWrap(True)
        layout.addWidget(self.use_label)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        self._blank = thumbnail_icon(np.zeros((28, 28), np.float32))
        self._pending: deque = deque()
        self.damaged: list[str] = []
        self.importing = False
        self._loader = QTimer(self)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_batch)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the grid from the store; thumbnails arrive in batches, so thousands never freeze the window."""
        samples = sorted(self.store.samples(), key=lambda s: (s.digit, s.created))
        self.grid.clear()
        self.damaged = []
        self._pending = deque()
        self.counts = [0] * 10
        for sample in samples:
            self.counts[sample.digit] += 1
            item = QListWidgetItem(self._blank, str(sample.digit))
            item.setData(Qt.ItemDataRole.UserRole, sample.id)
            self.grid.addItem(item)
            self._pending.append((item, sample))
        self._show_counts()
        self._loader.start()

    def loading(self) -> bool:
        return bool(self._pending)

    def _load_batch(self) -> None:
        for _ in range(THUMBNAIL_BATCH):
            if not self._pending:
                self._loader.stop()
                if self.damaged:
                    self.statusMessage.emit(self.damaged_message())
                return
            self._set_thumbnail(*self._pending.popleft())

    def _set_thumbnail(self, item: QListWidgetItem, sample) -> None:
        try:
            item.setIcon(thumbnail_icon(sample.image() / 255.0))
        except DigitRecognizerError as exc:
            # Shown, not hidden: the user sees it and can delete it; training leaves it out.
            self.damaged.append(sample.id)
            item.setText(self.tr("{digit} (damaged)").format(digit=sample.digit))
            item.setToolTip(message(exc) + " " + self.tr(
                "It is left out of training; select it and press Delete to remove it."))

    def sample_added(self, sample) -> None:
        """One new sample: one item, in its place (by digit, newest last), instead of a rebuild."""
        position = sum(self.counts[:sample.digit + 1])
        self.counts[sample.digit] += 1
        item = QListWidgetItem(self._blank, str(sample.digit))
        item.setData(Qt.ItemDataRole.UserRole, sample.id)
        self.grid.insertItem(position, item)
        self._set_thumbnail(item, sample)
        self._show_counts()

    def _show_counts(self) -> None:
        cells = "".join(f"<td align='center' style='padding: 0 8px'><b>{d}</b><br>{n}</td>"
                        for d, n in enumerate(self.counts))
        title = self.tr("Samples per digit:")
        total = self.tr("{count} in all").format(count=sum(self.counts))
        self.counts_label.setText(f"<table><tr><td>{title}&nbsp;</td>{cells}<td>&nbsp;&nbsp;{total}</td></tr></table>")

    def show_personal_state(self, state: str, count: int) -> None:
        """The Draw tab's personal reading: "on" (with ``count`` samples), "off" or "unavailable"."""
        if state == "on":
            self.use_label.setText(self.tr(
                "Personal reading: the Draw tab reads with %n of your samples, at once, without training "
                "(the newest 50 of each digit at most). Fine-tuning in the Train tab is for many samples: "
                "it trains the network on all of them.", "", count))
        elif state == "off":
            self.use_label.setText(self.tr(
                "Personal reading is off (View > Read with my samples): your samples are used only when you "
                "fine-tune on them in the Train tab."))
        else:
            self.use_label.setText(self.tr(
                "The model in use cannot read with samples (its light-runtime copy has no features): your "
                "samples are used only when you fine-tune on them in the Train tab."))

    def damaged_message(self) -> str:
        if len(self.damaged) == 1:
            return self.tr("1 of your samples is damaged and left out of training; the Samples tab marks it "
                           "for deletion.")
        return self.tr("{count} of your samples are damaged and left out of training; the Samples tab marks "
                       "them for deletion.").format(count=len(self.damaged))

    def selected_ids(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.grid.selectedItems()]

    def relabel_selected(self, digit: int) -> None:
        ids = self.selected_ids()
        for sid in ids:
            self.store.relabel(sid, digit)
        if ids:
            self.refresh()
            self.changed.emit()
            self.statusMessage.emit(self.tr("Relabelled %Ln sample(s) as {digit}.", "", len(ids)).format(digit=digit))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not confirm(self, self.tr("Delete samples?"),
                                  self.tr("Delete {count} of your samples? This cannot be undone.").format(
                                      count=len(ids)), self.tr("Delete")):
            return
        for sid in ids:
            self.store.delete(sid)
        if ids:
            self.refresh()
            self.changed.emit()
            self.statusMessage.emit(self.tr("Deleted %Ln sample(s).", "", len(ids)))

    def _context_menu(self, pos) -> None:
        if not self.grid.selectedItems():
            return
        menu = QMenu(self)
        relabel = menu.addMenu(self.tr("Relabel as"))
        for digit in range(10):
            relabel.addAction(str(digit), lambda d=digit: self.relabel_selected(d))
        menu.addAction(self.tr("Delete"), self.delete_selected)
        menu.exec(self.grid.mapToGlobal(pos))

    def export_npz(self, path: str) -> bool:
        try:
            count = self.store.export_npz(path)
        except OSError as exc:
            self.problem.emit(self.tr("Cannot export"), self.tr("Could not write {path}: {reason}").format(
                path=path, reason=message(exc)))
            return False
        self.statusMessage.emit(self.tr("Exported %Ln sample(s) to {path}.", "", count).format(path=path))
        return True

    def import_npz(self, path: str) -> bool:
        """Import in the background (tens of thousands of files take a while); False if one is running."""
        if self.importing:
            return False
        self.importing = True
        self.statusMessage.emit(self.tr("Importing samples from {path}...").format(path=path))

        def finished(count):
            self.importing = False
            self.refresh()
            self.changed.emit()
            self.statusMessage.emit(self.tr("Imported %Ln sample(s) from {path}.", "", count).format(path=path))

        def failed(reason):
            self.importing = False
            self.problem.emit(self.tr("Cannot import"), reason)

        self._import_task = run_in_background(lambda: self.store.import_npz(path), finished, failed)
        return True

    def _export_dialog(self) -> None:
        path = ask_save_path(self, self.settings, "samples", self.tr("Export samples"), "my-digits.npz",
                             self.tr("Keras datasets (*.npz)"), ".npz")
        if path:
            self.export_npz(path)

    def _import_dialog(self) -> None:
        start = self.settings.dialog_start("samples") if self.settings else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import samples"), start, self.tr("Keras datasets (*.npz)"))
        if path:
            if self.settings:
                self.settings.set_last_dir("samples", path)
            self.import_npz(path)
