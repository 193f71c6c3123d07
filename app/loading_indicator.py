"""A busy bar and the seconds spent, in the status bar, while a model is being opened."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class LoadingIndicator(QWidget):
    """Opening a model takes from a blink to half a minute (a file without its light twin is converted
    with TensorFlow first): the bar moves and the seconds count, so a long wait never looks like a hang."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # how long is not known: a busy bar
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(80)
        self.bar.setMaximumHeight(14)
        self.seconds = QLabel("")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.seconds)
        self._started = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_seconds)
        self.hide()

    def start(self, path: str = "") -> None:
        self._started = time.monotonic()
        self.setToolTip(path)  # which file: the label beside it names it, cut when long
        self._show_seconds()
        self._tick.start()
        self.show()

    def stop(self) -> None:
        self._tick.stop()
        self.setToolTip("")
        self.hide()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def _show_seconds(self) -> None:
        self.seconds.setText(self.tr("{seconds} s").format(seconds=int(time.monotonic() - self._started)))
