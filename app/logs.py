"""Logging: to the console when there is one, else to a rotating file per user."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

log = logging.getLogger("digit_recognizer")


def has_console() -> bool:
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


def setup(log_dir: Path) -> Path | None:
    """Log to ``log_dir/digit-recognizer.log`` (1 MB x 3) unless a console is attached."""
    log.setLevel(logging.INFO)
    if has_console():
        handler: logging.Handler = logging.StreamHandler()
        path = None
    else:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "digit-recognizer.log"
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)

    previous = sys.excepthook

    def log_uncaught(kind, value, tb):
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    sys.excepthook = log_uncaught
    return path
