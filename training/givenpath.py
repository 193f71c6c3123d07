"""What a path the user gives must be before anything reads it: a regular file (or a folder, where one is meant).

Checked first, with one ``stat``: ``/dev/zero`` read as data never ends, a FIFO blocks the reader for
ever, and ``zipfile.is_zipfile`` or ``open`` would do either before any later check ran.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from training.errors import DigitRecognizerError
from training.messages import Message

FILE, FOLDER = "file", "folder"
NO_SUCH_PATH = Message("{path}: no such file or folder.")
IS_A_FOLDER = Message("{path} is a folder, not a file.")


def check_given_path(path: str | os.PathLike, error: type[DigitRecognizerError] = DigitRecognizerError,
                     folder_ok: bool = False, missing: str | None = None, folder: str | None = None) -> str:
    """FILE or FOLDER; ``error`` in one sentence for anything else (missing, a device, a FIFO, a socket, a bad name).

    ``folder_ok``: a folder is what may be meant (a folder of IDX files); otherwise a folder is refused.
    ``missing``, ``folder``: the caller's own sentences for those two cases (with ``{path}``).
    """
    text = os.fspath(path)
    if not str(text).strip():
        raise error(Message("No file was given (the path is empty)."))
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise error(Message(missing or NO_SUCH_PATH, path=shown(path))) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise error(Message("The path is too long ({count} characters) to be a file on this computer.",
                                count=f"{len(str(path)):,}")) from None
        if exc.errno == errno.ENOTDIR:
            raise error(Message(missing or NO_SUCH_PATH, path=shown(path))) from None
        raise error(Message("{path} cannot be opened ({reason}).", path=shown(path),
                            reason=exc.strerror or exc)) from None
    except ValueError:  # a NUL character in the name
        raise error(Message("{path} is not a valid file name.", path=shown(path))) from None
    if stat.S_ISDIR(mode):
        if folder_ok:
            return FOLDER
        raise error(Message(folder or IS_A_FOLDER, path=shown(path)))
    if not stat.S_ISREG(mode):
        raise error(Message("{path} is not a regular file (a device, a pipe or a socket); choose a file.",
                            path=shown(path)))
    return FILE


def shown(path: Path, limit: int = 160) -> str:
    """The path as a sentence shows it: a 5,000-character path is cut in the middle, not printed whole."""
    text = str(path)
    if len(text) <= limit:
        return text
    return f"{text[:limit // 2]}...{text[-limit // 2:]}"
