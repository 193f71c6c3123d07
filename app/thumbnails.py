"""28x28 images as Qt images and thumbnails: the model-input view, the misclassified gallery and the Samples tab."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListWidget

SIZE = 56  # twice MNIST's side: each pixel stays a crisp 2x2 block


def gray_qimage(image28: np.ndarray) -> QImage:
    data = np.ascontiguousarray((np.clip(image28, 0, 1) * 255).astype(np.uint8))
    return QImage(data.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()


def thumbnail_grid() -> QListWidget:
    grid = QListWidget()
    grid.setViewMode(QListWidget.ViewMode.IconMode)
    grid.setIconSize(QSize(SIZE, SIZE))
    grid.setResizeMode(QListWidget.ResizeMode.Adjust)
    grid.setMovement(QListWidget.Movement.Static)
    grid.setSpacing(4)
    # At least one whole row, caption included: the results' gallery once showed half its captions.
    grid.setMinimumHeight(SIZE + grid.fontMetrics().lineSpacing() + 4 * grid.spacing() + 2 * grid.frameWidth() + 4)
    return grid


def thumbnail_icon(image28) -> QIcon:
    """A (28, 28) float image in [0, 1], enlarged without smoothing."""
    return QIcon(QPixmap.fromImage(gray_qimage(image28).scaled(
        SIZE, SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)))
