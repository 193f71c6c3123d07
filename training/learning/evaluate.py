"""Accuracy, per-class accuracy, confusion matrix and the misclassified images."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NUM_CLASSES = 10


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    per_class_accuracy: np.ndarray  # (C,); NaN for a class with no images
    confusion: np.ndarray  # (C, C) counts: rows are true labels, columns predictions
    misclassified: np.ndarray  # indices into the evaluated images
    predicted: np.ndarray  # (N,) predicted labels
    confidence: np.ndarray  # (N,) probability of the predicted label

    @property
    def count(self) -> int:
        return int(self.confusion.sum())

    def confusion_table(self, class_names=None) -> str:
        classes = len(self.confusion)
        names = [str(c) for c in (class_names or range(classes))]
        width = max(6, *(len(n) + 1 for n in names))
        # Columns by index ("10" is "not a digit" for a model with that class).
        lines = ["true\\pred".ljust(width) + "".join(str(i).rjust(6) for i in range(classes))]
        for i, row in enumerate(self.confusion):
            lines.append(names[i].ljust(width) + "".join(str(int(v)).rjust(6) for v in row))
        return "\n".join(lines)


def evaluate_probabilities(probabilities: np.ndarray, labels: np.ndarray) -> Evaluation:
    probabilities = np.asarray(probabilities)
    labels = np.asarray(labels).astype(np.int64)
    if probabilities.ndim != 2 or len(probabilities) != len(labels) or probabilities.shape[1] < NUM_CLASSES:
        raise ValueError(f"expected ({len(labels)}, C>=10) probabilities, got {probabilities.shape}")
    classes = probabilities.shape[1]  # 11 for a model that can answer "not a digit"
    if len(labels) and labels.max() >= classes:
        raise ValueError(f"labels go up to {labels.max()} but the model answers {classes} classes")
    predicted = probabilities.argmax(axis=1)
    confusion = np.zeros((classes, classes), np.int64)
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
    """Evaluate a :class:`training.reading.predictor.Predictor` on uint8 or float images."""
    return evaluate_probabilities(predictor.predict_batch(images), labels)
