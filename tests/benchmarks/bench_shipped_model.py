"""The shipped model, measured: MNIST test accuracy, mouse-drawn digits, calibration.

Prints one JSON line:
- mnist_test_accuracy on the 10,000 MNIST test images;
- drawn_accuracy on digits drawn as strokes (tests/strokes.py: round-capped
  polylines of varied pen, size, slant and position on a 280x280 canvas, both
  polarities), read through the canvas path (ink map, segmentation, MNIST box);
- mean confidence on right and on wrong answers, for both sets;
- the "not sure" threshold, chosen from data: on a calibration pool (a
  separate drawn set, other seed, plus the MNIST test answers, where most of
  the mistakes are), the highest confidence threshold that flags at most
  --max-right-flagged of the right answers; it flags as many wrong answers as
  that allows. (A rule on error rate alone is useless here: at 99.7% every
  threshold meets it.) With --write-threshold it is stored in the model's
  sidecar as not_sure_below, which the Draw tab and predict use.

Run: python tests/benchmarks/bench_shipped_model.py [--model FILE] [--per-digit 100]
"""

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402


def read_drawn(predictor, images):
    """Each drawing through the canvas path -> (predicted digit or -1, confidence)."""
    from training.reading.preprocess import to_grayscale
    from training.reading.recognize import read_image

    out = []
    for image in images:
        reading = read_image(predictor, to_grayscale(image))
        if len(reading.digits) != 1:  # read as blank or as several digits: wrong
            out.append((-1, max([d.answer.confidence for d in reading.digits], default=0.0)))
        else:
            out.append((reading.digits[0].answer.digit, reading.digits[0].answer.confidence))
    digits, confidence = zip(*out)
    return np.array(digits), np.array(confidence)


def choose_threshold(correct: np.ndarray, confidence: np.ndarray, max_right_flagged: float) -> float:
    """Highest t (step 0.01) such that answers below t include at most that share of right ones."""
    best = 0.5
    for t in np.round(np.arange(0.50, 1.0, 0.01), 2):
        if (confidence[correct] < t).mean() <= max_right_flagged:
            best = float(t)
    return best


def main():
    from strokes import drawn_test_set

    from training.data.datasets import load_dataset
    from training.learning.evaluate import evaluate
    from training.models.library import shipped_model_path
    from training.models.modelfile import read_info, write_info
    from training.models.opening import keras_predictor

    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(shipped_model_path()))
    parser.add_argument("--data", default=os.environ.get("DIGIT_RECOGNIZER_MNIST",
                                                         str(ROOT.parent / "shared" / "data" / "mnist.npz")))
    parser.add_argument("--per-digit", type=int, default=100)
    parser.add_argument("--max-right-flagged", type=float, default=0.01)
    parser.add_argument("--write-threshold", action="store_true")
    args = parser.parse_args()

    predictor = keras_predictor(args.model)
    mnist = load_dataset("mnist", args.data)
    result = evaluate(predictor, mnist.x_test, mnist.y_test)
    mnist_right = result.predicted == mnist.y_test

    test_images, test_labels = drawn_test_set(per_digit=args.per_digit, seed=2026)
    digits, confidence = read_drawn(predictor, test_images)
    right = digits == test_labels
    per_digit = {str(d): round(float(right[test_labels == d].mean()), 3) for d in range(10)}
    polarity = np.arange(len(test_labels)) % 2 == 0
    cal_images, cal_labels = drawn_test_set(per_digit=args.per_digit, seed=7)
    cal_digits, cal_conf = read_drawn(predictor, cal_images)
    pool_right = np.concatenate([cal_digits == cal_labels, mnist_right])
    pool_conf = np.concatenate([cal_conf, result.confidence])
    threshold = choose_threshold(pool_right, pool_conf, args.max_right_flagged)
    sure = confidence >= threshold

    report = {
        "benchmark": "shipped_model", "model": Path(args.model).name,
        "size_mb": round(Path(args.model).stat().st_size / 2**20, 2),
        "mnist_test_accuracy": round(result.accuracy, 4),
        "mnist_errors": int((~mnist_right).sum()),
        "mnist_mean_confidence_right": round(float(result.confidence[mnist_right].mean()), 4),
        "mnist_mean_confidence_wrong": round(float(result.confidence[~mnist_right].mean()), 4),
        "drawn_images": len(test_labels),
        "drawn_accuracy": round(float(right.mean()), 4),
        "drawn_accuracy_light_on_dark": round(float(right[polarity].mean()), 4),
        "drawn_accuracy_dark_on_light": round(float(right[~polarity].mean()), 4),
        "drawn_per_digit": per_digit,
        "drawn_mean_confidence_right": round(float(confidence[right].mean()), 4),
        "drawn_mean_confidence_wrong": round(float(confidence[~right].mean()), 4) if (~right).any() else None,
        "not_sure_below": threshold,
        "threshold_chosen_on": (f"drawn calibration set (seed 7, {len(cal_labels)} images) + MNIST test; "
                                f"at most {args.max_right_flagged:.0%} of right answers flagged"),
        "calibration_wrong_flagged": round(float((pool_conf[~pool_right] < threshold).mean()), 4),
        "calibration_right_flagged": round(float((pool_conf[pool_right] < threshold).mean()), 4),
        "drawn_share_sure": round(float(sure.mean()), 4),
        "drawn_accuracy_when_sure": round(float(right[sure].mean()), 4),
        "drawn_share_wrong_flagged_not_sure": round(float((~sure[~right]).mean()), 4) if (~right).any() else None,
        "mnist_share_sure": round(float((result.confidence >= threshold).mean()), 4),
    }
    print(json.dumps(report))
    if args.write_threshold:
        info = read_info(args.model)
        info["not_sure_below"] = threshold
        info["calibration"] = {k: report[k] for k in (
            "threshold_chosen_on", "drawn_accuracy", "drawn_mean_confidence_right",
            "drawn_mean_confidence_wrong", "mnist_mean_confidence_right", "mnist_mean_confidence_wrong")}
        write_info(args.model, info)


if __name__ == "__main__":
    main()
