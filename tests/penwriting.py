"""Real people's pen strokes (UNIPEN and pendigits, held-out writers) drawn on the app's own canvas.

The benchmark and the tests read handwriting nobody on the project wrote:
each trajectory is put on the 600x400 paper at a size people use, drawn
stroke by stroke through the canvas (with the canvas's own pen), and read
exactly as the Draw tab reads it. Numbers are made of one writer's digits,
side by side at varied gaps, touching and slightly overlapping included.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training.data.pen import Look, is_not_a_digit_example, load_pen, place

ROOT = Path(__file__).resolve().parents[1]


def pen_file() -> Path:
    default = ROOT.parent / "shared" / "data" / "unipen" / "unipen-dev.npz"
    return Path(os.environ.get("DIGIT_RECOGNIZER_UNIPEN", default))


def pendigits_file() -> Path:
    default = ROOT.parent / "shared" / "data" / "pendigits" / "pendigits-train.npz"
    return Path(os.environ.get("DIGIT_RECOGNIZER_PENDIGITS", default))


@dataclass(frozen=True)
class Drawing:
    label: str  # the digit(s) or character written
    strokes: tuple[np.ndarray, ...]  # in paper pixels
    pen: float


def held_out(pen=None):
    """(pen set, indices of held-out digits, indices of held-out non-digit characters)."""
    pen = pen or load_pen(pen_file())
    out = pen.held_out()
    digits = np.flatnonzero(out & pen.is_digit)
    others = np.array([i for i in np.flatnonzero(out & ~pen.is_digit)
                       if is_not_a_digit_example(str(pen.labels[i]), str(pen.section[i]))])
    return pen, digits, others


def single(pen, i: int, rng: np.random.Generator, height: float | None = None) -> Drawing:
    """One sample centred on the paper, at a height and pen people use."""
    h = float(height or rng.uniform(120, 330))
    p = 18.0 if rng.random() < 0.5 else float(rng.uniform(max(6, 0.04 * h), min(40, 0.14 * h)))
    strokes = place(pen.strokes(int(i)), Look(height=h, pen=p))
    centre = np.array([300 + rng.uniform(-120, 120), 200 + rng.uniform(-30, 30)])
    allp = np.concatenate(strokes)
    shift = centre - (allp.min(0) + allp.max(0)) / 2
    return Drawing(str(pen.labels[i]), tuple(s + shift for s in strokes), p)


def number(pen, indices, rng: np.random.Generator) -> Drawing:
    """One writer's digits side by side, left to right, at gaps from overlapping to wide."""
    k = len(indices)
    h = float(rng.uniform(100, min(190, 520 / (0.75 * k + 0.3 * (k - 1)))))
    p = 18.0 if rng.random() < 0.5 else float(rng.uniform(max(6, 0.05 * h), min(30, 0.13 * h)))
    placed = [place(pen.strokes(int(i)), Look(height=h, pen=p)) for i in indices]
    widths = [np.ptp(np.concatenate(s)[:, 0]) for s in placed]
    gaps = []
    for _ in range(k - 1):
        u = rng.random()
        # Gaps are between the pen's centre lines, so ink meets ink below one pen
        # width: a quarter touching or overlapping by up to a pen width, the rest apart.
        gaps.append(p * rng.uniform(0.0, 1.0) if u < 0.25 else p + h * rng.uniform(0.03, 0.5))
    total = sum(widths) + sum(gaps)
    x = 300 - total / 2
    strokes = []
    for s, w, g in zip(placed, widths + [0], gaps + [0]):
        allp = np.concatenate(s)
        shift = np.array([x - allp[:, 0].min(), 200 - (allp[:, 1].min() + allp[:, 1].max()) / 2
                          + rng.normal(0, 0.04 * h)])
        strokes += [q + shift for q in s]
        x += w + g
    return Drawing("".join(str(pen.labels[i]) for i in indices), tuple(strokes), p)


def numbers(pen, digit_indices, count: int, rng: np.random.Generator) -> list[Drawing]:
    """``count`` numbers of 2-4 digits, each from one held-out writer's digits."""
    by_writer: dict[str, list[int]] = {}
    for i in digit_indices:
        by_writer.setdefault(str(pen.writer[i]), []).append(int(i))
    writers = sorted(w for w, idx in by_writer.items() if len(idx) >= 4)
    out = []
    for _ in range(count):
        idx = by_writer[writers[rng.integers(len(writers))]]
        k = int(rng.integers(2, 5))
        out.append(number(pen, [idx[j] for j in rng.choice(len(idx), k, replace=False)], rng))
    return out


def draw(canvas, drawing: Drawing) -> None:
    """Draw on a canvas sized to its paper (widget pixels are paper pixels), stroke by stroke."""
    from PySide6.QtCore import QPointF

    canvas.set_pen_width(round(drawing.pen))
    for stroke in drawing.strokes:
        canvas.begin_stroke(QPointF(*stroke[0]))
        for x, y in stroke[1:]:
            canvas.extend_stroke(QPointF(x, y))
        canvas.end_stroke()
