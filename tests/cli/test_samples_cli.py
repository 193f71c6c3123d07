"""digit-recognizer samples and predict's personal reading, end to end: real processes, the real shipped
model, a real sample store in a temporary user data folder (XDG_DATA_HOME)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
# A held-out UNIPEN writer's "1" that the shipped model reads as another digit (tests/gui/test_personal.py).
UNUSUAL_ONE = 4515


def run(data_home, *args, check=True):
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    proc = subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def predict(data_home, image, *flags):
    return json.loads(run(data_home, "predict", image, "--json", *flags).stdout.splitlines()[0])


@pytest.fixture
def unusual_one(tmp_path, pen):
    from penwriting import held_out, single
    from training.pen import render_paper

    _, digits, _ = held_out(pen)
    assert UNUSUAL_ONE in digits
    drawing = single(pen, UNUSUAL_ONE, np.random.default_rng(UNUSUAL_ONE), height=250)
    ink = render_paper(list(drawing.strokes), drawing.pen)
    path = tmp_path / "one.png"
    Image.fromarray((255 - np.pad(ink, 20) * 255).round().astype(np.uint8)).save(path)  # dark on light, a scan
    return path


def test_samples_add_list_export_clear_import_and_predict_with_them(tmp_path, unusual_one):
    home = tmp_path / "data"
    store = home / "DigitRecognizer" / "Digit Recognizer" / "samples"
    before = predict(home, unusual_one)
    assert before["digit"] not in (None, 1) and before["personal"] is False
    assert not store.exists()  # predict reads the samples; it writes nothing

    added = run(home, "samples", "add", "1", unusual_one)
    assert "saved as 1" in added.stdout and store.is_dir()
    listed = json.loads(run(home, "samples", "list", "--json").stdout)
    assert listed["count"] == 1 and listed["per_digit"][1] == 1 and listed["folder"] == str(store)

    after = predict(home, unusual_one)
    assert after["digit"] == 1 and after["personal"] is True
    alone = predict(home, unusual_one, "--no-personal")
    assert alone["digit"] == before["digit"] and alone["personal"] is False

    out = tmp_path / "mine.npz"
    assert "exported 1 sample(s)" in run(home, "samples", "export", out).stdout
    assert "deleted 1 sample(s)" in run(home, "samples", "clear").stdout
    assert json.loads(run(home, "samples", "list", "--json").stdout)["count"] == 0
    assert predict(home, unusual_one)["digit"] == before["digit"]  # deleting undoes it
    assert "imported 1 sample(s)" in run(home, "samples", "import", out).stdout
    assert predict(home, unusual_one)["digit"] == 1
    text = run(home, "samples", "list").stdout
    assert "1: 1" in text and f"folder: {store}" in text


def test_samples_bad_input_is_a_sentence_and_a_damaged_store_never_stops_reading(tmp_path, unusual_one):
    home = tmp_path / "data"
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    proc = run(home, "samples", "add", "3", broken, unusual_one, check=False)
    assert proc.returncode == 1
    assert "broken.png: error:" in proc.stdout and "one.png: saved as 3" in proc.stdout
    assert run(home, "samples", "add", "12", unusual_one, check=False).returncode == 2  # not a digit
    assert "not a file" in run(home, "samples", "import", tmp_path / "missing.npz", check=False).stderr

    # Every sample file damaged: predict reads as without samples, with one log line.
    store = home / "DigitRecognizer" / "Digit Recognizer" / "samples"
    run(home, "samples", "add", "1", unusual_one)
    for image in (store / "images").glob("*.npy"):
        image.write_bytes(b"garbage")
    proc = run(home, "predict", unusual_one, "--json")
    answer = json.loads(proc.stdout.splitlines()[0])
    assert answer["digit"] not in (None, 1) and answer["personal"] is False
    assert proc.stderr.count("personal reading") == 1
