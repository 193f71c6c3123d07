"""What the first word of ``digit-recognizer ...`` starts (issue 33, item 17): real processes.

A typo or an unknown word must say so in one line and exit 2, never start an
invisible window a script would wait on; files alone open the window with them.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "digit-7-canvas.png"


def run(*args, **env):
    # No display a window could open on: a GUI started by mistake fails loudly instead of waiting.
    env = {**os.environ, "QT_QPA_PLATFORM": "no-such-platform", **env}
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args, said", [
    (["predcit", SAMPLE], "'predcit' is not a command (did you mean predict?)"),
    (["evalute", "model.keras"], "'evalute' is not a command (did you mean evaluate?)"),
    (["--self-tset"], "'--self-tset' is not a command (did you mean --self-test?)"),
    (["frobnicate"], "'frobnicate' is neither a command nor a file"),
    ([SAMPLE, "missing.png"], "'missing.png' is not a file"),
])
def test_an_unknown_first_word_gets_one_line_of_usage_and_exit_2(args, said):
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("digit-recognizer: ") and said in lines[0]
    assert "usage: digit-recognizer {train,train-trajectory,evaluate,predict,presets,samples}" in lines[0]


def test_the_commands_still_run():
    proc = run("presets")
    assert proc.returncode == 0 and "Model presets:" in proc.stdout
    assert run("--help").returncode == 0


def test_an_image_as_the_only_argument_opens_the_window_with_it():
    proc = run(SAMPLE, QT_QPA_PLATFORM="offscreen", DIGIT_RECOGNIZER_STARTUP_PROBE="1")
    assert proc.returncode == 0, proc.stderr
    assert "window-shown" in proc.stdout and "reading 7" in proc.stdout.splitlines()


def test_the_window_knows_every_command_the_command_line_has():
    """A command missing from app/commandline.py would start the window instead (as `samples` once did)."""
    from app.commandline import COMMANDS
    from training.cli import build_parser

    subparsers = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(COMMANDS) == set(subparsers.choices)
