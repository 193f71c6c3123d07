import gzip
from pathlib import Path

import numpy as np
import pytest

from training.data.datasets import IDX_FILES, load_dataset, read_idx
from training.errors import DatasetError


def write_idx(path, array, compress):
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    data = header + array.astype(np.uint8).tobytes()
    (gzip.open if compress else open)(path, "wb").write(data)


@pytest.fixture
def small(mnist):
    return mnist.subset(train=500, test=100)


def save_npz(path, **arrays):
    np.savez(path, **arrays)
    return path


def test_full_mnist_loads_with_the_documented_counts(mnist):
    assert mnist.x_train.shape == (60000, 28, 28) and mnist.x_test.shape == (10000, 28, 28)
    assert mnist.x_train.dtype == np.uint8
    assert np.bincount(mnist.y_train).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


@pytest.mark.parametrize("compress", [True, False])
def test_idx_folder_loads_the_same_arrays(tmp_path, small, compress):
    for key, stem in IDX_FILES.items():
        write_idx(tmp_path / (stem + (".gz" if compress else "")), getattr(small, key), compress)
    loaded = load_dataset("mnist", tmp_path)
    for key in IDX_FILES:
        np.testing.assert_array_equal(getattr(loaded, key), getattr(small, key))


def test_idx_truncated_file_is_named(tmp_path, small):
    path = tmp_path / "t10k-labels-idx1-ubyte"
    write_idx(path, small.y_test, False)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(DatasetError, match="t10k-labels-idx1-ubyte is truncated"):
        read_idx(path)


def test_idx_folder_missing_a_file(tmp_path, small):
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", small.x_train, True)
    with pytest.raises(DatasetError, match="lacks train-labels-idx1-ubyte"):
        load_dataset("mnist", tmp_path)


@pytest.mark.parametrize("change, message", [
    (dict(x_train=np.zeros((10, 32, 32), np.uint8)), r"x_train has shape \(10, 32, 32\)"),
    (dict(x_test=np.zeros((100, 28, 28), np.float32)), "x_test holds float32"),
    (dict(y_train=np.full(500, 12)), "labels from 12 to 12"),
    (dict(y_test=np.zeros(7, np.uint8)), "x_test has 100 images but y_test has 7 labels"),
    (dict(y_train=np.zeros(500, np.uint8)), "no image of class 1, 2, 3"),
])
def test_malformed_npz_is_refused_with_one_clear_sentence(tmp_path, small, change, message):
    arrays = dict(x_train=small.x_train, y_train=small.y_train, x_test=small.x_test, y_test=small.y_test)
    arrays.update(change)
    path = save_npz(tmp_path / "bad.npz", **arrays)
    with pytest.raises(DatasetError, match=message) as info:
        load_dataset("mnist", path)
    assert str(path) in str(info.value)


def test_npz_missing_keys(tmp_path, small):
    path = save_npz(tmp_path / "partial.npz", x_train=small.x_train, y_train=small.y_train)
    with pytest.raises(DatasetError, match="lacks x_test, y_test"):
        load_dataset("mnist", path)


def test_not_a_dataset_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(DatasetError, match="neither a .npz file nor a folder"):
        load_dataset("mnist", path)
    with pytest.raises(DatasetError, match="no such file"):
        load_dataset("mnist", tmp_path / "missing.npz")


def test_keras_cache_is_used_before_download(tmp_path, monkeypatch, small):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    (tmp_path / "datasets").mkdir()
    save_npz(tmp_path / "datasets" / "mnist.npz", x_train=small.x_train, y_train=small.y_train,
             x_test=small.x_test, y_test=small.y_test)
    assert len(load_dataset("mnist", download=False).x_train) == 500


