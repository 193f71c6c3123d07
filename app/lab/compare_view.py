"""Runs side by side: their curves overlaid, their settings and results in one table, differences marked."""

from __future__ import annotations

import csv
import io

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.curves import loss_and_accuracy_plots
from app.i18n import dataset_label
from app.lab.run_words import OUTCOMES, optimizer_name
from app.widgets import ask_save_path, percent, whole
from training.files import atomic_write_text

MAX_RUNS = 6
# Distinguishable in colour and in grey: one per run.
COLOURS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75)]
DIFFERENT = QBrush(QColor(255, 236, 179))


def run_label(record: dict) -> str:
    s = record["settings"]
    return f"{s.get('preset')} · {optimizer_name(s.get('optimizer'))} · lr {s.get('learning_rate')}"


def table_rows(records: list[dict]) -> list[tuple[str, list[str]]]:
    """(row name, one value per run): the settings and the results compared."""
    translate = QCoreApplication.translate

    def setting(key, show=str):
        return [show(r["settings"].get(key)) for r in records]

    def figure(record, key):
        value = record.get(key)
        return percent(value, 2) if isinstance(value, (int, float)) else ""

    def measured(record, key):
        m = (record.get("measures") or {}).get(key)
        if not (isinstance(m, dict) and "accuracy" in m):
            return ""
        return translate("CompareView", "{accuracy} of {count}").format(accuracy=percent(m["accuracy"], 1),
                                                                        count=whole(m["count"]))

    def outcome(value) -> str:
        return translate("RunsView", OUTCOMES[value]) if value in OUTCOMES else str(value)

    return [
        (translate("CompareView", "Model"), setting("preset")),
        (translate("CompareView", "Dataset"), setting("dataset", dataset_label)),
        (translate("CompareView", "Optimizer"), setting("optimizer", optimizer_name)),
        (translate("CompareView", "Learning rate"), setting("learning_rate", lambda v: f"{v:g}" if isinstance(v, (int, float)) else str(v))),
        (translate("CompareView", "Learning-rate decay"), setting("lr_decay", lambda v: f"{v:g}" if isinstance(v, (int, float)) else str(v))),
        (translate("CompareView", "Batch size"), setting("batch_size")),
        (translate("CompareView", "Epochs asked"), setting("epochs")),
        (translate("CompareView", "Epochs done"), [str(len(r.get("epochs") or [])) for r in records]),
        (translate("CompareView", "Augmentation"), setting("augment", lambda v: translate("CompareView", "yes") if v else translate("CompareView", "no"))),
        (translate("CompareView", "Validation split"),
         setting("validation_split", lambda v: f"{v:g}" if isinstance(v, (int, float)) else str(v))),
        (translate("CompareView", "Training images"), setting("train_limit", lambda v: translate("CompareView", "all") if v is None else whole(v))),
        (translate("CompareView", "Seed"), setting("seed")),
        (translate("CompareView", "Device"), [str(r.get("device", "")) for r in records]),
        (translate("CompareView", "Outcome"), [outcome(r.get("outcome", "")) for r in records]),
        (translate("CompareView", "Time"), [f"{int(r.get('seconds') or 0) // 60}:{int(r.get('seconds') or 0) % 60:02d}" for r in records]),
        (translate("CompareView", "Last training accuracy"), [percent(r["epochs"][-1]["accuracy"], 2)
                                        if r.get("epochs") and r["epochs"][-1].get("accuracy") is not None else ""
                                        for r in records]),
        (translate("CompareView", "Test accuracy"), [figure(r, "test_accuracy") for r in records]),
        (translate("CompareView", "Test images"), [whole(r["test_images"]) if r.get("test_images") else "" for r in records]),
        # The same data for every run, whatever each trained and was tested on:
        (translate("CompareView", "Your samples"), [measured(r, "samples") for r in records]),
        (translate("CompareView", "Held-out pen digits"), [measured(r, "pen") for r in records]),
    ]


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text: one starting with = + - @ (or a tab or carriage return) would be
    read as a formula there (a run's message or device is the user's, or anyone's, text); numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value)
            return value  # "-0.5" is a number, not a formula
        except ValueError:
            return "'" + value
    return value


class SpreadsheetSafeWriter:
    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row) -> None:
        self.writer.writerow([spreadsheet_safe(cell) for cell in row])


