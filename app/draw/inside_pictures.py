"""The Inside view's pictures: a layer's maps, its filters and the saliency as images, and the two views that show them.

Arrays in, Qt images out; what the arrays are is computed in training/reading/inside.py.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from training.reading.inside import tiled

VIEW_HEIGHT = 104
HEAT = (255, 70, 0)  # the saliency's colour, on the canvas and on the input


def _lut(anchors) -> np.ndarray:
    positions = np.linspace(0, 1, len(anchors))
    x = np.linspace(0, 1, 256)
    return np.stack([np.interp(x, positions, [a[c] for a in anchors]) for c in range(3)], 1).astype(np.uint8)


# Activations: dark for nothing, through red and orange to pale yellow for the strongest.
ACTIVATION_LUT = _lut([(0, 0, 0), (90, 20, 110), (220, 60, 40), (250, 170, 30), (255, 250, 200)])
# Weights: blue below zero, white at zero, red above.
WEIGHT_LUT = _lut([(40, 80, 200), (255, 255, 255), (200, 40, 40)])
GAP_COLOUR = np.array([70, 70, 70], np.uint8)


def rgb_qimage(rgb: np.ndarray) -> QImage:
    rgb = np.ascontiguousarray(rgb, np.uint8)
    h, w, _ = rgb.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def coloured(grid: np.ndarray, lut: np.ndarray) -> np.ndarray:
    """A grid from ``tiled`` (values in [0, 1], NaN between tiles) -> RGB."""
    gaps = np.isnan(grid)
    rgb = lut[(np.nan_to_num(grid) * 255).astype(np.uint8)]
    rgb[gaps] = GAP_COLOUR
    return rgb


def activation_image(values: np.ndarray) -> QImage:
    top = float(np.abs(values).max())
    return rgb_qimage(coloured(tiled(values / top if top > 0 else values), ACTIVATION_LUT))


def filters_image(filters: np.ndarray) -> QImage:
    top = float(np.abs(filters).max()) or 1.0
    maps = np.moveaxis(filters, 0, -1)  # (h, w, count)
    grow = max(1, 9 // maps.shape[0])  # 3x3 kernels enlarged, so the gaps between them stay thin
    maps = np.repeat(np.repeat(maps, grow, 0), grow, 1)
    return rgb_qimage(coloured(tiled(0.5 + 0.5 * maps / top), WEIGHT_LUT))


def saliency_input_image(image: np.ndarray, saliency: np.ndarray) -> QImage:
    heat = saliency / saliency.max() if saliency.max() > 0 else saliency
    base = np.repeat((np.clip(image, 0, 1) * 150)[..., None], 3, 2)
    rgb = base * (1 - heat[..., None]) + np.array(HEAT) * heat[..., None]
    return rgb_qimage(np.clip(rgb, 0, 255))


def overlay_image(on_box: np.ndarray, ink: np.ndarray | None = None) -> QImage:
    """The saliency as translucent colour, for the canvas: strongest where the answer came from.

    With the box's ``ink`` (same shape, 0-1), only the strokes are coloured:
    the map is 28 px across, and stretched over the box it would also tint
    the paper between them.
    """
    h, w = on_box.shape
    top = float(on_box.max())
    alpha = np.sqrt(on_box / top) * 230 if top > 0 else np.zeros((h, w))
    if ink is not None and ink.shape == on_box.shape:
        alpha = alpha * np.clip(2.0 * ink, 0.0, 1.0)
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., :3] = HEAT
    rgba[..., 3] = alpha.astype(np.uint8)
    return QImage(np.ascontiguousarray(rgba).data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()


# --- views ---------------------------------------------------------------------
class ArrayView(QWidget):
    """An image shown with sharp pixels at a fixed height, its width following its aspect.

    It may be given less width than it asks for (a narrow panel): the image
    then shrinks to fit, whole, rather than being cut.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._image: QImage | None = None
        self._wanted_width = VIEW_HEIGHT
        self.setFixedHeight(VIEW_HEIGHT)
        self.setMinimumWidth(24)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self._wanted_width, VIEW_HEIGHT)

    def set_image(self, image: QImage | None) -> None:
        if image is None or image.isNull():
            self._image = None
            self.update()
            return
        width = max(24, min(4 * VIEW_HEIGHT, round(VIEW_HEIGHT * image.width() / max(1, image.height()))))
        if width != self._wanted_width:
            self._wanted_width = width
            self.updateGeometry()
        self._image = image
        self.update()

    def image(self) -> QImage | None:
        return self._image

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(30, 30, 30))
        if self._image is not None:
            scale = min(self.width() / self._image.width(), self.height() / self._image.height())
            w, h = self._image.width() * scale, self._image.height() * scale
            painter.drawImage(QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), self._image)
        painter.end()


class BarsView(QWidget):
    """A dense layer's activations as bars; an output layer of ten or eleven gets its labels."""

    def __init__(self, labels: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.labels = labels
        self.values = np.zeros(0, np.float32)
        self.setFixedHeight(VIEW_HEIGHT)
        self.setFixedWidth(170 if labels else 200)

    def set_values(self, values: np.ndarray | None) -> None:
        self.values = np.zeros(0, np.float32) if values is None else np.asarray(values, np.float32).ravel()
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(30, 30, 30))
        n = len(self.values)
        if n:
            label_h = 16 if self.labels else 0
            height = self.height() - label_h - 2
            top = float(np.abs(self.values).max()) or 1.0
            step = self.width() / n
            colour = QColor(250, 170, 30)
            for i, v in enumerate(self.values):
                bar = max(0.0, float(v)) / top * height
                painter.fillRect(QRectF(i * step + (1 if step > 3 else 0), height - bar + 1,
                                        max(step - (2 if step > 3 else 0), 1.0), bar), colour)
            if self.labels:
                painter.setPen(QColor(220, 220, 220))
                for i, label in enumerate(self.labels[:n]):
                    painter.drawText(QRectF(i * step, height + 2, step, label_h), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
