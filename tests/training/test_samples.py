import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from training.errors import DatasetError
from training.samples import JOURNAL, SampleStore

ROOT = Path(__file__).resolve().parents[2]


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
from training.samples import SampleStore
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
