"""Training off the GUI thread: a QObject worker moved to a QThread.

The worker calls :func:`training.learning.trainer.train` and turns its plain events
into signals; queued connections carry them to the GUI thread, which only
paints. The trainer already throttles progress to a few events a second.
Stop is cooperative: a flag the trainer polls after every batch and turns
into ``model.stop_training``; the model trained so far comes back in
``finished``.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.i18n import message, translated
from training.learning import trainer as t


class TrainingWorker(QObject):
    started = Signal(object)  # trainer.Started
    progressed = Signal(object)  # trainer.Progress
    epochEnded = Signal(object)  # trainer.EpochEnded
    measured = Signal(object)  # trainer.Measuring: a step of the measuring after training or a stop
    finished = Signal(object)  # trainer.TrainResult
    failed = Signal(str)  # a message for the user
    completed = Signal(object)  # the job's return value (None after a failure): the run is over

    def __init__(self, job):
        """``job(on_event, should_stop, skip_evaluation)`` trains and returns a TrainResult."""
        super().__init__()
        self.job = job
        self._stop = threading.Event()
        self._closing = threading.Event()
        self._failed_reported = False

    def request_stop(self) -> None:
        """Thread-safe: the current batch finishes, then training stops."""
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def request_close(self) -> None:
        """Stop without the test evaluation: the window is closing."""
        self._closing.set()
        self._stop.set()

    @Slot()
    def run(self) -> None:
        value = None
        try:
            value = self.job(self._route, self._stop.is_set, self._closing.is_set)
        except t.Abandoned:
            pass  # the window is closing
        except Exception as exc:
            if not self._failed_reported:
                self.failed.emit(message(exc))
        self.completed.emit(value)

    def _route(self, event) -> None:
        if isinstance(event, t.Progress):
            self.progressed.emit(event)
        elif isinstance(event, t.EpochEnded):
            self.epochEnded.emit(event)
        elif isinstance(event, t.Measuring):
            self.measured.emit(event)
        elif isinstance(event, t.Started):
            self.started.emit(event)
        elif isinstance(event, t.Finished):
            self.finished.emit(event.result)
        elif isinstance(event, t.Failed):
            self._failed_reported = True
            self.failed.emit(translated(event.message))  # here: a signal carries a plain str


class TrainingRun(QObject):
    """Owns one worker and its thread; joined when the run ends or the window closes."""

    ended = Signal()

    def __init__(self, config: t.TrainConfig, dataset=None, parent=None, job=None):
        super().__init__(parent)
        self.qthread = QThread()
        self.qthread.setObjectName("training")

        def train_job(on_event, should_stop, skip_evaluation):
            return t.train(config, on_event, should_stop, dataset, skip_evaluation=skip_evaluation)

        self.worker = TrainingWorker(job or train_job)
        self.worker.moveToThread(self.qthread)
        self.qthread.started.connect(self.worker.run)
        self.worker.completed.connect(self._end)

    def start(self) -> None:
        self.qthread.start()

    def stop(self) -> None:
        self.worker.request_stop()

    @property
    def stopping(self) -> bool:
        """Stop was asked for and the run has not ended yet (it finishes its batch, then is measured)."""
        return self.worker.stop_requested

    @Slot()
    def _end(self, *_) -> None:
        self.qthread.quit()
        self.qthread.wait()
        self.ended.emit()

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop and join; True if the thread ended within the timeout."""
        self.worker.request_close()
        self.qthread.quit()
        return self.qthread.wait(timeout_ms)
