"""Build the packaged app and run its --self-test headless (CI turns this on).

Slow (a few minutes, over 1 GB of disk), so it runs only with
DIGIT_RECOGNIZER_BUILD_PACKAGE=1, which .ci/run sets.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not os.environ.get("DIGIT_RECOGNIZER_BUILD_PACKAGE"),
                    reason="set DIGIT_RECOGNIZER_BUILD_PACKAGE=1 to build the package (CI does)")
def test_build_the_package_and_run_the_frozen_self_test():
    env = {**os.environ, "PYTHON": sys.executable, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1500)
    print(proc.stdout[-3000:])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert any(l.startswith("built dist/digit-recognizer") for l in lines)
    assert lines[-1].startswith("self-test passed"), lines[-1]
    frozen = ROOT / "dist" / "digit-recognizer" / "digit-recognizer"
    # The frozen command line works too, and never needs Qt for it.
    out = subprocess.run([str(frozen), "predict", str(ROOT / "resources" / "samples" / "digit-4-paper.jpg"),
                          "--json"], capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0 and '"digit": 4' in out.stdout
