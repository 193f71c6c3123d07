"""What the model sees: the 28x28 inputs, enlarged with sharp pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


def gray_qimage(image28: np.ndarray) -> QImage:
    data = np.ascontiguousarray((np.clip(image28, 0, 1) * 255).astype(np.uint8))
    return QImage(data.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()


class ModelInputView(QWidget):
    """Shows one or several 28x28 inputs side by side, each with its answer below."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(140)
        self.setToolTip("The 28x28 image the model actually sees: the ink's box scaled to "
                        "20 px and centred by its centre of mass, as in MNIST.")
        self._images: list[QImage] = []
        self._labels: list[str] = []

    def sizeHint(self) -> QSize:
        return QSize(300, 150)

    def show_inputs(self, images: list[np.ndarray], labels: list[str]) -> None:
        self._images = [gray_qimage(im) for im in images]
        self._labels = labels
        self.update()

    def count(self) -> int:
        return len(self._images)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        label_h = 18
        n = max(1, len(self._images))
        side = min((self.width() - 8 * (n - 1)) / n, self.height() - label_h)
        side = max(28.0, side - side % 28 if side >= 56 else side)  # whole-pixel scaling when it fits
        x0 = (self.width() - (n * side + 8 * (n - 1))) / 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        if not self._images:
            rect = QRectF(x0, 0, side, side)
            painter.fillRect(rect, QColor(0, 0, 0))
            painter.setPen(QPen(QColor(110, 110, 110)))
            painter.drawRect(rect)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "28 x 28")
        for i, (image, label) in enumerate(zip(self._images, self._labels)):
            rect = QRectF(x0 + i * (side + 8), 0, side, side)
            painter.drawImage(rect, image)
            painter.setPen(QPen(QColor(110, 110, 110)))
            painter.drawRect(rect)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(rect.x() - 4, side, side + 8, label_h), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
