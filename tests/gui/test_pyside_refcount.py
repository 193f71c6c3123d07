"""Guards against a PySide6 that leaks references to None (6.12.0 on Python < 3.12).

Such a build crashes the app with "deallocating None" after a few thousand
strokes; pyproject.toml excludes it, and this test fails if one slips in.
"""

import sys

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen


def test_void_methods_keep_none_alive():
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    pen = QPen(QColor(255, 255, 255), 3.0)
    before = sys.getrefcount(None)
    for _ in range(200):
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        image.fill(QColor(0, 0, 0))
        painter = QPainter(image)
        painter.setPen(pen)
        painter.drawLine(QPointF(1, 1), QPointF(20, 20))
        painter.end()
    assert sys.getrefcount(None) - before > -100
