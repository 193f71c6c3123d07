"""The Draw tab on real people's handwriting and on the shapes MNIST lacks.

The first tests draw with real mouse events on the window's canvas; the
others draw real writers' strokes (held-out UNIPEN writers, never trained on,
and pendigits writers' 4s) through a
canvas of the app's own, read exactly as the Draw tab reads it.
"""

import numpy as np
import pytest
from penwriting import draw, held_out, numbers, single
from strokes import Style, _arc, strokes_from

from .conftest import drag, settle

# A 4 whose upright misses the end of its bar, and a 5 whose bar was lifted:
# neither stroke touches the other.
FOUR_IN_TWO_STROKES = [[(0.3, 0.0), (0.05, 0.62), (0.68, 0.62)], [(0.86, 0.05), (0.86, 1.0)]]
FIVE_WITH_LIFTED_BAR = [[(0.22, 0.12), (0.17, 0.45)] + _arc(0.48, 0.68, 0.4, 0.32, 230, 500),
                        [(0.34, -0.03), (0.95, -0.06)]]
LETTER_A = [[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], [(0.22, 0.62), (0.78, 0.62)]]
# An upright, then a bowl (and a leg) that starts on it, as many people
# write R and P: apart, the strokes read "12" and "17". They meet, and
# together they are no wider than tall: one letter.
LETTER_R = [[(0.05, 0.0), (0.05, 1.0)],
            [(0.08, 0.02), (0.6, 0.0), (0.9, 0.15), (0.9, 0.35), (0.6, 0.5), (0.08, 0.5), (0.95, 1.0)]]
LETTER_P = [[(0.05, 0.0), (0.05, 1.0)], [(0.08, 0.02), (0.6, 0.0), (0.95, 0.2), (0.95, 0.4), (0.6, 0.55), (0.08, 0.55)]]


def draw_template(qtbot, canvas, template, centre=(300, 210)):
    for stroke in strokes_from(template, Style(size=280, aspect=0.7, pen=20, centre=centre)):
        drag(qtbot, canvas, stroke)


@pytest.mark.parametrize("template, digit", [(FOUR_IN_TWO_STROKES, 4), (FIVE_WITH_LIFTED_BAR, 5)])
def test_a_digit_of_strokes_that_do_not_meet_is_one_digit(qtbot, window, template, digit):
    tab = window.draw_tab
    draw_template(qtbot, tab.canvas, template)
    settle(qtbot, window)
    assert len(tab.canvas.pen_strokes()) == 2
    assert tab.reading.number == str(digit), tab.reading.text
    assert tab.answer.digit_label.text().rstrip("?") == str(digit)
    assert tab.model_input.count() == 1


@pytest.mark.parametrize("letter", [LETTER_A, LETTER_R, LETTER_P], ids=["A", "R", "P"])
def test_a_letter_is_not_a_digit(qtbot, window, letter):
    tab = window.draw_tab
    draw_template(qtbot, tab.canvas, letter)
    settle(qtbot, window)
    assert tab.reading.text == "?", tab.reading.text
    assert tab.answer.digit_label.text() == "not a digit"
    assert "does not look like a digit" in tab.answer.verdict_label.text()
    # No confident bar: the probability went to "not a digit".
    assert tab.chart.bar_heights().max() < 0.5


def test_a_number_beside_a_letter_is_no_number(qtbot, window):
    tab = window.draw_tab
    draw_template(qtbot, tab.canvas, LETTER_A, centre=(420, 210))
    for stroke in strokes_from([[(0.5, 0.0), (0.5, 1.0)]], Style(size=280, pen=20, centre=(150, 210))):
        drag(qtbot, tab.canvas, stroke)
    settle(qtbot, window)
    assert tab.reading.text == "1?" and tab.reading.number is None
    assert "not a digit" in tab.answer.verdict_label.text()


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


def read(canvas, predictor, drawing):
    from training.reading.recognize import read_image

    if not canvas.is_blank():
        canvas.clear()
    draw(canvas, drawing)
    return read_image(predictor, canvas.snapshot(), canvas.pen_strokes())


@pytest.fixture(scope="module")
def held(pen):
    return held_out(pen)


def test_real_multi_stroke_digits_are_never_split(paper_canvas, shipped, held):
    pen, digits, _ = held
    multi = [int(i) for i in digits if len(pen.strokes(int(i))) > 1]
    assert len(multi) > 200
    rng = np.random.default_rng(11)
    readings = [(read(paper_canvas, shipped, single(pen, i, rng)), str(pen.labels[i])) for i in multi]
    split = [(label, r.text) for r, label in readings if len(r.digits) > 1]
    right = np.mean([r.number == label for r, label in readings])
    # One sample labelled 8 is a % sign (UNIPEN's label noise, about 1%): it is
    # read as "0?", two parts. Of about 300 real multi-stroke digits, at most one
    # other may split: a 9 whose separate tail reads as a sure 1 on its own.
    assert len([s for s in split if s != ("8", "0?")]) <= 1, f"split: {split}"
    # Right: 95.7% of them (slashed zeros read as 8 are most of the rest).
    assert right >= 0.95, right


# pendigits training writers' 4s whose stem is a second stroke that starts at
# the bar and misses the first stroke (tra-04 writes them so): apart, each
# stroke reads as a sure 1, and the Draw tab read "11" (issue 29).
FOURS_WITH_THEIR_STEM_APART = (516, 846, 1065, 1623, 6627, 7367)


def test_fours_with_their_stem_written_apart_are_one_digit(paper_canvas, shipped, pendigits):
    rng = np.random.default_rng(29)
    for i in FOURS_WITH_THEIR_STEM_APART:
        assert pendigits.labels[i] == "4" and len(pendigits.strokes(i)) == 2
        for _ in range(3):  # at sizes and pens people use
            reading = read(paper_canvas, shipped, single(pendigits, i, rng))
            assert len(reading.digits) == 1, (i, reading.text)


def test_real_numbers_of_one_writer_read_exactly(paper_canvas, shipped, held):
    pen, digits, _ = held
    drawings = numbers(pen, digits, 150, np.random.default_rng(12))
    right = np.mean([read(paper_canvas, shipped, d).number == d.label for d in drawings])
    assert right >= 0.95, right


def test_real_letters_and_symbols_are_refused(paper_canvas, shipped, held):
    pen, digits, others = held
    rng = np.random.default_rng(13)
    letters = [single(pen, int(i), rng) for i in rng.choice(others, 300, replace=False)]
    refused = np.mean([read(paper_canvas, shipped, d).number is None for d in letters])
    assert refused >= 0.8, refused  # 86.5% on the benchmark's 2,000; the target is 90%
    real = [single(pen, int(i), rng) for i in rng.choice(digits, 300, replace=False)]
    wrongly_refused = np.mean([any(d.answer.not_a_digit for d in read(paper_canvas, shipped, r).digits)
                               for r in real])
    assert wrongly_refused <= 0.02, wrongly_refused
