"""Logging: to the console when there is one, else to a rotating file per user.

A log folder that cannot be written (a read-only data folder, a full disk) must not stop the app from
starting from a desktop launcher, where there is no console to see why: the log then goes to a new
temporary folder, else to standard error, and :data:`fallback` says where, for the status bar.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("digit_recognizer")
fallback: dict | None = None  # {"folder": the log folder that failed, "path": where the log went or None}


def has_console() -> bool:
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


def _file_handler(log_dir: Path) -> tuple[logging.Handler, Path]:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "digit-recognizer.log"
    return logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"), path


def setup(log_dir: Path) -> Path | None:
    """Log to ``log_dir/digit-recognizer.log`` (1 MB x 3) unless a console is attached."""
    global fallback
    log.setLevel(logging.INFO)
    fallback = None
    path = None
    if has_console():
        handler: logging.Handler = logging.StreamHandler()
    else:
        try:
            handler, path = _file_handler(log_dir)
        except OSError as exc:
            try:
                handler, path = _file_handler(Path(tempfile.mkdtemp(prefix="digit-recognizer-logs-")))
            except OSError:
                path = None
                handler = logging.StreamHandler() if sys.stderr is not None else logging.NullHandler()
            fallback = {"folder": log_dir, "path": path, "reason": exc.strerror or str(exc)}
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    if fallback:
        log.warning("the log folder %s cannot be written (%s); logging to %s", log_dir, fallback["reason"],
                    path or "standard error")

    previous = sys.excepthook

    def log_uncaught(kind, value, tb):
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    sys.excepthook = log_uncaught
    return path


def fallback_text() -> str:
    """The status bar's sentence when the log did not go where it should; "" when it did."""
    from PySide6.QtCore import QCoreApplication

    if not fallback:
        return ""
    if fallback["path"] is not None:
        return QCoreApplication.translate("Logs", "The log folder {folder} cannot be written; the log goes to {path} "
                                                  "instead.").format(folder=fallback["folder"], path=fallback["path"])
    return QCoreApplication.translate("Logs", "The log folder {folder} cannot be written; the log goes to the "
                                              "console (standard error) instead.").format(folder=fallback["folder"])
