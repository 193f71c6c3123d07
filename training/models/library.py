"""The model library: saved models in one folder, plus the shipped one.

Each entry is a ``.keras`` file and its JSON sidecar; listing reads only the
sidecars, so it never imports TensorFlow. The shipped model is always listed
first and can be neither overwritten nor deleted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from resources import resource_path
from training.errors import ModelFileError
from training.messages import Message
from training.models.modelfile import (
    clean_leftovers,
    paired_path,
    read_info,
    save_model,
    sidecar_matches,
    sidecar_path,
    twin_path,
)


def shipped_model_path() -> Path:
    return resource_path("models", "default.keras")


@dataclass(frozen=True)
class LibraryEntry:
    path: Path
    info: dict
    protected: bool

    @property
    def name(self) -> str:
        return self.info.get("name") or self.path.stem

    @property
    def test_accuracy(self) -> float | None:
        value = self.info.get("test_accuracy")
        return float(value) if isinstance(value, (int, float)) else None


def safe_filename(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip()).strip(".-")
    return stem[:80] or "model"


class ModelLibrary:
    def __init__(self, folder: str | os.PathLike, shipped: str | os.PathLike | None = None):
        self.folder = Path(folder)
        self.shipped = Path(shipped) if shipped else None
        clean_leftovers(self.folder)  # a save killed last time must not leave its staging folder forever

    def entries(self) -> list[LibraryEntry]:
        out = []
        if self.shipped is not None and self.shipped.is_file():
            info = _info_or_note(self.shipped)
            info.setdefault("name", "Shipped model")
            out.append(LibraryEntry(self.shipped, info, protected=True))
        if self.folder.is_dir():
            saved = [LibraryEntry(p, _info_or_note(p), protected=False)
                     for p in self.folder.glob("*.keras") if not p.name.startswith(".")]
            out += sorted(saved, key=lambda e: str(e.info.get("created", "")), reverse=True)
        return out

    def outside_entry(self, path: str | os.PathLike) -> LibraryEntry | None:
        """A model file opened from elsewhere, to list beside the library's (protected: never deleted from
        here); None for the library's own files and the shipped model, which are listed anyway."""
        path = Path(path)
        if any(path == entry.path for entry in self.entries()) or path.parent.resolve() == self.folder.resolve():
            return None
        return LibraryEntry(path, _info_or_note(path), protected=True)

    def path_for(self, name: str) -> Path:
        return self.folder / f"{safe_filename(name)}.keras"

    def save(self, model, name: str, info: dict, overwrite: bool = False) -> Path:
        path = self.path_for(name)
        if path.exists() and not overwrite:
            raise ModelFileError("A model named {name} exists already; choose another name.", name=f"{name!r}")
        save_model(model, path, {**info, "name": name.strip() or path.stem})
        return path

    def delete(self, path: str | os.PathLike) -> None:
        path = Path(path)
        if self.shipped is not None and path.resolve() == self.shipped.resolve():
            raise ModelFileError("The shipped model cannot be deleted.")
        if path.resolve().parent != self.folder.resolve():
            raise ModelFileError("{path} is not in the model library.", path=path)
        path.unlink(missing_ok=True)
        sidecar_path(path).unlink(missing_ok=True)
        twin_path(path).unlink(missing_ok=True)
        paired_path(path).unlink(missing_ok=True)  # paired by train-trajectory


def _info_or_note(path: Path) -> dict:
    try:
        info = dict(read_info(path))
        if not sidecar_matches(path, info):
            # Its figures describe another file (a save interrupted between its two renames).
            return {"name": info.get("name"), "problem": Message("description does not match the file")}
        return info
    except ModelFileError as exc:
        return {"problem": exc.message}  # a Message: the library view shows it in the interface's language
    except OSError as exc:
        return {"problem": Message("cannot be read: {reason}", reason=exc.strerror or str(exc))}
