"""The Draw tab: canvas, live probability chart, the model's input, the answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QIODevice, Qt, Signal, Slot
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.draw.answer_view import AnswerView, ordinal_text
from app.draw.canvas import MAX_PEN, MIN_PEN, SNAPSHOT_SCALE, DrawingCanvas
from app.draw.chart import ProbabilityChart
from app.draw.inside_view import InsidePanel
from app.draw.live_reading import LiveRecognizer
from app.draw.model_input import InputStrip, ModelInputView
from app.i18n import message
from app.widgets import ask_save_path, percent
from training.errors import ImageError
from training.reading.personal import PersonalPredictor, has_features, personal_predictor
from training.reading.preprocess import ink_map, load_image, to_grayscale
from training.reading.recognize import BLANK, Reading

# The chart's least height while the Inside panel shares its column.
CHART_HEIGHT_BESIDE_INSIDE = 80
IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp"


class DrawTab(QWidget):
    statusMessage = Signal(str)
    problem = Signal(str, str)  # title, message: shown by the window, never blocking here
    sampleSaved = Signal(object)  # the training.data.samples.Sample saved
    modelFileDropped = Signal(str)  # a .keras file dropped on the tab: the window opens it as the model
    # Personal reading's state changed: "on", "off" (the switch) or "unavailable" (the model has no
    # features), and how many samples it reads with.
    personalReadingChanged = Signal(str, int)

    def __init__(self, settings, samples=None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.samples = samples  # a training.data.samples.SampleStore, or None
        self.base_predictor = None  # the model's own predictor; the recognizer may read through personal reading
        self.setAcceptDrops(True)
        self.canvas = DrawingCanvas()
        self.canvas.set_pen_width(settings.pen_width)
        self.canvas.set_eraser(settings.eraser)
        self.chart = ProbabilityChart()
        self._chart_height = self.chart.minimumHeight()
        self.model_input = ModelInputView()
        self.input_strip = InputStrip(self.model_input)
        self.recognizer = LiveRecognizer(self.canvas, self)
        self.recognizer.read.connect(self.show_reading)
        self.recognizer.readingFailed.connect(self.show_unusable)
        self.reading: Reading = BLANK
        self._reader = ""  # who reads the canvas while the recognizer is overridden
        self._blank_note = ""  # why the canvas is blank, when it is not "nothing drawn" (a blank image opened)
        self.charted: int | None = None  # the digit the chart shows when several are read; None: the last
        self.model_input.picked.connect(self.chart_digit)
        self.inside = InsidePanel(paper_scale=1 / SNAPSHOT_SCALE)
        self.inside.overlayChanged.connect(self.canvas.set_overlay)
        self.inside.overlay_box.setChecked(settings.saliency_overlay)
        self.inside.overlay_box.toggled.connect(lambda on: setattr(self.settings, "saliency_overlay", on))
        self.inside.shown.connect(lambda: self._inspect(self.reading))
        self.inside.paper_source = self.canvas.image
        # Always present (a label appearing would move the chart): says which digit is charted.
        self.chart_caption = QLabel("")
        self.chart_caption.setStyleSheet("color: gray")

        self.answer = AnswerView()
        # Under the chart: how to correct a wrong reading, and what a correction did.
        self.correct_hint = QLabel("")
        self.correct_hint.setWordWrap(True)
        self.correct_hint.setStyleSheet("color: gray")
        self.personal_note = QLabel("")
        self.personal_note.setWordWrap(True)
        self.personal_note.setStyleSheet("color: #2a7a2a")

        self._build_actions()
        self._build_layout()
        self.canvas.historyChanged.connect(self._update_actions)
        self.canvas.changed.connect(self._forget_blank_note)
        self.canvas.penWidthChanged.connect(self._on_pen_width)
        self.canvas.eraserChanged.connect(self._on_eraser)
        self._update_actions()
        self.chart.show_message(self.tr("loading model..."))
        self.answer.verdict_label.setText(self.tr("Loading the model; you can start drawing."))
        if settings.inside_view:
            self.show_inside(True)

    # --- construction --------------------------------------------------------
    def _action(self, text, slot, shortcuts=(), tip="", checkable=False) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        # Only while the Draw tab has the focus: Delete in another tab must not clear the canvas.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
        action.setToolTip(f"{tip or text} ({keys})" if keys else (tip or text))
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.undo_action = self._action(self.tr("Undo"), self.canvas.undo, ["Ctrl+Z"], self.tr("Undo the last stroke"))
        self.redo_action = self._action(self.tr("Redo"), self.canvas.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], self.tr("Redo"))
        self.clear_action = self._action(self.tr("Clear"), self.canvas.clear, ["Delete", "Escape"],
                                         self.tr("Clear the canvas"))
        self.eraser_action = self._action(self.tr("Eraser"), self.canvas.set_eraser, ["E"],
                                          self.tr("Eraser (right-drag also erases)"), checkable=True)
        self.eraser_action.setChecked(self.canvas.eraser)
        self.thinner_action = self._action(self.tr("Thinner pen"),
                                           lambda: self.canvas.set_pen_width(self.canvas.pen_width - 2), ["["])
        self.thicker_action = self._action(self.tr("Thicker pen"),
                                           lambda: self.canvas.set_pen_width(self.canvas.pen_width + 2), ["]"])
        self.open_action = self._action(self.tr("Open image..."), self.open_image_dialog, ["Ctrl+O"],
                                        self.tr("Open an image to recognize"))
        self.paste_action = self._action(self.tr("Paste image"), self.paste, ["Ctrl+V"],
                                         self.tr("Paste an image from the clipboard"))
        self.export_action = self._action(self.tr("Export PNG..."), self.export_dialog, ["Ctrl+E"],
                                          self.tr("Save the canvas as PNG"))
        self.inside_action = self._action(
            self.tr("Inside the network"), self.show_inside, ["Ctrl+I"],
            self.tr("Show what each layer of the network makes of the drawing, and which strokes drove the answer"),
            checkable=True)
        self.inside_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # also from the View menu
        self.inside_action.setIconText(self.tr("Inside", "the tool button of 'Inside the network'"))
        self.personal_action = self._action(
            self.tr("Read with my samples"), self.set_personal_reading,
            tip=self.tr("Read your drawings with the samples you saved (each counts at once); "
                        "off: the model alone"), checkable=True)
        self.personal_action.setChecked(self.settings.personal_reading)
        self.sample_actions = [
            self._action(str(d), lambda _=False, d=d: self.save_sample(d), [str(d)],
                         self.tr("Save this drawing as your {digit}").format(digit=d)) for d in range(10)]

    def _build_layout(self) -> None:
        tools = QHBoxLayout()
        for action in (self.undo_action, self.redo_action, self.clear_action, self.eraser_action):
            button = QToolButton()
            button.setDefaultAction(action)
            tools.addWidget(button)
        tools.addSpacing(12)
        tools.addWidget(QLabel(self.tr("Pen")))
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(MIN_PEN, MAX_PEN)
        self.pen_slider.setValue(self.canvas.pen_width)
        self.pen_slider.setToolTip(self.tr("Pen width ([ and ] change it)"))
        self.pen_slider.setMinimumWidth(70)
        self.pen_slider.setMaximumWidth(160)
        self.pen_spin = QSpinBox()
        self.pen_spin.setRange(MIN_PEN, MAX_PEN)
        self.pen_spin.setValue(self.canvas.pen_width)
        self.pen_spin.setSuffix(self.tr(" px"))
        self.pen_slider.valueChanged.connect(self.canvas.set_pen_width)
        self.pen_spin.valueChanged.connect(self.canvas.set_pen_width)
        tools.addWidget(self.pen_slider)
        tools.addWidget(self.pen_spin)
        tools.addStretch(1)
        for action in (self.open_action,):  # paste and export live in the File menu
            button = QToolButton()
            button.setDefaultAction(action)
            tools.addWidget(button)

        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.canvas, 1)
        sample_row = QHBoxLayout()
        label = QLabel(self.tr("Teach it: this is a"))
        label.setToolTip(self.tr("Wrong answer (or right)? Save the drawing with its true digit as your own sample; "
                                 "fine-tune on your samples in the Train tab."))
        sample_row.addWidget(label)
        for action in self.sample_actions:
            button = QToolButton()
            button.setDefaultAction(action)
            sample_row.addWidget(button)
        sample_row.addStretch(1)
        left.addLayout(sample_row)
        hint = QLabel(self.tr("Draw one digit, or several side by side. Drop or paste an image to read it."))
        hint.setStyleSheet("color: gray")
        left.addWidget(hint)

        right = QVBoxLayout()
        right.addWidget(self.answer)
        right.addWidget(self.chart_caption)
        right.addWidget(self.chart, 2)
        right.addWidget(self.correct_hint)
        right.addWidget(self.personal_note)
        caption = QLabel(self.tr("What the model sees"))
        caption.setStyleSheet("color: gray")
        # Beside what the model sees: the next step is what it makes of it.
        inside_button = QToolButton()
        inside_button.setDefaultAction(self.inside_action)
        caption_row = QHBoxLayout()
        caption_row.addWidget(caption, 1)
        caption_row.addWidget(inside_button)
        right.addLayout(caption_row)
        right.addWidget(self.input_strip)
        # Under what the model sees, its next step: the panel takes the chart's
        # room, never the canvas's (the canvas is as wide as the window lets it be).
        right.addWidget(self.inside, 3)
        self.inside.setVisible(False)
        right_box = QWidget()
        right_box.setLayout(right)
        right_box.setMinimumWidth(250)
        right_box.setMaximumWidth(420)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(right_box)

    # --- model ---------------------------------------------------------------
    def set_predictor(self, predictor, path: str | None = None) -> None:
        if path is not None:
            self.inside.set_model_path(path, reads_path=predictor.trajectory is not None)
        self.base_predictor = predictor
        self.recognizer.set_predictor(self._reading_predictor())
        self._tell_personal_state()

    def _reading_predictor(self):
        if self.settings.personal_reading and self.samples is not None:
            return personal_predictor(self.base_predictor, self.samples)
        return self.base_predictor

    @property
    def personal_active(self) -> bool:
        return isinstance(self.recognizer.predictor, PersonalPredictor)

    def personal_state(self) -> tuple[str, int]:
        """("on" | "off" | "unavailable", samples read with)."""
        if self.base_predictor is not None and not has_features(self.base_predictor):
            return "unavailable", 0
        if not self.personal_active:
            return "off", 0
        return "on", self.recognizer.predictor.sample_count

    def _tell_personal_state(self) -> None:
        self.personalReadingChanged.emit(*self.personal_state())

    @Slot(bool)
    def set_personal_reading(self, on: bool) -> None:
        """The View menu's switch: read with the user's samples, or with the model alone."""
        if self.personal_action.isChecked() != on:
            self.personal_action.setChecked(on)  # re-enters through toggled
            return
        self.settings.personal_reading = on
        self.personal_note.setText("")
        if self.base_predictor is not None:
            self.recognizer.set_predictor(self._reading_predictor())
        self._tell_personal_state()

    def samples_changed(self) -> None:
        """A sample was relabelled, deleted or imported elsewhere: read the drawing again with the samples as they are."""
        self.personal_note.setText("")
        self.recognizer.request()
        self._tell_personal_state()

    @Slot(bool)
    def show_inside(self, on: bool) -> None:
        """Open or hide the inside view; it computes only while open."""
        # The panel takes its room from the chart, which stays readable smaller.
        self.chart.setMinimumHeight(CHART_HEIGHT_BESIDE_INSIDE if on else self._chart_height)
        self.inside.setVisible(on)
        if self.inside_action.isChecked() != on:
            self.inside_action.setChecked(on)
        self.settings.inside_view = on
        if on:
            self._inspect(self.reading)

    def _inspect(self, reading: Reading) -> None:
        if not self.inside.isVisible():
            # Hidden, it computes nothing; but what it showed is of an earlier drawing now, and must not
            # reappear (with its overlay) when it is opened again: it is computed afresh then.
            if self.inside.result is not None or self.inside.busy:
                self.inside.clear()
            return
        if reading.blank:
            self.inside.show_digit(None)
            return
        index = len(reading.digits) - 1 if self.charted is None else self.charted
        self.inside.show_digit(reading.digits[index].image, reading.digits[index].box)

    def shutdown(self) -> None:
        self.inside.shutdown()

    def show_loading(self, text: str = "") -> None:
        self.chart.show_message(text or self.tr("loading model..."))

    # --- reading -------------------------------------------------------------
    @Slot(int)
    def chart_digit(self, index: int) -> None:
        """Chart the ``index``-th digit read (a click on its thumbnail)."""
        if 0 <= index < len(self.reading.digits):
            self.charted = index
            self.show_reading(self.reading)

    @Slot(object)
    def show_unusable(self, error) -> None:
        """The model gave no usable answer for this drawing: say so, and show no digit or percentage."""
        self.reading = BLANK
        self.chart.show_message(self.tr("no usable answer"))
        self.answer.digit_label.setText(self.tr("model unusable"))
        self.answer.digit_label.setStyleSheet("font-size: 22pt; color: #b04040")
        # The whole sentence (what it answered, and why) in the status bar and the tooltip: the space
        # under the answer holds two short lines.
        self.answer.verdict_label.setText(self.tr("It gave no probabilities for this drawing; open another model."))
        self.answer.verdict_label.setToolTip(message(error))
        self.model_input.show_inputs([], [])
        self.statusMessage.emit(message(error))

    @Slot(object)
    def show_reading(self, reading: Reading) -> None:
        if len(reading.digits) != len(self.reading.digits):
            self.charted = None  # another count of digits: back to following the last one
        self.reading = reading
        self.answer.verdict_label.setToolTip("")
        self._show_correct_hint(reading)
        if reading.blank:
            self.personal_note.setText("")
            self.chart.show_message(self.tr("draw a digit"))
            self.chart_caption.setText(self.tr("Probability of each digit"))
            self.answer.digit_label.setText("")
            self.answer.verdict_label.setText(self._blank_note or self.tr("Nothing drawn yet."))
            self.model_input.show_inputs([], [])
            self.input_strip.keep_in_view()
            self._inspect(reading)
            return
        # The chart follows the rightmost digit (the one most often being
        # written) unless a thumbnail was clicked.
        index = len(reading.digits) - 1 if self.charted is None else self.charted
        focus = reading.digits[index].answer
        self.chart.show_probabilities(focus.probabilities, focus.sure and not focus.not_a_digit)
        self._inspect(reading)
        self.model_input.show_inputs(
            [d.image for d in reading.digits],
            [("?" if d.answer.not_a_digit else str(d.answer.digit)) + f" {percent(d.answer.confidence)}"
             for d in reading.digits], highlighted=index)
        self.input_strip.keep_in_view(index)
        if len(reading.digits) == 1:
            self.chart_caption.setText(self.tr("Probability of each digit"))
        else:
            shown = "?" if focus.not_a_digit else str(focus.digit)
            self.chart_caption.setText(self.tr("Charted: the {nth} of {count} ({shown})").format(
                nth=ordinal_text(index + 1), count=len(reading.digits), shown=shown))
        self.answer.show_reading(reading, self._reader if self.recognizer.overridden else "")

    def _show_correct_hint(self, reading: Reading) -> None:
        if self.samples is None or reading.blank:
            self.correct_hint.setText("")
        elif len(reading.digits) == 1:
            self.correct_hint.setText(self.tr("Wrong? Press the right digit (0-9)."))
        else:
            self.correct_hint.setText(self.tr("Wrong? Click that digit's picture below, then press the right digit."))

    # --- tools ---------------------------------------------------------------
    @Slot()
    def _forget_blank_note(self, *_) -> None:
        self._blank_note = ""

    def _update_actions(self) -> None:
        self.undo_action.setEnabled(self.canvas.can_undo())
        self.redo_action.setEnabled(self.canvas.can_redo())

    def _on_pen_width(self, width: int) -> None:
        for widget in (self.pen_slider, self.pen_spin):
            widget.blockSignals(True)
            widget.setValue(width)
            widget.blockSignals(False)
        self.settings.pen_width = width

    def _on_eraser(self, on: bool) -> None:
        self.eraser_action.blockSignals(True)
        self.eraser_action.setChecked(on)
        self.eraser_action.blockSignals(False)
        self.settings.eraser = on

    # --- personal samples -----------------------------------------------------
    def save_sample(self, digit: int) -> bool:
        """Label the drawing with its true digit and keep it as a personal sample."""
        if self.samples is None:
            return False
        self.recognizer.read_now()  # the newest pixels, not the last throttled reading
        if len(self.reading.digits) == 1:
            index = 0
        elif len(self.reading.digits) > 1 and self.charted is not None:
            index = self.charted  # a number is corrected digit by digit: its thumbnail was clicked
        elif self.reading.digits:
            self.statusMessage.emit(self.tr("To save one digit of several, click its picture first, "
                                            "then press its key."))
            return False
        else:
            self.statusMessage.emit(self.tr("Draw exactly one digit to save it as a sample."))
            return False
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.canvas.image().save(buffer, "PNG")
        try:
            sample = self.samples.add(self.reading.digits[index].image, digit, raw_png=bytes(buffer.data()))
        except OSError as exc:
            self.problem.emit(self.tr("Cannot save the sample"), self.tr("Could not write to {folder}: {reason}").format(
                folder=self.samples.folder, reason=exc.strerror or exc))
            return False
        count = self.samples.counts()[digit]
        if self.personal_active:
            # The same drawing, read again at once with the new sample: the user sees it read right.
            self.recognizer.read_now()
            self.personal_note.setText(self.tr("Learned from your %n sample(s).", "", self.recognizer.predictor.sample_count))
            self._tell_personal_state()
        else:
            self.canvas.clear()  # ready for the next one (undo brings the drawing back)
        if count == 1:
            self.statusMessage.emit(self.tr("Saved as your {digit} (your first {digit}).").format(digit=digit))
        else:
            self.statusMessage.emit(self.tr("Saved as your {digit} (%Ln sample(s) of {digit}).", "", count).format(
                digit=digit))
        self.sampleSaved.emit(sample)
        return True

    # --- images in and out ---------------------------------------------------
    def show_image(self, gray: np.ndarray, source: str, predictor=None, reader: str = "") -> bool:
        """Place an image on the canvas; ``predictor`` (named ``reader``) reads it instead of the model in use."""
        ink = ink_map(gray)
        if ink is None:
            # The blank image is shown (Undo brings the drawing back), and the
            # answer says why nothing is read: not "nothing drawn".
            self.canvas.place_ink(np.zeros((1, 1), np.float32))
            self._blank_note = self.tr("{source} has no ink: there is nothing to read.").format(source=source)
            self.recognizer.read_now()
            self.statusMessage.emit(self.tr("No digit found in {source}.").format(source=source))
            return False
        self.canvas.place_ink(ink)
        if predictor is not None:
            self._reader = reader
            self.recognizer.read_with(predictor)
        if predictor is not None:
            self.statusMessage.emit(self.tr("Showing {source}, read by {reader}.").format(source=source, reader=reader))
        else:
            self.statusMessage.emit(self.tr("Showing {source}.").format(source=source))
        return True

    def open_image(self, path: str) -> bool:
        try:
            gray = load_image(path)
        except ImageError as exc:
            self.problem.emit(self.tr("Cannot open image"), message(exc))
            return False
        self.settings.set_last_dir("image", path)
        return self.show_image(gray, Path(path).name)

    def open_image_dialog(self) -> None:
        file_filter = self.tr("Images ({patterns})").format(patterns=IMAGE_PATTERNS) + ";;" + self.tr("All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an image"), self.settings.dialog_start("image"),
                                              file_filter)
        if path:
            self.open_image(path)

    def paste(self) -> bool:
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            return self.show_image(qimage_to_gray(QImage(mime.imageData())), self.tr("the pasted image"))
        if mime is not None and mime.hasUrls() and mime.urls()[0].isLocalFile():
            return self.open_image(mime.urls()[0].toLocalFile())
        self.statusMessage.emit(self.tr("The clipboard holds no image."))
        return False

    def export_dialog(self) -> None:
        path = ask_save_path(self, self.settings, "export", self.tr("Export the canvas"), "digit.png",
                             self.tr("PNG image (*.png)"), ".png")
        if path:
            self.export(path)

    def export(self, path: str) -> bool:
        try:
            self.canvas.export_png(path)
        except OSError as exc:
            self.problem.emit(self.tr("Cannot export"), self.tr("Could not write {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return False
        self.statusMessage.emit(self.tr("Saved {path}.").format(path=path))
        return True

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage() or (mime.hasUrls() and mime.urls()[0].isLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasUrls() and mime.urls()[0].isLocalFile():
            path = mime.urls()[0].toLocalFile()
            if path.lower().endswith(".keras"):
                self.modelFileDropped.emit(path)  # a model, not an image: the window opens it
            else:
                self.open_image(path)
        elif mime.hasImage():
            self.show_image(qimage_to_gray(QImage(mime.imageData())), self.tr("the dropped image"))
        event.acceptProposedAction()


def qimage_to_gray(image: QImage) -> np.ndarray:
    """A QImage of any format -> (H, W) float32 gray in [0, 1], alpha flattened."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    bits = np.frombuffer(rgba.constBits(), np.uint8, rgba.sizeInBytes())
    array = bits.reshape(rgba.height(), rgba.bytesPerLine())[:, : rgba.width() * 4]
    return to_grayscale(array.reshape(rgba.height(), rgba.width(), 4).copy())
