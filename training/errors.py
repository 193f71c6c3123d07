"""Errors whose message is a sentence meant for the person using the app.

A message is a template and its values (training/messages.py): ``str(error)``
is the English sentence; the GUI translates the template and fills in the
same values, so a path or a number is never part of what gets translated.
"""

from training.messages import Message


class DigitRecognizerError(Exception):
    """Base class: ``str(error)`` is shown to the user as it is.

    ``ImageError("{path} is a folder, not an image.", path=p)``; a message
    without values is its own template.
    """

    def __init__(self, template: str = "", **values):
        self.message = template if isinstance(template, Message) else Message(template, **values)
        super().__init__(str(self.message))

    @property
    def template(self) -> str:
        return self.message.template

    @property
    def values(self) -> dict:
        return self.message.values


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
