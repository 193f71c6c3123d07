"""Inside the network: a Draw-tab panel that shows what each layer makes of the drawing.

The computation (training.reading.inside) needs the Keras model and TensorFlow, so it
runs in its own thread, opened the first time the panel is shown; the GUI
thread only turns the arrays it sends back into small images. Requests are
coalesced like the chart's readings: while one is being computed, only the
newest drawing waits, and nothing is computed while the panel is hidden.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, QRect, QRectF, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.draw.canvas import gray_array
from app.draw.inside_pictures import (
    VIEW_HEIGHT,
    ArrayView,
    BarsView,
    activation_image,
    filters_image,
    overlay_image,
    saliency_input_image,
)
from app.flow_layout import FlowLayout
from app.i18n import message
from app.widgets import ElidedLabel
from training.reading.inside import saliency_in_box

# Between two computations the GUI thread gets this long to itself: a result
# every 80 ms is live to the eye and leaves the strokes their share of the CPU.
MIN_INTERVAL_MS = 80


@dataclass(frozen=True)
class InsideRequest:
    model_path: str
    image: np.ndarray  # the model's (28, 28) input
    box: tuple[int, int, int, int]  # the digit's box on the canvas snapshot: left, top, right, bottom
    paper: QImage | None = None  # the canvas's paper under the box (a copy): the strokes the overlay colours
    generation: int = 0  # the panel's clear() count when asked: a result asked before the last clear is dropped


@dataclass(frozen=True)
class InsideResult:
    """Everything the panel shows, images made in the job's thread: the GUI thread only places them."""

    request: InsideRequest
    views: list  # training.reading.inside.LayerView
    saliency: np.ndarray  # (28, 28), summing to 1
    on_box: np.ndarray  # the saliency stretched over the request's box
    target: int  # the class the saliency explains
    filters: np.ndarray | None
    seconds: float
    layer_images: list = ()  # a QImage per view shown as maps, None for those shown as bars
    saliency_image: QImage | None = None
    filters_image: QImage | None = None
    overlay: QImage | None = None  # the saliency over the strokes, the size of the box


def shown_as_bars(values: np.ndarray) -> bool:
    """Dense layers, and maps of four pixels or fewer (a 1x1 convolution is a vector)."""
    return values.ndim == 1 or values.shape[0] * values.shape[1] <= 4


