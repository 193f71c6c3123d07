"""Accuracy, per-class accuracy, confusion matrix and the misclassified images."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NUM_CLASSES = 10
NOT_A_DIGIT_NAME = "not a digit"  # the eleventh class's name (training.data.pen's), in tables


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
        """Rows true, columns predicted, each named: "not a digit" by its name, never "10"."""
        classes = len(self.confusion)
        given = [str(c) for c in (class_names or ())]
        names = [given[i] if i < len(given) else (NOT_A_DIGIT_NAME if i == NUM_CLASSES else str(i))
                 for i in range(classes)]
        width = max(len("true\\pred") + 1, *(len(n) + 1 for n in names))
        # Long class names (Fashion-MNIST's) head their columns by index; digits and "not a digit" by name.
        heads = [n if n.isdigit() or n == NOT_A_DIGIT_NAME else str(i) for i, n in enumerate(names)]
        columns = [max(6, len(h) + 1) for h in heads]
        lines = ["true\\pred".ljust(width) + "".join(h.rjust(w) for h, w in zip(heads, columns))]
        for i, row in enumerate(self.confusion):
            lines.append(names[i].ljust(width) + "".join(str(int(v)).rjust(w) for v, w in zip(row, columns)))
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
