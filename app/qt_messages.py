"""Qt's messages, less the ones that are only noise where the app runs headless.

The offscreen platform (the self-test, the benchmarks, CI) cannot pass a
window's size limits on to a window system and says so for every window
with a minimum size: nothing is wrong, and a self-test whose output is read
by a person or a script must not look as if something were. Every other
message goes on to stderr as before.
"""

from __future__ import annotations

import sys

NOISE = ("This plugin does not support propagateSizeHints()",)


def quiet_headless_noise() -> None:
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind, context, text):
        if text in NOISE:
            return
        if previous is not None:
            previous(kind, context, text)
        else:
            print(text, file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handler)
