"""Errors whose message is a sentence meant for the person using the app."""


class DigitRecognizerError(Exception):
    """Base class: ``str(error)`` is shown to the user as it is."""


class DatasetError(DigitRecognizerError):
    """A dataset is missing, unreadable or not in the expected form."""


class ImageError(DigitRecognizerError):
    """An image file cannot be read."""


class ModelFileError(DigitRecognizerError):
    """A model file cannot be saved or is refused on loading."""


class ConfigError(DigitRecognizerError):
    """A training setting is invalid."""


class TrainingError(DigitRecognizerError):
    """A training run failed (NaN loss, out of memory, ...)."""
