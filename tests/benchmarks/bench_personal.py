"""Personal reading (training/reading/personal.py) on writers the model never saw, through the Draw tab's path.

Writers: the held-out writers (training/data/pen.py's split) of the UNIPEN
file, and the pendigits writers the model never trained on: all 30 for a
model trained without that file (the shipped one), else the held-out quarter. Each writer's
digits are drawn on the app's canvas (tests/penwriting.py) and read as the
Draw tab reads them (snapshot and strokes). For k = 1, 2, 3 samples of each
digit, taken at random from the writer's own drawings (several draws), the
samples are saved in a real sample store as the Draw tab saves them (the 28x28
input the model saw) and the writer's other digits are read with them; the
same digits read without samples are the baseline. Then the same with 10% of
the samples given a wrong label.

Prints one JSON line: per k, the accuracy as mean over writers, worst writer,
the share of writers made worse by more than 0.2 points, the largest drop;
the time from saving a sample to a reading that counts it (p50 ms); one
reading's p50 with personal reading on (10 samples) and off, in the same run.

Run: python tests/benchmarks/bench_personal.py [--model FILE] [--draws 3] [--writers N]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402

WORSE_BY = 0.002  # "made worse": more than 0.2 points below the same digits read without samples


def writers_drawings(rng, trained_on_pendigits: bool):
    """[(source, writer, [Drawing, ...])] for every held-out UNIPEN writer and every pendigits writer the
    model has not trained on (all of them, or the held-out quarter)."""
    from penwriting import held_out, pendigits_file, single

    from training.data.pen import load_pen

    out = []
    pen, digit_idx, _ = held_out()
    sources = [("unipen", pen, digit_idx)]
    if pendigits_file().is_file():
        pendigits = load_pen(pendigits_file())
        sources.append(("pendigits", pendigits, np.flatnonzero(pendigits.held_out()) if trained_on_pendigits
                        else np.arange(len(pendigits))))
    for source, pen_set, indices in sources:
        by_writer: dict[str, list[int]] = {}
        for i in indices:
            by_writer.setdefault(str(pen_set.writer[i]), []).append(int(i))
        for writer, idx in sorted(by_writer.items()):
            out.append((source, writer, [single(pen_set, i, rng) for i in idx]))
    return out


def drawn(canvas, drawings):
    from penwriting import draw

    for drawing in drawings:
        if not canvas.is_blank():
            canvas.clear()
        draw(canvas, drawing)
        yield canvas.snapshot(), canvas.pen_strokes()


def sample_image(reading, snapshot):
    """What the Draw tab saves: the one digit's model input (the whole drawing's when it was split)."""
    from training.reading.preprocess import to_mnist

    return reading.digits[0].image if len(reading.digits) == 1 else to_mnist(snapshot)


def choose(labels, k, rng):
    """Indices of k drawings of each digit (digits the writer wrote more than k times)."""
    chosen = []
    for digit in range(10):
        pool = np.flatnonzero(labels == digit)
        if len(pool) > k:
            chosen += list(rng.choice(pool, k, replace=False))
    return np.array(sorted(chosen), int)


def summary(personal, baseline):
    personal, baseline = np.asarray(personal), np.asarray(baseline)
    drop = baseline - personal
    return {"writer_mean": round(float(personal.mean()), 4), "worst_writer": round(float(personal.min()), 4),
            "made_worse_share": round(float((drop > WORSE_BY).mean()), 4),
            "largest_drop_points": round(float(max(drop.max(), 0) * 100), 2),
            "without_samples_writer_mean": round(float(baseline.mean()), 4),
            "without_samples_worst_writer": round(float(baseline.min()), 4)}


def main():
    from PySide6.QtWidgets import QApplication

    from app.draw.canvas import PAPER, DrawingCanvas
    from training.data.samples import SampleStore
    from training.models.library import shipped_model_path
    from training.models.opening import open_predictor
    from training.reading.personal import PersonalPredictor, has_features
    from training.reading.recognize import read_image

    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(shipped_model_path()))
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--writers", type=int, default=0, help="at most this many writers (0: all)")
    parser.add_argument("--mislabelled", type=float, default=0.1)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])  # noqa: F841
    canvas = DrawingCanvas()
    canvas.resize(PAPER)
    base = open_predictor(args.model)
    if not has_features(base):
        raise SystemExit(f"{args.model}'s light-runtime twin has no feature output: personal reading cannot apply")
    rng = np.random.default_rng(2026)
    # A model trained with the pendigits file names it in its training command (its sidecar).
    trained_on_pendigits = "pendigits" in str(base.info.get("command") or "")
    writers = writers_drawings(rng, trained_on_pendigits)
    if args.writers:
        writers = [writers[i] for i in sorted(rng.choice(len(writers), args.writers, replace=False))]

    ks = (1, 2, 3)
    conditions = [(k, 0.0) for k in ks] + [(k, args.mislabelled) for k in ks]
    by_condition = {c: ([], []) for c in conditions}  # (personal, baseline) per writer
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n, (source, writer, drawings) in enumerate(writers):
            labels = np.array([int(d.label) for d in drawings])
            pictures = list(drawn(canvas, drawings))
            base_readings = [read_image(base, snap, strokes) for snap, strokes in pictures]
            base_right = np.array([r.number == str(y) for r, y in zip(base_readings, labels)])
            images = [sample_image(r, snap) for r, (snap, _) in zip(base_readings, pictures)]
            for k, wrong_share in conditions:
                personal_acc, baseline_acc = [], []
                for draw_no in range(args.draws):
                    chosen = choose(labels, k, rng)
                    given = labels[chosen].copy()
                    wrong = rng.choice(len(chosen), int(round(wrong_share * len(chosen))), replace=False)
                    given[wrong] = (given[wrong] + rng.integers(1, 10, len(wrong))) % 10
                    store = SampleStore(Path(tmp) / f"{n}-{k}-{wrong_share}-{draw_no}")
                    for i, digit in zip(chosen, given):
                        store.add(images[i], int(digit))
                    personal = PersonalPredictor(base, store)
                    rest = np.setdiff1d(np.arange(len(drawings)), chosen)
                    right = [read_image(personal, *pictures[i]).number == str(labels[i]) for i in rest]
                    personal_acc.append(np.mean(right))
                    baseline_acc.append(base_right[rest].mean())
                by_condition[(k, wrong_share)][0].append(np.mean(personal_acc))
                by_condition[(k, wrong_share)][1].append(np.mean(baseline_acc))
            print(f"{n + 1}/{len(writers)} {writer} {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

        # Timing, on one drawing: a reading without and with ten samples, and a new sample counted.
        source, writer, drawings = writers[0]
        pictures = list(drawn(canvas, drawings[:12]))
        store = SampleStore(Path(tmp) / "timing")
        for (snap, strokes), drawing in zip(pictures[:10], drawings):
            store.add(sample_image(read_image(base, snap, strokes), snap), int(drawing.label))
        personal = PersonalPredictor(base, store)
        snap, strokes = pictures[11]
        off, on = [], []
        for _ in range(20):
            read_image(base, snap, strokes)
            read_image(personal, snap, strokes)
        for _ in range(300):  # interleaved: both see the same machine load
            t = time.perf_counter()
            read_image(base, snap, strokes)
            off.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            read_image(personal, snap, strokes)
            on.append((time.perf_counter() - t) * 1000)
        new_sample = []
        image = sample_image(read_image(base, *pictures[10]), pictures[10][0])
        for _ in range(30):
            t = time.perf_counter()
            sample = store.add(image, int(drawings[10].label))
            read_image(personal, snap, strokes)  # the next reading counts it
            new_sample.append((time.perf_counter() - t) * 1000)
            store.delete(sample.id)
            read_image(personal, snap, strokes)

    report = {"benchmark": "personal", "model": Path(args.model).name,
              "writers": len(writers), "unipen_writers": sum(1 for w in writers if w[0] == "unipen"),
              "pendigits_writers": sum(1 for w in writers if w[0] == "pendigits"),
              "digits": sum(len(w[2]) for w in writers), "draws": args.draws}
    for (k, wrong_share), (personal_acc, baseline_acc) in by_condition.items():
        key = f"k{k}" if not wrong_share else f"k{k}_mislabelled_{round(wrong_share * 100)}pct"
        report[key] = summary(personal_acc, baseline_acc)
    report["new_sample_counted_p50_ms"] = round(float(np.percentile(new_sample, 50)), 2)
    report["reading_p50_ms_personal_on"] = round(float(np.percentile(on, 50)), 3)
    report["reading_p50_ms_personal_off"] = round(float(np.percentile(off, 50)), 3)
    report["reading_on_off_ratio"] = round(float(np.percentile(on, 50) / np.percentile(off, 50)), 2)
    report["seconds"] = round(time.perf_counter() - started)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
