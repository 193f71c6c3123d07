"""Image sets as arrays: the :class:`Dataset` every source gives, and .npz files read with their sizes checked first."""

from __future__ import annotations

import math
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from training.errors import DatasetError
from training.givenpath import check_given_path


@dataclass(frozen=True)
class Dataset:
    """Images are (N, 28, 28) uint8 with light ink on black; labels (N,) uint8."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    source: str

    def subset(self, train: int | None = None, test: int | None = None,
               seed: int = 0) -> "Dataset":
        """A random subset of each split (for quick runs and tests)."""
        rng = np.random.default_rng(seed)

        def pick(x, y, n):
            if n is None or n >= len(x):
                return x, y
            idx = np.sort(rng.permutation(len(x))[:n])
            return x[idx], y[idx]

        x_train, y_train = pick(self.x_train, self.y_train, train)
        x_test, y_test = pick(self.x_test, self.y_test, test)
        return replace(self, x_train=x_train, y_train=y_train,
                       x_test=x_test, y_test=y_test)


def check_npz_members(path: Path, keys) -> None:
    """Read each member's .npy header and refuse a declared size its data cannot hold, before allocating."""
    with zipfile.ZipFile(path) as archive:
        for key in keys:
            try:
                entry = archive.getinfo(f"{key}.npy")
            except KeyError:
                continue
            with archive.open(entry) as f:
                version = np.lib.format.read_magic(f)
                read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                               else np.lib.format.read_array_header_2_0)
                shape, _, dtype = read_header(f, max_header_size=10000)
            if dtype.hasobject:
                raise DatasetError("{path}: {key} holds Python objects, which are never loaded.", path=path, key=key)
            declared = math.prod(shape) * dtype.itemsize
            if declared > entry.file_size:
                raise DatasetError(
                    "{path}: {key} declares {shape} {dtype} ({declared} bytes) but holds only {file_size} bytes; the file is damaged.",
                    path=path, key=key, shape=shape, dtype=dtype, declared=f"{declared:,}", file_size=f"{entry.file_size:,}")


def read_npz_arrays(path: Path, keys) -> dict[str, np.ndarray]:
    """The arrays among ``keys`` that a .npz holds, sizes checked first; DatasetError in one sentence."""
    check_given_path(path, DatasetError)  # a device or a FIFO: refused before any read
    try:
        if not zipfile.is_zipfile(path):
            raise DatasetError("{path} is not a readable .npz file (it is not a zip archive).", path=path)
        check_npz_members(path, keys)
        with np.load(path, allow_pickle=False) as npz:
            return {k: npz[k] for k in keys if k in npz.files}
    except DatasetError:
        raise
    except MemoryError:
        raise DatasetError("{path} holds arrays too large for this computer's memory.", path=path) from None
    except (zlib.error, zipfile.BadZipFile, EOFError):
        raise DatasetError("{path} is damaged: its compressed data cannot be unpacked.", path=path) from None
    except PermissionError:
        raise DatasetError("{path} cannot be read: permission denied.", path=path) from None
    except Exception as exc:  # numpy and zipfile raise many types for malformed members
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise DatasetError("{path} is not a readable .npz file ({reason}).", path=path, reason=reason) from None