class CompareView(QWidget):
    """Two to six runs: loss and accuracy against epochs or time, and their settings and results."""

    problem = Signal(str, str)
    statusMessage = Signal(str)

    def __init__(self, settings=None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.records: list[dict] = []
        self.x_axis = QComboBox()
        self.x_axis.addItem(self.tr("against epochs"), "epochs")
        self.x_axis.addItem(self.tr("against time (seconds)"), "time")
        self.x_axis.currentIndexChanged.connect(self._draw_curves)
        # Narrower than its longest item when the window is small (the popup still shows it whole).
        self.x_axis.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.x_axis.setMinimumContentsLength(10)
        # One button with a menu: two buttons made this tab the widest of the Train tab's views, which
        # left the form too narrow at the smallest window.
        self.export_button = QPushButton(self.tr("Export"))
        export_menu = QMenu(self.export_button)
        export_menu.addAction(self.tr("Picture (PNG)..."), self._export_png_dialog)
        export_menu.addAction(self.tr("Table and curves (CSV)..."), self._export_csv_dialog)
        self.export_button.setMenu(export_menu)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Curves")))
        top.addWidget(self.x_axis)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.loss_plot, self.acc_plot = loss_and_accuracy_plots()
        # Items made once, one per possible run; a comparison fills the first ones with setData.
        self.loss_items, self.acc_items = [], []
        for colour in COLOURS:
            pen = pg.mkPen(colour, width=2)
            self.loss_items.append(self.loss_plot.plot([], [], pen=pen))
            self.acc_items.append(self.acc_plot.plot([], [], pen=pen))
        # Side by side above the table: the tab is wide rather than tall.
        plots = QWidget()
        plots_layout = QHBoxLayout(plots)
        plots_layout.setContentsMargins(0, 0, 0, 0)
        plots_layout.addWidget(self.loss_plot)
        plots_layout.addWidget(self.acc_plot)

        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(self.tr("Rows where the runs differ are highlighted."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(plots)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.show_runs([])

    def show_runs(self, records: list[dict]) -> None:
        self.records = [r for r in records if "damaged" not in r][:MAX_RUNS]
        rows = table_rows(self.records) if self.records else []
        self.table.setColumnCount(len(self.records))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([self.tr("Run {n}").format(n=i + 1) for i in range(len(self.records))])
        for i, record in enumerate(self.records):
            self.table.horizontalHeaderItem(i).setToolTip(run_label(record))
            self.table.horizontalHeaderItem(i).setForeground(QBrush(QColor(*COLOURS[i])))
        self.table.setVerticalHeaderLabels([name for name, _ in rows])
        notes = {
            self.tr("Your samples"): self.tr("Each run is read on your samples (the Samples tab) when it ends; "
                                             "a dash: you had none then."),
            self.tr("Held-out pen digits"): self.tr("Each digit run is read on the pen data's held-out writers "
                                                    "when it ends; a dash: the pen data file was not found "
                                                    "(Pen data, in the form)."),
        }
        for row, (name, values) in enumerate(rows):
            if name in notes:
                self.table.verticalHeaderItem(row).setToolTip(notes[name])
            differs = len(set(values)) > 1
            for col, value in enumerate(values):
                item = QTableWidgetItem(value or "\u2014")  # a dash: not measured, not zero
                item.setToolTip(value)  # whole, where five runs' columns cut it ("SGD with momentum ...")
                item.setForeground(QBrush(QColor(*COLOURS[col])))
                if differs:
                    item.setBackground(DIFFERENT)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        self.export_button.setEnabled(bool(self.records))
        self._draw_curves()

    def differing_rows(self) -> list[str]:
        return [name for name, values in table_rows(self.records) if len(set(values)) > 1] if self.records else []

    def _draw_curves(self) -> None:
        by_time = self.x_axis.currentData() == "time"
        for legend in (self.loss_plot.plotItem.legend, self.acc_plot.plotItem.legend):
            legend.clear()
        for i, (loss_item, acc_item) in enumerate(zip(self.loss_items, self.acc_items)):
            if i < len(self.records):
                points = [p for p in self.records[i].get("curve") or [] if p[1] is not None]
                if by_time:
                    points = [p for p in points if len(p) > 3 and p[3] is not None]
                xs = [p[3] if by_time else p[0] for p in points]
                loss_item.setData(xs, [p[1] for p in points])
                acc_item.setData(xs, [p[2] if p[2] is not None else float("nan") for p in points])
                name = self.tr("Run {n}").format(n=i + 1)  # short: the table says what each run was
                self.loss_plot.plotItem.legend.addItem(loss_item, name)
                self.acc_plot.plotItem.legend.addItem(acc_item, name)
            else:
                loss_item.setData([], [])
                acc_item.setData([], [])
        for plot in (self.loss_plot, self.acc_plot):
            plot.setLabel("bottom", self.tr("seconds since the start") if by_time
                          else QCoreApplication.translate("TrainingCurves", "epoch"))

    def curve_counts(self) -> list[int]:
        """Points drawn per run: for tests."""
        return [len(item.getData()[0]) if item.getData()[0] is not None else 0
                for item in self.loss_items[:len(self.records)]]

    # --- export --------------------------------------------------------------------
    def csv_text(self) -> str:
        out = io.StringIO()
        writer = SpreadsheetSafeWriter(csv.writer(out))
        writer.writerow(["", *[self.tr("Run {n}").format(n=i + 1) + f": {run_label(r)}"
                               for i, r in enumerate(self.records)]])
        for name, values in table_rows(self.records):
            writer.writerow([name, *values])
        writer.writerow([])
        writer.writerow(["run", "epoch", "seconds", "loss", "accuracy"])
        for i, record in enumerate(self.records):
            for p in record.get("curve") or []:
                writer.writerow([i + 1, p[0], p[3] if len(p) > 3 else "", p[1], p[2]])
        return out.getvalue()

    def export_csv(self, path: str) -> bool:
        try:
            atomic_write_text(path, self.csv_text())
        except OSError as exc:
            self.problem.emit(self.tr("Cannot export"), self.tr("{path} could not be written: {reason}.").format(
                path=path, reason=exc.strerror or exc))
            return False
        self.statusMessage.emit(self.tr("Saved the comparison to {path}.").format(path=path))
        return True

    def export_png(self, path: str) -> bool:
        if not self.grab().save(path, "PNG"):
            self.problem.emit(self.tr("Cannot export"), self.tr("{path} could not be written.").format(path=path))
            return False
        self.statusMessage.emit(self.tr("Saved the comparison picture to {path}.").format(path=path))
        return True

    def _export_csv_dialog(self) -> None:
        path = ask_save_path(self, self.settings, "export", self.tr("Export the comparison"), "comparison.csv",
                             self.tr("CSV table (*.csv)"), ".csv")
        if path:
            self.export_csv(path)

    def _export_png_dialog(self) -> None:
        path = ask_save_path(self, self.settings, "export", self.tr("Export the comparison"), "comparison.png",
                             self.tr("PNG image (*.png)"), ".png")
        if path:
            self.export_png(path)
