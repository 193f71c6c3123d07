"""Ending the GUI's process once the window has closed and everything kept is written.

With TensorFlow imported, Python's own shutdown (freeing every module,
TensorFlow's thread pools and C++ objects) took 4 to 7 seconds after the
window was gone (measured: ``close_*_exit_s`` in tests/benchmarks/bench_train.py),
and a process that lingers looks hung. By the time the event loop returns
there is nothing left to lose: the window's close wrote the settings and the
run history and joined the training and loading threads; a model still being
saved on the thread pool is waited for here; the log and the streams are
flushed. So the process ends at once, without that teardown.
"""

from __future__ import annotations

import logging
import os
import sys


def end_process(code: int):
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()  # "Save" pressed just before quitting: the file is written first
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said there anyway
            pass
    os._exit(code)
