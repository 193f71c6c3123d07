"""From probabilities to an answer: a digit, no digit, or "not sure"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
