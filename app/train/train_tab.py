"""The Train tab: configure, run in a worker thread, watch curves, read results, keep models."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.curves import TrainingCurves
from app.i18n import message as error_message
from app.i18n import translated
from app.lab.compare_view import CompareView
from app.lab.run_words import optimizer_name
from app.lab.runs_view import RunsView
from app.train.form import MNIST_WITH_SAMPLES, TrainForm
from app.train.jobs import fine_tune_job, shared_measure, study_job, training_job
from app.train.library_view import ModelLibraryView
from app.train.measuring import show_measuring
from app.train.results import ResultsView
from app.train.run_notes import RunNotes
from app.train.run_panel import RunPanel
from app.train.save_row import SaveRow
from app.train.worker import TrainingRun
from app.widgets import confirm, decimal, percent, rate_text, wheel_only_when_focused, whole
from training.errors import ConfigError
from training.learning.finetune import FineTuneResult, fine_tune_config

RESULTS_ROOM = 400  # px the results keep, where the window allows, before the form narrows to its minimum


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TrainTab(QWidget):
    useModelRequested = Signal(str)  # path of a model for the Draw tab
    imageChosen = Signal(object)  # (test image, predictor of the model that misread it) for the Draw tab
    problem = Signal(str, str)
    statusMessage = Signal(str)

    def __init__(self, settings, library, samples=None, runs=None, parent=None):
        super().__init__(parent)
        self.runs = runs  # training.learning.runs.RunStore: every run is recorded there
        self.settings = settings
        self.library = library
        self.samples = samples  # training.data.samples.SampleStore
        self._sample_count = 0  # read from the store when samples change, not on every edit
        self.active_model: str | None = None  # the Draw tab's model: what fine-tuning starts from
        self.run: TrainingRun | None = None
        self._last_speed = 0.0  # images/s of the run in progress
        self._showing_outcome = False  # the progress line tells how the last run ended
        self._result_saved = False  # the last run's model is in the library
        self._record: RunNotes | None = None  # the run in progress, for the run history
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
        right_layout.addWidget(self.save_row)  # beside the results, where the eye is after a run
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
        self.samples_changed()

    @property
    def result(self):
        """The last run's TrainResult (None before any, or while one runs): what the save row saves."""
        return self.save_row.result

    @result.setter
    def result(self, value) -> None:
        self.save_row.result = value

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
        self.form = TrainForm(self.settings)
        self.form.codeRequested.connect(lambda: self.show_keras_code())

        self.run_panel = RunPanel()
        self.run_panel.startRequested.connect(lambda: self.start())  # no argument into dataset
        self.run_panel.stopRequested.connect(self.stop)
        self.run_panel.fineTuneRequested.connect(lambda: self.start_fine_tune())
        self.run_panel.studyRequested.connect(lambda kind: self.start_study(kind))
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)

        self.save_row = SaveRow(self.library)
        self.save_row.savingStarted.connect(self._on_saving_started)
        self.save_row.saved.connect(self._on_saved)
        self.save_row.savingFailed.connect(self._on_saving_failed)

        # Only the form scrolls; the Run group stays below it, so that Start,
        # Stop and the progress never move nor leave the screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Never cut off: where a translation makes the form wider than the panel can get, it scrolls.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(self.run_panel)
        # Narrower than the form at the smallest window (which must fit an 800x600 screen): the form
        # then scrolls sideways, never cut off.
        panel.setMinimumWidth(280)
        self.form_scroll = scroll

        self.form.edited.connect(self._form_changed)
        wheel_only_when_focused(panel)
        return panel

    def tensorflow_ready(self, devices: list) -> None:
        """Called once TensorFlow is loaded (in the background): list the GPUs, count parameters."""
        self.form.tensorflow_ready(devices)

    def show_keras_code(self):
        """The form's run as plain Keras code, in a dialog; the dialog, or None when the form is invalid."""
        from app.train.code_dialog import KerasCodeDialog
        from training.learning.kerascode import script_for, script_name

        try:
            config = self.form.config(check_files=False)
        except ConfigError as exc:
            self.problem.emit(self.tr("Cannot write the code"), error_message(exc))
            return None
        dialog = KerasCodeDialog(script_for(config), script_name(config), self.settings, self)
        dialog.open()  # window-modal, never blocking the caller
        return dialog

    @Slot()
    def _form_changed(self, *_) -> None:
        self._showing_outcome = False  # the last run's "Done in ..." gives way to the new expectation
        self._validate()

    def _validate(self, *_) -> bool:
        self._refresh_fine_tune_button()
        # Follows the form even while it has a problem (a missing file, say): a
        # stale expectation would describe another dataset or run.
        if self.run is None and not self._showing_outcome:
            self.run_panel.progress_label.setText(self.form.expected_duration() or self.tr("Not running."))
        try:
            self.form.config()
        except ConfigError as exc:
            self.run_panel.problem_label.setText(error_message(exc))
            self.run_panel.start_button.setEnabled(False)
            self.run_panel.study_button.setEnabled(False)
            self.run_panel.start_button.setToolTip(error_message(exc))
            self._show_problem()
            return False
        self.run_panel.problem_label.setText("")
        self._show_problem()
        self.run_panel.start_button.setEnabled(self.run is None)
        self.run_panel.study_button.setEnabled(self.run is None)
        self.run_panel.start_button.setToolTip("")
        return True

    def _show_problem(self) -> None:
        self.run_panel.show_problem(bool(self.run_panel.problem_label.text()) and self.run is None)

    def set_active_model(self, path: str) -> None:
        self.active_model = path
        self._refresh_fine_tune_button()

    @Slot()
    def samples_changed(self) -> None:
        """The saved samples changed: count them again (the one read of the store)."""
        self._sample_count = self.samples.count() if self.samples is not None else 0
        self.form.sample_count = self._sample_count
        self._validate()  # "MNIST + my samples" depends on the count too

    def _refresh_fine_tune_button(self) -> None:
        self.run_panel.show_fine_tune(self._sample_count, self.run is None and self.active_model is not None)

    # --- running ---------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.run is not None

    def start(self, dataset=None) -> bool:
        """Start a run with the form's settings (``dataset``: an already loaded one, for tests)."""
        if self.run is not None or not self._validate():
            return False
        if not self._may_discard_result():
            return False
        config = self.form.config()
        self.form.remember_form()
        self._speed_measured_for = "" if self.form.dataset_box.currentData() == MNIST_WITH_SAMPLES else self.form.speed_key()
        mix = self.form.dataset_box.currentData() == MNIST_WITH_SAMPLES
        config, job = training_job(config, mix, self.samples, dataset, self._shared_measure())
        self._log((self.tr("Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}, "
                           "augmented.", "", config.epochs) if config.augment else
                   self.tr("Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}.",
                           "", config.epochs))
                  .format(preset=config.preset, dataset=config.dataset, optimizer=config.optimizer,
                          rate=rate_text(config.learning_rate), batch=config.batch_size))
        return self._launch(TrainingRun(config, dataset, self, job=job), config)

    def _shared_measure(self):
        return shared_measure(self.form.dataset_box.currentData(), self.samples,
                              self.form.pen_edit.text().strip() or None)

    def start_study(self, kind: str, dataset=None) -> bool:
        """Train the form's preset with the five optimizers, or at five learning rates, then compare."""
        from training.learning.trainer import study_configs

        if self.run is not None or not self._validate() or not self._may_discard_result():
            return False
        if self.form.dataset_box.currentData() == MNIST_WITH_SAMPLES:
            self.problem.emit(self.tr("Cannot study"),
                              self.tr("A study runs on one of the datasets; choose MNIST or another."))
            return False
        configs = study_configs(self.form.config(), kind)
        self.form.remember_form()
        self._speed_measured_for = ""
        self._study = {"runs": len(configs), "ids": []}

        job = study_job(configs, dataset, self._shared_measure())
        what = self.tr("the five optimizers") if kind == "optimizers" else self.tr("{optimizer} at {rates}").format(
            optimizer=configs[0].optimizer, rates=", ".join(rate_text(c.learning_rate) for c in configs))
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
        base = self.active_model
        data = self.form.data_file("mnist").strip() or None  # MNIST's, whichever dataset the form shows
        config = fine_tune_config(base)  # as the run record keeps it
        job = fine_tune_job(base, self.samples, data, config)
        self._speed_measured_for = ""
        self._log(self.tr("Fine-tuning {model} on {count} samples of yours mixed with MNIST "
                          "({epochs} epochs, Adam lr {rate}, augmented).").format(
            model=Path(base).name, count=self._sample_count, epochs=config.epochs, rate=rate_text(config.learning_rate)))
        return self._launch(TrainingRun(config, parent=self, job=job), config)

    def _may_discard_result(self) -> bool:
        """True unless the last run's model is unsaved and the user keeps it."""
        if self.result is None or self._result_saved or self.result.epochs_completed == 0:
            return True
        return confirm(self, self.tr("Discard the trained model?"),
                       self.tr("The model from the last run is not saved. A new run discards it."),
                       self.tr("Discard and start"))

    def _launch(self, run: TrainingRun, config) -> bool:
        self.form.run_going = True
        self._record = RunNotes(config)
        self.result = None
        self._result_saved = False
        self._last_speed = 0.0
        self.save_row.set_enabled(False)
        self.save_row.name_edit.clear()  # each run is named afresh when it ends
        self.curves.clear()
        self.views.setCurrentWidget(self.curves)
        self.run_panel.progress.setRange(0, 0)  # busy until the data is loaded and batches are known
        self.run_panel.progress_label.setText(self.tr("Loading the data and building the model..."))
        self.run = run
        worker = self.run.worker
        worker.started.connect(self._on_started)
        worker.progressed.connect(self._on_progressed)
        worker.epochEnded.connect(self._on_epoch_ended)
        worker.measured.connect(self._on_measured)  # a slot, not a lambda: a lambda ran in the worker's thread
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.completed.connect(self._on_completed)
        self.run.ended.connect(self._on_run_ended)
        self.run_panel.start_button.setEnabled(False)
        self.run_panel.study_button.setEnabled(False)
        self.run_panel.finetune_button.setEnabled(False)
        self.run_panel.stop_button.setEnabled(True)
        self.run.start()
        return True

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()
            self.run_panel.stop_button.setEnabled(False)
            self.run_panel.stop_button.setText(self.tr("Stopping..."))  # grey, and saying why, until the run has ended
            self.run_panel.progress_label.setText(self.tr("Stopping: finishing the current batch..."))
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
        self.form.remember_form()
        if self.run is not None:
            self.run.shutdown()
            self.run = None
            self._keep_run("abandoned", message="abandoned at quit")

    def _log(self, line: str) -> None:
        self.log.appendPlainText(f"[{time.strftime('%H:%M:%S')}] {line}")

    @Slot(object)
    def _on_started(self, event) -> None:
        self.run_panel.progress.setRange(0, event.epochs * event.batches_per_epoch)
        self.run_panel.progress.setValue(0)
        if self._record is None and event.config is not None:  # the next run of a study
            self._record = RunNotes(event.config)
            self.curves.clear()
            self.views.setCurrentWidget(self.curves)
        if self._record is not None:
            self._record.device = event.device
        if self._study is not None and event.config is not None:
            self._log(self.tr("Study run {n} of {runs}: {optimizer}, learning rate {rate}.").format(
                n=len(self._study["ids"]) + 1, runs=self._study["runs"],
                optimizer=optimizer_name(event.config.optimizer),
                rate=rate_text(event.config.learning_rate)))
        self._log(self.tr("Training on {images} images ({validation} for validation) on {device}.").format(
            images=whole(event.train_samples), validation=whole(event.validation_samples), device=event.device))

    @Slot(object)
    def _on_progressed(self, event) -> None:
        self.run_panel.progress.setValue((event.epoch - 1) * event.batches + event.batch)
        if not self.is_stopping():  # the last batch's figures must not cover "Stopping: ..."
            self.run_panel.progress_label.setText(self.tr(
                "Epoch {epoch}/{epochs} · batch {batch}/{batches} · loss {loss} · accuracy {accuracy} · "
                "{speed} images/s · {eta} left").format(
                    epoch=event.epoch, epochs=event.epochs, batch=event.batch, batches=event.batches,
                    loss=decimal(event.loss, 4), accuracy=percent(event.accuracy, 2),
                    speed=whole(round(event.samples_per_second)), eta=format_duration(event.eta_seconds)))
        if event.batch >= min(20, event.batches):  # past the first batches' warm-up
            self._last_speed = event.samples_per_second
        self.curves.add_progress(event)
        if self._record is not None:
            self._record.progressed(event)

    @Slot(object)
    def _on_measured(self, event) -> None:
        show_measuring(self.run_panel.progress, self.run_panel.progress_label, event)

    @Slot(object)
    def _on_epoch_ended(self, event) -> None:
        self.curves.add_epoch(event)
        if self._record is not None:
            self._record.epoch_ended(event)
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
        notes, self._record = self._record, None
        record = notes.record(outcome, result, message)
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
        self.run_panel.progress_label.setText(self.tr("Done in {duration}.").format(duration=format_duration(result.seconds)))
        self._showing_outcome = True
        if self._last_speed and self._speed_measured_for:
            # The basis of the next expected duration for this preset on this device.
            self.settings.set_training_speed(self._speed_measured_for, self._last_speed)
        if not self.save_row.name_edit.text():
            self.save_row.name_edit.setText(self.save_row.free_name(
                f"{result.config.preset}-{result.config.dataset}-{time.strftime('%Y%m%d-%H%M')}"))
        self.save_row.set_enabled(result.epochs_completed > 0)
        self.statusMessage.emit(self.tr("Training finished; save the model to keep it."))

    @Slot(object)
    def _on_completed(self, value) -> None:
        if isinstance(value, FineTuneResult):
            self.fine_tune_result = value
            summary = translated(value.summary())
            self._log(self.tr("Fine-tuned: {summary}.").format(summary=summary))
            self.results.summary.setText(self.results.summary.text() + "<br>"
                                         + self.tr("Fine-tuned: {summary}.").format(summary=summary))
            self.save_row.name_edit.setText(self.save_row.free_name(f"fine-tuned-{time.strftime('%Y%m%d-%H%M')}"))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._keep_run("failed", message=message)
        self._log(self.tr("Failed: {message}").format(message=message))
        self.run_panel.progress_label.setText(self.tr("Failed: {message}").format(message=message))
        self._showing_outcome = True
        if self._study is None:  # in a study a failed run (a diverging rate) is a result, told in the log
            self.problem.emit(self.tr("Training failed"), message)

    @Slot()
    def _on_run_ended(self) -> None:
        self.run = None
        self.form.run_going = False
        self.form.show_preset_info()  # the parameter count put off while the run went
        study, self._study = self._study, None
        if study is not None and self.runs_view is not None:
            records = {r["id"]: r for r in self.runs.runs()}
            done = [records[i] for i in study["ids"] if i in records]
            self._log(self.tr("Study over: {done} of %n run(s); see the Compare tab.", "", study["runs"]).format(
                done=len(done)))
            if len(done) >= 2:
                self.compare_runs(done)
        self.run_panel.progress.setRange(0, max(1, self.run_panel.progress.maximum()))
        self.run_panel.stop_button.setEnabled(False)
        self.run_panel.stop_button.setText(self.tr("Stop"))
        self._validate()

    @Slot(object)
    def _on_image_chosen(self, image) -> None:
        """A misclassified image goes to the Draw tab with the model that misread it, not the one in use."""
        if self.result is None:
            return
        if self._result_predictor[0] is not self.result:
            from training.reading.predictor import Predictor

            self._result_predictor = (self.result, Predictor(self.result.model))
        self.imageChosen.emit((image, self._result_predictor[1]))

    # --- saving ------------------------------------------------------------------------
    def save(self, use: bool = False) -> None:
        self.save_row.save(use)

    def _on_saving_started(self, name: str) -> None:
        self._log(self.tr("Saving \u201c{name}\u201d...").format(name=name))

    def _on_saved(self, path: str, name: str, use: bool) -> None:
        self._result_saved = True
        self._log(self.tr("Saved {path}.").format(path=path))
        self.library_view.refresh()
        self.library_view.select_path(path)
        self.statusMessage.emit(self.tr("Saved {name}.").format(name=name))
        if use:
            self.useModelRequested.emit(path)

    def _on_saving_failed(self, message: str) -> None:
        self._log(self.tr("Not saved: {message}").format(message=message))
        self.problem.emit(self.tr("Cannot save the model"), message)