def test_offline_without_a_file_says_where_to_put_it(tmp_path, monkeypatch):
    # This machine has no route to the dataset host, so Keras' real download fails.
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(DatasetError) as info:
        load_dataset("mnist")
    text = str(info.value)
    # Issue 14: what happened and what to do, in a user's words: no URL error, no command-line flag.
    assert "could not be downloaded" in text and "no internet connection" in text
    assert str(tmp_path / "datasets" / "mnist.npz") in text and "choose the file yourself" in text
    assert "Errno" not in text and "URL fetch" not in text and "--data" not in text


def test_unknown_dataset_name():
    with pytest.raises(DatasetError, match="Unknown dataset 'cifar'"):
        load_dataset("cifar")


def test_subset_is_reproducible(mnist):
    a, b = mnist.subset(train=100, seed=3), mnist.subset(train=100, seed=3)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    assert len(a.x_test) == 10000


def test_fashion_mnist_from_the_debian_package(tmp_path, monkeypatch):
    from training.data.datasets import DATASETS

    folder = DATASETS["fashion-mnist"].system_dirs[0]
    if not Path(folder).is_dir():
        pytest.skip("apt-get install dataset-fashion-mnist (.ci/run installs it)")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))  # no cached copy: the system folder is next
    fashion = load_dataset("fashion-mnist", download=False)
    assert fashion.x_train.shape == (60000, 28, 28) and fashion.class_names[9] == "Ankle boot"
    # One dataset's file chosen for the other is refused, both ways.
    with pytest.raises(DatasetError, match="is Fashion-MNIST, not MNIST: choose the MNIST file"):
        load_dataset("mnist", folder)


def test_mnist_is_not_taken_for_fashion_mnist(mnist_path):
    with pytest.raises(DatasetError, match=r"mnist.npz is MNIST, not Fashion-MNIST: choose the Fashion-MNIST file"):
        load_dataset("fashion-mnist", mnist_path)


def test_damaged_dataset_files_are_one_accurate_sentence(tmp_path, small):
    import gzip
    import io
    import zipfile as zf

    path = save_npz(tmp_path / "ok.npz", x_train=small.x_train, y_train=small.y_train,
                    x_test=small.x_test, y_test=small.y_test)
    data = path.read_bytes()
    (tmp_path / "truncated.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(DatasetError, match="damaged or truncated .npz file"):
        load_dataset("mnist", tmp_path / "truncated.npz")

    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": "|u1", "fortran_order": False,
                                                  "shape": (10**7, 28, 28)})
    with zf.ZipFile(tmp_path / "huge.npz", "w") as z:
        for key in ("x_train", "y_train", "x_test", "y_test"):
            z.writestr(f"{key}.npy", buffer.getvalue() + b"\0" * 64)
    with pytest.raises(DatasetError, match=r"x_train declares \(10000000, 28, 28\)"):
        load_dataset("mnist", tmp_path / "huge.npz")

    folder = tmp_path / "idx"
    folder.mkdir()
    header = bytes([0, 0, 8, 3]) + (2**31).to_bytes(4, "big") * 3  # dimensions whose product overflows
    for stem in ("train-images-idx3-ubyte", "t10k-images-idx3-ubyte"):
        (folder / stem).write_bytes(header + b"\0" * 10)
    for stem in ("train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"):
        (folder / stem).write_bytes(bytes([0, 0, 8, 1]) + (10).to_bytes(4, "big") + b"\0" * 10)
    with pytest.raises(DatasetError, match="more than any dataset this app reads"):
        load_dataset("mnist", folder)

    good = gzip.compress(bytes([0, 0, 8, 1]) + (1000).to_bytes(4, "big") + bytes(1000))
    broken = good[:12] + bytes(b ^ 0x5A for b in good[12:-8]) + good[-8:]
    (folder / "train-labels-idx1-ubyte").unlink()
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(broken)
    (folder / "train-images-idx3-ubyte").unlink()
    (folder / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(bytes([0, 0, 8, 3]) + (1).to_bytes(4, "big")
                                                                      + (28).to_bytes(4, "big") * 2 + bytes(784)))
    with pytest.raises(DatasetError, match="damaged: its compressed data cannot be unpacked"):
        load_dataset("mnist", folder)
