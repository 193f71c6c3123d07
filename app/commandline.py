"""What the first words of ``digit-recognizer ...`` ask for, decided without importing Qt or TensorFlow.

No arguments start the window; a command runs headless; files alone (as a
file manager's "Open with" passes them) open the window with them. Anything
else is a mistake, said in one line, and must not start an invisible window
that a script would wait on.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

PROG = "digit-recognizer"
COMMANDS = ("train", "train-trajectory", "evaluate", "predict", "presets", "samples")
OPTIONS = ("--self-test", "-h", "--help")
MODEL_SUFFIXES = (".keras", ".h5")
USAGE = f"usage: {PROG} {{{','.join(COMMANDS)}}} ... | {PROG} [FILE...] | {PROG} --help"


@dataclass(frozen=True)
class Route:
    kind: str  # "window", "command", "self-test" or "mistake"
    files: tuple[str, ...] = ()  # for "window": the images and models to open
    line: str = ""  # for "mistake": the one line to print


def nearest(word: str) -> str | None:
    found = difflib.get_close_matches(word, [*COMMANDS, *OPTIONS], n=1, cutoff=0.6)
    return found[0] if found else None


def route(argv: list[str]) -> Route:
    if not argv:
        return Route("window")
    first = argv[0]
    if first == "--self-test" and len(argv) == 1:
        return Route("self-test")
    if first in COMMANDS or first in ("-h", "--help"):
        return Route("command")
    if all(os.path.isfile(arg) for arg in argv):
        return Route("window", tuple(argv))
    guess = nearest(first)
    if guess is not None and guess != first:
        why = f"{first!r} is not a command (did you mean {guess}?)"
    elif first == "--self-test":
        why = "--self-test takes no arguments"
    else:
        missing = next(arg for arg in argv if not os.path.isfile(arg))
        why = (f"{missing!r} is neither a command nor a file" if missing == first
               else f"{missing!r} is not a file")
    return Route("mistake", line=f"{PROG}: {why}; {USAGE}")


def split_files(files: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(models, images): a model file is opened as the model in use, anything else as an image."""
    models = [f for f in files if f.lower().endswith(MODEL_SUFFIXES)]
    return models, [f for f in files if f not in models]
