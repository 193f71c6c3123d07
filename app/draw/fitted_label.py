"""A label whose font shrinks so that its one line of text always fits its width."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel

SMALLEST_POINT_SIZE = 9.0


class FittedLabel(QLabel):
    """The Draw tab's big answer: "7" at full size, "0123456789" smaller, never cut.

    ``point_size`` is the size it is shown at when it fits; the label never
    asks for more width than a short answer needs, so a long number does not
    widen the column (it shrinks instead).
    """

    def __init__(self, point_size: float, parent=None):
        super().__init__(parent)
        self._point_size = float(point_size)
        self._apply()

    def set_point_size(self, point_size: float) -> None:
        """The size to show the text at when it fits (a style's size, such as "not a digit"'s smaller one)."""
        self._point_size = float(point_size)
        self._apply()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._apply()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply()

    def shown_point_size(self) -> float:
        return self.font().pointSizeF()

    def text_width(self) -> float:
        return QFontMetricsF(self.font()).horizontalAdvance(self.text())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(120, super().sizeHint().height())

    def _apply(self) -> None:
        font = self.font()
        font.setPointSizeF(self._point_size)
        room = self.contentsRect().width() - 2 * self.margin() - 4
        width = QFontMetricsF(font).horizontalAdvance(self.text())
        if self.text() and room > 0 and width > room:
            font.setPointSizeF(max(SMALLEST_POINT_SIZE, self._point_size * room / width))
        if font != self.font():
            self.setFont(font)
