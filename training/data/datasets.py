"""MNIST and Fashion-MNIST: find, load and validate.

A dataset comes from, in this order:
  1. a path the user gives: a Keras-layout ``.npz`` (x_train, y_train, x_test,
     y_test) or a folder holding the four IDX files (``.gz`` or raw);
  2. a copy already on this machine: the Keras cache (``$KERAS_HOME`` or
     ``~/.keras``), or a system folder such as Debian's ``dataset-fashion-mnist``;
  3. Keras' own download into its cache.
Every failure is a :class:`DatasetError` whose message names the file and says
what is wrong, or where to put the file when no download is possible.
"""

from __future__ import annotations

import gzip
import math
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training.data.arrays import Dataset, read_npz_arrays
from training.data.pen import load_pen, mnist_with_pen
from training.errors import DatasetError
from training.messages import Message
from training.paths import keras_cache_dir

IMAGE_SHAPE = (28, 28)
NUM_CLASSES = 10
NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")
IDX_FILES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    title: str
    class_names: tuple[str, ...]
    cache_entry: str  # file or folder under the Keras cache's datasets/
    system_dirs: tuple[str, ...] = ()
    train_images: int = 60_000  # for the expected duration shown before a run starts


DATASETS: dict[str, DatasetSpec] = {
    "mnist": DatasetSpec(
        name="mnist",
        title="MNIST handwritten digits",
        class_names=tuple(str(d) for d in range(10)),
        cache_entry="mnist.npz",
    ),
    "fashion-mnist": DatasetSpec(
        name="fashion-mnist",
        title="Fashion-MNIST clothing (a harder benchmark)",
        class_names=("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                     "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
        cache_entry="fashion-mnist",
        system_dirs=("/usr/share/datasets/fashion-mnist",),
    ),
    # MNIST plus real pen handwriting (training/pen.py): the digits, and an
    # eleventh class for letters, symbols and scribbles.
    "mnist+pen": DatasetSpec(
        name="mnist+pen",
        title="MNIST + real pen handwriting, with \"not a digit\"",
        class_names=(*(str(d) for d in range(10)), "not a digit"),
        cache_entry="mnist.npz",
        train_images=102_103,  # tests/training/data/test_pen.py counts it from the UNIPEN file alone
    ),
}

# Short names for a model's dataset in tables and the status bar.
DATASET_LABELS = {"mnist": "MNIST", "fashion-mnist": "Fashion-MNIST", "mnist+pen": "MNIST + pen",
                  "mnist+samples": "MNIST + my samples"}


def dataset_spec(name: str) -> DatasetSpec:
    key = name.strip().lower().replace("_", "-")
    if key in ("fashion", "fashion-mnist"):
        key = "fashion-mnist"
    if key in ("pen", "mnist-pen", "mnist+pen"):
        key = "mnist+pen"
    try:
        return DATASETS[key]
    except KeyError:
        known = ", ".join(DATASETS)
        raise DatasetError("Unknown dataset {name}; choose one of: {known}.", name=f"{name!r}", known=known) from None


def load_dataset(name: str = "mnist", path: str | os.PathLike | None = None,
                 download: bool = True, pen_path: str | os.PathLike | None = None) -> Dataset:
    """Load a dataset from ``path``, a local copy, or Keras' download.

    ``mnist+pen`` is MNIST (found as above) plus the pen data (``pen_path``: one
    file, "a.npz; b.npz" or a list, or where :func:`training.data.pen.find_pen_file` looks).
    """
    spec = dataset_spec(name)
    if spec.name == "mnist+pen":

        pen = load_pen(pen_path)  # first: a missing pen file is said before MNIST is read
        return mnist_with_pen(load_dataset("mnist", path, download), pen, cache=True)
    if path is not None:
        return _load_path(spec, Path(path).expanduser())

    for candidate in local_candidates(spec):
        if candidate.exists():
            return _load_path(spec, candidate)

    if not download:
        raise DatasetError(_where_to_put_it(spec, Message("No local copy was found")))
    return _download(spec)


def local_candidates(spec: DatasetSpec) -> list[Path]:
    return [keras_cache_dir() / spec.cache_entry, *map(Path, spec.system_dirs)]


def _where_to_put_it(spec: DatasetSpec, what_happened: str) -> Message:
    target = keras_cache_dir() / spec.cache_entry
    if spec.cache_entry.endswith(".npz"):
        return Message("{what_happened}. Put a Keras-layout mnist.npz at {target}, or choose the file yourself.",
                       what_happened=what_happened, target=target)
    return Message("{what_happened}. Put a folder with the four IDX files at {target}, or choose the file yourself.",
                   what_happened=what_happened, target=target)


# How network failures read inside Keras' "URL fetch failure on ...: None -- [Errno -2] ..."
_OFFLINE = ("errno -2", "errno -3", "name or service not known", "temporary failure in name resolution",
            "nodename nor servname", "getaddrinfo", "network is unreachable", "no route to host",
            "timed out", "connection refused", "connection reset", "urlopen error")


def download_failure(spec: DatasetSpec, exc: Exception) -> Message:
    """What went wrong with a download, in a user's words (never the raw URL error)."""
    text = str(exc).lower()
    title = Message(spec.title)
    if any(marker in text for marker in _OFFLINE):
        return Message("{title} is not on this computer yet, and it could not be downloaded: the download server "
                       "cannot be reached (no internet connection?)", title=title)
    if "403" in text or "404" in text or "http error" in text:
        return Message("{title} could not be downloaded: the server refused the request", title=title)
    return Message("{title} could not be downloaded ({error})", title=title, error=type(exc).__name__)


def _download(spec: DatasetSpec) -> Dataset:
    from training._tf import keras

    loader = {"mnist": keras.datasets.mnist,
              "fashion-mnist": keras.datasets.fashion_mnist}[spec.name]
    try:
        (x_train, y_train), (x_test, y_test) = loader.load_data()
    except Exception as exc:  # Keras wraps network errors in several types
        raise DatasetError(_where_to_put_it(spec, download_failure(spec, exc))) from exc
    arrays = dict(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return _make_dataset(spec, arrays, str(keras_cache_dir() / spec.cache_entry))


def _load_path(spec: DatasetSpec, path: Path) -> Dataset:
    from training.givenpath import FOLDER, check_given_path

    # First, before zipfile.is_zipfile: /dev/zero read as data never ends, a FIFO never answers.
    if check_given_path(path, DatasetError, folder_ok=True) == FOLDER:
        arrays = _read_idx_folder(path)
    elif zipfile.is_zipfile(path):
        arrays = _read_npz(path)
    else:
        try:
            with open(path, "rb") as f:
                head = f.read(4)
        except OSError as exc:
            raise DatasetError("{path} cannot be read ({reason}).", path=path, reason=exc.strerror or exc) from None
        if head.startswith(b"PK"):
            raise DatasetError("{path} is a damaged or truncated .npz file (its zip directory is missing).",
                               path=path)
        if head.startswith(b"\x1f\x8b"):
            raise DatasetError("{path} is a single gzip file; choose the folder that holds the four IDX files.",
                               path=path)
        raise DatasetError(
            "{path} is neither a .npz file nor a folder of IDX files.", path=path)
    return _make_dataset(spec, arrays, str(path))


def _read_npz(path: Path) -> dict[str, np.ndarray]:
    arrays = read_npz_arrays(path, NPZ_KEYS)
    missing = [k for k in NPZ_KEYS if k not in arrays]
    if missing:
        raise DatasetError(
            "{path} lacks {names}: a Keras-layout .npz holds x_train, y_train, x_test and y_test.",
            path=path, names=', '.join(missing))
    return arrays


def _read_idx_folder(folder: Path) -> dict[str, np.ndarray]:
    arrays = {}
    for key, stem in IDX_FILES.items():
        found = [p for p in (folder / (stem + ".gz"), folder / stem) if p.is_file()]
        if not found:
            raise DatasetError(
                "{folder} lacks {stem}(.gz): an IDX folder holds {names}, each raw or gzipped.",
                folder=folder, stem=stem, names=', '.join(IDX_FILES.values()))
        arrays[key] = read_idx(found[0])
    return arrays


MAX_IDX_BYTES = 2**31  # 2 GB: ten times Fashion-MNIST; a header asking more is damaged


def read_idx(path: Path) -> np.ndarray:
    """Read one IDX file (unsigned-byte data, 1 or 3 dimensions), checking its header before reading on."""
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as f:
            head = f.read(4)
            if len(head) < 4 or head[0] != 0 or head[1] != 0 or head[2] != 0x08:
                raise DatasetError("{path} is not an IDX file of unsigned bytes.", path=path)
            ndim = head[3]
            if ndim not in (1, 3):
                raise DatasetError("{path} has {ndim} dimensions; expected 1 (labels) or 3 (images).",
                                   path=path, ndim=ndim)
            dims = f.read(4 * ndim)
            if len(dims) < 4 * ndim:
                raise DatasetError("{path} is truncated inside its header.", path=path)
            shape = tuple(int.from_bytes(dims[4 * i: 4 * i + 4], "big") for i in range(ndim))
            expected = math.prod(shape)  # Python integers: no overflow
            if expected > MAX_IDX_BYTES:
                raise DatasetError("{path} declares shape {shape} ({expected} bytes), more than any dataset this app reads; the file is damaged.",
                                   path=path, shape=shape, expected=f"{expected:,}")
            data = f.read(expected + 1)  # one more, to notice padding
    except DatasetError:
        raise
    except (zlib.error, gzip.BadGzipFile, EOFError):
        raise DatasetError("{path} is damaged: its compressed data cannot be unpacked.", path=path) from None
    except PermissionError:
        raise DatasetError("{path} cannot be read: permission denied.", path=path) from None
    except OSError as exc:
        raise DatasetError("{path} cannot be read ({reason}).", path=path, reason=exc.strerror or exc) from None
    if len(data) != expected:
        raise DatasetError(
            "{path} is truncated or padded: its header promises {expected} bytes of data for shape {shape}, it holds {count}{value}.",
            path=path, expected=expected, shape=shape, count=len(data), value=' or more' if len(data) > expected else '')
    return np.frombuffer(data, dtype=np.uint8).reshape(shape)


# The official files' first ten test labels. Both datasets are ten classes of 28x28 images, so nothing
# else tells them apart, and a run once trained "Fashion-MNIST" on MNIST's file.
FIRST_TEST_LABELS = {"mnist": (7, 2, 1, 0, 4, 1, 4, 9, 5, 9), "fashion-mnist": (9, 2, 1, 1, 6, 1, 4, 6, 5, 7)}


def _make_dataset(spec: DatasetSpec, arrays: dict[str, np.ndarray], source: str) -> Dataset:
    validate_arrays(arrays, source, len(spec.class_names))
    first = tuple(int(label) for label in arrays["y_test"][:10])
    for other, labels in FIRST_TEST_LABELS.items():
        if spec.name in FIRST_TEST_LABELS and other != spec.name and first == labels:
            raise DatasetError("{source} is {other}, not {name}: choose the {name} file, or leave the data file "
                               "empty to use the usual places.", source=source,
                               other=DATASET_LABELS[other], name=DATASET_LABELS[spec.name])
    return Dataset(name=spec.name, class_names=spec.class_names, source=source,
                   **{k: np.asarray(arrays[k], dtype=np.uint8) for k in NPZ_KEYS})


def validate_arrays(arrays: dict[str, np.ndarray], source: str, num_classes: int = NUM_CLASSES) -> None:
    """Refuse anything that is not 28x28 uint8 images with labels 0..num_classes-1."""
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.ndim != 3 or x.shape[1:] != IMAGE_SHAPE:
            raise DatasetError(
                "{source}: x_{split} has shape {shape}; expected (N, 28, 28) images.",
                source=source, split=split, shape=x.shape)
        if x.dtype != np.uint8:
            raise DatasetError(
                "{source}: x_{split} holds {dtype}; expected uint8 pixels 0-255.",
                source=source, split=split, dtype=x.dtype)
        if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
            raise DatasetError(
                "{source}: y_{split} has shape {shape} and type {dtype}; expected one integer label per image.",
                source=source, split=split, shape=y.shape, dtype=y.dtype)
        if len(x) != len(y):
            raise DatasetError(
                "{source}: x_{split} has {count} images but y_{split} has {count2} labels.",
                source=source, split=split, count=len(x), count2=len(y))
        if len(y) == 0:
            raise DatasetError("{source}: the {split} split is empty.", source=source, split=split)
        if y.min() < 0 or y.max() >= num_classes:
            raise DatasetError(
                "{source}: y_{split} has labels from {min} to {max}; expected 0 to {value}.",
                source=source, split=split, min=y.min(), max=y.max(), value=num_classes - 1)
    missing = sorted(set(range(num_classes)) - set(np.unique(arrays["y_train"]).tolist()))
    if missing:
        raise DatasetError(
            "{source}: the training split has no image of class {names}; every class needs examples.",
            source=source, names=', '.join(map(str, missing)))
