"""Sentences for the person using the app, translatable by the GUI without Qt here.

A :class:`Message` is the English sentence (it *is* a ``str``: the command
line prints it, logs keep it) that also remembers its template and values.
The GUI translates the template in the "training" context and fills in the
values, translating those that are messages themselves (app/i18n.py).
Values are formatted before they go in: a path or a figure is never part of
what gets translated.
"""

from __future__ import annotations


class Message(str):
    template: str
    values: dict

    def __new__(cls, template: str, **values):
        try:
            text = template.format(**values) if values else template
        except (KeyError, IndexError, ValueError):
            text = template
        message = super().__new__(cls, text)
        message.template = template
        message.values = values
        return message

    def __reduce__(self):  # pickled (a worker process) with its template, not as a plain string
        return (_rebuild, (self.template, self.values))


def _rebuild(template: str, values: dict) -> Message:
    return Message(template, **values)


def first_words(text: str, exc: Exception | None = None, limit: int = 200) -> str:
    """The first line of an error message, cut at a word, never mid-word."""
    line = text.strip().splitlines()[0] if text.strip() else (type(exc).__name__ if exc else "")
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit - 3)
    return line[:cut if cut > 0 else limit - 3] + "..."
