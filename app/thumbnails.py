"""Grids of 28x28 thumbnails: the misclassified gallery and the Samples tab."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget

from app.draw.model_input import gray_qimage

SIZE = 56  # twice MNIST's side: each pixel stays a crisp 2x2 block


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
