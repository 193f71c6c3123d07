"""The window reads with the light runtime; TensorFlow comes later, in the background, for training."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FIRST_READING = r"""
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.gui import create_window
from app.settings import Settings
window = create_window(Settings.from_file(sys.argv[1]), sys.argv[2])
window.show()
app.processEvents()
window.load_active_model()
deadline = time.time() + 60
while window.predictor is None and time.time() < deadline:
    app.processEvents()
    time.sleep(0.002)
window.draw_tab.recognizer.read_now()
print("first-reading", type(window.predictor).__name__, "tensorflow" in sys.modules, flush=True)
deadline = time.time() + 120
while not window.preloader.done and time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("later", "tensorflow" in sys.modules, window.train_tab.form.device_box.count(), flush=True)
window.close()
"""


def test_the_first_reading_needs_no_tensorflow_and_tensorflow_is_preloaded_after(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("DIGIT_RECOGNIZER_RUNTIME", None)
    done = subprocess.run([sys.executable, "-c", FIRST_READING, str(tmp_path / "settings.ini"),
                           str(tmp_path / "data")], capture_output=True, text=True, cwd=ROOT, env=env, timeout=240)
    lines = [line.split() for line in done.stdout.splitlines() if line.startswith(("first-reading", "later"))]
    assert lines[0] == ["first-reading", "LitePredictor", "False"], done.stdout + done.stderr
    assert lines[1][:2] == ["later", "True"], done.stdout + done.stderr


def test_the_window_reads_a_drawn_digit_with_the_light_runtime(window, qtbot):
    from .conftest import draw_digit

    assert window.predictor.runtime == "litert"
    draw_digit(qtbot, window.draw_tab.canvas, 3)
    qtbot.waitUntil(lambda: window.draw_tab.reading.number == "3", timeout=5000)
    qtbot.waitUntil(lambda: window.preloader.done, timeout=60_000)  # then TensorFlow, for Start
