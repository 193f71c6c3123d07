"""Digit Recognizer's computation: datasets, preprocessing, models, training, inference.

Nothing in this package imports Qt, so it runs from a script, a notebook, the
command line or a worker thread alike. Modules that need TensorFlow import it
themselves; importing this package does not.
"""
