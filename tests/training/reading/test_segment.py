"""Grouping pieces into digits by their readings: when joined pieces may be one letter."""

import numpy as np

from training.reading.segment import DigitInk, candidate_spans, group_by_reading, letter_like, off_line, touching

REJECT = 10


def piece(left, top, right, bottom):
    """A solid block of ink: neighbours whose boxes meet touch."""
    return DigitInk(left, top, right, bottom, np.ones((bottom - top, right - left), np.float32))


def reading(cls, p):
    out = np.full(11, (1 - p) / 10, np.float32)
    out[cls] = p
    return out


def grouping(pieces, apart, together):
    spans = candidate_spans(pieces)
    probabilities = np.stack([together if j - i > 1 else apart[i] for i, j in spans])
    return group_by_reading(pieces, spans, probabilities, REJECT)


def test_strokes_that_meet_and_are_no_wider_than_tall_are_one_letter():
    # An upright and the bowl that starts on it: "1" and "2" apart, a letter together.
    upright, bowl = piece(0, 0, 20, 100), piece(20, 0, 80, 60)
    assert letter_like([upright, bowl], [touching(upright, bowl)])
    assert grouping([upright, bowl], [reading(1, 0.9), reading(2, 0.8)], reading(REJECT, 0.95)) == [(0, 2)]


def test_digits_side_by_side_stay_digits_when_together_they_read_as_a_letter():
    # Too wide for one letter, though they touch.
    one, seven = piece(0, 0, 60, 100), piece(60, 0, 130, 100)
    assert not letter_like([one, seven], [touching(one, seven)])
    assert grouping([one, seven], [reading(1, 0.9), reading(7, 0.9)], reading(REJECT, 0.99)) == [(0, 1), (1, 2)]
    # Narrow, but apart: a gap between them.
    one, other = piece(0, 0, 20, 100), piece(35, 0, 60, 100)
    assert not letter_like([one, other], [touching(one, other)])
    assert grouping([one, other], [reading(1, 0.9), reading(1, 0.9)], reading(REJECT, 0.99)) == [(0, 1), (1, 2)]


def test_a_letter_is_joined_only_when_surer_than_its_parts():
    upright, bowl = piece(0, 0, 20, 100), piece(20, 0, 80, 60)
    assert grouping([upright, bowl], [reading(1, 0.99), reading(7, 0.99)], reading(REJECT, 0.6)) == [(0, 1), (1, 2)]


def test_a_one_touching_its_neighbour_is_not_swallowed_by_it():
    # Together they read "3" as surely as the 3 alone: the 1 is a digit of its own.
    one, three = piece(0, 0, 20, 100), piece(15, 0, 75, 100)
    assert grouping([one, three], [reading(1, 0.99), reading(3, 0.99)], reading(3, 0.995)) == [(0, 1), (1, 2)]


def test_a_tail_under_its_loop_stays_one_digit():
    # A 9 whose tail, a separate stroke, hangs under the loop and reads "1" alone.
    loop, tail = piece(0, 0, 60, 80), piece(40, 10, 60, 100)
    assert grouping([loop, tail], [reading(9, 0.99), reading(1, 0.99)], reading(9, 0.995)) == [(0, 2)]


def test_off_line_pieces_are_a_stem_beside_its_corner_not_two_digits_of_a_number():
    def piece(left, top, right, bottom):
        return DigitInk(left, top, right, bottom, np.ones((bottom - top, right - left), np.float32))

    corner = piece(0, 0, 40, 100)  # a 4's open corner, top to bar
    assert off_line(corner, piece(38, 45, 60, 120))  # its stem from the bar down, nearly touching
    assert not off_line(corner, piece(70, 45, 90, 120))  # the same stem well apart: a digit of its own
    assert not off_line(corner, piece(45, 5, 70, 100))  # two digits on one line
    assert not off_line(corner, piece(38, 0, 60, 30))  # a flag or a bar: too short to be a digit's part here
