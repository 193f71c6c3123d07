"""What the model sees: the 28x28 inputs, enlarged with sharp pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

MIN_HEIGHT = 140

from app.thumbnails import gray_qimage


class ModelInputView(QWidget):
    """Shows one or several 28x28 inputs side by side, each with its answer below.

    Clicking one emits ``picked`` with its index (the Draw tab charts that
    digit); the charted one is framed.
    """

    picked = Signal(int)
    LABEL_HEIGHT = 18
    GAP = 8
    SMALLEST = 40  # the least side of a thumbnail: with more digits than fit, the strip scrolls
    HEIGHT = 150

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(MIN_HEIGHT)
        self._tip = self.tr("The 28x28 image the model actually sees: the ink's box scaled to "
                            "20 px and centred by its centre of mass, as in MNIST.")
        self.setToolTip(self._tip)
        self._images: list[QImage] = []
        self._labels: list[str] = []
        self.highlighted: int | None = None

    def sizeHint(self) -> QSize:
        return QSize(300, self.HEIGHT)

    def cell_width(self) -> int:
        """The least width one input needs: its square, and its answer's text under it."""
        metrics = self.fontMetrics()
        label = max((metrics.horizontalAdvance(text) for text in self._labels), default=0)
        return max(self.SMALLEST, label + 6)

    def show_inputs(self, images: list[np.ndarray], labels: list[str], highlighted: int | None = None) -> None:
        self._images = [gray_qimage(im) for im in images]
        self._labels = labels
        n = max(1, len(images))
        self.setMinimumWidth(n * self.cell_width() + self.GAP * (n - 1))
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
        cell = max(side, float(self.cell_width()) if self._images else side)  # room for the text under it
        x0 = max(0.0, (self.width() - (n * cell + self.GAP * (n - 1))) / 2) + (cell - side) / 2
        return [QRectF(x0 + i * (cell + self.GAP), 0, side, side) for i in range(n)]

    def label_rects(self) -> list[QRectF]:
        """Where each answer's text is drawn, under its input and as wide as its cell."""
        cell = float(self.cell_width())
        return [QRectF(r.center().x() - max(cell, r.width() + self.GAP) / 2, r.height(),
                       max(cell, r.width() + self.GAP), self.LABEL_HEIGHT) for r in self.image_rects()]


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
        for i, (image, label, rect, under) in enumerate(zip(self._images, self._labels, rects, self.label_rects())):
            painter.drawImage(rect, image)
            charted = i == self.highlighted
            painter.setPen(QPen(QColor(255, 150, 30), 3) if charted else QPen(QColor(110, 110, 110)))
            painter.drawRect(rect)
            painter.setPen(self.palette().text().color())
            painter.drawText(under, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class InputStrip(QScrollArea):
    """The inputs in a strip that scrolls sideways when there are more than its width shows.

    A single digit sits where it always did.
    """

    def __init__(self, view: ModelInputView, parent=None):
        super().__init__(parent)
        self.view = view
        self.setWidget(view)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)
        # The strip keeps the height the view alone had (150 px, down to 140 in
        # a short window); a scroll bar, when needed, takes it from the
        # thumbnails, which are small then anyway.
        view.setMinimumHeight(0)
        self.setMinimumHeight(MIN_HEIGHT)
        self.setMaximumHeight(view.HEIGHT)
        self._charted: int | None = None

    def scrolls(self) -> bool:
        return self.view.minimumWidth() > self.width()

    def keep_in_view(self, highlighted: int | None = None) -> None:
        """After new inputs: the charted one scrolled into view, once the strip has its new width."""
        self._charted = highlighted
        # After the layout pass that gives the view its new width (and the scroll bar its range).
        QTimer.singleShot(0, self._scroll_to_charted)

    def _scroll_to_charted(self) -> None:
        rects = self.view.image_rects()
        if self._charted is not None and 0 <= self._charted < len(rects):
            rect = rects[self._charted]
            self.ensureVisible(round(rect.center().x()), round(rect.center().y()), round(rect.width()), 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scroll_to_charted()

    def minimumSizeHint(self) -> QSize:
        return QSize(60, MIN_HEIGHT)

    def sizeHint(self) -> QSize:
        return QSize(300, self.maximumHeight())
