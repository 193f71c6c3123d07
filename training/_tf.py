"""The one place that imports TensorFlow and Keras, quietly.

TensorFlow's C++ start-up writes straight to file descriptor 2 before its
logging is set up, so TF_CPP_MIN_LOG_LEVEL cannot hide all of it: on a
machine without an NVIDIA driver, every start printed "failed call to
cuInit", which users read as a failure. The import (and the GPU probe that
prints it) runs with descriptor 2 captured; the known start-up noise is
dropped and everything else is written out as it came. Where an NVIDIA
driver is installed, a failing cuInit is a real problem and is kept.
"""

import os
import re
import sys

from training.quiet import filtered_stderr

# The rest of TensorFlow's C++ chatter (oneDNN, retracing) is noise to users too.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

_NOISE = [
    r"All log messages before absl::InitializeLog\(\) is called",
    r"cudart_stub\.cc.*Could not find cuda drivers",
    r"Unable to register cu(DNN|FFT|BLAS) factory",
    r"computation_placer\.cc.*already registered",
    r"oneDNN custom operations are on",
    r"This TensorFlow binary is optimized to use available CPU instructions",
    r"To enable the following instructions",
]
if not os.path.exists("/proc/driver/nvidia") and sys.platform.startswith("linux"):
    _NOISE.append(r"failed call to cuInit")
NOISE = re.compile("|".join(_NOISE))


def _import_with_stderr_filtered():
    with filtered_stderr(NOISE):
        import keras
        import tensorflow as tf

        tf.config.list_physical_devices("GPU")  # the CUDA probe, inside the capture
    return keras, tf


keras, tf = _import_with_stderr_filtered()

__all__ = ["keras", "tf"]

# Retracing notices name TensorFlow internals, not anything a user can act on.
tf.get_logger().setLevel("ERROR")
