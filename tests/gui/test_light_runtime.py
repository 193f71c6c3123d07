"""The window reads with the light runtime; TensorFlow comes later, in the background, when training is near."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
deadline = time.time() + 4  # longer than the 1.5 s after which TensorFlow used to be imported anyway
while time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("drawing-only", "tensorflow" in sys.modules, window.preloader.running, flush=True)
if sys.argv[3] == "train":
    window.tabs.setCurrentWidget(window.train_tab)
else:
    window.draw_tab.show_inside(True)
app.processEvents()
print("headed-for-it", window.preloader.running, "|", window.train_tab.form.params_label.text(), flush=True)
deadline = time.time() + 120
while not window.preloader.done and time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("later", "tensorflow" in sys.modules, window.train_tab.form.device_box.count(), flush=True)
print("params", window.train_tab.form.params_label.text(), flush=True)
window.close()
"""


@pytest.mark.parametrize("heading_for", ["train", "inside"])
def test_tensorflow_loads_only_when_the_user_heads_for_it(tmp_path, heading_for):
    """Issue 33, item 5: drawing alone never imports TensorFlow (hundreds of MB); the Train tab or the
    Inside panel shown starts its import, and the Train tab says so where the wait shows."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("DIGIT_RECOGNIZER_RUNTIME", None)
    done = subprocess.run([sys.executable, "-c", FIRST_READING, str(tmp_path / "settings.ini"),
                           str(tmp_path / "data"), heading_for], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=240)
    said = done.stdout + done.stderr
    lines = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
    assert lines["first-reading"] == ["LitePredictor", "False"], said
    assert lines["drawing-only"] == ["False", "False"], said
    assert lines["headed-for-it"][0] == "True", said
    assert " ".join(lines["headed-for-it"][2:]) == "Loading TensorFlow...", said
    assert lines["later"][0] == "True", said
    assert lines["params"][-1] == "parameters", said  # the count took the loading line's place


def test_the_window_reads_a_drawn_digit_with_the_light_runtime(window, qtbot):
    from .conftest import draw_digit

    assert window.predictor.runtime == "litert"
    draw_digit(qtbot, window.draw_tab.canvas, 3)
    qtbot.waitUntil(lambda: window.draw_tab.reading.number == "3", timeout=5000)
    assert not window.preloader.running and not window.preloader.done  # drawing alone loads no TensorFlow
