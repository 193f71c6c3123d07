"""Accuracy, per-class accuracy, confusion matrix and the misclassified images."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NUM_CLASSES = 10


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    per_class_accuracy: np.ndarray  # (10,); NaN for a class with no images
    confusion: np.ndarray  # (10, 10) counts: rows are true labels, columns predictions
    misclassified: np.ndarray  # indices into the evaluated images
    predicted: np.ndarray  # (N,) predicted labels
    confidence: np.ndarray  # (N,) probability of the predicted label

    @property
    def count(self) -> int:
        return int(self.confusion.sum())

    def confusion_table(self, class_names=None) -> str:
        names = [str(c) for c in (class_names or range(NUM_CLASSES))]
        width = max(6, *(len(n) + 1 for n in names))
        lines = ["true\\pred".ljust(width) + "".join(str(i).rjust(6) for i in range(NUM_CLASSES))]
        for i, row in enumerate(self.confusion):
            lines.append(names[i].ljust(width) + "".join(str(int(v)).rjust(6) for v in row))
        return "\n".join(lines)


def evaluate_probabilities(probabilities: np.ndarray, labels: np.ndarray) -> Evaluation:
    probabilities = np.asarray(probabilities)
    labels = np.asarray(labels).astype(np.int64)
    if probabilities.shape != (len(labels), NUM_CLASSES):
        raise ValueError(f"expected ({len(labels)}, {NUM_CLASSES}) probabilities, got {probabilities.shape}")
    predicted = probabilities.argmax(axis=1)
    confusion = np.zeros((NUM_CLASSES, NUM_CLASSES), np.int64)
    np.add.at(confusion, (labels, predicted), 1)
    per_class_total = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_class = np.diag(confusion) / per_class_total
    return Evaluation(
        accuracy=float((predicted == labels).mean()) if len(labels) else float("nan"),
        per_class_accuracy=per_class,
        confusion=confusion,
        misclassified=np.flatnonzero(predicted != labels),
        predicted=predicted,
        confidence=probabilities[np.arange(len(labels)), predicted],
    )


def evaluate(predictor, images: np.ndarray, labels: np.ndarray) -> Evaluation:
    """Evaluate a :class:`training.predictor.Predictor` on uint8 or float images."""
    return evaluate_probabilities(predictor.predict_batch(images), labels)
