"""Live loss and accuracy curves: two plots on one linked x axis in epochs, items created once, setData after."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

TRAIN_PEN = pg.mkPen((90, 140, 220), width=2)
VAL_PEN = pg.mkPen((255, 150, 30), width=2)


def loss_and_accuracy_plots() -> tuple[pg.PlotWidget, pg.PlotWidget]:
    """A loss plot and an accuracy plot on one linked x axis in epochs (the live curves and comparisons)."""
    loss_plot, acc_plot = pg.PlotWidget(background=None), pg.PlotWidget(background=None)
    # Legends where the curves are not: loss falls (top right is empty),
    # accuracy rises (bottom right is empty).
    translate = QCoreApplication.translate
    for plot, label, corner in ((loss_plot, translate("TrainingCurves", "loss"), (-10, 10)),
                                (acc_plot, translate("TrainingCurves", "accuracy"), (-10, -10))):
        plot.setMenuEnabled(False)
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.setLabel("left", label)
        plot.setLabel("bottom", translate("TrainingCurves", "epoch"))
        plot.addLegend(offset=corner).setBrush(pg.mkBrush(255, 255, 255, 200))
        for axis in ("left", "bottom"):
            # No "(x0.001)" scaling: both plots count epochs the same way.
            plot.getAxis(axis).enableAutoSIPrefix(False)
    acc_plot.setXLink(loss_plot)
    return loss_plot, acc_plot


class TrainingCurves(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.loss_plot, self.acc_plot = loss_and_accuracy_plots()
        # One x axis, under the two stacked plots.
        self.loss_plot.getAxis("bottom").setStyle(showValues=False)
        self.loss_plot.getAxis("bottom").showLabel(False)
        self.acc_plot.setYRange(0, 1, padding=0.02)
        training, validation = self.tr("training"), self.tr("validation")
        self.train_loss = self.loss_plot.plot([], [], pen=TRAIN_PEN, name=training)
        self.val_loss = self.loss_plot.plot([], [], pen=VAL_PEN, symbol="o", symbolSize=7,
                                            symbolBrush=VAL_PEN.color(), name=validation)
        self.train_acc = self.acc_plot.plot([], [], pen=TRAIN_PEN, name=training)
        self.val_acc = self.acc_plot.plot([], [], pen=VAL_PEN, symbol="o", symbolSize=7,
                                          symbolBrush=VAL_PEN.color(), name=validation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot)
        layout.addWidget(self.acc_plot)
        self.clear()

    def clear(self) -> None:
        self._x, self._loss, self._acc = [], [], []
        self._vx, self._vloss, self._vacc = [], [], []
        for item in (self.train_loss, self.val_loss, self.train_acc, self.val_acc):
            item.setData([], [])

    def add_progress(self, event) -> None:
        """A running mean within the epoch, placed at the fraction of the epoch done."""
        self._x.append(event.epoch - 1 + event.batch / event.batches)
        self._loss.append(event.loss)
        self._acc.append(event.accuracy)
        self.train_loss.setData(self._x, self._loss)
        self.train_acc.setData(self._x, self._acc)

    def add_epoch(self, event) -> None:
        """The validation point, where the epoch ended (part-way through it, for a stopped run)."""
        if event.val_loss is None:
            return
        self._vx.append(event.position)
        self._vloss.append(event.val_loss)
        self._vacc.append(event.val_accuracy)
        self.val_loss.setData(self._vx, self._vloss)
        self.val_acc.setData(self._vx, self._vacc)

    def x_ranges(self) -> tuple[list[float], list[float]]:
        """(training x values, validation x values) in epochs: for tests."""
        return list(self._x), list(self._vx)

    def point_counts(self) -> tuple[int, int]:
        """(training points, validation points): for tests and benchmarks."""
        return len(self._x), len(self._vx)
