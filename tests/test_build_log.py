"""The build log's known noise is dropped and nothing else (issue 33, item 18); no build needed.

The lines are the ones a real build printed (PyInstaller 6.22, TensorFlow 2.20, Keras 3).
"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NOISE = """\
16680 WARNING: Failed to collect submodules for 'keras.src.backend.torch' because importing 'keras.src.backend.torch' raised: ModuleNotFoundError: No module named 'torch'
173559 WARNING: collect_dynamic_libs - skipping library collection for module 'tensorflow-plugins' as it is not a package.
WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
I0000 00:00:1796663532.367179    9635 cudart_stub.cc:31] Could not find cuda drivers on your machine, GPU will not be used.
I0000 00:00:1796663532.679514    9635 cpu_feature_guard.cc:227] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
To enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.
"""

REAL = """\
317634 WARNING: Library not found: could not resolve 'libxcb-icccm.so.4', dependency of 'libqxcb.so'.
12 WARNING: Failed to collect submodules for 'training.cli' because importing 'training.cli' raised: ImportError
5 ERROR: Hidden import 'ai_edge_litert.interpreter' not found
built dist/digit-recognizer: 1.1G
"""


def test_the_build_log_filter_drops_the_known_noise_and_keeps_the_rest():
    patterns = [line for line in (ROOT / "packaging" / "build-noise.txt").read_text().splitlines()
                if line and not line.startswith("#")]
    kept = subprocess.run(["grep", "-v", "-E", *sum((["-e", p] for p in patterns), [])],
                          input=NOISE + REAL, capture_output=True, text=True).stdout
    assert kept == REAL
    assert "build-noise.txt" in (ROOT / "packaging" / "build.sh").read_text()
