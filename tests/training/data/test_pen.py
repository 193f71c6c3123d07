"""Real pen handwriting (UNIPEN): the file, the writer split, rendering, conventions, the dataset."""

import zipfile

import numpy as np
import pytest

from training.data.pen import (
    LOOK_ALIKES,
    MORE_RENDERINGS,
    NOT_A_DIGIT,
    Look,
    add_convention,
    find_pen_file,
    is_not_a_digit_example,
    load_pen,
    mnist_with_pen,
    move_strokes,
    pen_images,
    place,
    render_paper,
    rendering_plan,
    scribble_images,
    shift_not_a_digit,
    to_input,
    warp_strokes,
    writer_is_held_out,
)
from training.errors import DatasetError


def test_the_file_reads_as_documented(pen):
    assert len(pen) == 49116
    assert pen.is_digit.sum() == 9116
    first = pen.strokes(0)
    assert first and all(s.ndim == 2 and s.shape[1] == 2 for s in first)
    # Every point belongs to exactly one stroke of one sample.
    total = sum(len(s) for i in range(0, len(pen), 997) for s in pen.strokes(i))
    assert total > 0


def test_writers_are_split_once_and_never_shared(pen):
    held = pen.held_out()
    held_writers = set(pen.writer[held])
    train_writers = set(pen.writer[~held])
    assert not held_writers & train_writers
    digits = pen.is_digit
    share = held[digits].mean()
    assert 0.12 < share < 0.35, share  # about a quarter of the digits, by writer
    # One person under two contributors stays on one side.
    assert writer_is_held_out("cea/gb2911") == writer_is_held_out("ceb/gb2911")


def test_look_alikes_are_never_not_a_digit():
    for label in "OoIlZzSsBbgqG|/()":
        assert label in LOOK_ALIKES
        assert not is_not_a_digit_example(label, "1b")
    assert is_not_a_digit_example("K", "1b") and is_not_a_digit_example("#", "1d")
    assert not is_not_a_digit_example("4", "1a")


def test_rendering_follows_the_pen_and_the_size(pen):
    i = int(np.flatnonzero(pen.labels == "1")[0])
    strokes = place(pen.strokes(i), Look(height=200, pen=18))
    ink = render_paper(strokes, 18)
    # Half the paper's resolution: a 200 px tall digit is about 100 px tall, plus the pen.
    rows = np.flatnonzero(ink.max(axis=1) > 0.25)
    assert 100 <= rows[-1] - rows[0] + 1 <= 100 + 18 / 2 + 4
    thin, thick = (render_paper(strokes, p).sum() for p in (6, 30))
    assert thick > 2.5 * thin
    image = to_input(ink)
    assert image.shape == (28, 28) and image.max() > 0.8


def test_conventions_add_the_strokes_people_write(pen):
    rng = np.random.default_rng(0)
    zero = [pen.strokes(int(i)) for i in np.flatnonzero(pen.labels == "0")]
    one_stroke_zero = next(s for s in zero if len(s) == 1)
    added = [len(add_convention("0", one_stroke_zero, rng)) for _ in range(200)]
    assert 0.1 < np.mean(np.array(added) == 2) < 0.35  # a slash or bar, sometimes
    one = next(pen.strokes(int(i)) for i in np.flatnonzero(pen.labels == "1") if len(pen.strokes(int(i))) == 1)
    shapes = {(len(s), len(s[0]) > len(one[0])) for s in (add_convention("1", one, rng) for _ in range(300))}
    assert (1, True) in shapes  # an upstroke joined to the stroke
    assert any(n == 2 for n, _ in shapes)  # a base
    # Multi-stroke digits are left as written (a 4 is sometimes joined into one
    # stroke, as pendigits writers write it); their strokes may be moved apart.
    two = next(pen.strokes(int(i)) for i in np.flatnonzero(pen.labels == "4") if len(pen.strokes(int(i))) == 2)
    fours = [add_convention("4", two, rng) for _ in range(100)]
    assert all(f is two or len(f) == 1 for f in fours) and 20 < sum(len(f) == 1 for f in fours) < 50
    eight = next(pen.strokes(int(i)) for i in np.flatnonzero(pen.labels == "8") if len(pen.strokes(int(i))) == 2)
    assert add_convention("8", eight, rng) is eight
    moved = move_strokes(two, rng)
    assert np.array_equal(moved[0], two[0]) and not np.array_equal(moved[1], two[1])


