"""``--self-test`` says one line, and nothing on stderr (issue 33, item 18: it printed a Qt warning)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_self_test_prints_its_line_and_no_qt_warning():
    proc = subprocess.run([sys.executable, "-m", "app", "--self-test"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("self-test passed") and len(proc.stdout.splitlines()) == 1
    assert "propagateSizeHints" not in proc.stderr
    assert proc.stderr == "", proc.stderr


def test_other_qt_messages_still_reach_stderr():
    code = ("from PySide6.QtCore import qWarning\nfrom app.qt_messages import quiet_headless_noise\n"
            "quiet_headless_noise()\nqWarning('This plugin does not support propagateSizeHints()')\n"
            "qWarning('something that matters')\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stderr.splitlines() == ["something that matters"], proc.stderr
