"""The one place that imports TensorFlow and Keras, quietly."""

import os

# TensorFlow's C++ start-up chatter (oneDNN, CUDA probing) is noise to users.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

__all__ = ["keras", "tf"]

# Retracing notices name TensorFlow internals, not anything a user can act on.
tf.get_logger().setLevel("ERROR")
