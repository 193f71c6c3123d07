"""The live probability bar chart: one BarGraphItem, updated with setOpts."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from app.widgets import percent

BAR = pg.mkBrush(90, 140, 220)
TOP = pg.mkBrush(255, 150, 30)
UNSURE_TOP = pg.mkBrush(200, 170, 120)


class ProbabilityChart(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent, background=None)
        self.setMinimumHeight(180)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        item = self.getPlotItem()
        item.setYRange(0, 1.05, padding=0)
        item.setXRange(-0.6, 9.6, padding=0)
        item.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)], []])
        item.getAxis("left").setTicks([[(v, percent(v)) for v in (0, 0.25, 0.5, 0.75, 1.0)], []])
        item.showGrid(y=True, alpha=0.15)
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brushes=[BAR] * 10, pen=None)
        self.addItem(self.bars)
        self.message = pg.TextItem("", anchor=(0.5, 0.5), color=(150, 150, 150))
        self.message.setPos(4.5, 0.5)
        self.addItem(self.message)
        self.values = np.zeros(10, np.float32)
        self.updates = 0  # for benchmarks and tests: how many times new values arrived

    def show_probabilities(self, probabilities, sure: bool = True) -> None:
        self.values = np.asarray(probabilities, np.float32)
        brushes = [BAR] * 10
        if self.values.any():
            brushes[int(self.values.argmax())] = TOP if sure else UNSURE_TOP
        self.bars.setOpts(height=self.values, brushes=brushes)
        self.message.setText("")
        self.updates += 1

    def show_message(self, text: str) -> None:
        """A message across an empty chart ("loading model...", "draw a digit")."""
        self.values = np.zeros(10, np.float32)
        self.bars.setOpts(height=self.values, brushes=[BAR] * 10)
        self.message.setText(text)
        self.updates += 1

    def bar_heights(self) -> np.ndarray:
        return np.asarray(self.bars.opts["height"], np.float32)
