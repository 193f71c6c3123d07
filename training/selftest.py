"""The headless part of --self-test: model, sample images, one short epoch.

Everything it reads is bundled (resources/), so it proves that an installed or
frozen build found its resources and that TensorFlow, Keras and the
preprocessing work there, with no dataset and no network.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

SAMPLE_NAME = re.compile(r"digit-(\d)-\w+\.(png|jpg)$")


@dataclass
class SelfTestReport:
    ok: bool
    parts: list[str]
    failures: list[str]

    def line(self) -> str:
        text = "; ".join(self.parts + [f"FAILED: {f}" for f in self.failures])
        return f"self-test {'passed' if self.ok else 'failed'}: {text}"


def drawn_one_read(predictor) -> list[str]:
    """A straight down stroke read with the strokes, as the Draw tab reads it: a 1."""
    import numpy as np

    from training.reading.recognize import read_image
    from training.reading.segment import PenStroke

    gray = np.zeros((200, 300), np.float32)
    gray[40:160, 146:155] = 1.0
    got = read_image(predictor, gray, [PenStroke(((150.0, 44.0), (150.0, 156.0)), 9.0)]).number
    return [] if got == "1" else [f"a drawn 1 read with its stroke as {got or 'nothing'}"]


def run() -> SelfTestReport:
    from resources import resource_path
    from training.data.datasets import load_dataset
    from training.learning.trainer import TrainConfig, train
    from training.models.library import shipped_model_path
    from training.models.opening import open_predictor
    from training.reading.preprocess import load_image
    from training.reading.recognize import read_image

    started = time.perf_counter()
    parts, failures = [], []
    try:
        predictor = open_predictor(shipped_model_path())
        info = predictor.info or {}
        paired = " and its trajectory network" if predictor.trajectory is not None else ""
        parts.append(f"shipped model{paired} loaded ({info.get('preset', '?')}, read by {predictor.runtime}, "
                     f"test accuracy {info.get('test_accuracy', float('nan')):.2%} on "
                     f"{info.get('dataset', 'its test set')})")
    except Exception as exc:
        return SelfTestReport(False, parts, [f"the shipped model did not load: {exc}"])
    if predictor.runtime != "litert":  # the shipped twin and the runtime must both be in the package
        failures.append(f"the shipped model was read by {predictor.runtime}, not the light runtime (LiteRT)")
    if info.get("trajectory") and predictor.trajectory is None:
        failures.append("the shipped trajectory network did not load (see the log)")
    elif predictor.trajectory is not None:
        failures += drawn_one_read(predictor)

    samples = sorted(p for p in resource_path("samples").iterdir() if SAMPLE_NAME.search(p.name))
    wrong = []
    for path in samples:
        expected = SAMPLE_NAME.search(path.name).group(1)
        got = read_image(predictor, load_image(path)).number
        if got != expected:
            wrong.append(f"{path.name} read as {got or 'nothing'}")
    parts.append(f"{len(samples) - len(wrong)}/{len(samples)} sample images read right")
    if not samples:
        failures.append("no sample images found in resources/samples")
    failures += wrong

    try:
        tiny = load_dataset("mnist", resource_path("samples", "drawn-digits.npz"))
        config = TrainConfig.for_preset("mlp-512", optimizer="adam", learning_rate=2e-3, epochs=1,
                                        batch_size=16, validation_split=0.1)
        result = train(config, dataset=tiny)
        parts.append(f"1 epoch on {len(tiny.x_train)} bundled drawn digits in {result.seconds:.1f} s "
                     f"(test accuracy {result.test_accuracy:.0%})")
        if result.test_accuracy < 0.5:
            failures.append(f"the short training reached only {result.test_accuracy:.0%}")
    except Exception as exc:
        failures.append(f"the short training failed: {exc}")
    parts.append(f"{time.perf_counter() - started:.1f} s")
    return SelfTestReport(not failures, parts, failures)
