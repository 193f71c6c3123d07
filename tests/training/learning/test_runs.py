"""The run history: records written atomically, read back, damaged files listed, deleted."""

import json
import time

import pytest

from training.learning.runs import MAX_CURVE_POINTS, RunStore, make_record, thin
from training.learning.trainer import EpochEnded, TrainConfig


def test_a_finished_run_round_trips_with_its_curves_and_results(trained, tmp_path):
    store = RunStore(tmp_path / "runs")
    curve = [(i / 100, 1.0 / (i + 1), i / 5000) for i in range(5000)]
    record = make_record(trained.config, "finished", time.time() - 30, 30.0, trained.device, curve,
                         trained.history, trained)
    store.add(record)
    (back,) = store.runs()
    assert back["outcome"] == "finished" and back["settings"]["preset"] == "mlp-512"
    assert back["test_accuracy"] == pytest.approx(trained.test_accuracy, abs=1e-6)
    assert len(back["per_class_accuracy"]) == 10 and len(back["epochs"]) == trained.epochs_completed
    assert len(back["curve"]) <= MAX_CURVE_POINTS and back["curve"][-1][0] == pytest.approx(49.99)
    assert "data_path" not in back["settings"]  # no local paths in the history
    assert len(store.path(back["id"]).read_bytes()) < 200_000


def test_a_failed_run_is_kept_with_its_message_and_no_nan(tmp_path):
    store = RunStore(tmp_path)
    epoch = EpochEnded(1, 5, float("nan"), 0.1, None, None, 1.0, 0.5)
    store.add(make_record(TrainConfig(), "failed", time.time(), 2.0, curve=[(0.1, float("nan"), 0.1)],
                          epochs=[epoch], message="The loss became NaN"))
    (back,) = store.runs()
    assert back["outcome"] == "failed" and back["message"] == "The loss became NaN"
    assert back["curve"][0][1] is None and back["epochs"][0]["loss"] is None and back["test_accuracy"] is None


def test_runs_started_within_one_second_are_newest_first(tmp_path):
    store = RunStore(tmp_path)
    now = time.time()
    for i, outcome in enumerate(("finished", "failed", "stopped")):  # 0.2 s apart, as a run that fails at once
        store.add(make_record(TrainConfig(), outcome, now + i * 0.2, 0.1))
    assert [r["outcome"] for r in store.runs()] == ["stopped", "failed", "finished"]


def test_damaged_records_are_listed_and_never_stop_the_others(tmp_path):
    store = RunStore(tmp_path)
    store.add(make_record(TrainConfig(), "stopped", time.time(), 1.0))
    (tmp_path / "truncated.json").write_text('{"settings": {')
    (tmp_path / "list.json").write_text(json.dumps([1, 2]))
    runs = store.runs()
    assert [r["outcome"] for r in runs if "damaged" not in r] == ["stopped"]
    assert sorted(r["id"] for r in runs if "damaged" in r) == ["list", "truncated"]
    store.delete("truncated")
    assert len(store.runs()) == 2


def test_thinning_keeps_the_last_point():
    points = list(range(10_001))
    kept = thin(points, 1000)
    assert len(kept) <= 1000 and kept[0] == 0 and kept[-1] == 10_000
