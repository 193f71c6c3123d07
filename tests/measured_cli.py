"""The command line run in a child process that reports its own peak memory."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The peak of the child alone: VmHWM starts afresh at exec, while ru_maxrss keeps
# the forking parent's (the test process's) peak on Linux.
_MEASURED = ("import re, runpy, sys\n"
             "sys.argv = ['digit-recognizer'] + sys.argv[1:]\n"
             "try:\n    runpy.run_module('app', run_name='__main__')\n"
             "finally:\n    status = open('/proc/self/status').read()\n"
             "    sys.stderr.write('PEAK_KB %s\\n' % re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n")


@dataclass(frozen=True)
class MeasuredRun:
    returncode: int
    stdout: str
    stderr: str  # without the peak line
    seconds: float
    peak_kb: int


def run_measured(*args: str, timeout: float) -> MeasuredRun:
    """``digit-recognizer ARGS`` from the source tree: its output, its time and its peak resident memory."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURED, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    seconds = time.perf_counter() - started
    stderr, _, peak = proc.stderr.rpartition("PEAK_KB ")
    return MeasuredRun(proc.returncode, proc.stdout, stderr, seconds, int(peak.split()[0]))
