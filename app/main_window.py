"""The main window: tabs, menus, status bar, geometry restore, the active model."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from app import help as help_pages
from app import i18n
from app.draw.draw_tab import DrawTab
from app.loading_indicator import LoadingIndicator
from app.model_loader import ModelLoader, TensorFlowPreloader
from app.samples.samples_view import SamplesView
from app.train.train_tab import TrainTab
from app.widgets import ElidedLabel, percent
from training.data.samples import SampleStore
from training.learning.runs import RunStore
from training.models.library import ModelLibrary, shipped_model_path

log = logging.getLogger("digit_recognizer")


def mnist_accuracy(info: dict) -> float | None:
    """The model's accuracy on MNIST's own test set, where its sidecar knows it (a measured calibration, or
    a model tested on MNIST alone)."""
    calibration = info.get("calibration")
    measured = calibration.get("mnist_test_accuracy") if isinstance(calibration, dict) else None
    if isinstance(measured, (int, float)) and not isinstance(measured, bool):
        return float(measured)
    accuracy = info.get("test_accuracy")
    if info.get("dataset") == "mnist" and isinstance(accuracy, (int, float)) and not isinstance(accuracy, bool):
        return float(accuracy)
    return None


def describe_model(path: str, info: dict) -> str:
    """"shipped model (cnn-bn; test accuracy: MNIST 99.65%, MNIST + pen 98.46%)": each figure names its test set."""
    translate = QCoreApplication.translate
    shipped = Path(path) == shipped_model_path()
    name = info.get("name") or (translate("MainWindow", "shipped model") if shipped else Path(path).stem)
    accuracy = info.get("test_accuracy")
    if isinstance(accuracy, bool) or not isinstance(accuracy, (int, float)):
        accuracy = None
    dataset = info.get("dataset")
    on_mnist = mnist_accuracy(info)
    if on_mnist is not None and accuracy is not None and dataset != "mnist":
        acc = translate("MainWindow", "test accuracy: MNIST {mnist}, {dataset} {accuracy}").format(
            mnist=percent(on_mnist, 2), accuracy=percent(accuracy, 2), dataset=i18n.dataset_label(dataset))
    elif on_mnist is not None:
        acc = translate("MainWindow", "test accuracy: MNIST {accuracy}").format(accuracy=percent(on_mnist, 2))
    elif accuracy is not None and dataset:
        acc = translate("MainWindow", "test accuracy: {dataset} {accuracy}").format(
            accuracy=percent(accuracy, 2), dataset=i18n.dataset_label(dataset))
    elif accuracy is not None:
        acc = translate("MainWindow", "test accuracy {accuracy}").format(accuracy=percent(accuracy, 2))
    else:
        acc = translate("MainWindow", "test accuracy unknown")
    preset = info.get("preset")
    return f"{name} ({preset + '; ' if preset else ''}{acc})"


class MainWindow(QMainWindow):
    modelChanged = Signal(object, str)  # Predictor, path
    languageChosen = Signal(str)  # "en", "vi" or "" (the system's): the window is built again in it

    def __init__(self, settings, data_dir, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.library = ModelLibrary(self.data_dir / "models", shipped_model_path())
        self.samples = SampleStore(self.data_dir / "samples")
        self.setWindowTitle(self.tr("Digit Recognizer"))
        self.predictor = None
        self.model_path: str | None = None
        self.last_problem: tuple[str, str] | None = None

        self.tabs = QTabWidget()
        self.draw_tab = DrawTab(settings, self.samples)
        self.tabs.addTab(self.draw_tab, self.tr("Draw"))
        self.train_tab = TrainTab(settings, self.library, self.samples, RunStore(self.data_dir / "runs"))
        self.tabs.addTab(self.train_tab, self.tr("Train"))
        self.samples_view = SamplesView(self.samples, settings)
        self.tabs.addTab(self.samples_view, self.tr("Samples"))
        self.setCentralWidget(self.tabs)

        self.model_label = ElidedLabel(self.tr("Model: loading..."))  # plain text: a model's name is never markup
        self.loading_indicator = LoadingIndicator()
        self.statusBar().addPermanentWidget(self.loading_indicator)
        self.statusBar().addPermanentWidget(self.model_label)
        self.personal_label = QLabel("")  # says when personal reading is on
        self.statusBar().addPermanentWidget(self.personal_label)
        self.draw_tab.personalReadingChanged.connect(self._show_personal_state)
        self.draw_tab.personalReadingChanged.connect(self.samples_view.show_personal_state)
        self.samples_view.changed.connect(self.draw_tab.samples_changed)
        self.draw_tab.statusMessage.connect(self.show_status)
        self.draw_tab.problem.connect(self.show_problem)
        self.train_tab.problem.connect(self.show_problem)
        self.train_tab.statusMessage.connect(self.show_status)
        self.train_tab.useModelRequested.connect(self.use_model)
        self.train_tab.imageChosen.connect(self._show_in_draw_tab)
        self.samples_view.problem.connect(self.show_problem)
        self.samples_view.statusMessage.connect(self.show_status)
        self.train_tab.library_view.deleted.connect(self._on_model_deleted)
        self.train_tab.library_view.openFileRequested.connect(self.open_model_dialog)
        self.draw_tab.modelFileDropped.connect(self.open_model_file)
        self.draw_tab.sampleSaved.connect(self.samples_view.sample_added)
        self.draw_tab.sampleSaved.connect(lambda _: self.train_tab.samples_changed())
        self.samples_view.changed.connect(self.train_tab.samples_changed)

        self.loader = ModelLoader(self)
        self.loader.loaded.connect(self._on_model_loaded)
        self.loader.failed.connect(self._on_model_failed)
        # Recognition needs no TensorFlow (hundreds of MB): it is loaded when the user heads for what needs it.
        self.preloader = TensorFlowPreloader(self)
        self.preloader.loaded.connect(self.train_tab.tensorflow_ready)  # it shows the counts in place
        self.preloader.loaded.connect(lambda _: self.train_tab.form.params_label.setToolTip(""))
        self.preloader.failed.connect(self._on_tensorflow_failed)
        self.tabs.currentChanged.connect(
            lambda _: self.tabs.currentWidget() is self.train_tab and self.load_tensorflow())
        self.draw_tab.inside.shown.connect(self.load_tensorflow)
        self.train_tab.run_panel.finetune_button.pressed.connect(self.load_tensorflow)

        self._build_menus()
        self.resize(1100, 680)
        if not settings.geometry.isEmpty():
            self.restoreGeometry(settings.geometry)
        if not settings.window_state.isEmpty():
            self.restoreState(settings.window_state)
        self.tabs.setCurrentIndex(min(max(settings.current_tab, 0), self.tabs.count() - 1))

    def _build_menus(self) -> None:
        d = self.draw_tab
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(d.open_action)
        file_menu.addAction(d.paste_action)
        file_menu.addAction(d.export_action)
        file_menu.addSeparator()
        self.open_model_action = QAction(self.tr("Open model..."), self)
        self.open_model_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_model_action.setToolTip(self.tr("Read digits with a Keras model of your own (a .keras file, "
                                                  "saved with model.save)."))
        self.open_model_action.triggered.connect(self.open_model_dialog)
        file_menu.addAction(self.open_model_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        for action in (d.undo_action, d.redo_action, d.clear_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (d.eraser_action, d.thinner_action, d.thicker_action):
            edit_menu.addAction(action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(d.inside_action)
        view_menu.addAction(d.personal_action)
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        chosen = self.settings.language
        for code, name in [("", self.tr("System language")), *i18n.LANGUAGES.items()]:
            action = language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            group.addAction(action)
        group.triggered.connect(lambda action: self.choose_language(action.data()))
        self.language_actions = group.actions()
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        how_to = QAction(self.tr("How to use Digit Recognizer"), self)
        how_to.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        how_to.triggered.connect(lambda: help_pages.show_text(self, how_to.text(), help_pages.how_to()))
        help_menu.addAction(how_to)
        keys = QAction(self.tr("Keyboard shortcuts"), self)
        keys.triggered.connect(lambda: help_pages.show_text(self, keys.text(), help_pages.shortcuts_html(self)))
        help_menu.addAction(keys)
        help_menu.addSeparator()
        about = QAction(self.tr("About Digit Recognizer"), self)
        about.triggered.connect(lambda: help_pages.show_text(self, about.text(), help_pages.about_text()))
        help_menu.addAction(about)

    @Slot(str, int)
    def _show_personal_state(self, state: str, count: int) -> None:
        if state == "on" and count:
            self.personal_label.setText(self.tr("Personal reading on (%n sample(s))", "", count))
        elif state == "on":
            self.personal_label.setText(self.tr("Personal reading on"))
        else:
            self.personal_label.setText("")
        self.personal_label.setToolTip(self.tr("Your drawings are read with the samples you saved; "
                                               "View > Read with my samples turns it off."))

    def choose_language(self, code: str) -> None:
        """Remember the language; rebuild the window in it now, or at the next start while training runs."""
        if code == self.settings.language:
            return
        self.settings.language = code
        if self.train_tab.is_running():
            self.show_status(self.tr("The new language is used from the next start (a model is being trained)."), 8000)
            return
        if self.train_tab.has_unsaved_model():  # the window built again would not have it
            self.show_status(self.tr("The new language is used from the next start (the trained model is not "
                                     "saved yet)."), 8000)
            return
        self.languageChosen.emit(code)

    # --- model -----------------------------------------------------------------
    def load_active_model(self) -> None:
        """Start loading the remembered model (or the shipped one) in the background."""
        path = self.settings.active_model or str(shipped_model_path())
        self.use_model(path)

    def use_model(self, path: str) -> None:
        shipped = Path(path) == shipped_model_path()
        self.model_label.setText(self.tr("Model: loading {name}...").format(
            name=self.tr("shipped model") if shipped else Path(path).name))
        self.loading_indicator.start(str(path))
        self.train_tab.library_view.set_loading(str(path))
        self.draw_tab.show_loading()
        self.loader.load(str(path))

    def open_files(self, files) -> bool:
        """Open what the command line named (a file manager's "Open with"): the first image on the canvas,
        a model as the model in use. True if a model is being opened."""
        from app.commandline import split_files

        models, images = split_files(tuple(files))
        opening_model = bool(models) and self.open_model_file(models[0])
        if images:
            self.draw_tab.open_image(images[0])
        if len(images) + len(models) > 1:
            self.show_status(self.tr("Only the first image and the first model are opened; the other files are "
                                     "left alone."), 8000)
        return opening_model

    def open_model_dialog(self) -> None:
        # .h5 is listed so that it can be chosen and told why it is not opened (and what to do).
        file_filter = self.tr("Keras models (*.keras *.h5)") + ";;" + self.tr("All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a model"), self.settings.dialog_start("model"),
                                              file_filter)
        if path:
            self.open_model_file(path)

    @Slot(str)
    def open_model_file(self, path: str) -> bool:
        """Use a model file from anywhere (one trained in a notebook, say) in the Draw tab.

        What can be told without TensorFlow (no file, not a .keras archive) is said at once; the rest
        (safe-mode loading, the input and output shapes) when it loads, and then the model in use stays.
        The file is read where it is, never copied or written to, and remembered for the next start.
        """
        from training.errors import ModelFileError
        from training.models.modelfile import check_model_file

        self.settings.set_last_dir("model", path)
        try:
            check_model_file(path)
        except ModelFileError as exc:
            self.show_problem(self.tr("Model not loaded"), i18n.message(exc))
            return False
        self.tabs.setCurrentWidget(self.draw_tab)
        self.use_model(path)
        return True

    @Slot(object, str)
    def _on_model_loaded(self, predictor, path: str) -> None:
        self.predictor, self.model_path = predictor, path
        self.loading_indicator.stop()
        self._label_model()
        self.draw_tab.set_predictor(predictor, path)
        self.settings.active_model = "" if Path(path) == shipped_model_path() else path
        self.train_tab.library_view.set_active(path)
        self.train_tab.set_active_model(path)
        self.modelChanged.emit(predictor, path)

    def _label_model(self) -> str:
        """Name the model in use in the status bar; returns its description."""
        description = describe_model(self.model_path, self.predictor.info or {})
        self.model_label.setText(self.tr("Model: {description}").format(description=description))
        return description

    def load_tensorflow(self) -> None:
        """Import TensorFlow in the background, once: the Train tab or the Inside panel is shown, or a
        fine-tune asked for. The Train tab says so where its first need shows (the parameter count);
        the Inside panel says so itself."""
        if self.preloader.done or self.preloader.running:
            return
        # Short: the label sits beside a button in the form, which must not grow wider at the smallest window.
        self.train_tab.form.params_label.setText(self.tr("Loading TensorFlow..."))
        self.train_tab.form.params_label.setToolTip(self.tr("TensorFlow, which training needs, loads once: a few "
                                                       "seconds."))
        self.preloader.start()

    def _on_tensorflow_failed(self, message: str) -> None:
        log.warning("TensorFlow did not load: %s", message)
        self.train_tab.form.params_label.setText(self.tr("TensorFlow did not load: training cannot run."))
        self.train_tab.form.params_label.setToolTip(message)  # in full, without widening the form

    def _show_in_draw_tab(self, chosen) -> None:
        image, predictor = chosen
        self.tabs.setCurrentWidget(self.draw_tab)
        self.draw_tab.show_image(image, self.tr("a misclassified test image"), predictor,
                                 self.tr("the model that got it wrong (just trained)"))

    @Slot(str, str)
    def _on_model_failed(self, message: str, path: str) -> None:
        self.loading_indicator.stop()
        self.train_tab.library_view.set_loading(None)
        shipped = str(shipped_model_path())
        if self.predictor is not None and self.model_path and path != self.model_path:
            # A model chosen while another is in use: that one stays (it was the user's choice, not the shipped one).
            self.draw_tab.set_predictor(self.predictor, self.model_path)
            in_use = self._label_model()
            self.show_problem(self.tr("Model not loaded"),
                              message + "\n\n" + self.tr("{name} stays in use.").format(name=in_use))
            return
        if path != shipped and Path(shipped).is_file():
            self.show_problem(self.tr("Model not loaded"),
                              message + "\n\n" + self.tr("The shipped model is used instead."))
            self.settings.active_model = ""
            self.use_model(shipped)
            return
        self.model_label.setText(self.tr("Model: none"))
        self.draw_tab.show_loading(self.tr("no model"))
        self.show_problem(self.tr("Model not loaded"), message, critical=True)

    @Slot(str)
    def show_status(self, text: str, milliseconds: int = 5000) -> None:
        """A passing message, cut with "..." before the model label (the full text is the bar's tooltip)."""
        bar = self.statusBar()
        room = bar.width() - self.model_label.width() - 40
        shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room, 80))
        bar.setToolTip(text if shown != text else "")
        bar.showMessage(shown, milliseconds)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # The model's name and its test figures may take 60% of the bar; messages get the rest.
        self.model_label.setMaximumWidth(max(160, self.width() * 3 // 5))

    @Slot(str)
    def _on_model_deleted(self, path: str) -> None:
        # The Draw tab must not keep using, nor the settings remember, a file that is gone.
        if self.model_path is not None and Path(path) == Path(self.model_path):
            self.use_model(str(shipped_model_path()))

    @Slot(str, str)
    def show_problem(self, title: str, message: str, critical: bool = False) -> None:
        """A window-modal message that does not block the caller (or a test)."""
        box = QMessageBox(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning,
                          title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_problem = (title, message)
        self.show_status(message.splitlines()[0], 8000)

    # --- closing -----------------------------------------------------------------
    def closeEvent(self, event) -> None:
        from app.quitting import may_quit

        if not may_quit(self):
            event.ignore()
            return
        # Gone from the screen at once; the worker stops after its batch and is
        # joined before anything else (a training thread must not outlive the window).
        self.hide()
        QApplication.processEvents()
        self.train_tab.shutdown()
        self.draw_tab.shutdown()
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.current_tab = self.tabs.currentIndex()
        self.settings.sync()
        self.loader.wait()
        self.preloader.wait()
        super().closeEvent(event)

