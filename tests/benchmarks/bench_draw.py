"""Draw tab speed and memory, offscreen. Prints one JSON line.

- move_to_chart: from a mouse-move event sent to the canvas to the chart
  holding the new probabilities (p50/p95 over a few hundred moves);
  ``move_to_chart_with_inside_view_*`` the same with the inside view open
  (issue 13: its p95 at most 1.5 times the plain one), in alternating
  strokes of the same run;
- startup: from the start of a fresh process to the window shown (first
  paint done), and to the first prediction ready;
- memory: resident set after 50 strokes and after 5,000 (each read by the
  model), with the canvas cleared every 20 strokes as a person would, in a
  process of its own that only draws: the Train tab and the Inside panel are
  never shown, so TensorFlow is never imported (issue 33: <= 250 MB after 50;
  ``tensorflow_imported_while_drawing`` says whether it was);
- the light runtime (issue 12): whether TensorFlow was imported at the
  first reading, the idle memory after it, the wall time of
  ``digit-recognizer predict`` on one image, and of ``import tensorflow``;
  start-up and ``predict`` are also measured with DIGIT_RECOGNIZER_RUNTIME=keras
  (the path before the light runtime), in the same run.

Run: python tests/benchmarks/bench_draw.py [--moves 400] [--strokes 5000]
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child_startup(t0: float, settings_file: str) -> None:
    """Runs in a fresh process: the same start-up as app.gui.run, with timestamps."""
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from app.gui import create_window
    from app.settings import Settings

    window = create_window(Settings.from_file(settings_file))
    window.show()
    app.processEvents()  # the first paint
    shown = time.time()
    window.load_active_model()
    while window.predictor is None:
        app.processEvents()
        time.sleep(0.002)
    window.draw_tab.recognizer.read_now()
    ready = time.time()
    tensorflow_imported = "tensorflow" in sys.modules
    # Idle memory: a second of nothing (TensorFlow is not imported while only drawing).
    end = time.time() + 1.0
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)
    print(json.dumps({"window_shown_s": round(shown - t0, 3), "first_prediction_ready_s": round(ready - t0, 3),
                      "first_reading_after_window_s": round(ready - shown, 3),
                      "tensorflow_imported_at_first_reading": tensorflow_imported,
                      "idle_rss_after_first_reading_mb": round(rss_mb(), 1),
                      "runtime": window.predictor.runtime}))


def reading_window(app, settings):
    """The main window at 1100x680, shown, once its model reads."""
    from app.gui import create_window

    window = create_window(settings)
    window.resize(1100, 680)
    window.show()
    window.load_active_model()
    while window.predictor is None:
        app.processEvents()
        time.sleep(0.002)
    return window


def memory_child(settings_file: str, strokes: int) -> None:
    """Runs in a fresh process: only drawing (strokes through the canvas API, each read on release)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from app.settings import Settings

    settings = Settings.from_file(settings_file)
    settings.inside_view = False
    settings.current_tab = 0
    window = reading_window(app, settings)
    canvas = window.draw_tab.canvas
    rect = canvas._paper_rect()
    scale = rect.width() / 600
    rng = np.random.default_rng(0)

    def one_stroke():
        x, y = rng.uniform(100, 500), rng.uniform(80, 320)
        canvas.begin_stroke(QPointF(rect.x() + x * scale, rect.y() + y * scale))
        for _ in range(8):
            x, y = x + rng.uniform(-20, 20), y + rng.uniform(-20, 20)
            canvas.extend_stroke(QPointF(rect.x() + x * scale, rect.y() + y * scale))
        canvas.end_stroke()
        app.processEvents()

    rss = {}
    for n in range(1, strokes + 1):
        one_stroke()
        if n % 20 == 0:
            canvas.clear()
            app.processEvents()
        if n in (50, strokes):
            import gc
            gc.collect()
            rss[n] = rss_mb()
    print(json.dumps({"rss": rss, "tensorflow_imported": "tensorflow" in sys.modules,
                      "undo_history_kept": canvas.history_size()}))


def startup(settings_file: str, runtime: str = "") -> dict:
    env = {**os.environ, "DIGIT_RECOGNIZER_RUNTIME": runtime}
    t0 = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", str(t0), settings_file],
                         capture_output=True, text=True, check=True, cwd=ROOT, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def wall_time(command: list[str], runtime: str = "") -> float:
    env = {**os.environ, "DIGIT_RECOGNIZER_RUNTIME": runtime}
    t = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - t


