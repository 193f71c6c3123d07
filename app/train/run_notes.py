"""What the Train tab notes of a run while it goes, to keep it in the run history when it ends."""

from __future__ import annotations

import time


class RunNotes:
    """One run's settings, start, device, curve and epochs, as :func:`training.learning.runs.make_record` takes them."""

    def __init__(self, config):
        self.config = config
        self.started = time.time()
        self.device = ""
        self.curve: list[tuple] = []  # (epoch as a fraction, loss, accuracy, seconds since the start)
        self.epochs: list = []

    def progressed(self, event) -> None:
        self.curve.append((event.epoch - 1 + event.batch / event.batches, event.loss, event.accuracy,
                           time.time() - self.started))

    def epoch_ended(self, event) -> None:
        self.epochs.append(event)

    def record(self, outcome: str, result=None, message: str = "") -> dict:
        from training.learning.runs import make_record

        return make_record(self.config, outcome, self.started, time.time() - self.started,
                           getattr(result, "device", "") or self.device, self.curve,
                           getattr(result, "history", None) or self.epochs, result, message)
