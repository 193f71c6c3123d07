"""The command line says what it did, exactly (issue 33, item 16): real processes, real files, the shipped model."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def run(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def test_train_says_one_epoch_and_names_every_file_it_wrote(tmp_path, mnist_path):
    out = tmp_path / "tiny.keras"
    proc = run("train", "--dataset", "mnist", "--data", mnist_path, "--model", "softmax", "--epochs", "1",
               "--limit", "2000", "--out", out)
    line = next(l for l in proc.stdout.splitlines() if l.startswith("test accuracy:"))
    assert "(1 epoch, " in line and "epochs" not in line
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["tiny.json", "tiny.keras", "tiny.tflite"]
    assert f"saved {out}, tiny.json and tiny.tflite" in proc.stdout.splitlines()


def test_evaluate_names_the_not_a_digit_row_and_column(mnist_path, pen_path):
    proc = run("evaluate", ROOT / "resources" / "models" / "default.keras", "--dataset", "mnist+pen",
               "--data", mnist_path, "--pen-data", pen_path, "--limit", "300")
    lines = proc.stdout.splitlines()
    start = lines.index("confusion matrix (rows: true, columns: predicted):")
    header, rows = lines[start + 1], lines[start + 2:start + 13]
    assert header.split()[0] == "true\\pred" and header.rstrip().endswith("not a digit")
    assert " 10 " not in f" {header} " and not any(r.startswith("10 ") for r in rows)
    assert rows[-1].startswith("not a digit ") and len(rows[-1].split()) == 3 + 11
    # The columns line up under their headings.
    assert len({len(r.rstrip()) for r in [header, *rows]}) == 1, [header, *rows]


def test_a_near_certain_reading_never_prints_100_percent(tmp_path):
    from strokes import Style, render, strokes_for

    from training.shares import percent_text

    assert percent_text(0.99998) == "99.9%" and percent_text(0.99998, 2) == "99.99%"
    assert percent_text(1.0) == "100.0%" and percent_text(0.00001) == "0.1%"
    Image.fromarray(render(strokes_for(7, Style(size=200, pen=18, centre=(140, 140))), 18)).save(tmp_path / "7.png")
    proc = run("predict", tmp_path / "7.png")
    assert proc.stdout.startswith(f"{tmp_path / '7.png'}: 7 (") and "100.0%" not in proc.stdout
    data = json.loads(run("predict", tmp_path / "7.png", "--json").stdout)
    assert data["confidence"] > 0.999  # so sure that one decimal would have rounded it to 100.0%


def test_json_says_what_a_refused_letters_confidence_is_of(tmp_path):
    from strokes import Style, render, strokes_for, strokes_from

    letter = strokes_from([[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], [(0.22, 0.62), (0.78, 0.62)]],
                          Style(size=200, aspect=0.7, pen=16, centre=(140, 140)))
    Image.fromarray(255 - render(letter, 16)).save(tmp_path / "letter.png")
    Image.fromarray(render(strokes_for(3, Style(size=200, pen=18, centre=(140, 140))), 18)).save(tmp_path / "3.png")
    letter_obj, three = (json.loads(l) for l in run("predict", tmp_path / "letter.png", tmp_path / "3.png",
                                                    "--json").stdout.splitlines())
    # Refused: no digit and no digit's confidence; the probability it is not a digit, and the nearest digit.
    assert letter_obj["reason"] == "not a digit" and letter_obj["digit"] is None
    assert letter_obj["confidence"] is None and letter_obj["not_a_digit"] > 0.5
    assert isinstance(letter_obj["nearest"], int)
    assert letter_obj["digits"][0]["confidence"] is None and letter_obj["digits"][0]["not_a_digit"] > 0.5
    assert letter_obj["digits"][0]["sure"] is False
    # A digit: its confidence, and a small "not a digit" probability beside it (the shipped model has that class).
    assert three["digit"] == 3 and three["confidence"] > 0.5 and 0 <= three["not_a_digit"] < 0.5
    assert three["confidence"] + three["not_a_digit"] <= 1 + 1e-6
    assert sorted(three) == sorted(["file", "number", "digits", "digit", "confidence", "not_a_digit", "nearest",
                                    "probabilities", "reason", "personal"])


@pytest.fixture(scope="module")
def json_docs() -> str:
    """The README's --json account and the page it links for every field."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("With `--json` it prints one object per image"):]
    assert "resources/docs/command-line.md" in section
    page = (ROOT / "resources" / "docs" / "command-line.md").read_text(encoding="utf-8")
    return section + page[page.index("## `predict --json`"):page.index("`train-trajectory` trains")]


def test_the_readme_documents_every_json_field(json_docs):
    for field in ("file", "number", "digits", "digit", "confidence", "not_a_digit", "nearest", "sure", "box",
                  "probabilities", "reason", "personal", "error"):
        assert f"`{field}`" in json_docs, field
