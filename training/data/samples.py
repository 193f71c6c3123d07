"""Personal samples: the user's own labelled drawings, kept crash-safe.

Layout, under one folder:
    images/<id>.npy     the 28x28 input the model saw (uint8)
    images/<id>.png     the raw canvas
    journal.jsonl       one JSON line per event: add, relabel, delete

A sample's two files are written atomically (temp file, then rename) before its
"add" line is appended and fsync'd, so a killed process loses at most the
sample being written: a torn last line, or files with no line, are ignored on
reading, and every earlier line is untouched. Relabelling and deleting append
lines too; nothing already written is ever rewritten.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training.errors import DatasetError
from training.files import atomic_write
from training.jsonfile import JsonFileError, parse_json

JOURNAL = "journal.jsonl"
MAX_LINE_BYTES = 64 * 1024  # a journal line is under 100 bytes
JOURNAL_CHUNK = 8 * 2**20
SAMPLE_ID = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9a-f]{8,32}")


@dataclass(frozen=True)
class Sample:
    id: str
    digit: int
    created: float
    images: Path  # the store's images folder; the paths are made when asked for (thousands a listing)

    @property
    def image_path(self) -> Path:
        """The 28x28 input, .npy."""
        return self.images / f"{self.id}.npy"

    @property
    def raw_path(self) -> Path:
        """The canvas, .png."""
        return self.images / f"{self.id}.png"

    def image(self) -> np.ndarray:
        """(28, 28) uint8; DatasetError in one sentence when the file is damaged."""
        try:
            image = np.load(self.image_path, allow_pickle=False)
        except Exception as exc:  # truncated, garbage, pickled, unreadable: numpy raises many types
            raise DatasetError("Sample {id} is damaged ({name} cannot be read).",
                               id=self.id, name=self.image_path.name) from exc
        if image.shape != (28, 28) or image.dtype != np.uint8:
            raise DatasetError("Sample {id} is damaged ({name} holds {dtype} {shape}, not a 28x28 image).",
                               id=self.id, name=self.image_path.name, dtype=image.dtype, shape=image.shape)
        return image


class SampleStore:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.images = self.folder / "images"

    # --- reading -----------------------------------------------------------------
    def samples(self) -> list[Sample]:
        """Every live sample, oldest first.

        The journal only grows, so it is read once and then only its new
        lines (thousands of samples, a save each: a full read each time cost
        most of a second); a journal replaced or cut short is read again whole.
        """
        self._catch_up()
        out = []
        for sid, event in self._live.items():
            created = event.get("time", 0)
            # A hand-edited or foreign journal may hold anything here; the time only orders samples.
            if not isinstance(created, (int, float)) or isinstance(created, bool) or not math.isfinite(created):
                created = 0.0
            out.append(Sample(sid, int(event["digit"]), float(created), self.images))
        return out

    def _catch_up(self) -> None:
        path = self.folder / JOURNAL
        try:
            stat = path.stat()
        except OSError:
            self._live, self._read_to, self._journal_id = {}, 0, None
            return
        identity = (stat.st_dev, stat.st_ino)
        if getattr(self, "_journal_id", None) != identity or stat.st_size < self._read_to:
            self._live, self._read_to, self._journal_id = {}, 0, identity
        if stat.st_size == self._read_to:
            return
        with open(path, "rb") as f:
            # In bounded chunks: a journal of a million samples is 90 MB, one filled with garbage any size.
            while True:
                f.seek(self._read_to)
                data = f.read(JOURNAL_CHUNK)
                # Only whole lines: a line still being written (or torn by a crash) waits for its newline.
                end = data.rfind(b"\n") + 1
                if not end:
                    if len(data) == JOURNAL_CHUNK:  # a chunk-long "line" is none of ours: passed over
                        self._read_to += len(data)
                        continue
                    break
                for raw in data[:end].splitlines():
                    self._apply(raw)
                self._read_to += end

    def _apply(self, raw: bytes) -> None:
        try:
            event = parse_json(raw, MAX_LINE_BYTES)
        except JsonFileError:
            return  # a line torn by a crash (that sample was never committed), or not one of ours
        # The id names the sample's files: only the store's own form, never a path ("../../x/victim").
        if not isinstance(event, dict) or not is_sample_id(event.get("id")):
            return
        digit = event.get("digit")
        op, sid = event.get("op"), event["id"]
        if op in ("add", "relabel") and (not isinstance(digit, int) or isinstance(digit, bool)
                                         or digit not in range(10)):
            return
        if op == "add":
            self._live[sid] = event
        elif op == "relabel" and sid in self._live:
            self._live[sid] = {**self._live[sid], "digit": digit}
        elif op == "delete":
            self._live.pop(sid, None)

    def state(self) -> tuple:
        """Changes whenever a sample is added, relabelled or deleted (one stat of the journal when nothing did)."""
        self._catch_up()
        return self._journal_id, self._read_to

    def counts(self) -> list[int]:
        self._catch_up()
        counts = [0] * 10
        for event in self._live.values():
            counts[event["digit"]] += 1
        return counts

    def count(self) -> int:
        self._catch_up()
        return len(self._live)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(N, 28, 28) uint8 images and (N,) labels of every readable sample (damaged ones are left out)."""
        images, labels = [], []
        for sample in self.samples():
            try:
                images.append(sample.image())
            except DatasetError:
                continue
            labels.append(sample.digit)
        if not images:
            return np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.uint8)
        return np.stack(images), np.array(labels, np.uint8)

    # --- writing -----------------------------------------------------------------
    def _append(self, *events: dict) -> None:
        """Append journal lines in one write and one fsync: the lines are what commits."""
        self.folder.mkdir(parents=True, exist_ok=True)
        line = b"".join((json.dumps(e, separators=(",", ":")) + "\n").encode() for e in events)
        with open(self.folder / JOURNAL, "ab+") as f:
            # A crash may have left a torn line without its newline: end it
            # first, or this event would be glued to it and lost as well.
            if f.tell() > 0:
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b"\n":
                    line = b"\n" + line
            f.write(line)
            f.flush()
            os.fsync(f.fileno())

    def add(self, image28: np.ndarray, digit: int, raw_png: bytes | None = None) -> Sample:
        """Save one labelled sample; ``image28`` is floats in [0, 1] or uint8."""
        if digit not in range(10):
            raise ValueError(f"a digit is 0-9, not {digit!r}")
        image = np.asarray(image28)
        if image.shape != (28, 28):
            raise ValueError(f"a sample is a 28x28 image, not {image.shape}")
        if image.dtype != np.uint8:
            image = (np.clip(image, 0, 1) * 255).round().astype(np.uint8)
        self.images.mkdir(parents=True, exist_ok=True)
        sid = _new_id()
        buffer = _npy_bytes(image)
        atomic_write(self.images / f"{sid}.npy", buffer)
        if raw_png is not None:
            atomic_write(self.images / f"{sid}.png", raw_png)
        created = time.time()
        self._append({"op": "add", "id": sid, "digit": int(digit), "time": created})
        return Sample(sid, int(digit), created, self.images)

    def relabel(self, sample_id: str, digit: int) -> None:
        if not is_sample_id(sample_id):
            raise ValueError(f"not a sample id: {sample_id!r}")
        if digit not in range(10):
            raise ValueError(f"a digit is 0-9, not {digit!r}")
        self._append({"op": "relabel", "id": sample_id, "digit": int(digit), "time": time.time()})

    def delete(self, sample_id: str) -> None:
        if not is_sample_id(sample_id):  # its files are removed below: never a path outside the store
            raise ValueError(f"not a sample id: {sample_id!r}")
        # The journal line is what deletes; the files go after, so a crash
        # between the two leaves only unreferenced files, never a dangling line.
        self._append({"op": "delete", "id": sample_id, "time": time.time()})
        for suffix in (".npy", ".png"):
            (self.images / f"{sample_id}{suffix}").unlink(missing_ok=True)

    def delete_many(self, sample_ids) -> None:
        """Delete many samples with one journal write (thousands: one fsync, not one each)."""
        sample_ids = list(sample_ids)
        if not sample_ids:
            return
        now = time.time()
        self._append(*({"op": "delete", "id": sid, "time": now} for sid in sample_ids))
        for sid in sample_ids:
            for suffix in (".npy", ".png"):
                (self.images / f"{sid}{suffix}").unlink(missing_ok=True)

    # --- exchange -----------------------------------------------------------------
    def export_npz(self, path: str | os.PathLike) -> int:
        """Write every sample as a Keras-layout .npz (all in x_train/y_train); returns the count."""
        x, y = self.arrays()
        path = Path(path)
        import io

        buffer = io.BytesIO()
        np.savez_compressed(buffer, x_train=x, y_train=y,
                            x_test=np.zeros((0, 28, 28), np.uint8), y_test=np.zeros(0, np.uint8))
        atomic_write(path, buffer.getvalue())
        return len(y)

    def import_npz(self, path: str | os.PathLike) -> int:
        """Add the images of a Keras-layout .npz (train and test splits); returns the count.

        All or nothing: the whole file is read and checked first, then every
        image file is written, then one journal write commits them all; a
        failure before that commit removes the files already written.
        """
        images, labels = read_sample_npz(Path(path))
        self.images.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        events = []
        created = time.time()
        try:
            for image, label in zip(images, labels):
                sid = _new_id()
                target = self.images / f"{sid}.npy"
                # No fsync per file: thousands of them take minutes; the
                # journal line is written (and fsync'd) only after os.sync below.
                tmp = target.with_suffix(".npy.tmp")
                tmp.write_bytes(_npy_bytes(image))
                os.replace(tmp, target)
                written.append(target)
                events.append({"op": "add", "id": sid, "digit": int(label), "time": created})
            if hasattr(os, "sync"):
                os.sync()
            self._append(*events)
        except OSError as exc:
            for target in written:
                target.unlink(missing_ok=True)
            raise DatasetError("Could not import {name}: {reason}; nothing was added.",
                               name=Path(path).name, reason=exc.strerror or exc) from exc
        return len(events)


