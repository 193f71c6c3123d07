"""What the model sees: the 28x28 inputs, enlarged with sharp pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.thumbnails import gray_qimage


class ModelInputView(QWidget):
    """Shows one or several 28x28 inputs side by side, each with its answer below.

    Clicking one emits ``picked`` with its index (the Draw tab charts that
    digit); the charted one is framed.
    """

    picked = Signal(int)
    LABEL_HEIGHT = 18
    GAP = 8

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(140)
        self._tip = self.tr("The 28x28 image the model actually sees: the ink's box scaled to "
                            "20 px and centred by its centre of mass, as in MNIST.")
        self.setToolTip(self._tip)
        self._images: list[QImage] = []
        self._labels: list[str] = []
        self.highlighted: int | None = None

    def sizeHint(self) -> QSize:
        return QSize(300, 150)

    def show_inputs(self, images: list[np.ndarray], labels: list[str], highlighted: int | None = None) -> None:
        self._images = [gray_qimage(im) for im in images]
        self._labels = labels
        self.highlighted = highlighted if len(images) > 1 else None
        several = len(images) > 1
        self.setCursor(Qt.CursorShape.PointingHandCursor if several else Qt.CursorShape.ArrowCursor)
        self.setToolTip(self._tip + ("\n\n" + self.tr("Click a digit to show its probabilities in the chart.")
                                     if several else ""))
        self.update()

    def count(self) -> int:
        return len(self._images)

    def image_rects(self) -> list[QRectF]:
        """Where each input is drawn (one placeholder square when there is none)."""
        n = max(1, len(self._images))
        side = min((self.width() - self.GAP * (n - 1)) / n, self.height() - self.LABEL_HEIGHT)
        side = max(28.0, side - side % 28 if side >= 56 else side)  # whole-pixel scaling when it fits
        x0 = (self.width() - (n * side + self.GAP * (n - 1))) / 2
        return [QRectF(x0 + i * (side + self.GAP), 0, side, side) for i in range(n)]

    def mousePressEvent(self, event) -> None:
        if len(self._images) > 1 and event.button() == Qt.MouseButton.LeftButton:
            for i, rect in enumerate(self.image_rects()):
                if rect.adjusted(-self.GAP / 2, 0, self.GAP / 2, self.LABEL_HEIGHT).contains(event.position()):
                    self.picked.emit(i)
                    return
        super().mousePressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rects = self.image_rects()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        if not self._images:
            rect = rects[0]
            painter.fillRect(rect, QColor(0, 0, 0))
            painter.setPen(QPen(QColor(110, 110, 110)))
            painter.drawRect(rect)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "28 x 28")
        for i, (image, label, rect) in enumerate(zip(self._images, self._labels, rects)):
            painter.drawImage(rect, image)
            charted = i == self.highlighted
            painter.setPen(QPen(QColor(255, 150, 30), 3) if charted else QPen(QColor(110, 110, 110)))
            painter.drawRect(rect)
            painter.setPen(self.palette().text().color())
            side = rect.height()
            painter.drawText(QRectF(rect.x() - 4, side, side + 8, self.LABEL_HEIGHT), Qt.AlignmentFlag.AlignCenter,
                             label)
        painter.end()