def test_warp_bends_the_writing_smoothly_and_keeps_its_strokes(pen):
    rng = np.random.default_rng(0)
    four = next(pen.strokes(int(i)) for i in np.flatnonzero(pen.labels == "4") if len(pen.strokes(int(i))) == 2)
    allp = np.concatenate(four)
    size = float((allp.max(axis=0) - allp.min(axis=0)).max())
    for _ in range(50):
        bent = warp_strokes(four, rng)
        assert [s.shape for s in bent] == [s.shape for s in four]
        moves = np.concatenate([b - s for b, s in zip(bent, four)])
        assert np.abs(moves).max() <= 2 * 0.07 * size + 1e-9  # two waves per axis at most
        # Smooth: neighbouring points move almost together, so loops and joins survive.
        steps = np.concatenate([np.diff(b - s, axis=0) for b, s in zip(bent, four)])
        gaps = np.concatenate([np.diff(s, axis=0) for s in four])
        assert np.hypot(*steps.T).max() <= 2 * np.hypot(*gaps.T).max()
    assert not np.allclose(np.concatenate(warp_strokes(four, rng)), allp)


def test_pen_images_label_digits_and_non_digits(pen):
    x, y = pen_images(pen, held_out=True, scribbles=20, every=40, seed=3)
    assert x.dtype == np.uint8 and x.shape[1:] == (28, 28) and len(x) == len(y)
    assert set(np.unique(y)) <= set(range(11))
    assert (y < 10).sum() > 20 and (y == NOT_A_DIGIT).sum() > 40
    assert (x.reshape(len(x), -1).max(axis=1) > 100).all()  # every image has ink
    assert len(scribble_images(5, np.random.default_rng(0))) == 5


def test_mnist_with_pen_has_eleven_classes_and_held_out_writers_only_in_test(mnist, pen):
    data = mnist_with_pen(mnist.subset(train=500, test=200), pen, every=50, scribbles=40)
    assert data.name == "mnist+pen" and len(data.class_names) == 11
    assert data.class_names[NOT_A_DIGIT] == "not a digit"
    assert len(data.x_train) > 500 and len(data.x_test) > 200
    assert set(np.unique(data.y_train)) == set(range(11))


def test_the_train_tab_expects_as_many_images_as_mnist_plus_pen_trains_on(pen):
    """The expected duration shown before a run counts the images the full dataset has."""
    import inspect

    from training.data.datasets import DATASETS

    defaults = {k: p.default for k, p in inspect.signature(mnist_with_pen).parameters.items()}
    plan = rendering_plan(pen, held_out=False, digit_renderings=defaults["digit_renderings"],
                          non_digit_renderings=defaults["non_digit_renderings"], more_renderings=MORE_RENDERINGS)
    images = DATASETS["mnist"].train_images + sum(times for *_, times in plan) + defaults["scribbles"]
    assert DATASETS["mnist+pen"].train_images == images


def test_a_model_trained_on_mnist_plus_pen_answers_eleven_classes(mnist, pen, tmp_path):
    """Real Keras training on a small mix; saved, loaded and read with "not a digit"."""
    from training.learning.trainer import TrainConfig, train
    from training.models.modelfile import load_model, save_model
    from training.reading.predictor import Predictor
    from training.reading.recognize import answer_from

    data = mnist_with_pen(mnist.subset(train=3000, test=300), pen, every=20, scribbles=200)
    config = TrainConfig.for_preset("mlp-512", dataset="mnist+pen", epochs=2, batch_size=64,
                                    validation_split=0.0)
    result = train(config, dataset=data)
    assert result.evaluation.confusion.shape == (11, 11)
    assert len(result.class_names) == 11
    path = tmp_path / "pen.keras"
    save_model(result.model, path, result.sidecar())
    predictor = Predictor(load_model(path).model)
    probabilities = predictor.predict_batch(data.x_test[-50:])
    assert probabilities.shape == (50, 11)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, atol=1e-4)
    refused = [answer_from(p, 0.5) for p in probabilities[data.y_test[-50:] == NOT_A_DIGIT]]
    assert all(a.digit is None or a.digit in range(10) for a in refused)


