"""Load a model off the GUI thread, so the window never waits for a file or a runtime."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot


class _LoadJob(QObject):
    loaded = Signal(object, str)  # Predictor, path
    failed = Signal(str, str)  # message, path

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    @Slot()
    def run(self) -> None:
        try:
            # Off the GUI thread: the light runtime takes a fraction of a second,
            # but a model without a twin is exported with TensorFlow (seconds).
            from training.models.opening import open_predictor
            from training.reading.recognize import check_reads_digits

            predictor = open_predictor(self.path)
            check_reads_digits(self.path, predictor.info)  # the Draw tab reads digits
        except Exception as exc:  # every failure must reach the user, not die in a thread
            from app.i18n import message

            self.failed.emit(message(exc), self.path)
        else:
            self.loaded.emit(predictor, self.path)


class ModelLoader(QObject):
    """Loads one model at a time in a QThread; the newest request wins."""

    started = Signal(str)
    loaded = Signal(object, str)
    failed = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _LoadJob | None = None
        self._wanted: str | None = None

    def load(self, path: str) -> None:
        self._wanted = path
        if self._thread is not None:
            return  # picked up when the running load finishes
        self._start(path)

    def _start(self, path: str) -> None:
        self._thread = QThread()
        self._job = _LoadJob(path)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.loaded.connect(self._on_loaded)
        self._job.failed.connect(self._on_failed)
        self.started.emit(path)
        self._thread.start()

    def _done(self, path: str) -> bool:
        """Join the worker; True if ``path`` is still the one wanted, else start the newer one."""
        self._thread.quit()
        self._thread.wait()
        self._thread = self._job = None
        if self._wanted != path:
            self._start(self._wanted)
            return False
        self._wanted = None
        return True

    @Slot(object, str)
    def _on_loaded(self, predictor, path: str) -> None:
        if self._done(path):
            self.loaded.emit(predictor, path)

    @Slot(str, str)
    def _on_failed(self, message: str, path: str) -> None:
        if self._done(path):
            self.failed.emit(message, path)

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()


class _PreloadJob(QObject):
    loaded = Signal(list)  # [(device id, name)]
    failed = Signal(str)

    @Slot()
    def run(self) -> None:
        try:
            from training.learning.trainer import available_devices  # imports TensorFlow: seconds

            devices = available_devices()
        except Exception as exc:  # a broken TensorFlow: recognition still works; training will say why
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.loaded.emit(devices)


class TensorFlowPreloader(QObject):
    """Imports TensorFlow in a thread once, so that Start in the Train tab rarely waits.

    Recognition never needs TensorFlow; only training, fine-tuning and
    exporting do. ``loaded`` carries the devices TensorFlow sees.
    """

    loaded = Signal(list)
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _PreloadJob | None = None
        self.done = False

    def start(self) -> None:
        if self._thread is not None or self.done:
            return
        self._thread = QThread()
        self._job = _PreloadJob()
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.loaded.connect(self._on_loaded)
        self._job.failed.connect(self._on_failed)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _finish(self) -> None:
        self.done = True
        self._thread.quit()
        self._thread.wait()
        self._thread = self._job = None

    @Slot(list)
    def _on_loaded(self, devices: list) -> None:
        self._finish()
        self.loaded.emit(devices)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
