"""The results of a run: test accuracy, confusion heat map, per-class accuracy, mistakes."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QListWidgetItem, QScrollArea, QVBoxLayout, QWidget

from app.i18n import training_text, translated
from app.thumbnails import thumbnail_grid, thumbnail_icon
from app.widgets import percent, whole
from training.reading.recognize import reads_digits

GALLERY_LIMIT = 200
MAX_CLASSES = 11  # ten digits and "not a digit"
# The matrix never gets smaller than this (its cells then hold four-digit
# counts legibly); in a smaller window the results scroll instead.
MATRIX_MIN_SIDE = 280
# Narrower than this, the per-class plot goes under the matrix rather than beside it.
SIDE_BY_SIDE_WIDTH = 600


def class_ticks(classes: int):
    """Axis labels: the digits, and "?" for "not a digit" (as the Draw tab shows it)."""
    return [str(i) if i < 10 else "?" for i in range(classes)]


def named_classes(class_names) -> list[str] | None:
    """The classes' names in the interface's language when they are not digits (Fashion-MNIST's
    clothes: the axes and captions show 0-9, and "4→6" says nothing without "Coat" and "Shirt")."""
    if reads_digits(class_names):
        return None
    return [training_text(str(name)) for name in class_names]


def plot_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color: gray")
    font = label.font()
    font.setPointSize(font.pointSize() + 2)
    label.setFont(font)
    return label


class ResultsView(QWidget):
    imageChosen = Signal(object)  # (28, 28) float image: load it into the Draw tab

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel(self.empty_text())
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: gray")
        font = self.summary.font()
        font.setPointSize(font.pointSize() + 1)
        self.summary.setFont(font)

        # The plots' titles are Qt labels that wrap: a pyqtgraph title keeps its whole width as the plot's
        # minimum and, in a narrow window, pushed the per-class bars 7-9 out of sight.
        self.confusion_title = plot_title(self.tr("Confusion matrix"))
        self.confusion_plot = pg.PlotWidget(background=None)
        self.confusion_plot.setMinimumSize(MATRIX_MIN_SIDE, MATRIX_MIN_SIDE)
        self.confusion_plot.setMenuEnabled(False)
        self.confusion_plot.setMouseEnabled(x=False, y=False)
        self.confusion_plot.invertY(True)
        self.confusion_plot.setAspectLocked(True)
        self._set_confusion_ticks(10)
        self.confusion_plot.setLabel("bottom", self.tr("predicted"))
        self.confusion_plot.setLabel("left", self.tr("true"))
        self.confusion_image = pg.ImageItem(np.zeros((10, 10)))
        self.confusion_image.setColorMap(pg.colormap.get("viridis"))
        self.confusion_plot.addItem(self.confusion_image)
        self.cell_labels = []  # MAX_CLASSES x MAX_CLASSES, row by row; those past the classes stay empty
        for i in range(MAX_CLASSES):
            for j in range(MAX_CLASSES):
                text = pg.TextItem("", anchor=(0.5, 0.5), color=(255, 255, 255))
                font = text.textItem.font()
                font.setPointSizeF(7)
                text.setFont(font)
                text.setPos(j + 0.5, i + 0.5)
                self.confusion_plot.addItem(text)
                self.cell_labels.append(text)
        self._widest_count = 1  # characters in the largest count shown
        self.cell_font_size = 7.0
        view = self.confusion_plot.getViewBox()
        view.sigResized.connect(self._fit_cell_labels)
        view.sigRangeChanged.connect(self._fit_cell_labels)  # the locked aspect rescales without a resize

        self.per_class_title = plot_title(self.tr("Accuracy per class"))
        self.per_class_plot = pg.PlotWidget(background=None)
        self.per_class_plot.setMenuEnabled(False)
        self.per_class_plot.setMouseEnabled(x=False, y=False)
        self.per_class_plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)], []])
        self.per_class_bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7,
                                              brush=pg.mkBrush(90, 140, 220))
        self.per_class_plot.addItem(self.per_class_bars)

        self.gallery = thumbnail_grid()
        self.gallery.setToolTip(self.tr("Misclassified test images; click one to load it into the Draw tab."))
        self.gallery.itemClicked.connect(self._chosen)
        self.gallery_title = QLabel(self.tr("Misclassified test images"))
        # Wrapped: after a run its one line (how many, how to use them) widened the smallest window past 800 px.
        self.gallery_title.setWordWrap(True)
        self.class_key = QLabel()
        self.class_key.setWordWrap(True)
        self.class_key.hide()

        # The confusion matrix gets the room its counts need; the gallery scrolls.
        self.per_class_plot.setMinimumHeight(160)
        self.gallery.setMinimumHeight(130)  # a row of mistakes, captions included
        self.grid = QGridLayout()
        self._side_by_side: bool | None = None
        self._arrange(True)
        # Nothing to show before a run: one sentence, not an empty (solid-coloured) matrix and axes.
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(self.grid, 5)
        details.addWidget(self.gallery_title)
        details.addWidget(self.gallery, 2)
        self.details.hide()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.summary)
        layout.addWidget(self.class_key)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)
        # The summary (which a fine-tune lengthens) wraps whole and the matrix keeps its size: when the
        # window is too small for both, the results scroll down, never sideways.
        self.scroll = QScrollArea()
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self._images: list[np.ndarray] = []

    def empty_text(self) -> str:
        return self.tr("Results appear here when a run ends: the test accuracy, the confusion matrix "
                       "(which digit was taken for which), the accuracy per class and the misclassified "
                       "test images.")

    def has_result(self) -> bool:
        return not self.details.isHidden()

    def _arrange(self, side_by_side: bool) -> None:
        """The per-class plot beside the matrix, or under it in a narrow window."""
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        grid = self.grid
        for widget in (self.confusion_title, self.per_class_title, self.confusion_plot, self.per_class_plot):
            grid.removeWidget(widget)
        grid.addWidget(self.confusion_title, 0, 0)
        grid.addWidget(self.confusion_plot, 1, 0)
        if side_by_side:
            grid.addWidget(self.per_class_title, 0, 1)
            grid.addWidget(self.per_class_plot, 1, 1)
        else:
            grid.addWidget(self.per_class_title, 2, 0)
            grid.addWidget(self.per_class_plot, 3, 0)
        for row in range(4):
            grid.setRowStretch(row, 1 if row in (1, 3) else 0)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2 if side_by_side else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(self.width() >= SIDE_BY_SIDE_WIDTH)

    def show_result(self, result, images: np.ndarray, labels: np.ndarray) -> None:
        """``images``/``labels``: the test split the run was evaluated on."""
        evaluation = result.evaluation
        if evaluation is None:
            self.summary.setText(self.tr("The run ended before it could be evaluated."))
            self.details.hide()  # an earlier run's plots are not this one's
            return
        self.summary.setStyleSheet("")
        self.details.show()
        at = result.stopped_at
        if at is not None:
            when = self.tr("stopped at epoch {epoch}, batch {done} of {batches}").format(
                epoch=at.epoch, done=whole(at.batches_done), batches=whole(at.batches))
        elif result.stopped:
            when = self.tr("stopped after epoch {epoch}").format(epoch=result.epochs_completed)
        else:
            when = self.tr("after %n epoch(s)", "", result.epochs_completed)
        gap = self.gap_text(result)
        self.summary.setText(self.tr(
            "Test accuracy <b>{accuracy}</b> on {images} images, {when}, {seconds} s on {device}; {mistakes} mistakes.")
            .format(accuracy=percent(evaluation.accuracy, 2), images=whole(evaluation.count), when=when,
                    seconds=whole(round(result.seconds)), device=result.device,
                    mistakes=whole(len(evaluation.misclassified)))
            + (f"<br>{html.escape(gap)}" if gap else ""))
        confusion = evaluation.confusion.astype(np.float64)
        classes = len(confusion)
        self._set_confusion_ticks(classes)
        # Log scale, so that the few mistakes show beside the thousands on the diagonal.
        self.confusion_image.setImage(np.log1p(confusion).T, levels=(0, np.log1p(confusion.max())))
        self.confusion_image.setRect(0, 0, classes, classes)
        bright = np.log1p(confusion) > 0.6 * np.log1p(confusion.max())
        for k, text in enumerate(self.cell_labels):
            i, j = divmod(k, MAX_CLASSES)
            value = int(confusion[i, j]) if i < classes and j < classes else 0
            text.setText(str(value) if value else "")
            text.setColor((20, 20, 20) if value and bright[i, j] else (255, 255, 255))
        self._widest_count = len(str(int(confusion.max()))) if confusion.size else 1
        self._fit_cell_labels()
        self.per_class_plot.getAxis("bottom").setTicks([list(enumerate(class_ticks(classes))), []])
        self.per_class_bars.setOpts(x=np.arange(classes), height=np.nan_to_num(evaluation.per_class_accuracy))
        low = float(np.nanmin(evaluation.per_class_accuracy))
        self.per_class_plot.setYRange(max(0.0, low - 0.05), 1.0)

        names = named_classes(getattr(result, "class_names", None))
        self.class_key.setVisible(names is not None)
        if names is not None:
            self.class_key.setText(self.tr("Classes: {names}.").format(
                names=", ".join(f"{i}\u00a0{name}" for i, name in enumerate(names))))  # a number stays with its name

        self.gallery.clear()
        self._images = []
        wrong = evaluation.misclassified[:GALLERY_LIMIT]
        for index in wrong:
            image = images[index].astype(np.float32) / (255.0 if images.dtype == np.uint8 else 1.0)
            true, said = (class_ticks(MAX_CLASSES)[int(v)] for v in (labels[index], evaluation.predicted[index]))
            item = QListWidgetItem(thumbnail_icon(image), f"{true}→{said}")
            if names is not None:
                true, said = (f"{names[int(v)]} ({int(v)})" for v in (labels[index], evaluation.predicted[index]))
            item.setToolTip(self.tr("Test image {index}: true {true}, predicted {said} ({share})").format(
                index=index, true=true, said=said, share=percent(evaluation.confidence[index])))
            item.setData(Qt.ItemDataRole.UserRole, len(self._images))
            self._images.append(image)
            self.gallery.addItem(item)
        more = len(evaluation.misclassified) - len(wrong)
        if more:
            self.gallery_title.setText(self.tr("Misclassified test images (true→predicted), first {count}; "
                                               "click one to try it in the Draw tab").format(count=len(wrong)))
        else:
            self.gallery_title.setText(self.tr("Misclassified test images (true→predicted); "
                                               "click one to try it in the Draw tab"))

    @staticmethod
    def gap_text(result) -> str:
        """Why training and test accuracy differ, in the interface's language ("" when they agree)."""
        gap = result.gap_explanation()
        return translated(gap) if gap else ""

    def cell_pixels(self) -> float:
        """The side of one confusion-matrix cell on screen, in pixels."""
        width, height = self.confusion_plot.getViewBox().viewPixelSize()
        return 1.0 / max(width, height, 1e-9)

    def _fit_cell_labels(self, *_) -> None:
        """Counts sized to their cells; hidden when the cells are too small to hold them legibly."""
        cell = self.cell_pixels()
        dpi_scale = self.logicalDpiY() / 72.0
        # A digit is about 0.6 em wide and a line 1.25 em high; keep a margin inside the cell.
        size = min(9.0, 0.8 * cell / (0.6 * self._widest_count * dpi_scale), 0.7 * cell / (1.25 * dpi_scale))
        visible = size >= 5.0
        self.cell_font_size = size if visible else 0.0
        for text in self.cell_labels:
            if visible:
                font = text.textItem.font()
                font.setPointSizeF(size)
                text.setFont(font)
            text.setVisible(visible)
        self.confusion_plot.setToolTip("" if visible else self.tr("Enlarge the window to see the counts in the cells."))

    def _set_confusion_ticks(self, classes: int) -> None:
        ticks = [[(i + 0.5, name) for i, name in enumerate(class_ticks(classes))], []]
        for axis in ("bottom", "left"):
            self.confusion_plot.getAxis(axis).setTicks(ticks)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.imageChosen.emit(self._images[item.data(Qt.ItemDataRole.UserRole)])
