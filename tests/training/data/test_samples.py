import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from training.data.samples import JOURNAL, SampleStore
from training.errors import DatasetError

ROOT = Path(__file__).resolve().parents[3]


def image(value=0.5):
    x = np.zeros((28, 28), np.float32)
    x[8:20, 12:16] = value
    return x


def test_add_relabel_delete_and_counts(tmp_path):
    store = SampleStore(tmp_path)
    a = store.add(image(), 7, raw_png=b"\x89PNG fake")
    b = store.add(image(0.9), 1)
    store.add(image(), 7)
    assert store.counts()[7] == 2 and store.counts()[1] == 1
    assert a.raw_path.read_bytes() == b"\x89PNG fake"
    assert a.image().dtype == np.uint8 and a.image().max() == 128
    store.relabel(b.id, 4)
    assert store.counts()[1] == 0 and store.counts()[4] == 1
    store.delete(a.id)
    assert not a.image_path.exists() and not a.raw_path.exists()
    x, y = store.arrays()
    assert x.shape == (2, 28, 28) and sorted(y.tolist()) == [4, 7]
    # Append-only: four adds, relabels and deletes are four more lines, nothing rewritten.
    assert len((tmp_path / JOURNAL).read_text().splitlines()) == 5


def test_a_torn_last_line_and_orphan_files_are_ignored(tmp_path):
    store = SampleStore(tmp_path)
    store.add(image(), 3)
    with open(tmp_path / JOURNAL, "ab") as f:
        f.write(b'{"op":"add","id":"2026-torn","dig')  # the process died mid-line
    (tmp_path / "images" / "orphan.npy").write_bytes(b"never committed")
    assert [s.digit for s in store.samples()] == [3]
    store.add(image(), 5)  # and the store goes on working after it
    assert sorted(s.digit for s in store.samples()) == [3, 5]


def test_a_killed_process_loses_at_most_the_sample_being_written(tmp_path):
    code = f"""
import sys, numpy as np
sys.path.insert(0, {str(ROOT)!r})
from training.data.samples import SampleStore
store = SampleStore({str(tmp_path)!r})
x = np.full((28, 28), 0.5, np.float32)
for i in range(100000):
    store.add(x, i % 10, raw_png=b"png" * 2000)
    print(i + 1, flush=True)
"""
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    committed = 0
    while committed < 40:
        committed = int(child.stdout.readline())
    child.send_signal(signal.SIGKILL)
    child.wait()
    samples = SampleStore(tmp_path).samples()
    assert len(samples) >= committed  # every sample reported saved is there
    assert all(s.image().shape == (28, 28) for s in samples)


def test_export_and_import_a_keras_layout_npz(tmp_path):
    store = SampleStore(tmp_path / "a")
    for d in range(10):
        store.add(image(d / 10 + 0.05), d)
    out = tmp_path / "mine.npz"
    assert store.export_npz(out) == 10
    with np.load(out) as npz:
        assert npz["x_train"].shape == (10, 28, 28) and npz["x_test"].shape == (0, 28, 28)
    other = SampleStore(tmp_path / "b")
    assert other.import_npz(out) == 10
    assert other.counts() == [1] * 10
    np.testing.assert_array_equal(other.arrays()[0], store.arrays()[0])


def test_bad_imports_and_labels_are_refused(tmp_path):
    store = SampleStore(tmp_path)
    (tmp_path / "junk.npz").write_text("junk")
    with pytest.raises(DatasetError, match="junk.npz is not a readable .npz"):
        store.import_npz(tmp_path / "junk.npz")
    np.savez(tmp_path / "wrong.npz", x_train=np.zeros((2, 32, 32)), y_train=np.zeros(2))
    with pytest.raises(DatasetError, match="expected \\(N, 28, 28\\)"):
        store.import_npz(tmp_path / "wrong.npz")
    with pytest.raises(ValueError, match="0-9"):
        store.add(image(), 10)
    assert store.samples() == []


def test_import_is_all_or_nothing_and_damage_is_one_sentence(tmp_path):
    import zipfile as zf

    store = SampleStore(tmp_path / "store")
    good = np.full((5, 28, 28), 200, np.uint8)
    # The train split is fine, the test split has a label of 12: nothing at all is added.
    np.savez(tmp_path / "half.npz", x_train=good, y_train=np.arange(5), x_test=good[:2], y_test=np.array([1, 12]))
    with pytest.raises(DatasetError, match="labels must be 0-9"):
        store.import_npz(tmp_path / "half.npz")
    assert store.samples() == []
    np.savez_compressed(tmp_path / "ok.npz", x_train=good, y_train=np.arange(5))
    data = (tmp_path / "ok.npz").read_bytes()
    (tmp_path / "truncated.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(DatasetError, match="not a readable .npz"):
        store.import_npz(tmp_path / "truncated.npz")
    # A corrupt deflate stream inside a well-formed zip.
    with zf.ZipFile(tmp_path / "ok.npz") as src, zf.ZipFile(tmp_path / "flipped.npz", "w") as dst:
        for item in src.infolist():
            raw = bytearray(src.read(item))
            dst.writestr(item, bytes(raw), compress_type=zf.ZIP_DEFLATED)
    raw = bytearray((tmp_path / "flipped.npz").read_bytes())
    for k in range(60, 200, 7):
        raw[k] ^= 0xFF
    (tmp_path / "flipped.npz").write_bytes(bytes(raw))
    with pytest.raises(DatasetError):
        store.import_npz(tmp_path / "flipped.npz")
    # A member declaring a huge shape it does not hold.
    import io

    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": "|u1", "fortran_order": False, "shape": (100000, 28, 28)})
    header = buffer.getvalue()
    with zf.ZipFile(tmp_path / "huge.npz", "w") as z:
        z.writestr("x_train.npy", header + b"\x00" * 100)
        z.writestr("y_train.npy", header + b"\x00" * 100)
    with pytest.raises(DatasetError, match="declares"):
        store.import_npz(tmp_path / "huge.npz")
    assert store.samples() == []
    assert store.import_npz(tmp_path / "ok.npz") == 5