def ink_in_box(request: InsideRequest) -> np.ndarray | None:
    """The strokes inside the request's box, from its paper, at the box's size (0-1)."""
    if request.paper is None or request.paper.isNull():
        return None
    left, top, right, bottom = request.box
    small = request.paper.scaled(right - left, bottom - top, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
    return gray_array(small.convertToFormat(QImage.Format.Format_RGB32))


class _InsideJob(QObject):
    """Lives in the panel's thread: loads the Keras model once per path, then inspects drawings."""

    looked = Signal(object)  # InsideResult
    failed = Signal(str, str)  # message, model path
    modelOpened = Signal(str)

    def __init__(self):
        super().__init__()
        self._path: str | None = None
        self._inspector = None
        self._filters_image: QImage | None = None

    @Slot(object)
    def inspect(self, request: InsideRequest) -> None:
        try:
            if request.model_path != self._path:
                from training.models.modelfile import load_model
                from training.reading.inside import Inspector

                self._inspector = None
                self._inspector = Inspector(load_model(request.model_path).model)
                self._path = request.model_path
                self.modelOpened.emit(request.model_path)
                filters = self._inspector.first_filters
                self._filters_image = None if filters is None else filters_image(filters)
            t = time.perf_counter()
            views = self._inspector.look(request.image)
            saliency, target = self._inspector.explain(request.image)
            left, top, right, bottom = request.box
            on_box = saliency_in_box(saliency, request.image, right - left, bottom - top)
            self.looked.emit(InsideResult(
                request, views, saliency, on_box, target, self._inspector.first_filters, time.perf_counter() - t,
                layer_images=[None if shown_as_bars(v.values) else activation_image(v.values) for v in views],
                saliency_image=saliency_input_image(request.image, saliency),
                filters_image=self._filters_image, overlay=overlay_image(on_box, ink_in_box(request))))
        except Exception as exc:  # shown in the panel; the drawing goes on
            self._path = None
            self.failed.emit(message(exc), request.model_path)


class _Card(QWidget):
    def __init__(self, title: str, view: QWidget, tip: str = "", parent=None):
        super().__init__(parent)
        self.view = view
        self.title = ElidedLabel(title)  # cut, never wider than the panel: the full title is its tooltip
        self.title.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(view)
        layout.addStretch(1)
        if tip:
            self.setToolTip(tip)


class InsidePanel(QWidget):
    """Activation grids, dense bars, first-layer filters and the saliency of the drawing in view."""

    overlayChanged = Signal(object)  # (QImage, QRectF on the paper) or None
    shown = Signal()  # the panel came into view (opened, or its tab chosen): the drawing is wanted again
    _requested = Signal(object)  # InsideRequest, to the job's thread

    def __init__(self, paper_scale: float, parent=None):
        super().__init__(parent)
        self.paper_scale = paper_scale  # paper pixels per snapshot pixel
        self.model_path: str | None = None
        self.reads_path = False  # the model in use also reads the strokes (a trajectory network)
        self.result: InsideResult | None = None
        self.results = 0  # results shown; tests and the benchmark wait on it
        self.overlay_on = True
        # () -> the canvas's paper (a QImage), set by the Draw tab: the overlay colours the strokes only.
        self.paper_source = None
        self._pending: InsideRequest | None = None
        self._busy = False
        self._thread: QThread | None = None
        self._job: _InsideJob | None = None
        self._cards_for: tuple | None = None
        self._opened: str | None = None  # the model the job's thread has open
        self._generation = 0  # clear() calls: results of drawings asked before the last one are stale
        self._cards: list[_Card] = []
        self._gap = QTimer(self)
        self._gap.setSingleShot(True)
        self._gap.setInterval(MIN_INTERVAL_MS)
        self._gap.timeout.connect(self._send_pending)

        # Wrapped, never cut: it is the sentence that says what the pictures are.
        self.status = QLabel(self.idle_text())
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: gray")
        self.overlay_box = QCheckBox(self.tr("Saliency on the canvas"))
        self.overlay_box.setToolTip(self.tr(
            "Colour the strokes that drove the answer (gradient × input: how much each pixel's ink "
            "raised the answer's score)."))
        self.overlay_box.setChecked(True)
        self.overlay_box.toggled.connect(self.set_overlay_on)
        header = QHBoxLayout()
        title = QLabel(self.tr("<b>Inside the network</b>"))
        header.addWidget(title)
        header.addStretch(1)

        self.saliency_view = ArrayView()
        self.filters_view = ArrayView()
        self.saliency_card = _Card(self.tr("Saliency"), self.saliency_view, self.tr(
            "The model's input, coloured where the ink raised the answer's score most."))
        self.filters_card = _Card(self.tr("First-layer filters"), self.filters_view, self.tr(
            "What the first layer learned to look for: blue weights count against, red for."))
        # The cards wrap to the panel's width and scroll vertically: a deep
        # network never needs sideways scrolling, and the panel never asks the
        # canvas for room.
        # The explanation scrolls with the cards: in a short window it is
        # reached by scrolling, never cut.
        strip = QWidget()
        column = QVBoxLayout(strip)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.status)
        column.addWidget(self.overlay_box)  # under the explanation: beside the title it was cut in a narrow column
        self.row = FlowLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.saliency_card)
        self.row.addWidget(self.filters_card)
        column.addLayout(self.row)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(strip)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(VIEW_HEIGHT // 2 - 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(300, 2 * VIEW_HEIGHT + 80)

    def idle_text(self) -> str:
        return self.tr("Draw a digit to see what each layer makes of it.")

    # --- requests --------------------------------------------------------------
    def set_model_path(self, path: str, reads_path: bool = False) -> None:
        """``reads_path``: the loaded predictor also reads the strokes (its trajectory network opened).

        Another model's layers are not this one's: its cards go at once; the
        Draw tab then asks again for the drawing on the canvas.
        """
        self.reads_path = reads_path
        if path != self.model_path:
            self.model_path = path
            self.clear()
            self._remove_cards()

    def clear(self) -> None:
        """Nothing to look at (the canvas cleared, a blank image): no map of an earlier drawing stays."""
        self._generation += 1  # a computation under way is of a drawing that is gone
        self._pending = None
        self.result = None
        self.overlayChanged.emit(None)
        self.saliency_view.set_image(None)
        for card in self._cards:
            if isinstance(card.view, BarsView):
                card.view.set_values(None)
            else:
                card.view.set_image(None)
        self.status.setText(self.idle_text())

    def _remove_cards(self) -> None:
        for card in self._cards:
            self.row.removeWidget(card)
            card.deleteLater()
        self._cards = []
        self._cards_for = None
        self.filters_view.set_image(None)
        self.filters_card.setVisible(False)

    def show_digit(self, image: np.ndarray | None, box=None) -> None:
        """The drawing changed: look inside for this digit (None: nothing drawn)."""
        if image is None or self.model_path is None:
            self.clear()
            return
        if not self.isVisible():
            return
        self._pending = InsideRequest(self.model_path, np.array(image, np.float32), tuple(box),
                                      generation=self._generation)
        if not self._busy and not self._gap.isActive():
            self._send_pending()

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._job = _InsideJob()
        self._job.moveToThread(self._thread)
        self._requested.connect(self._job.inspect)
        self._job.looked.connect(self._on_looked)
        self._job.failed.connect(self._on_failed)
        self._job.modelOpened.connect(self._on_model_opened)
        self._thread.start()

    @Slot()
    def _send_pending(self) -> None:
        if self._pending is None or self._busy or not self.isVisible():
            return
        self._ensure_thread()
        request, self._pending = self._pending, None
        if self.paper_source is not None:  # the paper under the box as it is now, once per computation
            left, top, right, bottom = request.box
            s = self.paper_scale
            box = QRect(round(left * s), round(top * s), round((right - left) * s), round((bottom - top) * s))
            request = replace(request, paper=self.paper_source().copy(box))
        self._busy = True
        if request.model_path != self._opened:
            self.status.setText(self.tr("Opening the model with TensorFlow (the first time takes a few seconds)..."))
        self._requested.emit(request)

    def _finished_one(self) -> None:
        self._busy = False
        if self._pending is not None:
            self._gap.start()

    # --- results ---------------------------------------------------------------
    @Slot(str)
    def _on_model_opened(self, path: str) -> None:
        self._opened = path
        self._cards_for = None  # built again from the first result of this model

    @Slot(str, str)
    def _on_failed(self, reason: str, path: str) -> None:
        self._finished_one()
        self._opened = None
        self.status.setText(self.tr("Cannot look inside this model: {message}").format(message=reason))

    @Slot(object)
    def _on_looked(self, result: InsideResult) -> None:
        self._finished_one()
        if result.request.model_path != self.model_path or result.request.generation != self._generation:
            return  # a model no longer in use, or a drawing cleared since: the next drawing asks again
        self.result = result
        self.results += 1
        self._build_cards(result)
        self.saliency_view.set_image(result.saliency_image)
        for card, view, image in zip(self._cards, result.views, result.layer_images):
            if isinstance(card.view, BarsView):
                card.view.set_values(view.values)
            else:
                card.view.set_image(image)
        text = self.tr("Answer {target}: the layers that led to it, in order (left to right, then down).").format(
            target=self._class_name(result.target))
        if self.reads_path:
            text += " " + self.tr("The answer also weighs the pen's path, which this network does not see.")
        self.status.setText(text)
        self._emit_overlay()

    def _class_name(self, index: int) -> str:
        return str(index) if index < 10 else self.tr("not a digit")

    def layer_title(self, view, counts: dict) -> str:
        """"Convolution 2 · 32 × 24×24": what a tutorial calls the layer, and its shape."""
        counts[view.kind] = counts.get(view.kind, 0) + 1
        n, shape = counts[view.kind], view.shape_text
        if view.kind == "Conv2D":
            return self.tr("Convolution {n} · {shape}").format(n=n, shape=shape)
        if view.kind in ("MaxPooling2D", "AveragePooling2D"):
            return self.tr("Pooling {n} · {shape}").format(n=n, shape=shape)
        return self.tr("Dense {n} · {shape}").format(n=n, shape=shape)

    def _build_cards(self, result: InsideResult) -> None:
        key = (result.request.model_path, tuple((v.name, v.values.shape) for v in result.views))
        if key == self._cards_for:
            return
        self._remove_cards()
        counts: dict = {}
        for i, view in enumerate(result.views):
            title = self.layer_title(view, counts)
            vector = shown_as_bars(view.values)
            last = i == len(result.views) - 1 and view.values.ndim == 1
            if last:
                labels = [str(d) for d in range(10)] + (["✗"] if view.values.shape[0] > 10 else [])
                title = self.tr("Output · {shape}").format(shape=view.shape_text)
                card = _Card(title, BarsView(labels), self.tr(
                    "The probabilities the model gives each digit (✗: not a digit)."))
            elif vector:
                card = _Card(title, BarsView(), self.tr("Each bar is one unit's activation."))
            else:
                card = _Card(title, ArrayView(), self.tr(
                    "One small map per filter: bright where the filter found its pattern."))
            self._cards.append(card)
            self.row.addWidget(card)
        self.filters_card.setVisible(result.filters is not None)
        if result.filters is not None:
            self.filters_view.set_image(result.filters_image)
            self.filters_card.title.setText(
                self.tr("First-layer filters · {count}").format(count=len(result.filters)))
        self._cards_for = key

    @Slot(bool)
    def set_overlay_on(self, on: bool) -> None:
        self.overlay_on = on
        if self.overlay_box.isChecked() != on:
            self.overlay_box.setChecked(on)
        self._emit_overlay()

    def _emit_overlay(self) -> None:
        if not (self.overlay_on and self.isVisible() and self.result is not None):
            self.overlayChanged.emit(None)
            return
        left, top, right, bottom = self.result.request.box
        s = self.paper_scale
        self.overlayChanged.emit((self.result.overlay,
                                  QRectF(left * s, top * s, (right - left) * s, (bottom - top) * s)))

    @property
    def busy(self) -> bool:
        """A drawing is being looked at, or waits for its turn."""
        return self._busy or self._pending is not None

    def layer_images(self) -> list[QImage]:
        return [c.view.image() for c in self._cards if isinstance(c.view, ArrayView)]

    def bar_values(self) -> list[np.ndarray]:
        return [c.view.values for c in self._cards if isinstance(c.view, BarsView)]

    def layer_titles(self) -> list[str]:
        return [c.title.text() for c in self._cards]

    # --- visibility and shutdown -----------------------------------------------
    def hideEvent(self, event) -> None:
        self._pending = None
        self.overlayChanged.emit(None)
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._emit_overlay()
        self.shown.emit()

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Stop the job's thread (a model still being opened may hold it up to ``wait_ms``)."""
        self._gap.stop()
        self._pending = None
        if self._thread is not None:
            self._thread.quit()
            if self._thread.wait(wait_ms):
                self._thread = None  # else kept: a QThread destroyed while running aborts the process
