"""Single-image inference: the light runtime (LiteRT), the Keras Predictor's compiled call and
model.predict, same model, same run.

Prints one JSON line. Uses the shipped model when present (else a freshly
built default preset: the speed does not depend on the weights).
Run: python tests/benchmarks/bench_inference.py [--model FILE] [--calls N]
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402


def percentiles(samples_s):
    ms = np.asarray(samples_s) * 1000
    return round(float(np.percentile(ms, 50)), 3), round(float(np.percentile(ms, 95)), 3)


def main():
    from training.models.library import shipped_model_path
    from training.models.opening import keras_predictor, open_predictor
    from training.models.presets import DEFAULT_PRESET, get_preset
    from training.reading.predictor import Predictor
    from training.reading.preprocess import to_mnist

    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--predict-calls", type=int, default=60)
    args = parser.parse_args()

    path = Path(args.model) if args.model else shipped_model_path()
    if path.is_file():
        predictor, source = keras_predictor(path), str(path.name)
    else:
        predictor, source = Predictor(get_preset(DEFAULT_PRESET).build()), f"untrained {DEFAULT_PRESET}"
    rng = np.random.default_rng(0)
    images = rng.random((args.calls, 28, 28), dtype=np.float32)

    for image in images[:50]:  # warm-up
        predictor.predict(image)
    fast = []
    for image in images:
        t = time.perf_counter()
        predictor.predict(image)
        fast.append(time.perf_counter() - t)

    model = predictor.model
    model.predict(images[:1], verbose=0)
    slow = []
    for image in images[:args.predict_calls]:
        t = time.perf_counter()
        model.predict(image[None], verbose=0)
        slow.append(time.perf_counter() - t)

    canvas = np.zeros((280, 280), np.uint8)
    canvas[60:220, 120:150] = 255
    prep = []
    for _ in range(200):
        t = time.perf_counter()
        to_mnist(canvas)
        prep.append(time.perf_counter() - t)

    light = open_predictor(path) if path.is_file() else None
    lite_times = []
    if light is not None and light.runtime == "litert":
        for image in images[:50]:
            light.predict(image)
        for image in images:
            t = time.perf_counter()
            light.predict(image)
            lite_times.append(time.perf_counter() - t)
    lite_p50, lite_p95 = percentiles(lite_times) if lite_times else (None, None)

    p50, p95 = percentiles(fast)
    predict_p50, predict_p95 = percentiles(slow)
    print(json.dumps({
        "benchmark": "inference", "model": source, "calls": args.calls,
        "predictor_p50_ms": p50, "predictor_p95_ms": p95,
        "model_predict_p50_ms": predict_p50, "model_predict_p95_ms": predict_p95,
        "speedup_p50": round(predict_p50 / p50, 1),
        "litert_p50_ms": lite_p50, "litert_p95_ms": lite_p95,
        "litert_speedup_p50_vs_predictor": round(p50 / lite_p50, 2) if lite_p50 else None,
        "preprocess_280px_p50_ms": percentiles(prep)[0],
        "cpu_count": os.cpu_count(),
    }))


if __name__ == "__main__":
    main()
