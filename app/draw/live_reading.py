"""Reading while drawing: each change of the canvas is read once, on the GUI thread, never queued."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.draw.canvas import DrawingCanvas
from training.errors import DigitRecognizerError
from training.reading.recognize import read_image


class LiveRecognizer(QObject):
    """Reads the canvas after each change, coalescing bursts: the latest request wins.

    A change only marks the drawing dirty and arms a zero-delay timer; however
    many mouse moves arrive before the event loop comes round, one reading is
    made, of the newest pixels. One reading is one compiled model call
    (about 1 ms), so the GUI thread never waits on TensorFlow for longer.
    """

    read = Signal(object)  # Reading
    readingFailed = Signal(object)  # the DigitRecognizerError that says why the model gave no usable answer

    def __init__(self, canvas: DrawingCanvas, parent=None):
        super().__init__(parent)
        self.canvas = canvas
        self.predictor = None
        # (predictor, history size): another model reads the canvas until the next edit
        # (a misclassified test image, read by the model that got it wrong).
        self._override: tuple | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.read_now)
        canvas.changed.connect(self.request)

    def set_predictor(self, predictor) -> None:
        self.predictor = predictor
        self.read_now()  # whatever is on the canvas (or its blank state) under the new model, at once

    @Slot()
    def request(self, *_) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def read_with(self, predictor) -> None:
        """Read the canvas as it is now with ``predictor``; the next edit goes back to the model in use."""
        self._override = (predictor, self.canvas.history_size())
        self.request()

    @property
    def overridden(self) -> bool:
        return self._override is not None

    @Slot()
    def read_now(self) -> None:
        self._timer.stop()
        predictor = self.predictor
        if self._override is not None:
            if self._override[1] == self.canvas.history_size():
                predictor = self._override[0]
            else:
                self._override = None
        if predictor is None:
            return
        try:
            reading = read_image(predictor, self.canvas.snapshot(), self.canvas.pen_strokes())
        except DigitRecognizerError as exc:  # a model that answers NaN or non-probabilities on this drawing
            self.readingFailed.emit(exc)
            return
        self.read.emit(reading)
