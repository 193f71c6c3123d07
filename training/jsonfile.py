"""The one reader for every JSON file the app keeps: model sidecars, run records, journal lines, the Train form.

Each of them is a few kilobytes written by the app itself; what a damaged or hostile one can hold is
bounded here, before and during parsing:

- size: at most ``MAX_JSON_BYTES`` (refused before parsing, never read whole);
- depth: at most ``MAX_DEPTH`` levels, measured without recursion before ``json.loads`` (100,000 ``[``
  once raised RecursionError out of four readers and stopped the app from starting);
- NaN and Infinity: refused (Python's json accepts them; nothing downstream expects them);
- shape: a :class:`Schema` names each field's type; :func:`problem` says what is wrong in a few words.

Every refusal is a :class:`JsonFileError` in one sentence; callers list the file as damaged or skip it.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

from training.errors import DigitRecognizerError
from training.givenpath import check_given_path, shown
from training.messages import Message

MAX_JSON_BYTES = 4 * 2**20  # a sidecar or a run record is a few kilobytes; a Keras config.json tens
MAX_DEPTH = 64  # the app's files nest 4 deep, a Keras config of nested models about 20


class JsonFileError(DigitRecognizerError):
    """A JSON file (or line) that the app will not use."""


# --- reading ----------------------------------------------------------------------------------------------

def read_json(path: str | os.PathLike, max_bytes: int = MAX_JSON_BYTES, schema: "Schema | None" = None,
              where: str | None = None):
    """The parsed contents of ``path``, checked; JsonFileError in one sentence otherwise (naming the file
    as ``where``, else by its path)."""
    path = Path(path)
    where = where or shown(path)
    check_given_path(path, JsonFileError)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise too_large(where, size, max_bytes)
            data = f.read(max_bytes + 1)  # the file may have grown since the fstat
    except PermissionError:
        raise JsonFileError(Message("{path} cannot be read: permission denied.", path=shown(path))) from None
    except OSError as exc:
        raise JsonFileError(Message("{path} cannot be read ({reason}).", path=shown(path),
                                    reason=exc.strerror or exc)) from None
    if len(data) > max_bytes:
        raise too_large(where, len(data), max_bytes)
    value = parse_json(data, max_bytes, where=where)
    if schema is not None:
        reason = schema.problem(value)
        if reason:
            raise JsonFileError(Message("{where} is damaged ({reason}).", where=where, reason=reason))
    return value


def parse_json(data: bytes | str, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_DEPTH,
               where: str = "The text"):
    """``json.loads`` with the bounds above; ``where`` names the source in the sentence."""
    size = len(data)
    if size > max_bytes:
        raise too_large(where, size, max_bytes)
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise JsonFileError(Message("{where} is not text (UTF-8).", where=where)) from None
    depth = nesting_depth(data)
    if depth > max_depth:
        raise JsonFileError(Message("{where} nests more than {limit} levels deep; the app's files nest a few, so it is not read.",
                                    where=where, limit=max_depth))
    try:
        return json.loads(data, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NotFinite:
        raise JsonFileError(Message("{where} holds NaN or Infinity, which JSON does not allow.", where=where)) from None
    except RecursionError:  # the depth scan makes this unreachable; a second guard costs nothing
        raise JsonFileError(Message("{where} nests too deep to be read.", where=where)) from None
    except ValueError as exc:
        raise JsonFileError(Message("{where} is not valid JSON ({reason}).", where=where,
                                    reason=str(exc).splitlines()[0][:120])) from None


def too_large(where, size: int, limit: int) -> JsonFileError:
    return JsonFileError(Message("{where} is {size} KB; a file the app keeps is at most {limit} KB, so it is not read.",
                                 where=where,
                                 size=f"{math.ceil(size / 1024):,}", limit=f"{limit // 1024:,}"))


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings, counted without recursion.

    Strings go first (a bracket inside one is text), then a running sum over the rest (numpy: a 4 MB
    file of brackets in milliseconds, where a Python loop took most of a second).
    """
    import numpy as np

    codes = np.frombuffer(_STRING.sub("", text).encode("utf-8", "replace"), np.uint8)
    steps = (codes == ord("[")).astype(np.int32) + (codes == ord("{")) - (codes == ord("]")) - (codes == ord("}"))
    return int(np.cumsum(steps).max(initial=0))


