"""Where files go and whether a path can take one, without Qt.

``user_data_dir`` is the folder QStandardPaths' AppDataLocation gives the
GUI (the same organisation and application names), so the command line's
fallback saves land in the library the app lists.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from training.errors import ConfigError
from training.messages import Message

ORGANIZATION = "DigitRecognizer"
APPLICATION = "Digit Recognizer"
NAME_MAX = 255  # bytes in one file name, on every common file system


def user_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANIZATION / APPLICATION


def cache_dir() -> Path:
    """The per-user cache folder (XDG on Linux, LOCALAPPDATA on Windows, ~/Library/Caches on macOS)."""
    if os.environ.get("XDG_CACHE_HOME"):
        base = Path(os.environ["XDG_CACHE_HOME"])
    elif os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path.home() / ".cache"
    return base / "digit-recognizer"


def check_writable_file(path: Path, what: str = Message("The output file")) -> None:
    """ConfigError, in words, if ``path`` could not be written: checked before hours of work, not after."""
    path = Path(path)
    if len(path.name.encode("utf-8", "surrogateescape")) > NAME_MAX:
        raise ConfigError("{what} name is too long ({count} characters; at most {NAME_MAX} bytes).",
                          what=what, count=len(path.name), NAME_MAX=NAME_MAX)
    if path.is_dir():
        raise ConfigError("{what} {path} is a folder; give a file name, such as {value}.",
                          what=what, path=path, value=path / 'model.keras')
    folder = path.parent
    for parent in (folder, *folder.parents):
        if parent.exists():
            if not parent.is_dir():
                raise ConfigError("{what} cannot be written: {parent} is a file, not a folder.",
                                  what=what, parent=parent)
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except PermissionError:
        raise ConfigError("{what} cannot be written: {folder} is not writable (permission denied).",
                          what=what, folder=folder) from None
    except OSError as exc:
        raise ConfigError("{what} cannot be written in {folder} ({reason}).",
                          what=what, folder=folder, reason=exc.strerror or exc) from None


def keras_cache_dir() -> Path:
    """Where Keras keeps downloaded datasets (``keras.utils.get_file``'s rule)."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "datasets"
