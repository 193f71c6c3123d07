"""From probabilities to an answer: a digit, "not a digit", nothing, or "not sure"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from training.reading.preprocess import fit_to_mnist_box, ink_map
from training.reading.segment import (
    MAX_PIECES,
    CrowdedInk,
    DigitInk,
    PenStroke,
    candidate_spans,
    group_by_reading,
    split_digits,
    stroke_pieces,
    union,
)
from training.reading.trajectory import features
from training.shares import percent_text

# Used when a model's sidecar does not carry a threshold measured for it.
DEFAULT_NOT_SURE_BELOW = 0.8
DIGITS = 10


@dataclass(frozen=True)
class Answer:
    digit: int | None  # None: nothing drawn, or not a digit
    confidence: float  # probability of ``digit`` (of "not a digit" when refused); 0.0 when blank
    probabilities: np.ndarray  # (10,) for the digits; all zeros when blank
    sure: bool
    not_a_digit: bool = False
    nearest: int | None = None  # the likeliest digit: a hint when refused

    @property
    def reason(self) -> str | None:
        """None when a digit is read; else "blank" or "not a digit"."""
        if self.not_a_digit:
            return "not a digit"
        return "blank" if self.digit is None else None

    def describe(self) -> str:
        if self.not_a_digit:
            return f"not a digit ({percent_text(self.confidence)}; nearest digit {self.nearest})"
        if self.digit is None:
            return "no digit"
        text = f"{self.digit} ({percent_text(self.confidence)})"
        return text if self.sure else text + ", not sure"


def reads_digits(class_names) -> bool:
    """Whether a model's classes (its sidecar's ``class_names``; none known: assumed) are the ten digits."""
    names = [str(name) for name in (class_names or [])]
    return not names or names[:10] == [str(digit) for digit in range(10)]


def check_reads_digits(path, info: dict | None) -> None:
    """Refuse, with a sentence, a model whose classes are not the ten digits (one trained on
    Fashion-MNIST): reading its "5" as a digit would name a sandal "5?"."""
    from training.errors import ModelFileError

    names = (info or {}).get("class_names")
    if not reads_digits(names):
        raise ModelFileError("{path} reads {classes}..., not digits; only a digit model can read drawings and "
                             "images of digits.", path=path, classes=", ".join(map(str, names[:3])))


def not_sure_threshold(info: dict | None) -> float:
    value = (info or {}).get("not_sure_below")
    return float(value) if isinstance(value, (int, float)) else DEFAULT_NOT_SURE_BELOW


def answer_from(probabilities, threshold: float) -> Answer:
    """Probabilities of 10 digits, or of 10 digits and "not a digit" (11)."""
    probabilities = np.asarray(probabilities, np.float32)
    digits = probabilities[:DIGITS]
    nearest = int(digits.argmax())
    if len(probabilities) > DIGITS and probabilities[DIGITS] > digits[nearest]:
        refused = float(probabilities[DIGITS])
        return Answer(None, refused, digits, refused >= threshold, not_a_digit=True, nearest=nearest)
    confidence = float(digits[nearest])
    return Answer(nearest, confidence, digits, confidence >= threshold, nearest=nearest)


NO_DIGIT = Answer(None, 0.0, np.zeros(DIGITS, np.float32), False)


def recognize(predictor, image28) -> Answer:
    """``image28`` is :func:`training.reading.preprocess.to_mnist`'s output (None when blank)."""
    if image28 is None:
        return NO_DIGIT
    return answer_from(predictor.predict(image28), not_sure_threshold(predictor.info))


@dataclass(frozen=True)
class DigitReading:
    image: np.ndarray  # the (28, 28) input the model saw
    answer: Answer
    box: tuple[int, int, int, int]  # left, top, right, bottom on the source image


@dataclass(frozen=True)
class Reading:
    """Everything on one canvas, left to right."""

    digits: tuple[DigitReading, ...]

    @property
    def blank(self) -> bool:
        return not self.digits

    @property
    def number(self) -> str | None:
        """The digits read, left to right; None when blank or when any part is not a digit."""
        if self.blank or any(d.answer.digit is None for d in self.digits):
            return None
        return "".join(str(d.answer.digit) for d in self.digits)

    @property
    def text(self) -> str:
        """What was read, for people: "?" stands for a part that is not a digit."""
        return "".join("?" if d.answer.digit is None else str(d.answer.digit) for d in self.digits)

    @property
    def sure(self) -> bool:
        return bool(self.digits) and all(d.answer.sure and not d.answer.not_a_digit for d in self.digits)


BLANK = Reading(())


def read_image(predictor, gray: np.ndarray, strokes: Sequence[PenStroke] | None = None) -> Reading:
    """A grayscale canvas or photo (either polarity) -> every digit on it, left to right.

    ``strokes`` (the canvas's, in ``gray``'s pixels) let the pieces follow the
    pen; without them, an image's connected components are the pieces.
    """
    ink = ink_map(gray)
    if ink is None:
        return BLANK
    try:
        if strokes:
            keep = predictor.trajectory is not None  # only a model that reads the pen's path needs them
            return read_pieces(predictor, stroke_pieces(ink, strokes, keep_strokes=keep), strokes)
        return read_pieces(predictor, split_digits(ink))
    except CrowdedInk:
        return not_a_number(predictor, DigitInk(0, 0, ink.shape[1], ink.shape[0], ink))