def is_sample_id(value) -> bool:
    """Whether ``value`` has the form :func:`_new_id` gives (8 hex digits in the first versions, 12 now)."""
    return isinstance(value, str) and SAMPLE_ID.fullmatch(value) is not None


def _new_id() -> str:
    # 48 random bits: imports of tens of thousands within one second stay unique.
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:12]}"


def read_sample_npz(path: Path) -> tuple[list[np.ndarray], list[int]]:
    """Every (image, label) of a Keras-layout .npz, checked; DatasetError in one sentence otherwise."""
    from training.data.arrays import read_npz_arrays
    from training.data.datasets import NPZ_KEYS

    arrays = read_npz_arrays(path, NPZ_KEYS)
    pairs = [(arrays[f"x_{s}"], arrays[f"y_{s}"]) for s in ("train", "test")
             if f"x_{s}" in arrays and f"y_{s}" in arrays]
    if not pairs:
        raise DatasetError("{path} holds no x_train/y_train or x_test/y_test arrays.", path=path)
    images, labels = [], []
    for x, y in pairs:
        if x.ndim != 3 or x.shape[1:] != (28, 28) or y.ndim != 1 or len(x) != len(y):
            raise DatasetError("{path}: expected (N, 28, 28) images with one label each, got {shape}.",
                               path=path, shape=x.shape)
        if not (np.issubdtype(x.dtype, np.integer) or np.issubdtype(x.dtype, np.floating)):
            raise DatasetError("{path}: the images hold {dtype}, not numbers.", path=path, dtype=x.dtype)
        if not np.issubdtype(y.dtype, np.integer) and not (
                np.issubdtype(y.dtype, np.floating) and np.all(np.isfinite(y)) and np.all(y == np.round(y))):
            raise DatasetError("{path}: labels must be whole numbers 0-9.", path=path)
        if len(y) and (y.min() < 0 or y.max() > 9):
            raise DatasetError("{path}: labels must be 0-9.", path=path)
        if x.dtype != np.uint8:  # floats: 0-1, or 0-255 stored as floats
            x = np.nan_to_num(x.astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
            top = float(x.max(initial=0))
            x = (np.clip(x / 255.0 if top > 1 else x, 0, 1) * 255).round().astype(np.uint8)
        images += list(x)
        labels += [int(v) for v in y]
    return images, labels


def _npy_bytes(array: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()
