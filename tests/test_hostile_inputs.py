"""Hostile and damaged files, crafted and fuzzed, through predict, evaluate and the samples import.

A corpus of the cases the hardening issue named (a looping EPS, a malformed
DDS, a decompression bomb, a FIFO, a newline in a name, a float TIFF,
truncated and bit-flipped files) plus a few thousand seeded mutations of
valid PNG, JPEG, npz and IDX files. Every file must be answered by one line
(an answer or an error sentence), no traceback, the good files still read,
the whole predict process under 1 GB, and no single file over 10 s.
"""

import gzip
import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from measured_cli import run_measured
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
IMAGE_MUTATIONS = 1500
ARCHIVE_MUTATIONS = 400


def mutate(data: bytes, rng: np.random.Generator) -> bytes:
    """One of: flipped bytes, a cut, an inserted run, a header field set to an extreme."""
    data = bytearray(data)
    kind = rng.integers(0, 4)
    if kind == 0:
        for _ in range(int(rng.integers(1, 12))):
            data[int(rng.integers(0, len(data)))] ^= int(rng.integers(1, 256))
    elif kind == 1:
        data = data[:int(rng.integers(0, len(data)))]
    elif kind == 2:
        at = int(rng.integers(0, len(data)))
        data[at:at] = bytes(rng.integers(0, 256, int(rng.integers(1, 64)), dtype=np.uint8))
    else:
        at = int(rng.integers(0, min(64, len(data) - 4)))
        data[at:at + 4] = rng.choice([b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f\xff\xff\xff"])
    return bytes(data)


def digit_image(mnist, i=0):
    return Image.fromarray(mnist.x_test[i]).resize((112, 112), Image.Resampling.BICUBIC)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, mnist):
    folder = tmp_path_factory.mktemp("hostile")
    good = folder / "good"
    bad = folder / "bad"
    good.mkdir()
    bad.mkdir()
    seeds = {}
    for fmt, suffix in (("PNG", ".png"), ("JPEG", ".jpg")):
        buffer = io.BytesIO()
        digit_image(mnist).save(buffer, fmt)
        seeds[suffix] = buffer.getvalue()
        (good / f"seven{suffix}").write_bytes(seeds[suffix])
    # The named cases.
    (bad / "loop.eps").write_text("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\n")
    (bad / "fail.eps").write_text("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nundefined_op\n")
    (bad / "x.dds").write_bytes(b"DDS |" + b"\x00" * 200)
    Image.new("L", (13375, 13375), 255).save(bad / "bomb.png", optimize=True)
    os.mkfifo(bad / "fifo.png")
    (bad / "new\nline.png").write_bytes(seeds[".png"][:50])
    (bad / "empty.png").write_bytes(b"")
    (bad / "text.jpg").write_text("hello")
    array = np.zeros((40, 40), np.float32)
    array[8:32, 18:22] = 1.0
    Image.fromarray(array, "F").save(good / "float-one.tif")
    rng = np.random.default_rng(2026)
    for k in range(IMAGE_MUTATIONS):
        suffix = (".png", ".jpg")[k % 2]
        (bad / f"m{k:05d}{suffix}").write_bytes(mutate(seeds[suffix], rng))
    return good, bad


def test_predict_answers_every_file_in_one_line_within_bounds(corpus, mnist):
    good, bad = corpus
    files = sorted(good.iterdir()) + sorted(bad.iterdir())
    proc = run_measured("predict", "--json", *map(str, files), timeout=900)
    seconds, peak_kb, stderr = proc.seconds, proc.peak_kb, proc.stderr
    assert "Traceback" not in stderr and "Warning" not in stderr, stderr[-2000:]
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(objs) == len(files), "one line per file"
    by_file = {o["file"]: o for o in objs}
    assert by_file[str(good / "seven.png")]["number"] == "7"
    assert by_file[str(good / "seven.jpg")]["number"] == "7"
    assert by_file[str(good / "float-one.tif")]["number"] == "1"
    errors = [o for o in objs if "error" in o]
    # One sentence each (a newline may appear only inside the file's own name).
    assert all("\n" not in o["error"].replace(Path(o["file"]).name, "") and len(o["error"]) < 400 for o in errors)
    assert proc.returncode == 1
    assert peak_kb < 1024 * 1024, f"peak {peak_kb / 1024:.0f} MB"
    answered = len(objs) - len(errors)
    print(f"\npredict: {len(files)} files ({IMAGE_MUTATIONS} fuzzed), {len(errors)} refused in a sentence, "
          f"{answered} read (mutations Pillow still decodes), {seconds:.1f} s, peak {peak_kb / 1024:.0f} MB")


def test_no_single_image_takes_more_than_10_seconds(corpus, predictor):
    from training.errors import DigitRecognizerError
    from training.reading.preprocess import load_image
    from training.reading.recognize import read_image

    _, bad = corpus
    slowest = 0.0
    for path in sorted(bad.iterdir()):
        started = time.perf_counter()
        try:
            read_image(predictor, load_image(path))
        except DigitRecognizerError:
            pass
        slowest = max(slowest, time.perf_counter() - started)
    assert slowest < 10, slowest


@pytest.fixture(scope="module")
def archives(tmp_path_factory, mnist):
    folder = tmp_path_factory.mktemp("archives")
    small = mnist.subset(train=200, test=50)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, x_train=small.x_train, y_train=small.y_train,
                        x_test=small.x_test, y_test=small.y_test)
    npz = buffer.getvalue()
    idx_images = gzip.compress(bytes([0, 0, 8, 3]) + (50).to_bytes(4, "big") + (28).to_bytes(4, "big") * 2
                               + small.x_test.tobytes())
    idx_labels = gzip.compress(bytes([0, 0, 8, 1]) + (50).to_bytes(4, "big") + small.y_test.tobytes())
    rng = np.random.default_rng(7)
    npz_files, idx_folders = [], []
    for k in range(ARCHIVE_MUTATIONS):
        path = folder / f"n{k:04d}.npz"
        path.write_bytes(mutate(npz, rng))
        npz_files.append(path)
        if k % 4 == 0:
            sub = folder / f"idx{k:04d}"
            sub.mkdir()
            for split in ("train", "t10k"):
                images = mutate(idx_images, rng) if rng.random() < 0.5 else idx_images
                labels = mutate(idx_labels, rng) if rng.random() < 0.5 else idx_labels
                (sub / f"{split}-images-idx3-ubyte.gz").write_bytes(images)
                (sub / f"{split}-labels-idx1-ubyte.gz").write_bytes(labels)
            idx_folders.append(sub)
    return npz_files, idx_folders


