"""The trajectory network: the pen's path read beside the image, for a model whose sidecar pairs one."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from training.data.pen import Look, place, render_paper
from training.files import file_sha256
from training.models.library import shipped_model_path
from training.models.modelfile import read_info, sidecar_path
from training.models.opening import check_entry, open_predictor
from training.reading.recognize import read_image
from training.reading.segment import PenStroke, drawn_whole, stroke_pieces
from training.reading.trajectory import CHANNELS, POINTS, features

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DIGIT_RECOGNIZER_RUNTIME", raising=False)


def on_paper(strokes, height=220.0, pen=18.0):
    """(gray snapshot, its PenStrokes) for strokes put on the canvas's paper as the canvas paints them."""
    placed = [s + (300, 200) for s in place(strokes, Look(height=height, pen=pen))]
    ink = render_paper(placed, pen)  # at the snapshot's scale (half the paper's pixels), cut to the ink's box
    gray = np.zeros((ink.shape[0] + 120, ink.shape[1] + 120), np.float32)  # on a dark page, as the canvas
    gray[60:-60, 60:-60] = ink
    origin = np.concatenate(placed).min(axis=0) - (pen / 2 + 2)  # where render_paper's raster starts
    return gray, [PenStroke(tuple(map(tuple, (s - origin) / 2 + 60)), pen / 2) for s in placed]


def test_features_keep_shape_and_order_not_size_or_place():
    four = [np.array([[0, 0], [-20, 60], [30, 60]], float), np.array([[20, 10], [20, 100]], float)]
    f = features(four)
    assert f.shape == (POINTS, CHANNELS) and f.dtype == np.float32
    assert f[:, 4].sum() == 2 and f[0, 4] == 1  # two strokes start
    np.testing.assert_allclose(features([s * 3 + 100 for s in four]), f, atol=1e-5)
    assert np.abs(f[:, :2]).max() <= 0.5 + 1e-6
    directions = np.hypot(f[:, 2], f[:, 3])
    assert np.all((np.abs(directions - 1) < 1e-5) | (directions == 0))
    # The same strokes in the other order are another path.
    assert not np.allclose(features(four[::-1]), f)
    assert features([]) is None and features([np.zeros((0, 2))]) is None
    assert features([[(5.0, 5.0)]]).shape == (POINTS, CHANNELS)  # a dot
    assert features([np.array([[0, 0], [np.nan, 1]])]) is None


