"""Training through the Train tab's worker vs plain model.fit, and the GUI's lag meanwhile.

Prints one JSON line:
- fit_plain_s: the same preset, data, epochs and batch size with plain
  ``model.fit`` on NumPy arrays (best of --repeats);
- fit_worker_s: the same through ``TrainingRun`` (QThread worker, trainer
  events, progress signals) while the Qt event loop runs, timed from the
  trainer's Started event to its last EpochEnded (best of --repeats);
- overhead_ratio = fit_worker_s / fit_plain_s (target <= 1.10);
- gui_lag_p99_ms: lateness of a 10 ms QTimer on the GUI thread during the
  worker's runs (target <= 50 ms), and the same with no training, for scale.

- close_mid_training_hidden_ms / close_mid_training_exit_s: the real app
  (``app.gui.run`` in a subprocess of its own, user folders in a temporary
  place) is closed while a model trains on the Train tab; from the close
  event to the window hidden (target <= 200 ms) and to the process gone, as
  this process sees it end (target <= 2 s); ``close_idle_*`` the same with
  nothing running (after the Train tab loaded TensorFlow), best of --close-repeats.

Run: python tests/benchmarks/bench_train.py [--preset cnn-sigmoid] [--images 12000] [--epochs 2] [--close-only]
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402


def plain_fit(config, dataset) -> float:
    from training._tf import keras
    from training.learning.trainer import split_indices
    from training.models.presets import get_preset, make_optimizer

    keras.utils.set_random_seed(config.seed)
    train_idx, val_idx = split_indices(len(dataset.x_train), config.validation_split,
                                       config.train_limit, config.seed)
    x = dataset.x_train[train_idx].astype(np.float32) / 255
    y = dataset.y_train[train_idx]
    xv = dataset.x_train[val_idx].astype(np.float32) / 255
    yv = dataset.y_train[val_idx]
    model = get_preset(config.preset).build()
    model.compile(make_optimizer(config.optimizer, config.learning_rate),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])
    start = time.perf_counter()
    model.fit(x, y, validation_data=(xv, yv), epochs=config.epochs,
              batch_size=config.batch_size, verbose=0)
    return time.perf_counter() - start


class LagProbe:
    """A 10 ms timer on the GUI thread; records how late each tick is."""

    def __init__(self, app):
        from PySide6.QtCore import QTimer

        self.app = app
        self.late_ms: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def start(self):
        self.late_ms.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self):
        now = time.perf_counter()
        self.late_ms.append(max(0.0, (now - self._last) * 1000 - 10))
        self._last = now

    def stop(self):
        self.timer.stop()
        return list(self.late_ms)


def worker_fit(app, config, dataset, probe) -> float:
    from app.train.worker import TrainingRun

    marks = {}
    run = TrainingRun(config, dataset)
    run.worker.started.connect(lambda e: marks.setdefault("start", time.perf_counter()))
    run.worker.epochEnded.connect(lambda e: marks.__setitem__("end", time.perf_counter()))
    done = []
    run.ended.connect(lambda: done.append(1))
    probe.start()
    run.start()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    probe.stop()
    return marks["end"] - marks["start"]


def close_child(case: str, data: str) -> None:
    """Runs in a fresh process: the app as ``digit-recognizer`` starts it, then a close from the event loop.

    Prints "close <t>" just before the close event (mid-training: as "Stop and
    quit" is clicked in the question it asks), "hidden <t>" when the
    window's Hide event arrives (epoch seconds); the parent times the exit.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])

    class HideProbe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Hide:
                print(f"hidden {time.time():.6f}", flush=True)
                obj.removeEventFilter(self)
            return False

    probe = HideProbe()

    def window():
        from app.main_window import MainWindow

        return next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)

    def step():
        w = window()
        if w is None or w.predictor is None:
            QTimer.singleShot(50, step)
            return
        tab = w.train_tab
        if not tab.form._tensorflow_loaded:
            w.tabs.setCurrentWidget(tab)  # as a user heading for training: TensorFlow loads
            QTimer.singleShot(50, step)
            return
        if case == "training" and not tab.is_running():
            tab.form.data_edit.setText(data)
            tab.form.limit_spin.setValue(12000)
            tab.form.epochs_spin.setValue(2)
            tab.start()
        if case == "training" and tab.run_panel.progress.value() < 5:  # a few batches in: mid-training
            QTimer.singleShot(50, step)
            return
        w.installEventFilter(probe)
        if tab.is_running():
            QTimer.singleShot(0, confirm_quit)  # "Quit while training?": the close counts from the answer
        else:
            print(f"close {time.time():.6f}", flush=True)
        w.close()

    def confirm_quit():
        from PySide6.QtWidgets import QAbstractButton

        box = app.activeModalWidget()
        go = [] if box is None else [b for b in box.findChildren(QAbstractButton) if b.text() == "Stop and quit"]
        if not go:
            QTimer.singleShot(10, confirm_quit)
            return
        print(f"close {time.time():.6f}", flush=True)
        go[0].click()

    QTimer.singleShot(0, step)
    from app.gui import run

    sys.exit(run([]))


