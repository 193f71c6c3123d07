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
    seven = objs[0]
    assert seven["file"].endswith("canvas.png") and seven["digit"] == 7 and seven["number"] == "7"
    assert seven["reason"] is None and len(seven["digits"]) == 1
    assert 0 < seven["confidence"] <= 1 and len(seven["probabilities"]) == 10
    assert sum(seven["probabilities"]) == pytest.approx(1, abs=1e-4)
    left, top, right, bottom = seven["digits"][0]["box"]
    assert 0 <= left < right <= 280 and 0 <= top < bottom <= 280
    blank = objs[1]
    assert blank["digit"] is None and blank["number"] is None and blank["reason"] == "blank"
    assert blank["digits"] == [] and blank["confidence"] is None
    assert "error" in objs[2] and "broken.png" in objs[2]["error"]


def test_predict_reads_a_number_left_to_right_and_refuses_a_letter(tmp_path):
    """The shipped model, on a number and a letter drawn as canvas strokes."""
    from strokes import Style, render, strokes_for, strokes_from

    number = [s for i, d in enumerate((2, 0, 2, 6))
              for s in strokes_for(d, Style(size=150, pen=14, centre=(70 + 120 * i, 140)))]
    Image.fromarray(render(number, 14, canvas=520)).save(tmp_path / "number.png")
    letter = strokes_from([[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], [(0.22, 0.62), (0.78, 0.62)]],
                          Style(size=200, aspect=0.7, pen=16, centre=(140, 140)))
    Image.fromarray(255 - render(letter, 16)).save(tmp_path / "letter.png")  # dark on light, as a scan
    proc = run("predict", tmp_path / "number.png", tmp_path / "letter.png", "--json")
    number_obj, letter_obj = (json.loads(l) for l in proc.stdout.splitlines())
    assert number_obj["number"] == "2026" and number_obj["digit"] is None
    assert [d["digit"] for d in number_obj["digits"]] == [2, 0, 2, 6]
    lefts = [d["box"][0] for d in number_obj["digits"]]
    assert lefts == sorted(lefts)
    assert letter_obj["number"] is None and letter_obj["reason"] == "not a digit"
    assert letter_obj["digits"][0]["digit"] is None and letter_obj["digit"] is None
    text = run("predict", tmp_path / "number.png", tmp_path / "letter.png").stdout.splitlines()
    assert text[0].startswith(f"{tmp_path / 'number.png'}: 2026: ")
    assert text[1].startswith(f"{tmp_path / 'letter.png'}: not a digit (")


def test_one_bad_file_never_stops_a_batch_and_names_stay_on_one_line(cli_model, images, tmp_path):
    (tmp_path / "x.dds").write_bytes(b"DDS |" + b"\x00" * 200)
    (tmp_path / "loop.eps").write_text("%!PS-Adobe-3.0 EPSF-3.0\n{ } loop\n")
    forged = tmp_path / "a\nforged: 9 (100.0%).png"
    forged.write_bytes((images / "canvas.png").read_bytes())
    proc = run("predict", tmp_path / "x.dds", tmp_path / "loop.eps", forged, images / "canvas.png",
               "--model", cli_model[0], check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(proc.stdout.splitlines()) == 2 and len(proc.stderr.strip().splitlines()) == 2
    assert proc.stdout.splitlines()[0].startswith(str(tmp_path / "a\\nforged"))
    proc = run("predict", tmp_path / "x.dds", forged, "--model", cli_model[0], "--json", check=False)
    objs = [json.loads(l) for l in proc.stdout.splitlines()]
    assert "error" in objs[0] and objs[1]["file"] == str(forged) and objs[1]["digit"] == 7


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


def test_no_cuda_start_up_noise_without_a_gpu(images):
    """On a machine with no NVIDIA driver, users saw 'failed call to cuInit' on every command."""
    import os

    if os.path.exists("/proc/driver/nvidia"):
        pytest.skip("an NVIDIA driver is installed here: a failing cuInit would be a real error")
    proc = run("predict", images / "canvas.png")
    for noise in ("cuInit", "cudart_stub", "absl::InitializeLog", "E0000"):
        assert noise not in proc.stderr, proc.stderr


def test_train_checks_its_output_before_training(tmp_path, mnist_path):
    """A bad --out used to be found after the whole run; now before the first batch."""
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder.keras").mkdir()
    cases = [(tmp_path / "file.txt" / "model.keras", "is a file, not a folder"),
             (tmp_path / "folder.keras", "is a folder"),
             (tmp_path / ("x" * 300 + ".keras"), "name is too long"),
             (tmp_path / ".keras", "has no file name")]
    for out, words in cases:
        proc = run("train", "--data", mnist_path, "--model", "softmax", "--epochs", "1", "--out", out,
                   check=False)
        assert proc.returncode == 2 and words in proc.stderr, (out, proc.stderr)
        assert "training on" not in proc.stderr and "Traceback" not in proc.stderr
    for flag, value, words in (("--limit", "-499", "must be 1 or more"), ("--device", "gpu:x", "gpu:N"),
                               ("--clean-epochs", "1", "turn augmentation on")):
        proc = run("train", "--data", mnist_path, "--model", "softmax", flag, value, check=False)
        assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr
    proc = run("evaluate", "x.keras", "--limit", "-499", check=False)
    assert proc.returncode == 2 and "must be 1 or more" in proc.stderr


def test_a_save_that_fails_at_the_end_lands_in_the_data_folder(tmp_path, monkeypatch, trained):
    from training.cli import output_path, save_with_fallback

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert output_path("my", "x").name == "my.keras" and output_path(None, "cnn-mnist").name == "cnn-mnist.keras"
    target = tmp_path / "gone" / "model.keras"
    (tmp_path / "gone").write_text("the folder became a file during training")
    saved = save_with_fallback(trained.model, target, trained.sidecar())
    assert saved != target and saved.is_file() and saved.with_suffix(".json").is_file()
    assert str(saved).startswith(str(tmp_path / "data" / "DigitRecognizer" / "Digit Recognizer" / "models"))


def test_a_diverged_run_is_warned_about():
    from types import SimpleNamespace

    from training.cli import divergence_warning

    def run_with(loss):
        return SimpleNamespace(history=[SimpleNamespace(loss=loss)])

    assert divergence_warning(run_with(0.05)) is None
    assert "diverged" in divergence_warning(run_with(1e11)) and "1e+11" in divergence_warning(run_with(1e11))


def test_offline_without_data_names_the_flag_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))  # no cached copy; this machine cannot download
    proc = run("train", "--dataset", "mnist", "--model", "softmax", "--epochs", "1",
               "--out", tmp_path / "m.keras", check=False)
    assert proc.returncode == 2
    assert "could not be downloaded" in proc.stderr and proc.stderr.strip().endswith("Here: --data PATH.")
    assert "Errno" not in proc.stderr
