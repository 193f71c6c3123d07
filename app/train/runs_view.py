"""The run history: every training run with its settings and results; runs can be deleted."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.i18n import dataset_label
from app.train.compare_view import MAX_RUNS, optimizer_name
from app.widgets import confirm, percent
from training.runs import RunStore

COLUMNS = (QT_TRANSLATE_NOOP("RunsView", "Started"), QT_TRANSLATE_NOOP("RunsView", "Outcome"),
           QT_TRANSLATE_NOOP("RunsView", "Model"), QT_TRANSLATE_NOOP("RunsView", "Dataset"),
           QT_TRANSLATE_NOOP("RunsView", "Optimizer"), QT_TRANSLATE_NOOP("RunsView", "Learning rate"),
           QT_TRANSLATE_NOOP("RunsView", "Epochs"), QT_TRANSLATE_NOOP("RunsView", "Test accuracy"),
           QT_TRANSLATE_NOOP("RunsView", "Device"), QT_TRANSLATE_NOOP("RunsView", "Time"))
OUTCOMES = {"finished": QT_TRANSLATE_NOOP("RunsView", "finished"), "stopped": QT_TRANSLATE_NOOP("RunsView", "stopped"),
            "failed": QT_TRANSLATE_NOOP("RunsView", "failed"),
            "abandoned": QT_TRANSLATE_NOOP("RunsView", "abandoned at quit")}


def local_time(iso: str) -> str:
    """A record's UTC time as the user's clock shows it, to the minute."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def run_row(record: dict) -> list[str]:
    if "damaged" in record:
        damaged = QCoreApplication.translate("RunsView", "damaged: {reason}").format(reason=record["damaged"])
        return [record["id"], damaged] + [""] * (len(COLUMNS) - 2)
    s = record["settings"]
    done = len(record.get("epochs") or [])
    last = (record.get("epochs") or [{}])[-1]
    epochs = f"{done}/{s.get('epochs', '?')}"
    if last.get("batches") and 0 < (last.get("batches_done") or 0) < last["batches"]:
        epochs = f"{done - 1 + last['batches_done'] / last['batches']:.2f}/{s.get('epochs', '?')}"
    accuracy = record.get("test_accuracy")
    minutes, seconds = divmod(int(record.get("seconds") or 0), 60)
    outcome = record.get("outcome", "")
    return [local_time(str(record.get("started", ""))),
            QCoreApplication.translate("RunsView", OUTCOMES[outcome]) if outcome in OUTCOMES else str(outcome),
            s.get("preset", ""), dataset_label(s.get("dataset")),
            optimizer_name(s.get("optimizer", "")),
            f"{s.get('learning_rate', '')}", epochs, percent(accuracy, 2) if accuracy is not None else "",
            record.get("device", ""), f"{minutes}:{seconds:02d}"]


class RunsView(QWidget):
    problem = Signal(str, str)
    compareRequested = Signal(list)  # the selected run records, 2 to 6

    def __init__(self, store: RunStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.records: list[dict] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("RunsView", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.summary = QLabel("")
        self.summary.setStyleSheet("color: gray")
        self.summary.setWordWrap(True)  # wraps rather than widening the smallest window
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(self.tr("Select 2 to 6 runs (Ctrl-click) to see their curves and settings "
                                               "side by side."))
        self.compare_button.clicked.connect(self.compare_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected runs from the history (saved models stay)."))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.records = self.store.runs()
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            for col, text in enumerate(run_row(record)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, record["id"])
                if record.get("message"):
                    item.setToolTip(record["message"])
                self.table.setItem(row, col, item)
        self.summary.setText(self.tr("%Ln run(s), newest first; every run is kept here, saved or not.", "",
                                     len(self.records)) if self.records else self.tr("Runs appear here as they end."))
        self._update_buttons()

    def selected_ids(self) -> list[str]:
        return [self.records[index.row()]["id"] for index in self.table.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        self.delete_button.setEnabled(bool(ids))
        comparable = [r for r in self.selected_records() if "damaged" not in r]
        self.compare_button.setEnabled(2 <= len(comparable) <= MAX_RUNS)

    def selected_records(self) -> list[dict]:
        return [self.records[index.row()] for index in sorted(self.table.selectionModel().selectedRows())]

    def compare_selected(self) -> None:
        records = [r for r in self.selected_records() if "damaged" not in r]
        if 2 <= len(records) <= MAX_RUNS:
            self.compareRequested.emit(list(reversed(records)))  # oldest first: run 1 came first

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not confirm(self, self.tr("Delete runs?"),
                                  self.tr("Delete %Ln run(s) from the history? Saved models are kept.", "",
                                          len(ids)), self.tr("Delete")):
            return
        for run_id in ids:
            try:
                self.store.delete(run_id)
            except OSError as exc:
                self.problem.emit(self.tr("Cannot delete"), self.tr("The run {run} could not be deleted: {reason}.").format(
                    run=run_id, reason=exc.strerror or exc))
        self.refresh()
