"""Start-up of the packaged app (and of the source install, same run). Prints one JSON line.

For each: from just before the process is started to its window painted, and
to the first prediction ready (DIGIT_RECOGNIZER_STARTUP_PROBE makes the app
print both and quit), best of --runs. Also the size of the build folder and
its archive, and, for scale, how long a window takes when TensorFlow is
imported before it (what a plain build of such an app does).
Run: python tests/benchmarks/bench_package.py [--frozen dist/digit-recognizer/digit-recognizer]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TF_FIRST = """
import time, sys, tensorflow
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.show(); app.processEvents()
print(f"window-shown {time.time():.6f}", flush=True)
"""


def timed(command, env) -> dict:
    t0 = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT).stdout
    marks = dict(line.split() for line in out.splitlines() if line.startswith(("window-shown", "prediction-ready")))
    return {k: round(float(v) - t0, 3) for k, v in marks.items()}


def best(runs, key):
    values = [r[key] for r in runs if key in r]
    return min(values) if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--frozen", default=str(ROOT / "dist" / "digit-recognizer" / "digit-recognizer"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    home = tempfile.mkdtemp()  # fresh settings: the shipped model, default geometry
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIGIT_RECOGNIZER_STARTUP_PROBE": "1",
           "HOME": home, "XDG_CONFIG_HOME": f"{home}/.config", "XDG_DATA_HOME": f"{home}/.local/share",
           "TF_CPP_MIN_LOG_LEVEL": "2"}
    report = {"benchmark": "package"}
    frozen = Path(args.frozen)
    if frozen.is_file():
        runs = [timed([str(frozen)], env) for _ in range(args.runs)]
        report |= {"frozen_window_shown_s": best(runs, "window-shown"),
                   "frozen_prediction_ready_s": best(runs, "prediction-ready"), "frozen_runs": runs}
        folder = frozen.parent
        report["build_folder_mb"] = round(sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20, 1)
        archives = sorted(folder.parent.glob("digit-recognizer-*.tar.gz"))
        if archives:
            report["archive_mb"] = round(archives[-1].stat().st_size / 2**20, 1)
    else:
        report["frozen"] = f"no build at {frozen}"
    runs = [timed([sys.executable, "-m", "app"], env) for _ in range(args.runs)]
    report |= {"source_window_shown_s": best(runs, "window-shown"),
               "source_prediction_ready_s": best(runs, "prediction-ready")}
    runs = [timed([sys.executable, "-c", TF_FIRST], env) for _ in range(args.runs)]
    report["tensorflow_first_window_shown_s"] = best(runs, "window-shown")
    report["cpu_count"] = os.cpu_count()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
