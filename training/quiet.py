"""Run native code that writes start-up chatter straight to file descriptor 2.

TensorFlow's and LiteRT's C++ libraries print to descriptor 2 before (or
without) any logging a program can configure, so Python cannot silence them.
Inside :func:`filtered_stderr`, descriptor 2 goes to a temporary file; the
lines that match ``noise`` are dropped and the rest are written out as they
came, so real errors still reach the user.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile


@contextlib.contextmanager
def filtered_stderr(noise: re.Pattern):
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, AttributeError, ValueError):  # no usable stderr (a windowed frozen app)
        saved = None
    if saved is None:
        yield
        return
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            text = captured.read().decode("utf-8", "replace")
            kept = [line for line in text.splitlines() if line.strip() and not noise.search(line)]
            if kept:
                print("\n".join(kept), file=sys.stderr, flush=True)