def test_a_stroke_an_eraser_cut_is_not_read_as_a_path():
    ink, strokes = on_paper([np.array([[0, 0], [0, 1.0]])])
    assert drawn_whole(ink, strokes[0])
    [piece] = stroke_pieces(ink, strokes, keep_strokes=True)
    assert piece.strokes == (0,)
    rubbed = ink.copy()
    ys = [int(y) for _, y in strokes[0].points]
    rubbed[(min(ys) + max(ys)) // 2 - 15:(min(ys) + max(ys)) // 2 + 15, :] = 0  # the middle rubbed out
    assert not drawn_whole(rubbed, strokes[0])
    assert all(p.strokes == () for p in stroke_pieces(rubbed, strokes, keep_strokes=True))


def test_malformed_sidecar_entries_are_not_used():
    good = {"file": "m-trajectory.tflite", "sha256": "0" * 64, "weight": 0.5, "not_a_digit_shift": -2.0,
            "features_version": 1}
    assert check_entry(good) == good
    for bad in ({**good, "weight": 2}, {**good, "weight": True}, {**good, "file": "../x.tflite"},
                {**good, "not_a_digit_shift": float("nan")}, {**good, "features_version": 99},
                {**good, "sha256": None}, "text", None):
        assert check_entry(bad) is None, bad


def test_the_shipped_model_reads_strokes_with_its_trajectory_network():
    path = shipped_model_path()
    entry = read_info(path)["trajectory"]
    assert entry["command"].startswith("digit-recognizer train-trajectory")
    assert file_sha256(path.with_name(entry["file"])) == entry["sha256"]
    assert (path.stat().st_size + path.with_name(entry["file"]).stat().st_size) <= 5 * 2**20
    predictor = open_predictor(path)
    assert predictor.trajectory is not None and predictor.trajectory.weight == entry["weight"]


def test_the_shipped_pair_reads_digits_drawn_in_an_unusual_order_by_their_picture():
    # The project's stroke generator draws a 6 whose loop runs clockwise, as a
    # 5's bowl does, and an 8 as two circles: the path network alone reads
    # them as 5 and 3. The picture decides which digit.
    from strokes import Style, strokes_for

    predictor = open_predictor(shipped_model_path())
    for variant in (0, 1):
        for digit in range(10):
            strokes = [np.asarray(s, float) - (300, 200) for s in
                       strokes_for(digit, Style(size=170, pen=16, centre=(300, 200), variant=variant))]
            gray, pen_strokes = on_paper(strokes)
            answer = read_image(predictor, gray, pen_strokes).digits[0].answer
            assert answer.digit == digit and answer.sure, (variant, digit, answer.describe())


@pytest.fixture(scope="module")
def paired(tmp_path_factory, pen_path, pendigits_path):
    """A copy of the shipped image model paired, by the real command, with a trajectory network trained briefly
    (on both pen files)."""
    folder = tmp_path_factory.mktemp("paired")
    shipped = shipped_model_path()
    for suffix in (".keras", ".json", ".tflite"):
        shutil.copy(shipped.with_suffix(suffix), folder / f"m{suffix}")
    info = json.loads((folder / "m.json").read_text())
    info.pop("trajectory", None)  # the copy starts unpaired
    (folder / "m.json").write_text(json.dumps(info))
    run = subprocess.run([sys.executable, "-m", "app", "train-trajectory", str(folder / "m.keras"),
                          "--pen-data", str(pen_path), str(pendigits_path), "--every", "40", "--epochs", "1",
                          "--seed", "3"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    assert run.returncode == 0, run.stderr
    assert "saved m-trajectory.tflite beside m.keras" in run.stdout
    return folder / "m.keras"


def test_train_trajectory_pairs_its_network_in_the_sidecar(paired):
    entry = read_info(paired)["trajectory"]
    assert entry["file"] == "m-trajectory.tflite" and entry["weight"] == 0.5 and entry["not_a_digit_shift"] == 0
    assert entry["sha256"] == file_sha256(paired.with_name(entry["file"]))
    assert entry["epochs"] == 1 and entry["seed"] == 3 and "--every 40" in entry["command"]
    assert read_info(paired)["sha256"] == file_sha256(paired)  # the image model is untouched


def test_strokes_are_read_with_both_networks_images_with_one(paired, pen):
    i = int(np.flatnonzero(pen.is_digit & pen.held_out())[0])
    gray, strokes = on_paper(pen.strokes(i))
    predictor = open_predictor(paired)
    with_path = read_image(predictor, gray, strokes)
    as_image = read_image(predictor, gray)
    predictor.trajectory = None
    image_only = read_image(predictor, gray, strokes)
    assert len(with_path.digits) == len(image_only.digits) == 1
    both, alone = with_path.digits[0].answer.probabilities, image_only.digits[0].answer.probabilities
    assert not np.allclose(both, alone)
    # Whether it is a digit, both decide; which digit, the picture alone.
    np.testing.assert_allclose(both / both.sum(), alone / alone.sum(), atol=1e-5)
    np.testing.assert_allclose(as_image.digits[0].answer.probabilities,
                               image_only.digits[0].answer.probabilities, atol=1e-6)


def test_a_damaged_trajectory_file_leaves_the_image_network_reading(paired, pen, tmp_path, caplog):
    for f in paired.parent.iterdir():
        shutil.copy(f, tmp_path / f.name)
    model = tmp_path / "m.keras"
    (tmp_path / "m-trajectory.tflite").write_bytes(b"\0" * 100)
    with caplog.at_level(logging.WARNING, logger="digit_recognizer.models"):
        predictor = open_predictor(model)
    assert predictor.trajectory is None
    assert "trajectory network is not used" in caplog.text
    gray, strokes = on_paper(pen.strokes(int(np.flatnonzero(pen.is_digit)[0])))
    assert len(read_image(predictor, gray, strokes).digits) == 1
    (tmp_path / "m-trajectory.tflite").unlink()  # missing altogether: the same
    assert open_predictor(model).trajectory is None


def test_a_ten_class_model_cannot_be_paired(model_file, tmp_path, pen_path):
    for suffix in (".keras", ".json"):
        shutil.copy(model_file.with_suffix(suffix), tmp_path / f"ten{suffix}")
    run = subprocess.run([sys.executable, "-m", "app", "train-trajectory", str(tmp_path / "ten.keras"),
                          "--pen-data", str(pen_path), "--every", "400", "--epochs", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "cannot say \"not a digit\"" in run.stderr
    assert "trajectory" not in json.loads(sidecar_path(tmp_path / "ten.keras").read_text())
