"""A digit in a number reads as it does alone (issue 33, item 15: "2026" with narrow digits read "2025").

Real people's strokes: held-out UNIPEN writers' own 2, 0 and 6, squeezed
narrow, written as "2026" on the app's canvas and read as the Draw tab reads
it; then the same 6, at the same size and place, alone. The number's context
(the cut-out of each piece, the grouping, the size) must not turn the 6 into
another digit.
"""

from __future__ import annotations

import numpy as np
import pytest
from penwriting import Drawing, draw

from training.data.pen import Look, place


@pytest.fixture(scope="module")
def paper_canvas(qapp):
    from app.draw.canvas import PAPER, DrawingCanvas

    canvas = DrawingCanvas()
    canvas.resize(PAPER)  # widget pixels are paper pixels
    return canvas


@pytest.fixture(scope="module")
def shipped():
    from training.models.library import shipped_model_path
    from training.models.opening import keras_predictor

    return keras_predictor(shipped_model_path())


def read(canvas, predictor, strokes, pen):
    from training.reading.recognize import read_image

    if not canvas.is_blank():
        canvas.clear()
    draw(canvas, Drawing("", tuple(strokes), pen))
    return read_image(predictor, canvas.snapshot(), canvas.pen_strokes())


def year(pen_set, indices, height, pen, stretch, gap):
    """The writer's digits side by side, narrow (``stretch`` < 1); also the last digit's strokes alone."""
    placed = [place(pen_set.strokes(int(i)), Look(height=height, pen=pen, stretch=stretch)) for i in indices]
    widths = [float(np.ptp(np.concatenate(s)[:, 0])) for s in placed]
    x = 300 - (sum(widths) + gap * (len(placed) - 1)) / 2
    strokes, last = [], []
    for s, w in zip(placed, widths):
        allp = np.concatenate(s)
        shift = np.array([x - allp[:, 0].min(), 200 - (allp[:, 1].min() + allp[:, 1].max()) / 2])
        last = [q + shift for q in s]
        strokes += last
        x += w + gap
    return strokes, last


def test_a_narrow_six_in_2026_reads_as_it_does_alone(paper_canvas, shipped, pen):
    held = pen.held_out() & pen.is_digit
    by_writer: dict[str, dict[str, list[int]]] = {}
    for i in np.flatnonzero(held):
        label = str(pen.labels[i])
        if label in "206":
            by_writer.setdefault(str(pen.writer[i]), {}).setdefault(label, []).append(int(i))
    writers = sorted(w for w, d in by_writer.items() if all(k in d for k in "206"))
    assert len(writers) >= 20
    compared, changed, fives = 0, [], []
    for writer in writers:
        d = by_writer[writer]
        for six in d["6"][:3]:
            # Narrow, at the sizes and pens people use for a four-digit number, apart and nearly touching.
            for height, pen_width, stretch, gap in ((110, 18, 0.6, 24), (130, 12, 0.5, 14)):
                strokes, alone = year(pen, [d["2"][0], d["0"][0], d["2"][-1], six], height, pen_width, stretch, gap)
                number = read(paper_canvas, shipped, strokes, pen_width)
                by_itself = read(paper_canvas, shipped, alone, pen_width)
                if len(number.digits) != 4 or len(by_itself.digits) != 1:
                    continue  # a 2 or 0 split or joined is another matter (test_real_handwriting's numbers)
                compared += 1
                in_number, own = number.digits[3].answer, by_itself.digits[0].answer
                if in_number.digit != own.digit:
                    changed.append((writer, six, height, stretch, in_number.digit, own.digit))
                if own.digit == 6 and in_number.digit == 5:
                    fives.append((writer, six, height, stretch, round(in_number.confidence, 3)))
    assert compared >= 100
    assert not fives, fives  # the "2025": never
    # Context changed the 6's reading in 2 of 1,396 such numbers of all 117 writers (an extremely narrow 6,
    # read differently half a pixel further along, as it is alone too), never through the cut-out or grouping.
    assert len(changed) <= 0.02 * compared, changed
