import numpy as np
import pytest
from PIL import Image
from strokes import Style, draw_digit

from training.errors import ImageError
from training.reading.preprocess import load_image, to_mnist

REFERENCE = Style(variant=0, size=200, pen=16, centre=(140, 140))


def correlation(a, b):
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


@pytest.mark.parametrize("digit", [2, 4, 7])
def test_same_digit_in_any_size_place_or_polarity_gives_the_same_input(digit):
    reference = to_mnist(draw_digit(digit, REFERENCE))
    variants = {
        "small in a corner": draw_digit(digit, Style(size=50, pen=4, centre=(30, 32))),
        "huge": draw_digit(digit, Style(size=262, pen=21, centre=(140, 140))),
        "dark on light": draw_digit(digit, REFERENCE, light_ink=False),
    }
    for name, image in variants.items():
        assert correlation(to_mnist(image), reference) > 0.93, name


@pytest.mark.parametrize("digit", [2, 4, 7])
def test_thick_and_thin_pens_stay_close(digit):
    reference = to_mnist(draw_digit(digit, REFERENCE))
    for pen in (6, 30):
        other = to_mnist(draw_digit(digit, Style(size=200, pen=pen)))
        assert correlation(other, reference) > 0.75, pen


def test_mnist_form_box_and_centre_of_mass():
    image = to_mnist(draw_digit(7, Style(size=120, pen=10, centre=(60, 200))))
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert 0.0 <= image.min() and image.max() <= 1.0
    rows, cols = np.flatnonzero(image.any(1)), np.flatnonzero(image.any(0))
    assert max(rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1) in (20, 21)  # Lanczos may spill a pixel
    ys, xs = np.indices(image.shape)
    com = (ys * image).sum() / image.sum(), (xs * image).sum() / image.sum()
    assert abs(com[0] - 14.0) <= 0.75 and abs(com[1] - 14.0) <= 0.75


def test_mnist_images_keep_their_shape_through_preprocessing(mnist):
    # MNIST is already in this form, so preprocessing must nearly reproduce it;
    # MNIST's own centring is whole-pixel, ours sub-pixel, hence not exactly.
    scores = [correlation(to_mnist(image), image / 255.0) for image in mnist.x_test[:200]]
    assert np.mean(scores) > 0.93 and min(scores) > 0.8


@pytest.mark.parametrize("blank", [np.zeros((280, 280), np.uint8), np.full((280, 280), 255, np.uint8),
                                   np.full((50, 80), 0.6, np.float32)])
def test_blank_image_is_no_digit(blank):
    assert to_mnist(blank) is None


def test_faint_paper_texture_is_no_digit():
    rng = np.random.default_rng(0)
    paper = (235 + rng.normal(0, 4, (200, 200))).clip(0, 255).astype(np.uint8)
    assert to_mnist(paper) is None


def test_photo_like_dark_ink_on_grey_paper(tmp_path):
    ink = draw_digit(3, REFERENCE).astype(np.float32) / 255
    photo = (200 - 150 * ink + np.random.default_rng(1).normal(0, 5, ink.shape)).clip(0, 255)
    rgb = np.stack([photo, photo * 0.97, photo * 0.9], -1).astype(np.uint8)
    Image.fromarray(rgb).save(tmp_path / "photo.jpg", quality=85)
    seen = to_mnist(load_image(tmp_path / "photo.jpg"))
    assert correlation(seen, to_mnist(draw_digit(3, REFERENCE))) > 0.9


def test_transparent_png_of_white_strokes(tmp_path):
    ink = draw_digit(5, REFERENCE)
    rgba = np.zeros((*ink.shape, 4), np.uint8)
    rgba[..., :3] = 255
    rgba[..., 3] = ink
    Image.fromarray(rgba, "RGBA").save(tmp_path / "strokes.png")
    assert correlation(to_mnist(load_image(tmp_path / "strokes.png")), to_mnist(ink)) > 0.95


def test_unreadable_images_raise_a_clear_error(tmp_path):
    (tmp_path / "fake.png").write_bytes(b"not an image at all")
    with pytest.raises(ImageError, match="fake.png is not an image"):
        load_image(tmp_path / "fake.png")
    with pytest.raises(ImageError, match="no such file"):
        load_image(tmp_path / "missing.png")
    good = tmp_path / "cut.png"
    Image.fromarray(draw_digit(1)).save(good)
    good.write_bytes(good.read_bytes()[:200])
    with pytest.raises(ImageError, match="cut.png"):
        load_image(good)


def photo_of(digit28, shadow=False, edge=False, seed=0):
    """An MNIST digit as a photo of dark ink on paper, with a shadow band and a dark table edge."""
    from PIL import Image

    big = np.asarray(Image.fromarray(digit28).resize((280, 280), Image.Resampling.BICUBIC), np.float32) / 255
    paper = 0.85 - 0.65 * big
    xx = np.arange(280)[None, :]
    if shadow:
        paper = paper * np.where(xx < 90, 0.45, 1.0)
    if edge:
        paper[:, :20] = 0.1
        paper[:12, :] = 0.15
    paper = paper + np.random.default_rng(seed).normal(0, 0.02, paper.shape)
    return np.clip(paper, 0, 1).astype(np.float32)


def test_shadows_and_dark_edges_of_photos_are_not_ink(mnist):
    from training.reading.preprocess import ink_map

    three = mnist.x_test[np.flatnonzero(mnist.y_test == 3)[0]]
    clean = ink_map(photo_of(three))
    for shadow, edge in ((True, False), (False, True), (True, True)):
        ink = ink_map(photo_of(three, shadow, edge))
        assert ink is not None
        # The ink found is the digit's: it overlaps the clean photo's ink, and no band along an edge survives.
        overlap = ((ink > 0.5) & (clean > 0.5)).sum() / max(1, (ink > 0.5).sum())
        assert overlap > 0.8, (shadow, edge, overlap)
        assert not (ink[:, :25] > 0.5).any() and not (ink[:15] > 0.5).any()


def test_noise_is_no_digit():
    from training.reading.preprocess import ink_map

    rng = np.random.default_rng(1)
    for _ in range(5):
        assert ink_map(rng.random((200, 200)).astype(np.float32)) is None


def test_the_shipped_model_reads_a_photographed_3_with_a_shadow_band(mnist):
    """It read "6, 98.8%" when the shadow's border was taken for ink."""
    from training.models.library import shipped_model_path
    from training.models.opening import keras_predictor
    from training.reading.recognize import read_image

    predictor = keras_predictor(shipped_model_path())
    threes = np.flatnonzero(mnist.y_test == 3)[:10]
    shadowed = [read_image(predictor, photo_of(mnist.x_test[i], shadow=True, seed=int(i))).number for i in threes]
    assert shadowed.count("3") >= 9, shadowed
    # A sharp-edged shadow band and a dark table edge at once: the hardest of these photos.
    both = [read_image(predictor, photo_of(mnist.x_test[i], shadow=True, edge=True, seed=int(i))).number
            for i in threes]
    assert both.count("3") >= 7, both
    rng = np.random.default_rng(4)
    noise = read_image(predictor, rng.random((200, 200)).astype(np.float32))
    assert noise.blank or not noise.sure
