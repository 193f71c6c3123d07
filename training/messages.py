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
