import numpy as np

from training.learning.evaluate import evaluate_probabilities


def test_confusion_per_class_and_misclassified():
    labels = np.array([0, 0, 1, 1, 2])
    predicted = np.array([0, 1, 1, 1, 0])
    probs = np.eye(10, dtype=np.float32)[predicted] * 0.9 + 0.01
    result = evaluate_probabilities(probs, labels)
    assert result.accuracy == 0.6
    assert result.confusion[0, 0] == 1 and result.confusion[0, 1] == 1 and result.confusion[2, 0] == 1
    assert result.confusion.sum() == 5
    np.testing.assert_allclose(result.per_class_accuracy[:3], [0.5, 1.0, 0.0])
    assert np.isnan(result.per_class_accuracy[5])  # no images of 5
    assert result.misclassified.tolist() == [1, 4]
    assert "true\\pred" in result.confusion_table()
