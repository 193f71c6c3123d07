"""Run a short job (saving a model, say) on the thread pool and hear back on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            value = self.fn()
        except Exception as exc:  # reported to the GUI, never lost in the pool
            from app.i18n import message

            self.signals.failed.emit(message(exc))
        else:
            self.signals.finished.emit(value)


def run_in_background(fn, on_finished, on_failed) -> _Signals:
    task = _Task(fn)
    task.signals.finished.connect(on_finished)
    task.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(task)
    return task.signals