def best(runs: list[dict], key: str):
    return min(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=400)
    parser.add_argument("--strokes", type=int, default=5000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--memory-only", action="store_true", help="only the drawing-only memory figures")
    args = parser.parse_args()
    if args.child:
        child_startup(float(args.child[0]), args.child[1])
        return
    if args.memory_child:
        memory_child(args.memory_child[0], int(args.memory_child[1]))
        return
    if args.memory_only:
        import tempfile

        settings_file = os.path.join(tempfile.mkdtemp(), "settings.ini")
        out = subprocess.run([sys.executable, __file__, "--memory-child", settings_file, str(args.strokes)],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
        memory = json.loads(out.strip().splitlines()[-1])
        print(json.dumps({"benchmark": "draw", "rss_after_50_strokes_mb": round(memory["rss"]["50"], 1),
                          f"rss_after_{args.strokes}_strokes_mb": round(memory["rss"][str(args.strokes)], 1),
                          "tensorflow_imported_while_drawing": memory["tensorflow_imported"]}))
        return

    import tempfile

    settings_file = os.path.join(tempfile.mkdtemp(), "settings.ini")
    starts = [startup(settings_file) for _ in range(3)]
    keras_starts = [startup(settings_file, "keras") for _ in range(2)]
    sample = str(ROOT / "resources" / "samples" / "digit-7-canvas.png")
    predict = [sys.executable, "-m", "app", "predict", sample]
    cli_predict = min(wall_time(predict) for _ in range(3))
    cli_predict_keras = min(wall_time(predict, "keras") for _ in range(2))
    import_tensorflow = min(wall_time([sys.executable, "-c", "import tensorflow"]) for _ in range(2))

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.settings import Settings

    window = reading_window(app, Settings.from_file(settings_file))
    tab, canvas = window.draw_tab, window.draw_tab.canvas
    chart = tab.chart
    app.processEvents()

    def to_widget(x, y):
        rect = canvas._paper_rect()
        s = rect.width() / 600
        return QPoint(round(rect.x() + x * s), round(rect.y() + y * s))

    # Latency: each move is sent, then the event loop runs until the chart changed.
    # Blocks of one stroke alternate between the inside view hidden and shown,
    # so that both figures see the same noise on this machine.
    def stroke_latencies(moves: int) -> list[float]:
        out = []
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_widget(300, 200))
        for i in range(moves):
            angle = i * 0.15
            point = to_widget(300 + 120 * math.cos(angle) * (1 + i / moves), 200 + 120 * math.sin(angle))
            before = chart.updates
            t = time.perf_counter()
            QTest.mouseMove(canvas, point)
            while chart.updates == before:
                app.processEvents()
            out.append(time.perf_counter() - t)
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        app.processEvents()
        canvas.clear()
        app.processEvents()
        return out

    # The inside view's first opening loads the Keras model and traces it: not part of drawing.
    tab.show_inside(True)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_widget(200, 150))
    QTest.mouseMove(canvas, to_widget(300, 250))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_widget(300, 250))
    t = time.perf_counter()
    while tab.inside.results == 0:
        app.processEvents()
        time.sleep(0.002)
    inside_first_result_s = time.perf_counter() - t
    canvas.clear()
    tab.show_inside(False)
    app.processEvents()

    latencies, inside_latencies, inside_results = [], [], 0
    block = 100
    for b in range(2 * max(1, args.moves // block)):
        shown = b % 2 == 1
        tab.show_inside(shown)
        app.processEvents()
        before = tab.inside.results
        (inside_latencies if shown else latencies).extend(stroke_latencies(block))
        if shown:
            while tab.inside.busy:  # the last drawing's result, so that the next block starts quiet
                app.processEvents()
            inside_results += tab.inside.results - before
    tab.show_inside(False)
    app.processEvents()

    memory = json.loads(subprocess.run(
        [sys.executable, __file__, "--memory-child", settings_file, str(args.strokes)], capture_output=True,
        text=True, check=True, cwd=ROOT).stdout.strip().splitlines()[-1])
    rss = {int(k): v for k, v in memory["rss"].items()}

    ms = np.asarray(latencies) * 1000
    inside_ms = np.asarray(inside_latencies) * 1000
    print(json.dumps({
        "benchmark": "draw",
        "moves": len(latencies),
        "move_to_chart_p50_ms": round(float(np.percentile(ms, 50)), 2),
        "move_to_chart_p95_ms": round(float(np.percentile(ms, 95)), 2),
        "move_to_chart_max_ms": round(float(ms.max()), 2),
        "move_to_chart_with_inside_view_p50_ms": round(float(np.percentile(inside_ms, 50)), 2),
        "move_to_chart_with_inside_view_p95_ms": round(float(np.percentile(inside_ms, 95)), 2),
        "inside_view_over_plain_p95": round(float(np.percentile(inside_ms, 95) / np.percentile(ms, 95)), 2),
        "inside_view_results_while_drawing": inside_results,
        "inside_view_first_result_s": round(inside_first_result_s, 2),
        "window_shown_s": best(starts, "window_shown_s"),
        "first_prediction_ready_s": best(starts, "first_prediction_ready_s"),
        "first_reading_after_window_s": best(starts, "first_reading_after_window_s"),
        "tensorflow_imported_at_first_reading": any(s["tensorflow_imported_at_first_reading"] for s in starts),
        "idle_rss_after_first_reading_mb": best(starts, "idle_rss_after_first_reading_mb"),
        "cli_predict_one_s": round(cli_predict, 3),
        "python_import_tensorflow_s": round(import_tensorflow, 3),
        "keras_runtime": {  # the same figures on the path before the light runtime
            "window_shown_s": best(keras_starts, "window_shown_s"),
            "first_prediction_ready_s": best(keras_starts, "first_prediction_ready_s"),
            "first_reading_after_window_s": best(keras_starts, "first_reading_after_window_s"),
            "idle_rss_after_first_reading_mb": best(keras_starts, "idle_rss_after_first_reading_mb"),
            "cli_predict_one_s": round(cli_predict_keras, 3),
        },
        "startup_runs": starts,
        "rss_after_50_strokes_mb": round(rss[50], 1),
        f"rss_after_{args.strokes}_strokes_mb": round(rss[args.strokes], 1),
        "rss_growth_mb": round(rss[args.strokes] - rss[50], 1),
        "tensorflow_imported_while_drawing": memory["tensorflow_imported"],
        "undo_history_kept": memory["undo_history_kept"],
        "cpu_count": os.cpu_count(),
    }))
    window.close()


if __name__ == "__main__":
    main()
