"""The one wrapper over QSettings: every persisted setting, with its default.

Widgets read and write settings only through :class:`Settings`, so a key's
name, type and default live in exactly one place.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from training.jsonfile import FLAG, TEXT, Fields, JsonFileError, Kind, parse_json

# The saved Train form: each field as the form writes it; a spin box takes a C int, and {"epochs": 1e999}
# or 10**20 once stopped the app at every start.
_SPIN = Kind(int, float, low=-(2**31), high=2**31 - 1)
TRAIN_FORM = Fields({
    "dataset": TEXT, "data": TEXT, "pen_data": TEXT, "preset": TEXT, "optimizer": TEXT, "learning_rate": TEXT,
    "device": TEXT, "data_files": Fields({}, others=TEXT),
    "epochs": _SPIN, "batch_size": _SPIN, "validation": _SPIN, "images": _SPIN,
    "augment": FLAG, "mixed_precision": FLAG,
})
TRAIN_FORM_BYTES = 256 * 1024  # the form is under a kilobyte

ORGANIZATION = "DigitRecognizer"
APPLICATION = "Digit Recognizer"


def user_data_dir() -> Path:
    """The per-user folder for saved models and samples (XDG, AppData, Application Support)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".digit-recognizer"


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        self._s = qsettings or QSettings(ORGANIZATION, APPLICATION)

    @classmethod
    def from_file(cls, path) -> "Settings":
        """Settings kept in one INI file (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _get(self, key, default, kind):
        value = self._s.value(key, default)
        try:
            if kind is bool and isinstance(value, str):  # INI files store booleans as text
                return value.lower() in ("1", "true", "yes")
            return kind(value)
        except (TypeError, ValueError):
            return default

    def _set(self, key, value) -> None:
        self._s.setValue(key, value)

    def sync(self) -> None:
        self._s.sync()

    # Interface
    @property
    def language(self) -> str:
        """"en", "vi", or "" to follow the system's language."""
        return self._get("ui/language", "", str)

    @language.setter
    def language(self, value: str) -> None:
        self._set("ui/language", str(value))

    # Draw tab
    @property
    def pen_width(self) -> int:
        return self._get("draw/pen_width", 18, int)

    @pen_width.setter
    def pen_width(self, value: int) -> None:
        self._set("draw/pen_width", int(value))

    @property
    def inside_view(self) -> bool:
        return self._get("draw/inside_view", False, bool)

    @inside_view.setter
    def inside_view(self, value: bool) -> None:
        self._set("draw/inside_view", bool(value))

    @property
    def saliency_overlay(self) -> bool:
        return self._get("draw/saliency_overlay", True, bool)

    @saliency_overlay.setter
    def saliency_overlay(self, value: bool) -> None:
        self._set("draw/saliency_overlay", bool(value))

    @property
    def personal_reading(self) -> bool:
        """Whether the Draw tab reads with the user's samples (training/reading/personal.py)."""
        return self._get("draw/personal_reading", True, bool)

    @personal_reading.setter
    def personal_reading(self, value: bool) -> None:
        self._set("draw/personal_reading", bool(value))

    @property
    def eraser(self) -> bool:
        return self._get("draw/eraser", False, bool)

    @eraser.setter
    def eraser(self, value: bool) -> None:
        self._set("draw/eraser", bool(value))

    # Folders: the last one used for each kind of file dialog
    def last_dir(self, kind: str) -> str:
        """The folder the last ``kind`` dialog ("image", "export", "dataset", ...) ended in; "" if none yet."""
        return self._get(f"folders/{kind}", "", str)

    def dialog_start(self, kind: str, file_name: str = "") -> str:
        """Where a ``kind`` dialog opens: its last folder, else Documents (else home); with ``file_name``."""
        folder = self.last_dir(kind)
        if not folder or not Path(folder).is_dir():
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            folder = documents if documents and Path(documents).is_dir() else str(Path.home())
        return str(Path(folder) / file_name) if file_name else folder

    def set_last_dir(self, kind: str, path: str) -> None:
        folder = Path(path)
        self._set(f"folders/{kind}", str(folder if folder.is_dir() else folder.parent))

    # Train tab
    @property
    def train_form(self) -> dict:
        """The Train tab's settings at the last Start or close ({} the first time)."""
        text = self._get("train/form", "", str)
        try:
            value = parse_json(text, TRAIN_FORM_BYTES, where="train/form") if text else {}
        except JsonFileError:  # a hand-edited or damaged file: the defaults again
            return {}
        if not isinstance(value, dict):
            return {}
        kept, _ = TRAIN_FORM.clean(value)  # a field of the wrong type or range keeps its default
        return kept

    @train_form.setter
    def train_form(self, value: dict) -> None:
        self._set("train/form", json.dumps(value, sort_keys=True))

    def training_speed(self, key: str) -> float:
        """Images per second the last run of ``key`` (preset, augmentation, device) trained at; 0 if never."""
        return self._get(f"speeds/{key}", 0.0, float)

    def set_training_speed(self, key: str, images_per_second: float) -> None:
        self._set(f"speeds/{key}", float(images_per_second))

    # Models
    @property
    def active_model(self) -> str:
        """Path of the model the Draw tab uses; empty for the shipped default."""
        return self._get("models/active", "", str)

    @active_model.setter
    def active_model(self, value: str) -> None:
        self._set("models/active", str(value))

    # Window
    @property
    def geometry(self) -> QByteArray:
        return self._get("window/geometry", QByteArray(), QByteArray)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._get("window/state", QByteArray(), QByteArray)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    @property
    def current_tab(self) -> int:
        return self._get("window/tab", 0, int)

    @current_tab.setter
    def current_tab(self, value: int) -> None:
        self._set("window/tab", int(value))
