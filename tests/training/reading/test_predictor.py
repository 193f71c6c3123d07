import numpy as np
import pytest

from training._tf import keras
from training.reading.predictor import Predictor
from training.reading.recognize import DEFAULT_NOT_SURE_BELOW, answer_from, recognize


def test_single_and_batch_match_model_predict(predictor, mnist):
    x = mnist.x_test[:40].astype(np.float32) / 255
    reference = predictor.model.predict(x, verbose=0)
    np.testing.assert_allclose(predictor.predict_batch(mnist.x_test[:40]), reference, atol=1e-5)
    np.testing.assert_allclose(predictor.predict(x[3]), reference[3], atol=1e-5)
    np.testing.assert_allclose(predictor.predict_batch(x, batch_size=7), reference, atol=1e-5)


def test_predictions_are_probabilities(predictor, mnist):
    p = predictor.predict_batch(mnist.x_test[:100])
    assert p.shape == (100, 10) and (p >= 0).all()
    np.testing.assert_allclose(p.sum(1), 1, rtol=1e-5)
    assert (p.argmax(1) == mnist.y_test[:100]).mean() > 0.85


def test_a_logits_model_still_answers_probabilities():
    logits = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)])
    p = Predictor(logits).predict(np.random.default_rng(0).random((28, 28)))
    assert p.min() >= 0 and p.sum() == pytest.approx(1, abs=1e-5)


def test_wrong_batch_shape_is_refused(predictor):
    with pytest.raises(ValueError, match=r"\(N, 28, 28\)"):
        predictor.predict_batch(np.zeros((3, 32, 32)))


def test_recognize_blank_sure_and_not_sure(predictor, mnist):
    assert recognize(predictor, None).digit is None
    answer = recognize(predictor, mnist.x_test[0] / 255.0)
    assert answer.digit == 7 and answer.sure == (answer.confidence >= DEFAULT_NOT_SURE_BELOW)
    unsure = answer_from(np.full(10, 0.1, np.float32), threshold=0.8)
    assert unsure.digit == 0 and not unsure.sure and unsure.describe() == "0 (10.0%), not sure"


def test_only_a_digit_model_reads_digits():
    from training.data.datasets import DATASETS
    from training.errors import ModelFileError
    from training.reading.recognize import check_reads_digits, reads_digits

    assert reads_digits(None) and reads_digits([str(d) for d in range(10)])
    assert reads_digits(list(DATASETS["mnist+pen"].class_names))  # the digits, then "not a digit"
    clothes = list(DATASETS["fashion-mnist"].class_names)
    assert not reads_digits(clothes)
    with pytest.raises(ModelFileError, match=r"clothes.keras reads T-shirt/top, Trouser, Pullover\.\.\., not digits"):
        check_reads_digits("clothes.keras", {"class_names": clothes})