def test_the_dataset_loader_and_samples_import_answer_every_damaged_file_in_a_sentence(archives, tmp_path):
    from training.data.datasets import load_dataset
    from training.data.samples import SampleStore
    from training.errors import DatasetError

    npz_files, idx_folders = archives
    refused = loaded = 0
    for path in npz_files + idx_folders:
        started = time.perf_counter()
        try:
            load_dataset("mnist", path)
            loaded += 1
        except DatasetError as exc:
            refused += 1
            assert "\n" not in str(exc) and str(path) in str(exc)
        assert time.perf_counter() - started < 10
    store = SampleStore(tmp_path / "samples")
    imported = import_refused = 0
    for path in npz_files:
        before = len(store.samples())
        try:
            count = store.import_npz(path)
            imported += 1
            assert len(store.samples()) == before + count
        except DatasetError as exc:
            import_refused += 1
            assert len(store.samples()) == before, "a refused import added samples"
            assert "\n" not in str(exc)
    print(f"\ndataset loader: {len(npz_files)} fuzzed npz and {len(idx_folders)} IDX folders, {refused} refused "
          f"in a sentence, {loaded} loaded; samples import: {import_refused} refused, {imported} imported")
    assert refused > len(npz_files) // 2


def test_evaluate_names_a_damaged_dataset_in_one_line(archives, model_file):
    npz_files, _ = archives
    damaged = next(p for p in npz_files if not zipfile.is_zipfile(p))
    proc = subprocess.run([sys.executable, "-m", "app", "evaluate", str(model_file), "--data", str(damaged)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and str(damaged) in lines[0], proc.stderr
