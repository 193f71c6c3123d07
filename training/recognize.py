"""From probabilities to an answer: a digit, no digit, or "not sure"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from training.preprocess import fit_to_mnist_box, ink_map
from training.segment import split_digits

# Used when a model's sidecar does not carry a threshold measured for it.
DEFAULT_NOT_SURE_BELOW = 0.8


@dataclass(frozen=True)
class Answer:
    digit: int | None  # None: nothing drawn
    confidence: float  # probability of ``digit``; 0.0 when there is none
    probabilities: np.ndarray  # (10,); all zeros when there is no digit
    sure: bool

    def describe(self) -> str:
        if self.digit is None:
            return "no digit"
        text = f"{self.digit} ({self.confidence:.1%})"
        return text if self.sure else text + ", not sure"


def not_sure_threshold(info: dict | None) -> float:
    value = (info or {}).get("not_sure_below")
    return float(value) if isinstance(value, (int, float)) else DEFAULT_NOT_SURE_BELOW


def answer_from(probabilities, threshold: float) -> Answer:
    probabilities = np.asarray(probabilities, np.float32)
    digit = int(probabilities.argmax())
    confidence = float(probabilities[digit])
    return Answer(digit, confidence, probabilities, confidence >= threshold)


NO_DIGIT = Answer(None, 0.0, np.zeros(10, np.float32), False)


def recognize(predictor, image28) -> Answer:
    """``image28`` is :func:`training.preprocess.to_mnist`'s output (None when blank)."""
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
    def number(self) -> str:
        return "".join(str(d.answer.digit) for d in self.digits)

    @property
    def sure(self) -> bool:
        return bool(self.digits) and all(d.answer.sure for d in self.digits)


BLANK = Reading(())


def read_image(predictor, gray: np.ndarray) -> Reading:
    """A grayscale canvas or photo (either polarity) -> every digit on it, left to right."""
    ink = ink_map(gray)
    if ink is None:
        return BLANK
    parts = split_digits(ink)
    images = [fit_to_mnist_box(p.ink) for p in parts]
    kept = [(p, im) for p, im in zip(parts, images) if im is not None]
    if not kept:
        return BLANK
    batch = np.stack([im for _, im in kept])
    # One compiled call for the whole canvas, however many digits it holds.
    probabilities = (predictor.predict(batch[0])[None] if len(batch) == 1
                     else predictor.predict_batch(batch))
    threshold = not_sure_threshold(predictor.info)
    return Reading(tuple(
        DigitReading(image=im, answer=answer_from(p, threshold), box=(part.left, part.top, part.right, part.bottom))
        for (part, im), p in zip(kept, probabilities)))
