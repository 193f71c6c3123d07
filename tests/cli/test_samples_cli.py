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
# A held-out UNIPEN writer's "2" that the shipped model reads as another digit (tests/gui/test_personal.py).
UNUSUAL_TWO = 3119


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
def unusual_two(tmp_path, pen):
    from penwriting import held_out, single

    from training.data.pen import render_paper

    _, digits, _ = held_out(pen)
    assert UNUSUAL_TWO in digits
    drawing = single(pen, UNUSUAL_TWO, np.random.default_rng(UNUSUAL_TWO), height=250)
    ink = render_paper(list(drawing.strokes), drawing.pen)
    path = tmp_path / "two.png"
    Image.fromarray((255 - np.pad(ink, 20) * 255).round().astype(np.uint8)).save(path)  # dark on light, a scan
    return path


def test_samples_add_list_export_clear_import_and_predict_with_them(tmp_path, unusual_two):
    home = tmp_path / "data"
    store = home / "DigitRecognizer" / "Digit Recognizer" / "samples"
    before = predict(home, unusual_two)
    assert before["digit"] not in (None, 2) and before["personal"] is False
    assert not store.exists()  # predict reads the samples; it writes nothing

    added = run(home, "samples", "add", "2", unusual_two)
    assert "saved as 2" in added.stdout and store.is_dir()
    listed = json.loads(run(home, "samples", "list", "--json").stdout)
    assert listed["count"] == 1 and listed["per_digit"][2] == 1 and listed["folder"] == str(store)

    after = predict(home, unusual_two)
    assert after["digit"] == 2 and after["personal"] is True
    alone = predict(home, unusual_two, "--no-personal")
    assert alone["digit"] == before["digit"] and alone["personal"] is False

    out = tmp_path / "mine.npz"
    assert "exported 1 sample(s)" in run(home, "samples", "export", out).stdout
    assert "deleted 1 sample(s)" in run(home, "samples", "clear").stdout
    assert json.loads(run(home, "samples", "list", "--json").stdout)["count"] == 0
    assert predict(home, unusual_two)["digit"] == before["digit"]  # deleting undoes it
    assert "imported 1 sample(s)" in run(home, "samples", "import", out).stdout
    assert predict(home, unusual_two)["digit"] == 2
    text = run(home, "samples", "list").stdout
    assert "2: 1" in text and f"folder: {store}" in text


def test_samples_bad_input_is_a_sentence_and_a_damaged_store_never_stops_reading(tmp_path, unusual_two):
    home = tmp_path / "data"
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    proc = run(home, "samples", "add", "3", broken, unusual_two, check=False)
    assert proc.returncode == 1
    assert "broken.png: error:" in proc.stdout and "two.png: saved as 3" in proc.stdout
    assert run(home, "samples", "add", "12", unusual_two, check=False).returncode == 2  # not a digit
    assert "not a file" in run(home, "samples", "import", tmp_path / "missing.npz", check=False).stderr

    # Every sample file damaged: predict reads as without samples, with one log line.
    store = home / "DigitRecognizer" / "Digit Recognizer" / "samples"
    run(home, "samples", "add", "2", unusual_two)
    for image in (store / "images").glob("*.npy"):
        image.write_bytes(b"garbage")
    proc = run(home, "predict", unusual_two, "--json")
    answer = json.loads(proc.stdout.splitlines()[0])
    assert answer["digit"] not in (None, 2) and answer["personal"] is False
    assert proc.stderr.count("personal reading") == 1