def close_timing(case: str, data: str) -> dict:
    import subprocess
    import tempfile

    home = tempfile.mkdtemp(prefix="bench-close-")
    env = {**os.environ, "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
           "XDG_CACHE_HOME": f"{home}/cache", "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, __file__, "--close-child", case, data], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    marks = {}
    for line in child.stdout:
        name, _, value = line.partition(" ")
        if name in ("close", "hidden"):
            marks[name] = float(value)
    child.wait(timeout=300)
    gone = time.time()
    if "close" not in marks or "hidden" not in marks:
        raise RuntimeError(f"the {case} close probe printed {marks}, exit {child.returncode}")
    return {"hidden_ms": round((marks["hidden"] - marks["close"]) * 1000, 1),
            "exit_s": round(gone - marks["close"], 2), "returncode": child.returncode}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="cnn-sigmoid")
    parser.add_argument("--images", type=int, default=12000)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--data", default=os.environ.get("DIGIT_RECOGNIZER_MNIST",
                                                         str(ROOT.parent / "shared" / "data" / "mnist.npz")))
    parser.add_argument("--close-repeats", type=int, default=3)
    parser.add_argument("--close-only", action="store_true", help="only the close timings")
    parser.add_argument("--close-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.close_child:
        close_child(*args.close_child)
        return

    closes = {case: [close_timing(case, args.data) for _ in range(args.close_repeats)]
              for case in ("training", "idle")}
    close_report = {
        "close_mid_training_hidden_ms": max(c["hidden_ms"] for c in closes["training"]),
        "close_mid_training_exit_s": max(c["exit_s"] for c in closes["training"]),
        "close_idle_hidden_ms": max(c["hidden_ms"] for c in closes["idle"]),
        "close_idle_exit_s": max(c["exit_s"] for c in closes["idle"]),
        "close_runs": closes,
    }
    if args.close_only:
        print(json.dumps({"benchmark": "train", **close_report, "cpu_count": os.cpu_count()}))
        return

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from training.data.datasets import load_dataset
    from training.learning.trainer import TrainConfig

    dataset = load_dataset("mnist", args.data)
    config = TrainConfig.for_preset(args.preset, epochs=args.epochs, batch_size=args.batch_size,
                                    train_limit=args.images, test_limit=1000, augment=False)
    probe = LagProbe(app)

    probe.start()
    end = time.perf_counter() + 2.0
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    idle_lag = probe.stop()

    plain_fit(config, dataset)  # warm-up: first traces and allocations
    plain, worker, lag = [], [], []
    for _ in range(args.repeats):
        plain.append(plain_fit(config, dataset))
        worker.append(worker_fit(app, config, dataset, probe))
        lag += probe.late_ms
    print(json.dumps({
        "benchmark": "train", "preset": args.preset, "images": args.images, "epochs": args.epochs,
        "batch_size": args.batch_size, "repeats": args.repeats,
        "fit_plain_s": round(min(plain), 2), "fit_worker_s": round(min(worker), 2),
        "overhead_ratio": round(min(worker) / min(plain), 3),
        "fit_plain_all_s": [round(v, 2) for v in plain], "fit_worker_all_s": [round(v, 2) for v in worker],
        "gui_lag_p50_ms": round(float(np.percentile(lag, 50)), 1),
        "gui_lag_p99_ms": round(float(np.percentile(lag, 99)), 1),
        "gui_lag_max_ms": round(float(max(lag)), 1),
        "gui_lag_idle_p99_ms": round(float(np.percentile(idle_lag, 99)), 1),
        **close_report,
        "cpu_count": os.cpu_count(),
    }))


if __name__ == "__main__":
    main()