class _NotFinite(ValueError):
    pass


def _refuse_constant(name: str):
    raise _NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999: JSON's syntax, Python's infinity
        raise _NotFinite(text)
    return value


# --- shapes -----------------------------------------------------------------------------------------------

class Schema:
    """What one value must be. ``problem(value)``: None, or what is wrong in a few words (English, for logs
    and the "damaged: ..." column, like the other reasons there)."""

    def problem(self, value, where: str = "") -> str | None:
        raise NotImplementedError


class Kind(Schema):
    """One of Python's JSON types; numbers are finite and within ``low``-``high`` (booleans are not numbers)."""

    def __init__(self, *types, low: float | None = None, high: float | None = None, maybe: bool = False):
        self.types, self.low, self.high, self.maybe = types, low, high, maybe

    def problem(self, value, where: str = "value") -> str | None:
        if value is None:
            return None if self.maybe else f"{where} is missing"
        if isinstance(value, bool) and bool not in self.types:
            return f"{where} is not {self.name()}"
        if not isinstance(value, self.types):
            return f"{where} is not {self.name()}"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value):
                return f"{where} is not a finite number"
            if isinstance(value, int) and abs(value) > 2**53:  # past a float's whole numbers: numpy makes it an object
                return f"{where} is out of range"
            if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
                return f"{where} is out of range"
        return None

    def name(self) -> str:
        names = {str: "text", int: "a whole number", float: "a number", bool: "true or false", dict: "an object",
                 list: "a list"}
        if set(self.types) == {int, float}:
            return "a number"
        return " or ".join(names.get(t, t.__name__) for t in self.types)


class ListOf(Schema):
    def __init__(self, item: Schema, max_items: int = 100_000, maybe: bool = False):
        self.item, self.max_items, self.maybe = item, max_items, maybe

    def problem(self, value, where: str = "value") -> str | None:
        if value is None and self.maybe:
            return None
        if not isinstance(value, list):
            return f"{where} is not a list"
        if len(value) > self.max_items:
            return f"{where} has too many items"
        for i, item in enumerate(value):
            reason = self.item.problem(item, f"{where}[{i}]")
            if reason:
                return reason
        return None


class Row(Schema):
    """A list of ``least`` to ``len(items)`` values, each of its position's shape (a curve point)."""

    def __init__(self, *items: Schema, least: int | None = None):
        self.items, self.least = items, len(items) if least is None else least

    def problem(self, value, where: str = "value") -> str | None:
        if not isinstance(value, list) or not self.least <= len(value) <= len(self.items):
            return f"{where} is not a list of {self.least} to {len(self.items)} values"
        for i, (item, shape) in enumerate(zip(value, self.items)):
            reason = shape.problem(item, f"{where}[{i}]")
            if reason:
                return reason
        return None


class Fields(Schema):
    """An object whose named fields (those present: older files lack newer ones) have the given shapes;
    ``required`` must be there; other fields are kept unchecked unless ``others`` gives their shape."""

    def __init__(self, fields: dict[str, Schema], required: tuple = (), others: Schema | None = None,
                 maybe: bool = False):
        self.fields, self.required, self.others, self.maybe = fields, required, others, maybe

    def problem(self, value, where: str = "") -> str | None:
        if value is None and self.maybe:
            return None
        if not isinstance(value, dict):
            return f"{where or 'the file'} is not an object"
        for key in self.required:
            if key not in value:
                return f"{_join(where, key)} is missing"
        for key, item in value.items():
            shape = self.fields.get(key, self.others)
            if shape is not None:
                reason = shape.problem(item, _join(where, key))
                if reason:
                    return reason
        return None

    def clean(self, value: dict) -> tuple[dict, list[str]]:
        """``value`` without the fields of the wrong shape, and their names: for files whose good fields are
        worth keeping (a sidecar, the Train form)."""
        kept, dropped = {}, []
        for key, item in value.items():
            shape = self.fields.get(key, self.others)
            if shape is not None and item is not None and shape.problem(item, key):
                dropped.append(key)
            else:
                kept[key] = item
        return kept, dropped


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


TEXT = Kind(str)
NUMBER = Kind(int, float)
WHOLE = Kind(int)
FLAG = Kind(bool)
