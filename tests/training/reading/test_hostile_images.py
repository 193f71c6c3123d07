"""Noise, dots, stripes and rulers: "not a digit" or "no digit", quickly (issue 32, item 4).

A 240x240 image with 5% salt noise took 109-149 s and read as a 93-101 digit
"111...1"; grouping pieces restarted its double loop after every merge.
"""

import json
import time

import numpy as np
import pytest
from measured_cli import run_measured
from PIL import Image


def salt(seed):
    rng = np.random.default_rng(seed)
    gray = np.full((240, 240), 255, np.uint8)
    gray[rng.random((240, 240)) < 0.05] = 0
    return gray


def dots(step, size):
    gray = np.full((240, 240), 255, np.uint8)
    for y in range(step // 2, 240, step):
        for x in range(step // 2, 240, step):
            gray[y:y + size, x:x + size] = 0
    return gray


def stripes():
    gray = np.full((240, 240), 255, np.uint8)
    for x in range(4, 236, 8):
        gray[20:220, x:x + 3] = 0
    return gray


def ticks(base_line):
    """A ruler: ticks every 10 px, long every tenth, middling every fifth; with or without its edge."""
    gray = np.full((120, 480), 255, np.uint8)
    if base_line:
        gray[10:14, 10:470] = 0
    for k, x in enumerate(range(10, 471, 10)):
        gray[14:14 + (40 if k % 10 == 0 else 25 if k % 5 == 0 else 14), x:x + 2] = 0
    return gray


def ruler_photo():
    """A photographed ruler: grey table, lighter ruler with dark edges and ticks."""
    gray = np.full((200, 800), 200, np.uint8)
    gray[40:160, 20:780] = 235
    gray[40:43, 20:780] = 30
    gray[157:160, 20:780] = 30
    for k, x in enumerate(range(30, 771, 8)):
        gray[43:43 + (40 if k % 10 == 0 else 28 if k % 5 == 0 else 16), x:x + 2] = 30
    return gray


HOSTILE = {
    "salt-1": lambda: salt(1), "salt-2": lambda: salt(2), "salt-3": lambda: salt(3),
    "dots-12": lambda: dots(12, 4), "dots-6": lambda: dots(6, 2), "stripes": stripes,
    "stripes-across": lambda: stripes().T.copy(), "ruler": lambda: ticks(True), "ruler-ticks": lambda: ticks(False),
    "ruler-photo": ruler_photo,
}


@pytest.fixture(scope="module")
def shipped():
    from training.models.library import shipped_model_path
    from training.models.opening import open_predictor

    return open_predictor(shipped_model_path())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_noise_dots_stripes_and_rulers_are_no_number_within_two_seconds(shipped, name):
    from training.reading.preprocess import to_grayscale
    from training.reading.recognize import read_image

    gray = to_grayscale(HOSTILE[name]())
    started = time.perf_counter()
    reading = read_image(shipped, gray)
    seconds = time.perf_counter() - started
    assert seconds <= 2.0, seconds
    assert reading.number is None, reading.text
    assert len(reading.digits) <= 1 and all(d.answer.not_a_digit for d in reading.digits), reading.text


def test_many_strokes_on_the_canvas_are_no_number_within_two_seconds(shipped):
    """Hundreds of dabs, each a stroke: the pieces follow the strokes, and are bounded as well."""
    from training.reading.recognize import read_image
    from training.reading.segment import PenStroke

    rng = np.random.default_rng(5)
    gray = np.zeros((400, 400), np.float32)
    strokes = []
    for x, y in rng.integers(10, 390, (400, 2)):
        gray[y - 2:y + 3, x - 2:x + 3] = 1.0
        strokes.append(PenStroke(((float(x), float(y)),), 4.0))
    started = time.perf_counter()
    reading = read_image(shipped, gray, strokes)
    assert time.perf_counter() - started <= 2.0
    assert reading.number is None and len(reading.digits) <= 1


def test_a_real_number_still_reads(shipped, mnist):
    """The bounds leave written numbers alone: four MNIST digits side by side read as they are."""
    from training.reading.recognize import read_image

    picks = [int(np.flatnonzero(mnist.y_test == d)[0]) for d in (2, 0, 2, 6)]
    row = np.concatenate([mnist.x_test[i] for i in picks], axis=1)
    gray = 255 - np.asarray(Image.fromarray(row).resize((row.shape[1] * 5, 140)), np.uint8)
    assert read_image(shipped, gray.astype(np.float32) / 255).number == "2026"


def test_grouping_thousands_of_pieces_is_near_linear():
    from training.reading.segment import MERGE_OVERLAP, _merge_overlapping

    rng = np.random.default_rng(0)
    for n in (50, 5000):
        x0 = rng.integers(0, 10 * n, n)
        parts = [{"runs": [k], "area": 1, "x0": int(a), "x1": int(a + rng.integers(1, 30)), "y0": 0, "y1": 1}
                 for k, a in enumerate(x0)]
        started = time.perf_counter()
        groups = _merge_overlapping(parts)
        seconds = time.perf_counter() - started
        # Every part in exactly one group, and no two groups left that share most of their extent.
        assert sorted(k for g in groups for k in g["runs"]) == list(range(n))
        for a, b in zip(groups, groups[1:]):
            overlap = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            assert not (overlap > 0 and overlap >= MERGE_OVERLAP * min(a["x1"] - a["x0"], b["x1"] - b["x0"]))
    assert seconds < 0.5, seconds


def test_predict_answers_each_hostile_image_in_a_line_under_1_gb(tmp_path):
    """Through the command line, as a user would: one object each, no number, the whole process under 1 GB."""
    files = []
    for name, make in sorted(HOSTILE.items()):
        path = tmp_path / f"{name}.png"
        Image.fromarray(make()).save(path)
        files.append(path)
    proc = run_measured("predict", "--json", *map(str, files), timeout=300)
    seconds, peak_kb = proc.seconds, proc.peak_kb
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(objs) == len(files)
    assert all(not o.get("number") for o in objs), objs
    assert peak_kb < 1024 * 1024, peak_kb
    print(f"\nhostile images: {len(files)} through predict in {seconds:.1f} s (start-up included), "
          f"peak {peak_kb / 1024:.0f} MB")


def flood_fill_components(binary):
    """8-connected components by a plain flood fill: the reference."""
    seen = np.zeros_like(binary, bool)
    out = []
    for start in zip(*np.nonzero(binary)):
        if seen[start]:
            continue
        stack, pixels = [start], set()
        seen[start] = True
        while stack:
            y, x = stack.pop()
            pixels.add((int(y), int(x)))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < binary.shape[0] and 0 <= nx < binary.shape[1] and binary[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        out.append(frozenset(pixels))
    return set(out)


def test_components_match_a_flood_fill_and_take_one_pass_per_row():
    from training.reading.segment import components

    rng = np.random.default_rng(3)
    for _ in range(200):
        binary = rng.random((int(rng.integers(1, 30)), int(rng.integers(1, 30)))) < rng.choice([0.1, 0.3, 0.5, 0.7])
        found = {frozenset((r, x) for r, s, e in runs for x in range(s, e)) for runs in components(binary)}
        assert found == flood_fill_components(binary)
    stripes = np.zeros((240, 240), bool)
    stripes[:, ::2] = True  # 120 runs a row under 120 runs: 14,400 comparisons a row before
    started = time.perf_counter()
    assert len(components(stripes)) == 120
    assert time.perf_counter() - started < 0.5
