"""The drawing canvas: strokes painted into the widget's own image.

The drawing lives on a fixed-size "paper" (light ink on black, as the model
sees it), shown scaled to fit the widget, so a resize never crops or hides
ink. Every change is an action (a stroke, a placed image, a clear) kept in a
bounded history for undo/redo; actions older than the bound are flattened
into a base image, so memory stays flat however long one draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSaveFile, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from training.reading.segment import PenStroke

PAPER = QSize(600, 400)
INK = QColor(255, 255, 255)
BLANK = QColor(0, 0, 0)
SNAPSHOT_SCALE = 0.5  # the snapshot read by the recognizer is half the paper
UNDO_LIMIT = 100
MIN_PEN, MAX_PEN = 2, 80


@dataclass(frozen=True)
class Stroke:
    points: tuple[tuple[float, float], ...]
    width: float
    erase: bool


@dataclass(frozen=True)
class Placed:
    image: QImage  # already fitted to the paper


@dataclass(frozen=True)
class Cleared:
    pass


def _pen(width: float, erase: bool) -> QPen:
    pen = QPen(BLANK if erase else INK, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def gray_array(image: QImage) -> np.ndarray:
    """An RGB32 image of grays -> (H, W) float32 in [0, 1] (a copy)."""
    bits = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = bits.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4)[..., 1].astype(np.float32) / 255.0


def _apply(image: QImage, action) -> None:
    if isinstance(action, Cleared):
        image.fill(BLANK)
        return
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if isinstance(action, Placed):
        image.fill(BLANK)
        painter.drawImage(0, 0, action.image)
    else:
        # Painted exactly as it was drawn live, segment by segment, so that a
        # replay (undo, redo) gives the very pixels the user saw.
        painter.setPen(_pen(action.width, action.erase))
        points = [QPointF(*p) for p in action.points]
        painter.drawPoint(points[0])
        for a, b in zip(points, points[1:]):
            painter.drawLine(a, b)
    painter.end()


class DrawingCanvas(QWidget):
    changed = Signal(bool)  # the drawing changed; True once a stroke or edit is complete
    historyChanged = Signal()
    penWidthChanged = Signal(int)
    eraserChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)
        self.setMouseTracking(True)  # for the pen-size ring under the pointer
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAcceptDrops(False)  # the Draw tab takes drops for the whole area
        self._base = QImage(PAPER, QImage.Format.Format_RGB32)
        self._base.fill(BLANK)
        self._image = self._base.copy()
        self._history: list = []
        self._redo: list = []
        self._current: list[tuple[float, float]] | None = None
        self._pen_width = 18
        self._eraser = False
        # Drawn over the paper, never into it: the inside view's saliency (QImage, QRectF on the paper).
        self._overlay: tuple | None = None
        self._hover: QPointF | None = None
        self._pressure = 1.0

    # --- state ---------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return PAPER

    def image(self) -> QImage:
        return self._image

    def ink_array(self) -> np.ndarray:
        """The paper as (H, W) float32 in [0, 1], light ink on 0 (a copy)."""
        return gray_array(self._image)

    def snapshot(self) -> np.ndarray:
        """The paper at half resolution, for recognition.

        MNIST's box is 20 px, so 300x200 keeps every detail a digit needs, and
        reading it costs a quarter of the full paper (Qt's smooth scaling is a
        proper anti-aliased reduction).
        """
        half = self._image.scaled(round(PAPER.width() * SNAPSHOT_SCALE), round(PAPER.height() * SNAPSHOT_SCALE),
                                  Qt.AspectRatioMode.IgnoreAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
        return gray_array(half)

    def pen_strokes(self, scale: float = SNAPSHOT_SCALE) -> list[PenStroke]:
        """The pen strokes on the paper now (the one being drawn too), in pixels of a copy ``scale`` times the paper.

        Eraser strokes are left out (the pixels show what they removed); a
        clear or a placed image starts the list again. Strokes flattened out of
        the undo history are only pixels now, and are read as an image's are.
        """
        def scaled(points, width):
            return PenStroke(tuple((x * scale, y * scale) for x, y in points), width * scale)

        strokes = []
        for action in self._history:
            if not isinstance(action, Stroke):
                strokes = []
            elif not action.erase:
                strokes.append(scaled(action.points, action.width))
        if self._current is not None and not self._eraser:
            strokes.append(scaled(self._current, self.stroke_width()))
        return strokes

    @property
    def drawing(self) -> bool:
        """A stroke is being drawn (the button is down)."""
        return self._current is not None

    def is_blank(self) -> bool:
        return not self.ink_array().any()

    @property
    def pen_width(self) -> int:
        return self._pen_width

    def set_pen_width(self, width: int) -> None:
        width = int(min(MAX_PEN, max(MIN_PEN, width)))
        if width != self._pen_width:
            self._pen_width = width
            self.penWidthChanged.emit(width)
            self.update()

    @property
    def eraser(self) -> bool:
        return self._eraser

    def set_eraser(self, on: bool) -> None:
        if bool(on) != self._eraser:
            self._eraser = bool(on)
            self.eraserChanged.emit(self._eraser)
            self.update()

    def stroke_width(self) -> float:
        # The eraser is wider than the pen: rubbing out should be quicker than drawing.
        return self._pen_width * (2.0 if self._eraser else 1.0) * self._pressure

    # --- history -------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._history)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def history_size(self) -> int:
        return len(self._history) + len(self._redo)

    def _commit(self, action) -> None:
        """Apply an edit (clear, placed image) to the paper and make it one undoable step."""
        _apply(self._image, action)
        self._push(action)
        self.update()
        self.changed.emit(True)

    def _push(self, action) -> None:
        self._history.append(action)
        self._redo.clear()
        if len(self._history) > UNDO_LIMIT:
            _apply(self._base, self._history.pop(0))
        self.historyChanged.emit()

    def _rebuild(self) -> None:
        image = self._base.copy()
        for action in self._history:
            _apply(image, action)
        self._image = image
        self.update()
        self.changed.emit(True)
        self.historyChanged.emit()

    def undo(self) -> None:
        if self._history:
            self._redo.append(self._history.pop())
            self._rebuild()

    def redo(self) -> None:
        if self._redo:
            self._history.append(self._redo.pop())
            self._rebuild()

    def clear(self) -> None:
        if not self.is_blank():
            self._commit(Cleared())

    def take_drawing(self, other: "DrawingCanvas") -> None:
        """Carry ``other``'s drawing over, with its undo and redo history (the window rebuilt in another language)."""
        self._base = other._base.copy()
        self._image = other._image.copy()
        self._history = list(other._history)
        self._redo = list(other._redo)
        self.update()
        self.changed.emit(True)
        self.historyChanged.emit()

    def place_ink(self, ink: np.ndarray) -> None:
        """Show an image (ink light on 0, any size) on the paper, fitted with a margin."""
        ink8 = np.ascontiguousarray((np.clip(ink, 0, 1) * 255).astype(np.uint8))
        h, w = ink8.shape
        source = QImage(ink8.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        margin = 0.1
        fitted = source.scaled(int(PAPER.width() * (1 - 2 * margin)), int(PAPER.height() * (1 - 2 * margin)),
                               Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
        placed = QImage(PAPER, QImage.Format.Format_RGB32)
        placed.fill(BLANK)
        painter = QPainter(placed)
        painter.drawImage((PAPER.width() - fitted.width()) // 2, (PAPER.height() - fitted.height()) // 2, fitted)
        painter.end()
        self._commit(Placed(placed))

    def set_overlay(self, overlay) -> None:
        """Show (QImage, QRectF in paper pixels) over the drawing, or nothing for None; never exported or read."""
        self._overlay = overlay
        self.update()

    @property
    def overlay(self):
        return self._overlay

    def export_png(self, path: str) -> None:
        """Write the paper as PNG atomically (QSaveFile: temp file, then rename)."""
        out = QSaveFile(path)
        if not out.open(QSaveFile.OpenModeFlag.WriteOnly):
            raise OSError(out.errorString())
        if not self._image.save(out, "PNG"):
            out.cancelWriting()
            raise OSError(out.errorString() or "could not encode the PNG")
        if not out.commit():
            raise OSError(out.errorString())

    # --- geometry ------------------------------------------------------------
    def _paper_rect(self) -> QRectF:
        scale = min(self.width() / PAPER.width(), self.height() / PAPER.height())
        w, h = PAPER.width() * scale, PAPER.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def to_paper(self, pos: QPointF) -> tuple[float, float]:
        rect = self._paper_rect()
        scale = rect.width() / PAPER.width()
        return ((pos.x() - rect.x()) / scale, (pos.y() - rect.y()) / scale)

    # --- drawing -------------------------------------------------------------
    def begin_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        self._pressure = pressure
        self._current = [self.to_paper(pos)]
        self._paint_segment(self._current[0], self._current[0])
        self.changed.emit(False)

    def extend_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        if self._current is None:
            return
        self._pressure = pressure
        point = self.to_paper(pos)
        last = self._current[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) < 0.5:
            return
        self._current.append(point)
        self._paint_segment(last, point)
        self.changed.emit(False)

    def end_stroke(self) -> None:
        if self._current is None:
            return
        self._push(Stroke(tuple(self._current), self.stroke_width(), self._eraser))
        self._current = None
        self._pressure = 1.0
        self.changed.emit(True)

    def _paint_segment(self, a, b) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_pen(self.stroke_width(), self._eraser))
        if a == b:
            painter.drawPoint(QPointF(*a))
        else:
            painter.drawLine(QPointF(*a), QPointF(*b))  # as _apply replays it
        painter.end()
        rect = self._paper_rect()
        scale = rect.width() / PAPER.width()
        pad = self.stroke_width() * scale / 2 + 2
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        self.update(QRectF(rect.x() + x0 * scale - pad, rect.y() + y0 * scale - pad,
                           (x1 - x0) * scale + 2 * pad, (y1 - y0) * scale + 2 * pad).toAlignedRect())

    # --- events --------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())
        elif event.button() == Qt.MouseButton.RightButton and self._current is None:
            # Right-drag erases without switching tools.
            self._eraser_before = self._eraser
            self.set_eraser(True)
            self.begin_stroke(event.position())

    def mouseMoveEvent(self, event) -> None:
        self._hover = event.position()
        if event.buttons() & (Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton):
            self.extend_stroke(event.position())
        else:
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self.end_stroke()
            if event.button() == Qt.MouseButton.RightButton:
                self.set_eraser(getattr(self, "_eraser_before", False))

    def tabletEvent(self, event) -> None:
        # Pen pressure thins and thickens the stroke; accepting stops Qt from
        # also sending the synthesized mouse events.
        pressure = 0.4 + 0.8 * event.pressure()
        kind = event.type()
        if kind == event.Type.TabletPress:
            self.begin_stroke(event.position(), pressure)
        elif kind == event.Type.TabletMove:
            self._hover = event.position()
            self.extend_stroke(event.position(), pressure)
        elif kind == event.Type.TabletRelease:
            self.end_stroke()
        event.accept()

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        rect = self._paper_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(rect, self._image)
        if self._overlay is not None:
            image, on_paper = self._overlay
            scale = rect.width() / PAPER.width()
            painter.drawImage(QRectF(rect.x() + on_paper.x() * scale, rect.y() + on_paper.y() * scale,
                                     on_paper.width() * scale, on_paper.height() * scale), image)
        painter.setPen(QPen(QColor(110, 110, 110), 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if self._hover is not None and rect.contains(self._hover):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            r = self.stroke_width() * rect.width() / PAPER.width() / 2
            painter.setPen(QPen(QColor(255, 120, 0) if self._eraser else QColor(120, 170, 255), 1))
            painter.drawEllipse(self._hover, r, r)
        painter.end()
