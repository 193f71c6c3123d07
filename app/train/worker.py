"""Training off the GUI thread: a QObject worker moved to a QThread.

The worker calls :func:`training.trainer.train` and turns its plain events
into signals; queued connections carry them to the GUI thread, which only
paints. The trainer already throttles progress to a few events a second.
Stop is cooperative: a flag the trainer polls after every batch and turns
into ``model.stop_training``; the model trained so far comes back in
``finished``.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from training import trainer as t


class TrainingWorker(QObject):
    started = Signal(object)  # trainer.Started
    progressed = Signal(object)  # trainer.Progress
    epochEnded = Signal(object)  # trainer.EpochEnded
    finished = Signal(object)  # trainer.TrainResult
    failed = Signal(str)  # a message for the user

    def __init__(self, config: t.TrainConfig, dataset=None):
        super().__init__()
        self.config = config
        self.dataset = dataset
        self._stop = threading.Event()
        self._closing = threading.Event()

    def request_stop(self) -> None:
        """Thread-safe: the current batch finishes, then training stops."""
        self._stop.set()

    def request_close(self) -> None:
        """Stop without the test evaluation: the window is closing."""
        self._closing.set()
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            t.train(self.config, self._route, self._stop.is_set, self.dataset,
                    skip_evaluation=self._closing.is_set)
        except Exception:  # already reported through the Failed event
            pass

    def _route(self, event) -> None:
        if isinstance(event, t.Progress):
            self.progressed.emit(event)
        elif isinstance(event, t.EpochEnded):
            self.epochEnded.emit(event)
        elif isinstance(event, t.Started):
            self.started.emit(event)
        elif isinstance(event, t.Finished):
            self.finished.emit(event.result)
        elif isinstance(event, t.Failed):
            self.failed.emit(event.message)


class TrainingRun(QObject):
    """Owns one worker and its thread; joined when the run ends or the window closes."""

    ended = Signal()

    def __init__(self, config: t.TrainConfig, dataset=None, parent=None):
        super().__init__(parent)
        self.qthread = QThread()
        self.qthread.setObjectName("training")
        self.worker = TrainingWorker(config, dataset)
        self.worker.moveToThread(self.qthread)
        self.qthread.started.connect(self.worker.run)
        self.worker.finished.connect(self._end)
        self.worker.failed.connect(self._end)

    def start(self) -> None:
        self.qthread.start()

    def stop(self) -> None:
        self.worker.request_stop()

    def is_running(self) -> bool:
        return self.qthread.isRunning()

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
