"""Bands along a photo's edge (a shadow, a table) are removed as wide as they are (issue 32, item 5)."""

import numpy as np
import pytest
from PIL import Image


def photo_with_band(digit28, width, side="left", level=0.1, seed=0):
    """A real MNIST digit photographed as dark ink on paper, with a dark band ``width`` px wide along
    ``side`` beside it (the photo is that much larger: the band hides none of the digit)."""
    big = np.asarray(Image.fromarray(digit28).resize((280, 280), Image.Resampling.BICUBIC), np.float32) / 255
    pad = {"left": ((0, 0), (width, 0)), "right": ((0, 0), (0, width)), "top": ((width, 0), (0, 0)),
           "bottom": ((0, width), (0, 0))}[side]
    paper = np.pad(0.85 - 0.65 * big, pad, constant_values=0.85)
    band = {"left": np.s_[:, :width], "right": np.s_[:, -width:], "top": np.s_[:width, :],
            "bottom": np.s_[-width:, :]}[side]
    paper[band] = level
    paper = paper + np.random.default_rng(seed).normal(0, 0.02, paper.shape)
    return np.clip(paper, 0, 1).astype(np.float32)


@pytest.fixture(scope="module")
def shipped():
    from training.models.library import shipped_model_path
    from training.models.opening import open_predictor

    return open_predictor(shipped_model_path())


@pytest.mark.parametrize("side", ["left", "top", "right"])
def test_a_photographed_3_with_a_60_px_shadow_band_reads_3_not_13(mnist, shipped, side):
    from training.reading.recognize import read_image

    threes = [i for i in np.flatnonzero(mnist.y_test == 3)[:12] if i != np.flatnonzero(mnist.y_test == 3)[6]][:10]
    read = [read_image(shipped, photo_with_band(mnist.x_test[i], 60, side, seed=int(i))).text for i in threes]
    # The band's border, a straight line along it, used to read as a "1" beside the digit.
    assert read.count("3") >= 9, (side, str(read))
    assert not any(len(text) > 1 for text in read), read


def test_the_band_is_removed_as_wide_as_it_is_measured(mnist):
    from training.reading.preprocess import edge_band_widths, ink_map

    three = mnist.x_test[np.flatnonzero(mnist.y_test == 3)[0]]
    for width in (20, 60, 100):
        gray = photo_with_band(three, width)
        (top, bottom), (left, right) = edge_band_widths(gray)
        assert abs(left - width) <= 2 and top == bottom == right == 0, (width, top, bottom, left, right)
        ink = ink_map(gray)
        # No line along the band survives: no column near its border is mostly ink.
        assert (ink[:, :width + 10] > 0.5).mean(axis=0).max() < 0.3, width