def test_shifting_not_a_digit_moves_its_odds_only_and_travels_with_the_file(mnist, tmp_path):
    from training.models.modelfile import save_model
    from training.models.opening import open_predictor
    from training.models.presets import get_preset
    from training.reading.predictor import Predictor

    model = get_preset("cnn-bn").build(NOT_A_DIGIT + 1)
    images = mnist.x_test[:20]
    before = Predictor(model).predict_batch(images)
    shift_not_a_digit(model, -2.0)
    after = Predictor(model).predict_batch(images)
    # The digits keep their odds against each other; "not a digit" loses e**2 against each.
    np.testing.assert_allclose(after[:, :10] / after[:, :1], before[:, :10] / before[:, :1], rtol=1e-4)
    np.testing.assert_allclose(after[:, 10] / after[:, 0], np.exp(-2.0) * before[:, 10] / before[:, 0], rtol=1e-4)
    path = tmp_path / "shifted.keras"
    save_model(model, path)
    np.testing.assert_allclose(open_predictor(path).predict_batch(images), after, atol=1e-5)
    with pytest.raises(ValueError, match="no \"not a digit\" class"):
        shift_not_a_digit(get_preset("softmax").build(10), 1.0)


def test_missing_or_damaged_pen_data_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.delenv("DIGIT_RECOGNIZER_UNIPEN", raising=False)
    with pytest.raises(DatasetError, match="cannot be downloaded automatically: choose the file yourself, or put it at"):
        find_pen_file(None)
    with pytest.raises(DatasetError, match="no such file"):
        load_pen(tmp_path / "nope.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DatasetError, match="bad.npz"):
        load_pen(bad)
    other = tmp_path / "other.npz"
    np.savez(other, x=np.zeros(3))
    with pytest.raises(DatasetError, match="not a pen data file"):
        load_pen(other)
    assert zipfile.is_zipfile(other)
    broken = tmp_path / "broken.npz"
    np.savez(broken, points=np.zeros((3, 2), np.float32), stroke_starts=np.array([0, 9]),
             sample_starts=np.array([0]), labels=np.array(["1"]), section=np.array(["1a"]),
             writer=np.array(["a/b"]))
    with pytest.raises(DatasetError, match="do not fit together"):
        load_pen(broken)


def test_rendered_images_are_cached_and_a_damaged_cache_is_rebuilt(pen, tmp_path, monkeypatch):
    from training.data.pen import cache_dir, cached_pen_images

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = cached_pen_images(pen, held_out=True, every=60, seed=5)
    files = list(cache_dir().glob("pen-images-*.npz"))
    assert len(files) == 1
    again = cached_pen_images(pen, held_out=True, every=60, seed=5)
    assert np.array_equal(first[0], again[0]) and np.array_equal(first[1], again[1])
    files[0].write_bytes(files[0].read_bytes()[:100])  # truncated
    rebuilt = cached_pen_images(pen, held_out=True, every=60, seed=5)
    assert np.array_equal(first[0], rebuilt[0])
    other = cached_pen_images(pen, held_out=True, every=60, seed=6)  # other options, other file
    assert len(list(cache_dir().glob("pen-images-*.npz"))) == 2 and not np.array_equal(first[0], other[0])


def test_several_pen_files_read_as_one_set(pen_path, pendigits_path, pen, pendigits):
    both = load_pen(f"{pen_path}; {pendigits_path}")
    assert load_pen([pen_path, pendigits_path]).source == both.source == f"{pen_path} + {pendigits_path}"
    assert both.files == (str(pen_path), str(pendigits_path))
    assert len(both) == len(pen) + len(pendigits) == 49116 + 7494
    for i, j in ((0, 0), (len(pen) - 1, len(pen) - 1), (len(pen), 0), (len(both) - 1, len(pendigits) - 1)):
        source = pen if i < len(pen) else pendigits
        expected = source.strokes(j)
        got = both.strokes(i)
        assert both.labels[i] == source.labels[j] and both.writer[i] == source.writer[j]
        assert len(got) == len(expected) and all(np.array_equal(a, b) for a, b in zip(got, expected))
    # Each file keeps its own writer split.
    assert np.array_equal(both.held_out(), np.concatenate([pen.held_out(), pendigits.held_out()]))


def test_a_quarter_of_the_pendigits_writers_are_held_out(pendigits):
    held = set(pendigits.writer[pendigits.held_out()])
    assert len(held) == 8 and len(set(pendigits.writer)) == 30  # 30 writers: the quarter, rounded up
    assert {"pendigits/tra-03", "pendigits/tra-21"} <= held  # the hash threshold's five are among them
    assert not held & set(pendigits.writer[~pendigits.held_out()])


def test_no_writer_takes_more_than_its_share_of_renderings(pen):
    from training.data.pen import WRITER_DIGIT_RENDERINGS

    plan = rendering_plan(pen, held_out=False, more_renderings=MORE_RENDERINGS)
    per_writer = {}
    for i, _, target, times in plan:
        if target != NOT_A_DIGIT:
            per_writer[str(pen.writer[i])] = per_writer.get(str(pen.writer[i]), 0) + times
    biggest = max(per_writer.values())
    # Each digit is drawn at least once: a writer of 928 digits keeps 928, not 2,784.
    assert WRITER_DIGIT_RENDERINGS <= biggest < 1000, biggest
    hard = [times for _, label, target, times in plan if target == NOT_A_DIGIT and label in "%&?fra"]
    assert hard and set(hard) == {3}


def test_pendigits_conventions_are_in_one_stroke(pen):
    from training.data.pen import one_stroke_four

    rng = np.random.default_rng(0)
    sevens = [pen.strokes(i) for i in np.flatnonzero((pen.labels == "7") & pen.is_digit)
              if len(pen.strokes(i)) == 1][:40]
    seen = set()
    for strokes in sevens:
        for _ in range(10):
            out = add_convention("7", strokes, rng)
            if len(out) == 1 and len(out[0]) > len(strokes[0]):  # crossed in the same stroke
                seen.add("7")
                stem_end = strokes[0][-1]
                added = out[0][len(strokes[0]):]
                # It goes back up from the foot and crosses the stem at mid height.
                assert added[:, 1].min() < stem_end[1]
    assert "7" in seen
    fours = [pen.strokes(i) for i in np.flatnonzero((pen.labels == "4") & pen.is_digit)
             if len(pen.strokes(i)) == 2][:20]
    for strokes in fours:
        joined = one_stroke_four(strokes)
        # The two strokes' ink is all still there, in one stroke, the corner first.
        assert np.array_equal(joined[:len(strokes[0])], strokes[0])
        assert len(joined) >= sum(len(s) for s in strokes)
        box = lambda a: (a.min(axis=0), a.max(axis=0))  # noqa: E731
        assert np.allclose(box(joined)[0], box(np.concatenate(strokes))[0])
        assert np.allclose(box(joined)[1], box(np.concatenate(strokes))[1])
    nine = next(pen.strokes(i) for i in np.flatnonzero((pen.labels == "9") & pen.is_digit) if len(pen.strokes(i)) == 1)
    curled = [add_convention("9", nine, rng) for _ in range(40)]
    curled = [c[0] for c in curled if len(c[0]) > len(nine[0])]
    assert curled  # the tail goes on and turns back left
    assert all(c[-1][0] < nine[0][-1][0] for c in curled)
