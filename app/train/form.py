"""The Train tab's form: the run's settings, their validation, their memory between launches and the expected duration.

The tab (app/train/train_tab.py) starts runs from :meth:`TrainForm.config`
and shows :meth:`TrainForm.expected_duration`; the form knows nothing of runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import message as error_message
from app.i18n import training_text
from app.widgets import CountSpinBox, rate_text, wheel_only_when_focused, whole
from training.data.datasets import DATASETS
from training.errors import ConfigError
from training.givenpath import check_given_path
from training.learning.trainer import TrainConfig
from training.models.presets import DEFAULT_PRESET, OPTIMIZERS, PRESETS

MNIST_WITH_SAMPLES = "mnist+samples"


def data_family(dataset: str) -> str:
    """Which images the Data file field is for: MNIST's for every dataset made from MNIST."""
    spec = DATASETS.get("mnist" if dataset == MNIST_WITH_SAMPLES else dataset)
    return spec.cache_entry if spec is not None else str(dataset)


def rough_duration(seconds: float) -> str:
    """An estimate in round words: "under a minute", "about 5 min", "about 1 h 20 min"."""
    translate = QCoreApplication.translate
    minutes = int(round(seconds / 60))
    if minutes < 1:
        return translate("TrainForm", "under a minute")
    if minutes < 60:
        return translate("TrainForm", "about {minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    return translate("TrainForm", "about {hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")


def pair(first: QWidget, label: str, second: QWidget) -> QHBoxLayout:
    """Two fields on one form row: ``first``, then ``label`` and ``second``."""
    row = QHBoxLayout()
    row.addWidget(first, 1)
    row.addSpacing(8)
    row.addWidget(QLabel(label))
    row.addWidget(second, 1)
    return row


class TrainForm(QWidget):
    edited = Signal()  # any field changed
    codeRequested = Signal()  # "Keras code..." pressed

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.sample_count = 0  # the saved samples, for "MNIST + my samples": told by the tab
        self._param_counts: dict[str, int] = {}
        self._tensorflow_loaded = False  # set by tensorflow_ready(), once TensorFlow is imported
        # While a run trains in its worker, no model is built here to count its parameters: Keras building
        # on this thread beside the worker's calls crashed TensorFlow (a segfault in a test run).
        self.run_going = False
        self._gpus: list = []  # [(device id, name)] once TensorFlow has looked
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
        self.pen_edit.setPlaceholderText("unipen-dev.npz; pendigits-train.npz")
        self.pen_edit.setToolTip(self.tr("The pen handwriting files (unipen-dev.npz, pendigits-train.npz) for "
                                         "\"MNIST + real pen handwriting\", separated by \";\". "
                                         "Empty: unipen-dev.npz in the Keras cache folder."))
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
        self.code_button.clicked.connect(self.codeRequested)
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

        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addStretch(1)  # spare height below the form, not between its rows
        for box in self.findChildren(QComboBox):
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

        self.preset_box.currentIndexChanged.connect(self._on_preset_changed)
        for signal in (self.dataset_box.currentIndexChanged, self.optimizer_box.currentIndexChanged,
                       self.lr_edit.textChanged, self.epochs_spin.valueChanged, self.batch_spin.valueChanged,
                       self.val_spin.valueChanged, self.limit_spin.valueChanged, self.device_box.currentIndexChanged,
                       self.mixed_check.toggled, self.data_edit.textChanged, self.pen_edit.textChanged):
            signal.connect(self.edited)
        self.device_box.currentIndexChanged.connect(self._update_mixed_precision)
        self.dataset_box.currentIndexChanged.connect(self._update_pen_row)
        self._data_files: dict[str, str] = {}  # the field's text for each data_family not shown now
        self._data_family = data_family(self.dataset_box.currentData())
        self.dataset_box.currentIndexChanged.connect(self._swap_data_file)
        self._update_pen_row()
        self._update_mixed_precision()
        wheel_only_when_focused(self)
        self._on_preset_changed()
        self.apply_form(settings.train_form)

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
        from training.data.pen import PATH_SEPARATOR, pen_paths

        chosen = pen_paths(self.pen_edit.text())
        start = str(Path(chosen[0]).expanduser().parent) if chosen else self.settings.dialog_start("pen")
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose the pen handwriting files"), start,
                                                self.tr("Pen data (*.npz)") + ";;" + self.tr("All files (*)"))
        if paths:
            self.settings.set_last_dir("pen", paths[0])
            self.pen_edit.setText(f"{PATH_SEPARATOR} ".join(paths))

    # --- remembered values and expected duration ---------------------------------------
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
        try:  # kept as typed, perhaps in the other language's way: shown in this one's (0,001 in Vietnamese)
            self.lr_edit.setText(rate_text(float(self.lr_edit.text().strip().replace(",", "."))))
        except ValueError:
            pass
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

    def speed_key(self) -> str:
        return (f"{self.preset_box.currentData()}{'+aug' if self.augment_check.isChecked() else ''}"
                f"@{'gpu' if self._on_gpu() else 'cpu'}")

    def expected_duration(self) -> str:
        """"Expected: about 4 min (3 epochs of 54,000 images on the CPU)", or "" when unknown."""
        from training.models.presets import expected_seconds

        name = self.dataset_box.currentData()
        spec = DATASETS.get(name)
        images = spec.train_images if spec else DATASETS["mnist"].train_images + self.sample_count
        images = int(images * (1 - self.val_spin.value()))
        if self.limit_spin.value():
            images = min(images, self.limit_spin.value())
        on_gpu = self._on_gpu()
        measured = self.settings.training_speed(self.speed_key())
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

    def data_file(self, dataset: str) -> str:
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
        self.lr_edit.setText(rate_text(preset.learning_rate))
        # Without a GPU, a run of minutes: the preset's full run would take hours on a CPU.
        self.epochs_spin.setValue(preset.epochs if self._gpus else (preset.cpu_epochs or preset.epochs))
        self.batch_spin.setValue(preset.batch_size)
        self.augment_check.setChecked(preset.augment)
        self.show_preset_info()

    def show_preset_info(self) -> None:
        name = self.preset_box.currentData()
        text = training_text(PRESETS[name].description)
        # Counting parameters builds the model, which needs TensorFlow: only once
        # it is fully loaded (while the background import runs, this thread
        # would wait for it).
        if name not in self._param_counts and self._tensorflow_loaded and not self.run_going:
            from training.models.presets import count_params
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
        self.show_preset_info()
        self._update_mixed_precision()

    def _update_mixed_precision(self) -> None:
        on_gpu = self.device_box.currentData() not in ("cpu",) and self.device_box.count() > 2
        self.mixed_check.setEnabled(on_gpu)
        if not on_gpu:
            self.mixed_check.setChecked(False)

    # --- the form as a configuration ----------------------------------------------
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
        if data:
            # A regular file or a folder, checked with one stat: /dev/zero or a FIFO here once read for ever.
            check_given_path(Path(data).expanduser(), ConfigError, folder_ok=True,
                             missing=self.tr("The data file {path} does not exist."))
        pen = self.pen_edit.text().strip()
        if self.dataset_box.currentData() == "mnist+pen":
            from training.data.pen import find_pen_files
            from training.errors import DatasetError

            try:
                found = find_pen_files(pen or None)
            except DatasetError as exc:
                raise ConfigError(error_message(exc)) from None
            for path in found:
                check_given_path(path, ConfigError, missing=self.tr("The pen data file {path} does not exist."))
        if with_samples and not self.sample_count:
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
