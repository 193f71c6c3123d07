"""The Train tab: configure, run in a worker thread, watch curves, read results, keep models."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QMenu, QPlainTextEdit, QProgressBar, QPushButton,
                               QScrollArea, QSpinBox, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from app.i18n import message as error_message, training_text, translated
from app.tasks import run_in_background
from app.train.curves import TrainingCurves
from app.train.library_view import ModelLibraryView
from app.train.compare_view import CompareView, optimizer_name
from app.train.results import ResultsView
from app.train.runs_view import RunsView
from app.train.measuring import show_measuring
from app.train.worker import TrainingRun
from app.widgets import CountSpinBox, ElidedLabel, confirm, decimal, percent, wheel_only_when_focused, whole
from training.datasets import DATASETS
from training.errors import ConfigError
from training.finetune import FineTuneResult, fine_tune, fine_tune_config, with_samples
from training.presets import DEFAULT_PRESET, OPTIMIZERS, PRESETS
from training.recognize import reads_digits
from training.trainer import TrainConfig

MNIST_WITH_SAMPLES = "mnist+samples"
RESULTS_ROOM = 400  # px the results keep, where the window allows, before the form narrows to its minimum
STATUS_LINES = 3  # the height of the line under the progress bar: progress, the expected duration, or a problem
SAMPLES_SHARE = 0.02  # of the training set: enough to learn a hand, too little to skew MNIST


def data_family(dataset: str) -> str:
    """Which images the Data file field is for: MNIST's for every dataset made from MNIST."""
    spec = DATASETS.get("mnist" if dataset == MNIST_WITH_SAMPLES else dataset)
    return spec.cache_entry if spec is not None else str(dataset)


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def rough_duration(seconds: float) -> str:
    """An estimate in round words: "under a minute", "about 5 min", "about 1 h 20 min"."""
    translate = QCoreApplication.translate
    minutes = int(round(seconds / 60))
    if minutes < 1:
        return translate("TrainTab", "under a minute")
    if minutes < 60:
        return translate("TrainTab", "about {minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    return translate("TrainTab", "about {hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")


def pair(first: QWidget, label: str, second: QWidget) -> QHBoxLayout:
    """Two fields on one form row: ``first``, then ``label`` and ``second``."""
    row = QHBoxLayout()
    row.addWidget(first, 1)
    row.addSpacing(8)
    row.addWidget(QLabel(label))
    row.addWidget(second, 1)
    return row


class TrainTab(QWidget):
    useModelRequested = Signal(str)  # path of a model for the Draw tab
    imageChosen = Signal(object)  # (test image, predictor of the model that misread it) for the Draw tab
    problem = Signal(str, str)
    statusMessage = Signal(str)

    def __init__(self, settings, library, samples=None, runs=None, parent=None):
        super().__init__(parent)
        self.runs = runs  # training.runs.RunStore: every run is recorded there
        self.settings = settings
        self.library = library
        self.samples = samples  # training.samples.SampleStore
        self._sample_count = 0  # read from the store when samples change, not on every edit
        self.active_model: str | None = None  # the Draw tab's model: what fine-tuning starts from
        self.run: TrainingRun | None = None
        self.result = None
        self._param_counts: dict[str, int] = {}
        self._tensorflow_loaded = False  # set by tensorflow_ready(), once the background import is over
        self._gpus: list = []  # [(device id, name)] once TensorFlow has looked
        self._last_speed = 0.0  # images/s of the run in progress
        self._showing_outcome = False  # the progress line tells how the last run ended
        self._result_saved = False  # the last run's model is in the library
        self._record: dict | None = None  # the run in progress, for the run history
        self._study: dict | None = None  # {"runs": n, "ids": [...]} while a study runs
        self._result_predictor: tuple = (None, None)  # (result, its Predictor), made on the first gallery click
        self._speed_measured_for = ""  # the settings key the run in progress measures ("" for fine-tuning)

        self.curves = TrainingCurves()
        self.results = ResultsView()
        self.results.imageChosen.connect(self._on_image_chosen)
        self.library_view = ModelLibraryView(library)
        self.library_view.useRequested.connect(self.useModelRequested)
        self.library_view.problem.connect(self.problem)
        self.views = QTabWidget()
        self.views.addTab(self.curves, self.tr("Curves"))
        self.views.addTab(self.results, self.tr("Results"))
        self.views.addTab(self.library_view, self.tr("Models"))
        self.runs_view = RunsView(runs) if runs is not None else None
        self.compare_view = CompareView(settings)
        self.compare_view.problem.connect(self.problem)
        self.compare_view.statusMessage.connect(self.statusMessage)
        if self.runs_view is not None:
            self.runs_view.problem.connect(self.problem)
            self.runs_view.compareRequested.connect(self.compare_runs)
            self.views.addTab(self.runs_view, self.tr("Runs"))
            self.views.addTab(self.compare_view, self.tr("Compare"))

        controls = self._build_controls()
        self.views.addTab(self.log, self.tr("Log"))  # the run's full story; the progress line stays under Start
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.views, 1)
        right_layout.addLayout(self._save_row)  # beside the results, where the eye is after a run
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(controls)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        self._splitter = splitter
        self._splitter_dragged = False  # once the user has placed it, a resize keeps their choice
        splitter.splitterMoved.connect(self._on_splitter_dragged)
        self._fit_splitter(1100)
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._on_preset_changed()
        self.apply_form(settings.train_form)
        self.samples_changed()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._splitter_dragged:
            # Its width, not its sizes: when this tab is first shown, this event comes before the splitter's
            # own, and its sizes still add up to the width it had hidden.
            self._fit_splitter(self._splitter.width() - self._splitter.handleWidth())

    def _on_splitter_dragged(self, *_) -> None:
        self._splitter_dragged = True

    def _fit_splitter(self, total: int) -> None:
        """The controls get the width their form asks for and the results the rest; in a small window the
        form gives up width down to its minimum (no sideways scrolling) so that the results keep
        RESULTS_ROOM, and below that the results give it up (the splitter keeps their minimum)."""
        if total <= 0:
            return
        bar = self.form_scroll.verticalScrollBar().sizeHint().width() + 4
        wanted = self.form_scroll.widget().sizeHint().width() + bar
        needed = self.form_scroll.widget().minimumSizeHint().width() + bar
        controls = min(wanted, max(needed, total - RESULTS_ROOM))
        self._splitter.setSizes([controls, max(0, total - controls)])

    # --- controls ----------------------------------------------------------------
    def _build_controls(self) -> QWidget:
        form = QFormLayout()
        self.dataset_box = QComboBox()
        for spec in DATASETS.values():
            self.dataset_box.addItem(training_text(spec.title), spec.name)
        self.dataset_box.addItem(self.tr("MNIST + my samples"), MNIST_WITH_SAMPLES)
        form.addRow(self.tr("Dataset"), self.dataset_box)
        self.data_edit = QLineEdit()
        self.data_edit.setPlaceholderText(self.tr("Keras cache, else download"))
        self.data_edit.setToolTip(self.tr("A Keras-layout .npz (x_train, y_train, x_test, y_test) or a folder of the "
                                          "four IDX files. Empty: the Keras cache, a system copy, or Keras' download. "
                                          "MNIST and Fashion-MNIST each keep their own file here."))
        browse = QPushButton(self.tr("Browse..."))
        # A dataset is a .npz file or a folder of the four IDX files: both are offered.
        browse_menu = QMenu(browse)
        browse_menu.addAction(self.tr("A .npz file..."), self._browse_data)
        browse_menu.addAction(self.tr("A folder of IDX files..."), self._browse_data_folder)
        browse.setMenu(browse_menu)
        row = QHBoxLayout()
        row.addWidget(self.data_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Data file"), row)
        # Always shown (a row appearing would move the fields below it), enabled
        # for the dataset that uses it.
        self.pen_edit = QLineEdit()
        self.pen_edit.setPlaceholderText("unipen-dev.npz")
        self.pen_edit.setToolTip(self.tr("The UNIPEN pen handwriting file (unipen-dev.npz) for "
                                         "\"MNIST + real pen handwriting\". Empty: the Keras cache folder."))
        self.pen_browse = QPushButton(self.tr("Browse..."))
        self.pen_browse.clicked.connect(self._browse_pen_data)
        pen_row = QHBoxLayout()
        pen_row.addWidget(self.pen_edit, 1)
        pen_row.addWidget(self.pen_browse)
        form.addRow(self.tr("Pen data"), pen_row)

        self.preset_box = QComboBox()
        for preset in PRESETS.values():
            self.preset_box.addItem(preset.name, preset.name)
        self.preset_box.setCurrentIndex(list(PRESETS).index(DEFAULT_PRESET))
        form.addRow(self.tr("Model"), self.preset_box)
        self.preset_info = QLabel()
        self.preset_info.setWordWrap(True)
        self.preset_info.setMinimumWidth(200)
        self.preset_info.setStyleSheet("color: gray")
        form.addRow("", self.preset_info)
        # Its own line, there from the start: the count arrives when TensorFlow has loaded.
        self.params_label = QLabel("")
        self.params_label.setStyleSheet("color: gray")
        self.code_button = QPushButton(self.tr("Keras code..."))
        self.code_button.setToolTip(self.tr("This form's network and settings as plain Keras code, for a notebook "
                                            "(once TensorFlow has loaded)."))
        self.code_button.setEnabled(False)
        self.code_button.clicked.connect(lambda: self.show_keras_code())
        params_row = QHBoxLayout()
        params_row.addWidget(self.params_label, 1)
        params_row.addWidget(self.code_button)
        form.addRow("", params_row)

        self.optimizer_box = QComboBox()
        for name, text in OPTIMIZERS.items():
            self.optimizer_box.addItem(training_text(text), name)
        form.addRow(self.tr("Optimizer"), self.optimizer_box)
        self.lr_edit = QLineEdit()
        validator = QDoubleValidator(0.0, 10.0, 8)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        self.lr_edit.setValidator(validator)
        form.addRow(self.tr("Learning rate"), self.lr_edit)
        # Two short fields per row: the whole form fits the default window without scrolling.
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 65536)
        form.addRow(self.tr("Epochs"), pair(self.epochs_spin, self.tr("Batch size"), self.batch_spin))
        self.val_spin = QDoubleSpinBox()
        self.val_spin.setRange(0.0, 0.45)
        self.val_spin.setSingleStep(0.05)
        self.val_spin.setValue(0.1)
        self.val_spin.setToolTip(self.tr("The share of the training images kept apart to validate each epoch."))
        self.limit_spin = CountSpinBox()
        self.limit_spin.setRange(0, 10_000_000)
        self.limit_spin.setSingleStep(1000)
        self.limit_spin.setSpecialValueText(self.tr("all"))
        self.limit_spin.setToolTip(self.tr("Train on this many images only, for a quick run."))
        form.addRow(self.tr("Validation"), pair(self.val_spin, self.tr("Images"), self.limit_spin))
        self.augment_check = QCheckBox(self.tr("Shifts, rotations, zoom, stroke width"))
        self.augment_check.setToolTip(self.tr("Random shifts, rotations, zoom and stroke width: "
                                              "slower, but reads mouse-drawn digits better."))
        form.addRow(self.tr("Augmentation"), self.augment_check)
        self.device_box = QComboBox()
        self.device_box.addItem(self.tr("Automatic (GPU if any)"), "auto")
        self.device_box.addItem(self.tr("CPU"), "cpu")
        self.mixed_check = QCheckBox(self.tr("Mixed precision"))
        self.mixed_check.setToolTip(self.tr("float16 compute with float32 weights: faster on recent GPUs (GPU only)."))
        form.addRow(self.tr("Device"), self.device_box)
        form.addRow("", self.mixed_check)  # its own row: beside the device list it made the form too wide

        # Why Start is disabled, in place of the expected duration below the progress bar (a run cannot
        # start, so there is nothing to expect): three lines, as that one has, so that nothing moves; the
        # full text is its tooltip. (One line, above the buttons, once cut what to do off the pen data's
        # message.)
        self.problem_label = ElidedLabel(lines=STATUS_LINES)
        self.problem_label.hide()
        self.problem_label.setStyleSheet("color: #c0392b")
        self.start_button = QPushButton(self.tr("Start training"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda: self.start())  # not clicked(bool) into dataset
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.setToolTip(self.tr("Finish the current batch and keep the model trained so far."))
        self.stop_button.clicked.connect(lambda: self.stop())
        self.finetune_button = QPushButton(self.tr("Fine-tune on my samples"))
        self.finetune_button.clicked.connect(lambda: self.start_fine_tune())
        self.study_button = QPushButton(self.tr("Study..."))
        self.study_button.setToolTip(self.tr("Train the form's network several ways, one after another, on a subset "
                                             "for a few epochs, then compare the runs."))
        study_menu = QMenu(self.study_button)
        study_menu.addAction(self.tr("Compare the five optimizers"), lambda: self.start_study("optimizers"))
        study_menu.addAction(self.tr("Sweep the learning rate"), lambda: self.start_study("rates"))
        self.study_button.setMenu(study_menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button, 1)
        buttons.addWidget(self.stop_button)
        self.progress = QProgressBar()
        self.progress.setFormat("%p%")
        self.progress_label = ElidedLabel(self.tr("Not running."), lines=STATUS_LINES)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("name for the trained model"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.save_use_button = QPushButton(self.tr("Save and use"))
        self.save_use_button.clicked.connect(lambda: self.save(use=True))
        self.name_edit.setToolTip(self.tr("The name the trained model is saved under in the model library."))
        self.name_edit.setMinimumWidth(120)
        save_row = QHBoxLayout()
        save_row.addWidget(self.name_edit, 1)
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.save_use_button)
        self._set_save_enabled(False)
        self._save_row = save_row

        config_group = QWidget()
        config_column = QVBoxLayout(config_group)
        config_column.addLayout(form)
        config_column.addStretch(1)  # spare height below the form, not between its rows
        run_group = QGroupBox(self.tr("Run"))
        run_layout = QVBoxLayout(run_group)
        run_layout.addLayout(buttons)
        more = QHBoxLayout()
        more.addWidget(self.finetune_button, 1)
        more.addWidget(self.study_button)
        run_layout.addLayout(more)
        run_layout.addWidget(self.progress)
        run_layout.addWidget(self.progress_label)
        run_layout.addWidget(self.problem_label)

        # Only the form scrolls; the Run group stays below it, so that Start,
        # Stop and the progress never move nor leave the screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(config_group)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Never cut off: where a translation makes the form wider than the panel can get, it scrolls.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        for box in config_group.findChildren(QComboBox):
            # A combo box asks for its longest item's width; let it be narrower (the popup shows it all).
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            # The policy alone leaves the minimum at the longest item's width (a dataset title in
            # Vietnamese is 390 px); an explicit minimum lets the form narrow.
            box.setMinimumWidth(box.fontMetrics().horizontalAdvance("M" * 8))
            box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
        form.invalidate()  # it measured the combo boxes before their minimum was set
        self.preset_info.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Room for three lines, so that the parameter count arriving later moves no row.
        self.preset_info.setMinimumHeight(3 * self.preset_info.fontMetrics().lineSpacing())
        self.params_label.setMinimumHeight(self.params_label.fontMetrics().lineSpacing())
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(run_group)
        # Narrower than the form at the smallest window (which must fit an 800x600 screen): the form
        # then scrolls sideways, never cut off.
        panel.setMinimumWidth(280)
        self.form_scroll = scroll

        self.preset_box.currentIndexChanged.connect(self._on_preset_changed)
        for signal in (self.dataset_box.currentIndexChanged, self.optimizer_box.currentIndexChanged,
                       self.lr_edit.textChanged, self.epochs_spin.valueChanged, self.batch_spin.valueChanged,
                       self.val_spin.valueChanged, self.limit_spin.valueChanged, self.device_box.currentIndexChanged,
                       self.mixed_check.toggled, self.data_edit.textChanged, self.pen_edit.textChanged):
            signal.connect(self._form_changed)
        self.device_box.currentIndexChanged.connect(self._update_mixed_precision)
        self.dataset_box.currentIndexChanged.connect(self._update_pen_row)
        self._data_files: dict[str, str] = {}  # the field's text for each data_family not shown now
        self._data_family = data_family(self.dataset_box.currentData())
        self.dataset_box.currentIndexChanged.connect(self._swap_data_file)
        self._update_pen_row()
        self._update_mixed_precision()
        wheel_only_when_focused(panel)
        return panel

    def _start_folder(self, edit: QLineEdit, kind: str) -> str:
        """Where a dialog opens: beside the file in the field, else the last folder of this kind, else home."""
        current = Path(edit.text().strip()).expanduser()
        if edit.text().strip() and (current.is_dir() or current.parent.is_dir()):
            return str(current if current.is_dir() else current.parent)
        return self.settings.dialog_start(kind)

    def _browse_data(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a dataset file"),
                                              self._start_folder(self.data_edit, "dataset"),
                                              self.tr("Keras datasets (*.npz)") + ";;" + self.tr("All files (*)"))
        if path:
            self.settings.set_last_dir("dataset", path)
            self.data_edit.setText(path)

    def _browse_data_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder with the four IDX files"),
                                                self._start_folder(self.data_edit, "dataset"))
        if path:
            self.settings.set_last_dir("dataset", path)
            self.data_edit.setText(path)

    def _browse_pen_data(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the pen handwriting file"),
                                              self._start_folder(self.pen_edit, "pen"),
                                              self.tr("UNIPEN pen data (*.npz)") + ";;" + self.tr("All files (*)"))
        if path:
            self.settings.set_last_dir("pen", path)
            self.pen_edit.setText(path)

    # --- remembered form and expected duration ------------------------------------------
    def form_values(self) -> dict:
        """The form as plain values, remembered between launches."""
        return {"dataset": self.dataset_box.currentData(), "data": self.data_edit.text(),
                "data_files": {**self._data_files, self._data_family: self.data_edit.text()},
                "pen_data": self.pen_edit.text(), "preset": self.preset_box.currentData(),
                "optimizer": self.optimizer_box.currentData(), "learning_rate": self.lr_edit.text(),
                "epochs": self.epochs_spin.value(), "batch_size": self.batch_spin.value(),
                "validation": self.val_spin.value(), "images": self.limit_spin.value(),
                "augment": self.augment_check.isChecked(), "device": self.device_box.currentData(),
                "mixed_precision": self.mixed_check.isChecked()}

    def apply_form(self, values: dict) -> None:
        """Put remembered values back; anything unknown or of the wrong type is left at its default."""
        def pick(box, key):
            index = box.findData(values.get(key))
            if index >= 0:
                box.setCurrentIndex(index)

        def number(spin, key, kind):
            value = values.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                spin.setValue(kind(value))

        pick(self.preset_box, "preset")  # first: choosing a preset resets the fields below
        pick(self.dataset_box, "dataset")
        files = values.get("data_files")  # after the pick, which keeps the field's text for the dataset it leaves
        if isinstance(files, dict):
            self._data_files.update({k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)})
        pick(self.optimizer_box, "optimizer")
        pick(self.device_box, "device")
        for edit, key in ((self.data_edit, "data"), (self.pen_edit, "pen_data"), (self.lr_edit, "learning_rate")):
            if isinstance(values.get(key), str):
                edit.setText(values[key])
        number(self.epochs_spin, "epochs", int)
        number(self.batch_spin, "batch_size", int)
        number(self.val_spin, "validation", float)
        number(self.limit_spin, "images", int)
        for check, key in ((self.augment_check, "augment"), (self.mixed_check, "mixed_precision")):
            if isinstance(values.get(key), bool):
                check.setChecked(values[key])

    def remember_form(self) -> None:
        self.settings.train_form = self.form_values()

    def _on_gpu(self) -> bool:
        """The run would use a GPU (one is listed and the CPU is not chosen)."""
        return self.device_box.currentData() != "cpu" and bool(self._gpus)

    def _speed_key(self) -> str:
        return (f"{self.preset_box.currentData()}{'+aug' if self.augment_check.isChecked() else ''}"
                f"@{'gpu' if self._on_gpu() else 'cpu'}")

    def expected_duration(self) -> str:
        """"Expected: about 4 min (3 epochs of 54,000 images on the CPU)", or "" when unknown."""
        from training.presets import expected_seconds

        name = self.dataset_box.currentData()
        spec = DATASETS.get(name)
        images = spec.train_images if spec else DATASETS["mnist"].train_images + self._sample_count
        images = int(images * (1 - self.val_spin.value()))
        if self.limit_spin.value():
            images = min(images, self.limit_spin.value())
        on_gpu = self._on_gpu()
        measured = self.settings.training_speed(self._speed_key())
        if on_gpu and not measured:
            return ""
        seconds = expected_seconds(self.preset_box.currentData(), self.augment_check.isChecked(), images,
                                   self.epochs_spin.value(), measured)
        if seconds is None:
            return ""
        took = rough_duration(seconds)
        epochs = self.epochs_spin.value()
        if on_gpu:
            text = self.tr("Expected: {duration} (%n epoch(s) of {images} images on the GPU, {basis}).", "", epochs)
        else:
            text = self.tr("Expected: {duration} (%n epoch(s) of {images} images on the CPU, {basis}).", "", epochs)
        basis = self.tr("as fast as your last run") if measured else self.tr("measured on a 2-core laptop")
        return text.format(duration=took, images=whole(images), basis=basis)

    def _swap_data_file(self) -> None:
        # MNIST's file left in the field once made a "Fashion-MNIST" model of digits.
        family = data_family(self.dataset_box.currentData())
        if family != self._data_family:
            self._data_files[self._data_family] = self.data_edit.text()
            self._data_family = family
            self.data_edit.setText(self._data_files.get(family, ""))

    def _data_file(self, dataset: str) -> str:
        """The Data file field's text for ``dataset``, shown or not."""
        family = data_family(dataset)
        return self.data_edit.text() if family == self._data_family else self._data_files.get(family, "")

    def _update_pen_row(self) -> None:
        uses_pen = self.dataset_box.currentData() == "mnist+pen"
        self.pen_edit.setEnabled(uses_pen)
        self.pen_browse.setEnabled(uses_pen)

    def _on_preset_changed(self) -> None:
        preset = PRESETS[self.preset_box.currentData()]
        self.optimizer_box.setCurrentIndex(list(OPTIMIZERS).index(preset.optimizer))
        self.lr_edit.setText(f"{preset.learning_rate:g}")
        # Without a GPU, a run of minutes: the preset's full run would take hours on a CPU.
        self.epochs_spin.setValue(preset.epochs if self._gpus else (preset.cpu_epochs or preset.epochs))
        self.batch_spin.setValue(preset.batch_size)
        self.augment_check.setChecked(preset.augment)
        self._show_preset_info()

    def _show_preset_info(self) -> None:
        name = self.preset_box.currentData()
        text = training_text(PRESETS[name].description)
        # Counting parameters builds the model, which needs TensorFlow: only once
        # it is fully loaded (while the background import runs, this thread
        # would wait for it).
        if name not in self._param_counts and self._tensorflow_loaded:
            from training.presets import count_params
            self._param_counts[name] = count_params(name)
        self.preset_info.setText(text)
        self.params_label.setText(self.tr("{count} parameters").format(count=whole(self._param_counts[name]))
                                  if name in self._param_counts else "")

    def tensorflow_ready(self, devices: list) -> None:
        """Called once TensorFlow is loaded (in the background): list the GPUs, count parameters."""
        self._tensorflow_loaded = True
        self.code_button.setEnabled(True)
        gpus = [d for d in devices if d[0].startswith("gpu:")]
        preset = PRESETS[self.preset_box.currentData()]
        if gpus and not self._gpus and self.epochs_spin.value() == (preset.cpu_epochs or preset.epochs):
            self.epochs_spin.setValue(preset.epochs)  # a GPU after all: the preset's full run
        self._gpus = gpus
        for device_id, name in gpus:
            if self.device_box.findData(device_id) < 0:
                self.device_box.addItem(name, device_id)
        if len(gpus) > 1 and self.device_box.findData("mirrored") < 0:
            self.device_box.addItem(self.tr("All {count} GPUs (MirroredStrategy)").format(count=len(gpus)), "mirrored")
        remembered = self.device_box.findData(self.settings.train_form.get("device"))
        if remembered >= 0 and self.device_box.currentData() == "auto":
            self.device_box.setCurrentIndex(remembered)  # a GPU chosen last time, listed only now
        self._show_preset_info()
        self._update_mixed_precision()

    def _update_mixed_precision(self) -> None:
        on_gpu = self.device_box.currentData() not in ("cpu",) and self.device_box.count() > 2
        self.mixed_check.setEnabled(on_gpu)
        if not on_gpu:
            self.mixed_check.setChecked(False)

    def show_keras_code(self):
        """The form's run as plain Keras code, in a dialog; the dialog, or None when the form is invalid."""
        from app.train.code_dialog import KerasCodeDialog
        from training.kerascode import script_for, script_name

        try:
            config = self.config(check_files=False)
        except ConfigError as exc:
            self.problem.emit(self.tr("Cannot write the code"), error_message(exc))
            return None
        dialog = KerasCodeDialog(script_for(config), script_name(config), self.settings, self)
        dialog.open()  # window-modal, never blocking the caller
        return dialog

    # --- configuration -------------------------------------------------------------
    def config(self, check_files: bool = True) -> TrainConfig:
        """The form as a TrainConfig; ConfigError with a reason when a value is invalid.

        ``check_files=False`` (the Keras code, which needs no pen file nor samples) leaves out the checks
        that the data files and samples are there, and names "MNIST + my samples" as such.
        """
        text = self.lr_edit.text().strip().replace(",", ".")
        try:
            learning_rate = float(text)
        except ValueError:
            raise ConfigError(self.tr("The learning rate \u201c{text}\u201d is not a number.").format(text=text)) from None
        data = self.data_edit.text().strip()
        with_samples = self.dataset_box.currentData() == MNIST_WITH_SAMPLES
        if not check_files:
            return self._form_config(learning_rate, data, self.pen_edit.text().strip(),
                                     MNIST_WITH_SAMPLES if with_samples else self.dataset_box.currentData())
        if data and not Path(data).expanduser().exists():
            raise ConfigError(self.tr("The data file {path} does not exist.").format(path=data))
        pen = self.pen_edit.text().strip()
        if self.dataset_box.currentData() == "mnist+pen":
            from training.errors import DatasetError
            from training.pen import find_pen_file

            try:
                found = find_pen_file(pen or None)
            except DatasetError as exc:
                raise ConfigError(error_message(exc)) from None
            if not found.is_file():
                raise ConfigError(self.tr("The pen data file {path} does not exist.").format(path=pen))
        if with_samples and not self._sample_count:
            raise ConfigError(self.tr("You have no saved samples yet: save some in the Draw tab, or choose MNIST."))
        return self._form_config(learning_rate, data, pen, "mnist" if with_samples else self.dataset_box.currentData())

    def _form_config(self, learning_rate: float, data: str, pen: str, dataset: str) -> TrainConfig:
        config = TrainConfig(
            dataset=dataset, data_path=data or None, pen_data_path=pen or None,
            preset=self.preset_box.currentData(), optimizer=self.optimizer_box.currentData(),
            learning_rate=learning_rate, epochs=self.epochs_spin.value(), batch_size=self.batch_spin.value(),
            validation_split=round(self.val_spin.value(), 4), augment=self.augment_check.isChecked(),
            device=self.device_box.currentData(), mixed_precision=self.mixed_check.isChecked(),
            train_limit=self.limit_spin.value() or None)
        config.validate()
        return config

    @Slot()
    def _form_changed(self, *_) -> None:
        self._showing_outcome = False  # the last run's "Done in ..." gives way to the new expectation
        self._validate()

    def _validate(self, *_) -> bool:
        self._refresh_fine_tune_button()
        # Follows the form even while it has a problem (a missing file, say): a
        # stale expectation would describe another dataset or run.
        if self.run is None and not self._showing_outcome:
            self.progress_label.setText(self.expected_duration() or self.tr("Not running."))
        try:
            self.config()
        except ConfigError as exc:
            self.problem_label.setText(error_message(exc))
            self.start_button.setEnabled(False)
            self.study_button.setEnabled(False)
            self.start_button.setToolTip(error_message(exc))
            self._show_problem()
            return False
        self.problem_label.setText("")
        self._show_problem()
        self.start_button.setEnabled(self.run is None)
        self.study_button.setEnabled(self.run is None)
        self.start_button.setToolTip("")
        return True

    def _show_problem(self) -> None:
        shown = bool(self.problem_label.text()) and self.run is None
        self.progress_label.setVisible(not shown)
        self.problem_label.setVisible(shown)

    def set_active_model(self, path: str) -> None:
        self.active_model = path
        self._refresh_fine_tune_button()

    @Slot()
    def samples_changed(self) -> None:
        """The saved samples changed: count them again (the one read of the store)."""
        self._sample_count = self.samples.count() if self.samples is not None else 0
        self._validate()  # "MNIST + my samples" depends on the count too

    def _refresh_fine_tune_button(self) -> None:
        count = self._sample_count
        self.finetune_button.setEnabled(self.run is None and self.active_model is not None and count >= 10)
        self.finetune_button.setText(self.tr("Fine-tune on my samples ({count})").format(count=count))
        self.finetune_button.setToolTip(
            self.tr("Start from the model in use in the Draw tab and train a few epochs on your saved samples "
                    "mixed with MNIST (the data file above).") if count >= 10
            else self.tr("Save at least 10 samples in the Draw tab first."))

    # --- running ---------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.run is not None

    def start(self, dataset=None) -> bool:
        """Start a run with the form's settings (``dataset``: an already loaded one, for tests)."""
        if self.run is not None or not self._validate():
            return False
        if not self._may_discard_result():
            return False
        config = self.config()
        self.remember_form()
        self._speed_measured_for = "" if self.dataset_box.currentData() == MNIST_WITH_SAMPLES else self._speed_key()
        measure = self._shared_measure()

        def train_job(on_event, should_stop, skip_evaluation):
            from training.trainer import train

            return train(config, on_event, should_stop, dataset, skip_evaluation=skip_evaluation, measure=measure)

        job = train_job
        if self.dataset_box.currentData() == MNIST_WITH_SAMPLES:
            config = replace(config, dataset=MNIST_WITH_SAMPLES)
            store, data = self.samples, config.data_path

            def train_with_samples(on_event, should_stop, skip_evaluation):
                from training.datasets import load_dataset
                from training.trainer import train

                mixed = with_samples(dataset or load_dataset("mnist", data), *store.arrays(), SAMPLES_SHARE)
                return train(config, on_event, should_stop, mixed, skip_evaluation=skip_evaluation, measure=measure)

            job = train_with_samples

        self._log((self.tr("Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}, "
                           "augmented.", "", config.epochs) if config.augment else
                   self.tr("Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}.",
                           "", config.epochs))
                  .format(preset=config.preset, dataset=config.dataset, optimizer=config.optimizer,
                          rate=f"{config.learning_rate:g}", batch=config.batch_size))
        return self._launch(TrainingRun(config, dataset, self, job=job), config)

    def _shared_measure(self):
        """What every digit run is also measured on (your samples, held-out pen digits), or None."""
        if self.dataset_box.currentData() not in ("mnist", "mnist+pen", MNIST_WITH_SAMPLES):
            return None  # clothing is not read as digits
        store, pen_path = self.samples, self.pen_edit.text().strip() or None

        def measure(model):
            from training.runs import shared_measures

            return shared_measures(model, store, pen_path)

        return measure

    def start_study(self, kind: str, dataset=None) -> bool:
        """Train the form's preset with the five optimizers, or at five learning rates, then compare."""
        from training.trainer import run_study, study_configs

        if self.run is not None or not self._validate() or not self._may_discard_result():
            return False
        if self.dataset_box.currentData() == MNIST_WITH_SAMPLES:
            self.problem.emit(self.tr("Cannot study"),
                              self.tr("A study runs on one of the datasets; choose MNIST or another."))
            return False
        configs = study_configs(self.config(), kind)
        self.remember_form()
        self._speed_measured_for = ""
        self._study = {"runs": len(configs), "ids": []}

        measure = self._shared_measure()

        def job(on_event, should_stop, skip_evaluation):
            return run_study(configs, on_event, should_stop, dataset, skip_evaluation, measure)

        what = self.tr("the five optimizers") if kind == "optimizers" else self.tr("{optimizer} at {rates}").format(
            optimizer=configs[0].optimizer, rates=", ".join(f"{c.learning_rate:g}" for c in configs))
        self._log(self.tr("Study: {preset} with {what}, %n epoch(s) on {images} images each.", "",
                          configs[0].epochs).format(
            preset=configs[0].preset, what=what, images=whole(configs[0].train_limit)))
        return self._launch(TrainingRun(configs[0], parent=self, job=job), configs[0])

    def start_fine_tune(self) -> bool:
        """Fine-tune the Draw tab's model on the saved samples mixed with MNIST."""
        if self.run is not None or self.active_model is None or self.samples is None:
            return False
        if not self._may_discard_result():
            return False
        base, store = self.active_model, self.samples
        data = self._data_file("mnist").strip() or None  # MNIST's, whichever dataset the form shows
        config = fine_tune_config(base)  # as the run record keeps it

        def job(on_event, should_stop, skip_evaluation):
            from training.datasets import load_dataset

            x, y = store.arrays()
            mnist = load_dataset("mnist", data)
            return fine_tune(base, x, y, mnist, config, on_event=on_event, should_stop=should_stop,
                             skip_evaluation=skip_evaluation)

        self._speed_measured_for = ""
        self._log(self.tr("Fine-tuning {model} on {count} samples of yours mixed with MNIST "
                          "({epochs} epochs, Adam lr {rate}, augmented).").format(
            model=Path(base).name, count=self._sample_count, epochs=config.epochs, rate=f"{config.learning_rate:g}"))
        return self._launch(TrainingRun(config, parent=self, job=job), config)

    def _may_discard_result(self) -> bool:
        """True unless the last run's model is unsaved and the user keeps it."""
        if self.result is None or self._result_saved or self.result.epochs_completed == 0:
            return True
        return confirm(self, self.tr("Discard the trained model?"),
                       self.tr("The model from the last run is not saved. A new run discards it."),
                       self.tr("Discard and start"))

    def _launch(self, run: TrainingRun, config) -> bool:
        self._record = {"config": config, "started": time.time(), "curve": [], "epochs": [], "device": ""}
        self.result = None
        self._result_saved = False
        self._last_speed = 0.0
        self._set_save_enabled(False)
        self.name_edit.clear()  # each run is named afresh when it ends
        self.curves.clear()
        self.views.setCurrentWidget(self.curves)
        self.progress.setRange(0, 0)  # busy until the data is loaded and batches are known
        self.progress_label.setText(self.tr("Loading the data and building the model..."))
        self.run = run
        worker = self.run.worker
        worker.started.connect(self._on_started)
        worker.progressed.connect(self._on_progressed)
        worker.epochEnded.connect(self._on_epoch_ended)
        worker.measured.connect(lambda event: show_measuring(self.progress, self.progress_label, event))
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.completed.connect(self._on_completed)
        self.run.ended.connect(self._on_run_ended)
        self.start_button.setEnabled(False)
        self.study_button.setEnabled(False)
        self.finetune_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.run.start()
        return True

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()
            self.stop_button.setEnabled(False)
            self.stop_button.setText(self.tr("Stopping..."))  # grey, and saying why, until the run has ended
            self.progress_label.setText(self.tr("Stopping: finishing the current batch..."))
            self._log(self.tr("Stop requested: finishing the current batch."))

    def is_stopping(self) -> bool:
        return self.run is not None and self.run.stopping

    def has_unsaved_model(self) -> bool:
        """The last run trained a model that is not in the library (quitting or a new run would lose it)."""
        return self.result is not None and not self._result_saved and self.result.epochs_completed > 0

    def settle_unsaved_model(self) -> None:
        """Quitting, the user saved the model or let it go: nothing asks about it again."""
        self._result_saved = True

    def shutdown(self) -> None:
        """Stop and join the worker (the window is closing); no evaluation, no model files written.

        A run cut short here is kept in the run history as abandoned at quit, as every run is."""
        self.remember_form()
        if self.run is not None:
            self.run.shutdown()
            self.run = None
            self._keep_run("abandoned", message="abandoned at quit")

    def _log(self, line: str) -> None:
        self.log.appendPlainText(f"[{time.strftime('%H:%M:%S')}] {line}")

    @Slot(object)
    def _on_started(self, event) -> None:
        self.progress.setRange(0, event.epochs * event.batches_per_epoch)
        self.progress.setValue(0)
        if self._record is None and event.config is not None:  # the next run of a study
            self._record = {"config": event.config, "started": time.time(), "curve": [], "epochs": []}
            self.curves.clear()
            self.views.setCurrentWidget(self.curves)
        if self._record is not None:
            self._record["device"] = event.device
        if self._study is not None and event.config is not None:
            self._log(self.tr("Study run {n} of {runs}: {optimizer}, learning rate {rate}.").format(
                n=len(self._study["ids"]) + 1, runs=self._study["runs"],
                optimizer=optimizer_name(event.config.optimizer),
                rate=f"{event.config.learning_rate:g}"))
        self._log(self.tr("Training on {images} images ({validation} for validation) on {device}.").format(
            images=whole(event.train_samples), validation=whole(event.validation_samples), device=event.device))

    @Slot(object)
    def _on_progressed(self, event) -> None:
        self.progress.setValue((event.epoch - 1) * event.batches + event.batch)
        if not self.is_stopping():  # the last batch's figures must not cover "Stopping: ..."
            self.progress_label.setText(self.tr(
                "Epoch {epoch}/{epochs} · batch {batch}/{batches} · loss {loss} · accuracy {accuracy} · "
                "{speed} images/s · {eta} left").format(
                    epoch=event.epoch, epochs=event.epochs, batch=event.batch, batches=event.batches,
                    loss=decimal(event.loss, 4), accuracy=percent(event.accuracy, 2),
                    speed=whole(round(event.samples_per_second)), eta=format_duration(event.eta_seconds)))
        if event.batch >= min(20, event.batches):  # past the first batches' warm-up
            self._last_speed = event.samples_per_second
        self.curves.add_progress(event)
        if self._record is not None:
            self._record["curve"].append((event.epoch - 1 + event.batch / event.batches, event.loss, event.accuracy,
                                      time.time() - self._record["started"]))

    @Slot(object)
    def _on_epoch_ended(self, event) -> None:
        self.curves.add_epoch(event)
        if self._record is not None:
            self._record["epochs"].append(event)
        values = dict(epoch=event.epoch, epochs=event.epochs, loss=decimal(event.loss, 4),
                      accuracy=percent(event.accuracy, 2), seconds=decimal(event.seconds, 1))
        if event.val_loss is None:
            self._log(self.tr("Epoch {epoch}/{epochs}: loss {loss} accuracy {accuracy} ({seconds} s).").format(**values))
        else:
            self._log(self.tr("Epoch {epoch}/{epochs}: loss {loss} accuracy {accuracy}, validation loss {val_loss} "
                              "accuracy {val_accuracy} ({seconds} s).").format(
                val_loss=decimal(event.val_loss, 4), val_accuracy=percent(event.val_accuracy, 2), **values))

    @Slot(list)
    def compare_runs(self, records: list) -> None:
        self.compare_view.show_runs(records)
        self.views.setCurrentWidget(self.compare_view)

    def _keep_run(self, outcome: str, result=None, message: str = "") -> None:
        """Record the run that just ended in the run history (never fatal: a full disk only loses the record)."""
        if self.runs is None or self._record is None:
            return
        from training.runs import make_record

        r, self._record = self._record, None
        record = make_record(r["config"], outcome, r["started"], time.time() - r["started"],
                             getattr(result, "device", "") or r.get("device", ""), r["curve"],
                             getattr(result, "history", None) or r["epochs"], result, message)
        if self._study is not None:
            self._study["ids"].append(record["id"])
        try:
            self.runs.add(record)
        except (OSError, ValueError) as exc:
            self._log(self.tr("The run could not be kept in the history: {reason}").format(reason=exc))
            return
        if self.runs_view is not None:
            self.runs_view.refresh()

    @Slot(object)
    def _on_finished(self, result) -> None:
        self._keep_run("stopped" if result.stopped else "finished", result)
        self.result = result
        if result.evaluation is not None:
            at = result.stopped_at
            accuracy = percent(result.evaluation.accuracy, 2)
            if at is not None:
                self._log(self.tr("Stopped at epoch {epoch}, batch {done} of {batches}: test accuracy {accuracy}.")
                          .format(epoch=at.epoch, done=whole(at.batches_done), batches=whole(at.batches),
                                  accuracy=accuracy))
            elif result.stopped:
                self._log(self.tr("Stopped after %n epoch(s): test accuracy {accuracy}.", "",
                                  result.epochs_completed).format(accuracy=accuracy))
            else:
                self._log(self.tr("Finished after %n epoch(s): test accuracy {accuracy}.", "",
                                  result.epochs_completed).format(accuracy=accuracy))
            gap = self.results.gap_text(result)
            if gap:
                self._log(gap)
            self.results.show_result(result, result.x_test, result.y_test)
            self.views.setCurrentWidget(self.results)
        self.progress_label.setText(self.tr("Done in {duration}.").format(duration=format_duration(result.seconds)))
        self._showing_outcome = True
        if self._last_speed and self._speed_measured_for:
            # The basis of the next expected duration for this preset on this device.
            self.settings.set_training_speed(self._speed_measured_for, self._last_speed)
        if not self.name_edit.text():
            self.name_edit.setText(self.free_name(
                f"{result.config.preset}-{result.config.dataset}-{time.strftime('%Y%m%d-%H%M')}"))
        self._set_save_enabled(result.epochs_completed > 0)
        self.statusMessage.emit(self.tr("Training finished; save the model to keep it."))

    @Slot(object)
    def _on_completed(self, value) -> None:
        if isinstance(value, FineTuneResult):
            self.fine_tune_result = value
            summary = translated(value.summary())
            self._log(self.tr("Fine-tuned: {summary}.").format(summary=summary))
            self.results.summary.setText(self.results.summary.text() + "<br>"
                                         + self.tr("Fine-tuned: {summary}.").format(summary=summary))
            self.name_edit.setText(self.free_name(f"fine-tuned-{time.strftime('%Y%m%d-%H%M')}"))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._keep_run("failed", message=message)
        self._log(self.tr("Failed: {message}").format(message=message))
        self.progress_label.setText(self.tr("Failed: {message}").format(message=message))
        self._showing_outcome = True
        if self._study is None:  # in a study a failed run (a diverging rate) is a result, told in the log
            self.problem.emit(self.tr("Training failed"), message)

    @Slot()
    def _on_run_ended(self) -> None:
        self.run = None
        study, self._study = self._study, None
        if study is not None and self.runs_view is not None:
            records = {r["id"]: r for r in self.runs.runs()}
            done = [records[i] for i in study["ids"] if i in records]
            self._log(self.tr("Study over: {done} of %n run(s); see the Compare tab.", "", study["runs"]).format(
                done=len(done)))
            if len(done) >= 2:
                self.compare_runs(done)
        self.progress.setRange(0, max(1, self.progress.maximum()))
        self.stop_button.setEnabled(False)
        self.stop_button.setText(self.tr("Stop"))
        self._validate()

    @Slot(object)
    def _on_image_chosen(self, image) -> None:
        """A misclassified image goes to the Draw tab with the model that misread it, not the one in use."""
        if self.result is None:
            return
        if self._result_predictor[0] is not self.result:
            from training.predictor import Predictor

            self._result_predictor = (self.result, Predictor(self.result.model))
        self.imageChosen.emit((image, self._result_predictor[1]))

    # --- saving ------------------------------------------------------------------------
    def free_name(self, name: str) -> str:
        """``name``, or ``name-2``, ``name-3``...: the first the library does not hold yet."""
        candidate, n = name, 1
        while self.library.path_for(candidate).exists():
            n += 1
            candidate = f"{name}-{n}"
        return candidate

    def _set_save_enabled(self, on: bool) -> None:
        for widget in (self.name_edit, self.save_button, self.save_use_button):
            widget.setEnabled(on)
        if self.result is not None and not reads_digits(self.result.class_names):
            self.save_use_button.setEnabled(False)
            self.save_use_button.setToolTip(self.tr("This model reads other things than digits; the Draw tab "
                                                    "reads digits. Save it to keep it."))
        else:
            self.save_use_button.setToolTip("")

    def save(self, use: bool = False) -> None:
        if self.result is None:
            return
        name = self.name_edit.text().strip() or self.name_edit.placeholderText()
        result = self.result
        self._set_save_enabled(False)
        self._log(self.tr("Saving \u201c{name}\u201d...").format(name=name))

        def done(path):
            self._result_saved = True
            self._set_save_enabled(True)
            self._log(self.tr("Saved {path}.").format(path=path))
            self.library_view.refresh()
            self.library_view.select_path(path)
            self.statusMessage.emit(self.tr("Saved {name}.").format(name=name))
            if use:
                self.useModelRequested.emit(str(path))

        def failed(message):
            self._set_save_enabled(True)
            self._log(self.tr("Not saved: {message}").format(message=message))
            self.problem.emit(self.tr("Cannot save the model"), message)

        self._save_signals = run_in_background(
            lambda: self.library.save(result.model, name, result.sidecar()), done, failed)
