"""Run history: every training run (finished, stopped or failed) kept as one small JSON file.

A record holds the run's settings, its per-batch curve (thinned to at most
``MAX_CURVE_POINTS``), its per-epoch figures, the test results, the device and
the time taken: what a comparison of runs needs, in a few kilobytes. Files are
written atomically; a damaged one is listed as damaged and never stops the
others from loading.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import uuid
from dataclasses import asdict
from pathlib import Path

from training.files import atomic_write_text
from training.jsonfile import NUMBER, TEXT, Fields, JsonFileError, Kind, ListOf, Row, read_json

MAX_CURVE_POINTS = 2000
MAX_RECORD_BYTES = 5 * 2**20  # a record is a few kilobytes; anything huge is not one of ours

# What the Runs view, Compare and its CSV export read from a record: a record of another shape (hand-edited,
# damaged, from a foreign tool) is listed as damaged with the first field that is wrong, never shown.
_FIGURE = Kind(int, float, maybe=True)
_WHOLE_OR_NONE = Kind(int, low=0, maybe=True)
RUN_RECORD = Fields({
    "started": TEXT, "outcome": TEXT, "device": TEXT, "message": TEXT,
    "seconds": Kind(int, float, low=0, high=10**9, maybe=True),
    "settings": Fields({
        "preset": Kind(str, maybe=True), "dataset": Kind(str, maybe=True), "optimizer": Kind(str, maybe=True),
        "device": Kind(str, maybe=True), "base_model": Kind(str, maybe=True),
        "learning_rate": _FIGURE, "lr_decay": _FIGURE, "validation_split": _FIGURE,
        "epochs": _WHOLE_OR_NONE, "batch_size": _WHOLE_OR_NONE, "clean_epochs": _WHOLE_OR_NONE,
        "train_limit": _WHOLE_OR_NONE, "test_limit": _WHOLE_OR_NONE, "seed": Kind(int, maybe=True),
        "augment": Kind(bool, maybe=True), "mixed_precision": Kind(bool, maybe=True),
    }),
    "curve": ListOf(Row(NUMBER, _FIGURE, _FIGURE, _FIGURE, least=3), maybe=True),
    "epochs": ListOf(Fields({key: _FIGURE for key in ("epoch", "epochs", "loss", "accuracy", "val_loss", "val_accuracy",
                                                     "seconds", "learning_rate", "batches_done", "batches")}),
                     maybe=True),
    "test_accuracy": _FIGURE, "test_images": _WHOLE_OR_NONE,
    "per_class_accuracy": ListOf(_FIGURE, maybe=True),
    "measures": Fields({}, others=Fields({"accuracy": NUMBER, "count": Kind(int, low=0)},
                                         required=("accuracy", "count")), maybe=True),
}, required=("settings",))


def _finite(value):
    """JSON has no NaN: a missing figure is null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def thin(points: list, limit: int = MAX_CURVE_POINTS) -> list:
    """Every k-th point so that at most ``limit`` remain, the last one always kept."""
    if len(points) <= limit:
        return list(points)
    step = math.ceil(len(points) / limit)
    kept = points[::step]
    return kept if kept[-1] is points[-1] else kept[:-1] + [points[-1]]


def make_record(config, outcome: str, started: float, seconds: float, device: str = "",
                curve: list | None = None, epochs: list | None = None, result=None, message: str = "") -> dict:
    """A run as plain data. ``curve``: [(epoch position, loss, accuracy, seconds since the start)];
    ``epochs``: EpochEnded events."""
    settings = {k: v for k, v in asdict(config).items() if k not in ("data_path", "pen_data_path")}
    record = {
        "id": f"{_dt.datetime.fromtimestamp(started).strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}",
        # To the millisecond: two runs can start within one second (a study's, or a run that fails at once),
        # and "newest first" sorts on this.
        "started": _dt.datetime.fromtimestamp(started, _dt.timezone.utc).isoformat(timespec="milliseconds"),
        "outcome": outcome,  # "finished", "stopped", "failed" or "abandoned" (the window closed during the run)
        "settings": settings,
        "device": device,
        "seconds": round(seconds, 1),
        "message": message,
        "curve": [[round(p[0], 4), _finite(round(p[1], 5)), _finite(round(p[2], 5)),
                   round(p[3], 2) if len(p) > 3 else None] for p in thin(curve or [])],
        "epochs": [{k: _finite(v) for k, v in asdict(e).items()} for e in (epochs or [])],
        "test_accuracy": None,
        "test_images": None,
        "per_class_accuracy": None,
    }
    record["measures"] = dict(getattr(result, "measures", None) or {})
    evaluation = getattr(result, "evaluation", None)
    if evaluation is not None:
        record["test_accuracy"] = round(float(evaluation.accuracy), 6)
        record["test_images"] = int(evaluation.count)
        record["per_class_accuracy"] = [_finite(round(float(a), 6)) for a in evaluation.per_class_accuracy]
    return record


class RunStore:
    """The run history in one folder (``runs/`` in the user's data folder)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def path(self, run_id: str) -> Path:
        return self.folder / f"{run_id}.json"

    def add(self, record: dict) -> Path:
        path = self.path(record["id"])
        atomic_write_text(path, json.dumps(record, allow_nan=False, separators=(",", ":")))
        return path

    def runs(self) -> list[dict]:
        """Newest first. A file that is not a run record comes back as {"id", "damaged": reason}."""
        if not self.folder.is_dir():
            return []
        out = []
        for path in self.folder.glob("*.json"):
            if path.name.startswith("."):
                continue
            try:
                record = read_json(path, MAX_RECORD_BYTES, RUN_RECORD, where=path.name)
                record["id"] = path.stem
                out.append(record)
            except JsonFileError as exc:
                out.append({"id": path.stem, "damaged": str(exc), "started": ""})
        return sorted(out, key=lambda r: str(r.get("started", "")), reverse=True)

    def delete(self, run_id: str) -> None:
        self.path(run_id).unlink(missing_ok=True)


def shared_measures(model, samples=None, pen_path=None) -> dict:
    """A run's accuracy on data every run can be measured on, whatever it trained on.

    ``samples``: a :class:`training.data.samples.SampleStore` (the user's own
    drawings); ``pen_path``: the pen data file, or None for the usual places
    (its held-out writers' digits). Data that is missing or unreadable is left
    out; nothing here fails the run.
    """
    from training.learning.evaluate import evaluate
    from training.reading.predictor import Predictor

    predictor = Predictor(model)
    out = {}
    try:
        if samples is not None and samples.count():
            x, y = samples.arrays()
            if len(y):
                out["samples"] = {"accuracy": round(evaluate(predictor, x, y).accuracy, 6), "count": int(len(y))}
    except Exception:  # the user's store is theirs: a damaged one is reported by the Samples tab
        pass
    try:
        from training.data.pen import cached_pen_images, load_pen

        pen = load_pen(pen_path)
        x, y = cached_pen_images(pen, held_out=True, digit_renderings=1, non_digit_renderings=0, scribbles=0,
                                 seed=1, augment=False)
        digits = y < 10
        if digits.any():
            out["pen"] = {"accuracy": round(evaluate(predictor, x[digits], y[digits]).accuracy, 6),
                          "count": int(digits.sum())}
    except Exception:  # no pen data here: the measure is left out
        pass
    return out