# Handwritten digits stand side by side at least this share of the number's
# height apart (centre to centre; a row of 1s written close is about 0.3):
# a "number" of more digits than its width allows at this pitch is stripes,
# dots or a ruler's ticks, not writing. 119 stripes once read as a number.
MIN_DIGIT_PITCH = 0.2
# A single digit is never this many times wider than tall (a ruler, a line).
MAX_DIGIT_ASPECT = 4.0


def digits_allowed(pieces: Sequence[DigitInk]) -> int:
    """The most digits a number written over these pieces' extent can have."""
    width = max(p.right for p in pieces) - min(p.left for p in pieces)
    height = max(1, max(p.bottom for p in pieces) - min(p.top for p in pieces))
    return 1 + int(width / (MIN_DIGIT_PITCH * height))


# Longer "numbers" are a pattern (a ruler's ticks, a fence), not something written on one canvas.
MAX_NUMBER_DIGITS = 20
# The digits of a number are of a height: when over a third of four or more
# are under half the tallest, the marks are a ruler's ticks, not digits.
SHORT_DIGIT = 0.5
SHORT_SHARE = 1 / 3


def not_writing(parts: Sequence[DigitInk]) -> bool:
    """Whether ``parts``, read as the digits of one number, are too many or too uneven to be one."""
    if len(parts) > min(MAX_NUMBER_DIGITS, digits_allowed(parts)):
        return True
    heights = [p.bottom - p.top for p in parts]
    short = sum(h < SHORT_DIGIT * max(heights) for h in heights)
    return len(parts) >= 4 and short > SHORT_SHARE * len(parts)


def refused_by_shape(answer: Answer) -> Answer:
    """``answer`` turned into "not a digit": the ink's shape, not the model, refuses it, so surely."""
    return Answer(None, 1.0, answer.probabilities, True, not_a_digit=True, nearest=answer.nearest)


def not_a_number(predictor, whole: DigitInk) -> Reading:
    """All of the ink as one part that is not a digit (noise, dots, stripes, a ruler): read once, for
    the nearest digit and the chart, never split."""
    image = fit_to_mnist_box(whole.ink)
    if image is None:
        return BLANK
    answer = answer_from(predictor.predict(image), not_sure_threshold(predictor.info))
    return Reading((DigitReading(image=image, answer=refused_by_shape(answer),
                                 box=(whole.left, whole.top, whole.right, whole.bottom)),))


def with_trajectories(predictor, probabilities: np.ndarray, groups: Sequence[DigitInk],
                      strokes: Sequence[PenStroke] | None) -> np.ndarray:
    """The image readings of ``groups``, combined with their pen paths' where the model has a trajectory network."""
    reader = predictor.trajectory
    if reader is None or not strokes or probabilities.shape[1] <= DIGITS:
        return probabilities
    rows, paths = [], []
    for k, group in enumerate(groups):
        path = features([strokes[i].points for i in group.strokes]) if group.strokes else None
        if path is not None:
            rows.append(k)
            paths.append(path)
    if rows:
        probabilities = probabilities.copy()
        probabilities[rows] = reader.fuse(probabilities[rows], np.stack(paths))
    return probabilities


def read_pieces(predictor, pieces: Sequence[DigitInk], strokes: Sequence[PenStroke] | None = None) -> Reading:
    inputs = [fit_to_mnist_box(p.ink) for p in pieces]
    kept = [(p, im) for p, im in zip(pieces, inputs) if im is not None]
    if not kept:
        return BLANK
    pieces = [p for p, _ in kept]
    if len(pieces) > MAX_PIECES * digits_allowed(pieces):  # more pieces than any number this wide has
        return not_a_number(predictor, union(pieces))
    spans = candidate_spans(pieces)
    joined = {span: union(pieces[span[0]:span[1]]) for span in spans if span[1] - span[0] > 1}
    images = {(i, i + 1): im for i, (_, im) in enumerate(kept)}
    for span, ink in joined.items():
        image = fit_to_mnist_box(ink.ink)
        if image is not None:
            images[span] = image
    spans = [s for s in spans if s in images]
    batch = np.stack([images[s] for s in spans])
    # One compiled call for the whole canvas, every candidate grouping included.
    probabilities = (predictor.predict(batch[0])[None] if len(batch) == 1
                     else predictor.predict_batch(batch))
    probabilities = with_trajectories(
        predictor, probabilities, [joined.get(s) or pieces[s[0]] for s in spans], strokes)
    reject = DIGITS if probabilities.shape[1] > DIGITS else None
    chosen = group_by_reading(pieces, spans, probabilities, reject)
    threshold = not_sure_threshold(predictor.info)
    by_span = dict(zip(spans, probabilities))
    parts = [joined.get(span) or pieces[span[0]] for span in chosen]
    if not_writing(parts):
        return not_a_number(predictor, union(pieces))
    out = []
    for span, part in zip(chosen, parts):
        answer = answer_from(by_span[span], threshold)
        if part.right - part.left > MAX_DIGIT_ASPECT * max(1, part.bottom - part.top):
            answer = refused_by_shape(answer)
        out.append(DigitReading(image=images[span], answer=answer,
                                box=(part.left, part.top, part.right, part.bottom)))
    return Reading(tuple(out))
