"""The command line end to end: real processes, real training, real files."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def run(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def cli_model(tmp_path_factory, mnist_path):
    out = tmp_path_factory.mktemp("cli") / "quick.keras"
    proc = run("train", "--dataset", "mnist", "--data", mnist_path, "--model", "mlp-512",
               "--optimizer", "adam", "--lr", "1e-3", "--epochs", "1", "--batch-size", "32",
               "--limit", "12000", "--out", out)
    return out, proc


def test_train_reports_test_accuracy_and_saves_model_and_sidecar(cli_model):
    out, proc = cli_model
    line = next(l for l in proc.stdout.splitlines() if l.startswith("test accuracy:"))
    assert float(line.split()[2].rstrip("%")) > 90
    assert "epoch 1/1" in proc.stderr
    info = json.loads(out.with_suffix(".json").read_text())
    assert info["preset"] == "mlp-512" and info["command"].startswith("digit-recognizer train")
    assert "--limit 12000" in info["command"]


def test_evaluate_prints_accuracy_and_confusion_matrix(cli_model, mnist_path):
    proc = run("evaluate", cli_model[0], "--data", mnist_path, "--limit", "1000")
    assert "accuracy:" in proc.stdout and "on 1000 test images" in proc.stdout
    rows = [l for l in proc.stdout.splitlines() if l[:1].isdigit() and len(l.split()) == 11]
    assert len(rows) == 10
    assert sum(int(v) for row in rows for v in row.split()[1:]) == 1000


@pytest.fixture(scope="module")
def images(tmp_path_factory, mnist):
    folder = tmp_path_factory.mktemp("images")
    seven, two = mnist.x_test[0], mnist.x_test[1]
    assert mnist.y_test[0] == 7 and mnist.y_test[1] == 2
    big = lambda a: Image.fromarray(a).resize((280, 280), Image.Resampling.BICUBIC)  # noqa: E731
    big(seven).save(folder / "canvas.png")  # light on dark, as the canvas exports
    photo = np.asarray(big(two), np.float32)
    paper = (215 - 0.7 * photo).clip(0, 255).astype(np.uint8)  # dark ink on grey paper
    Image.fromarray(np.stack([paper] * 3, -1)).save(folder / "photo.jpg", quality=90)
    Image.new("L", (200, 200), 255).save(folder / "blank.png")
    (folder / "broken.png").write_bytes(b"\x89PNG garbage")
    return folder


def test_predict_answers_each_image_and_fails_on_the_unreadable_one(cli_model, images):
    proc = run("predict", images / "canvas.png", images / "broken.png", images / "photo.jpg",
               images / "blank.png", "--model", cli_model[0], check=False)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{images / 'canvas.png'}: 7 (")
    assert lines[1].startswith(f"{images / 'photo.jpg'}: 2 (")
    assert lines[2] == f"{images / 'blank.png'}: no digit"
    assert "broken.png: error:" in proc.stderr


def test_predict_json_lines(cli_model, images):
    proc = run("predict", images / "canvas.png", images / "blank.png", images / "broken.png",
               "--model", cli_model[0], "--json", check=False)
    assert proc.returncode == 1
    objs = [json.loads(l) for l in proc.stdout.splitlines()]
    assert objs[0]["file"].endswith("canvas.png") and objs[0]["digit"] == 7
    assert 0 < objs[0]["confidence"] <= 1 and len(objs[0]["probabilities"]) == 10
    assert sum(objs[0]["probabilities"]) == pytest.approx(1, abs=1e-4)
    assert objs[1]["digit"] is None and objs[1]["confidence"] == 0.0
    assert "error" in objs[2] and "broken.png" in objs[2]["error"]


def test_bad_input_gets_one_clear_line(tmp_path, mnist_path):
    proc = run("train", "--data", tmp_path / "nope.npz", "--model", "softmax", check=False)
    assert proc.returncode == 2 and "nope.npz: no such file or folder." in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run("train", "--data", mnist_path, "--model", "softmax", "--epochs", "0", check=False)
    assert proc.returncode == 2 and "Epochs must be" in proc.stderr
    (tmp_path / "bad.keras").write_text("not a model")
    proc = run("predict", tmp_path / "x.png", "--model", tmp_path / "bad.keras", check=False)
    assert proc.returncode == 2 and "not a Keras model file" in proc.stderr


def test_help_lists_the_commands():
    proc = run("--help")
    for command in ("train", "evaluate", "predict", "presets"):
        assert command in proc.stdout
