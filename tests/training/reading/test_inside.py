"""Inside the network: activations of every shown layer, filters, and a saliency that points at the ink."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def shipped():
    from training.models.library import shipped_model_path
    from training.models.modelfile import load_model

    return load_model(shipped_model_path()).model


def grow(mask: np.ndarray, steps: int) -> np.ndarray:
    out = mask.copy()
    for _ in range(steps):
        out = out | np.roll(out, 1, 0) | np.roll(out, -1, 0) | np.roll(out, 1, 1) | np.roll(out, -1, 1)
    return out


def test_every_convolution_pooling_and_dense_layer_is_shown(shipped, mnist):
    from training.reading.inside import Inspector

    inspector = Inspector(shipped)
    views = inspector.look(mnist.x_test[0] / 255.0)
    kinds = [v.kind for v in views]
    assert kinds.count("Conv2D") >= 2 and "Dense" in kinds  # cnn-bn downsamples with strided convolutions
    for view in views:
        assert np.all(np.isfinite(view.values)) and view.values.any(), view.name
        assert view.values.ndim == (1 if view.kind == "Dense" else 3)
    # Each convolution is shown after its batch norm and ReLU, as the next layer receives it.
    assert all(v.values.min() >= 0 for v in views if v.kind == "Conv2D")
    assert views[-1].values.sum() == pytest.approx(1.0, abs=1e-4)  # the output after its softmax
    assert inspector.first_filters.ndim == 3 and inspector.first_filters.shape[1:] == (3, 3)


def test_the_saliency_points_at_the_ink(shipped, mnist):
    from training.reading.inside import Inspector

    inspector = Inspector(shipped)
    for image in mnist.x_test[:20] / 255.0:
        saliency = inspector.saliency(image)
        assert saliency.shape == (28, 28) and saliency.sum() == pytest.approx(1.0, abs=1e-5)
        near_ink = grow(image > 0.2, 2)
        assert saliency[near_ink].sum() >= 0.95


def test_an_mlp_shows_its_dense_layers(trained, mnist):
    from training.reading.inside import Inspector

    inspector = Inspector(trained.model)
    views = inspector.look(mnist.x_test[1] / 255.0)
    assert [v.kind for v in views] == ["Dense"] * len(views) and len(views) >= 2
    # Its "filters" are the first Dense layer's weights over the pixels, as 28x28 templates.
    assert inspector.first_filters.shape == (64, 28, 28)
    np.testing.assert_array_equal(inspector.first_filters[5].ravel(), trained.model.layers[2].get_weights()[0][:, 5])
    assert inspector.saliency(mnist.x_test[1] / 255.0).shape == (28, 28)


def test_explain_gives_the_answer_and_its_saliency(shipped, mnist):
    from training.reading.inside import Inspector

    inspector = Inspector(shipped)
    for image, label in zip(mnist.x_test[:5] / 255.0, mnist.y_test[:5]):
        saliency, target = inspector.explain(image)
        assert target == label
        np.testing.assert_allclose(saliency, inspector.saliency(image, target), atol=1e-6)


def test_maps_are_tiled_into_a_grid_with_gaps():
    from training.reading.inside import tiled

    maps = np.arange(4 * 3 * 6, dtype=np.float32).reshape(4, 3, 6)
    grid = tiled(maps)
    rows, columns = (grid.shape[0] + 1) // 5, (grid.shape[1] + 1) // 4
    assert rows * columns >= 6 and columns >= rows
    np.testing.assert_array_equal(grid[:4, :3], maps[:, :, 0])
    np.testing.assert_array_equal(grid[:4, 4:7], maps[:, :, 1])
    assert np.isnan(grid[:, 3]).all()  # the gap between the first two tiles


def test_the_saliency_is_laid_back_over_the_digits_box():
    from training.reading.inside import saliency_in_box
    from training.reading.preprocess import fit_to_mnist_box

    ink = np.zeros((120, 60), np.float32)  # a tall bar in the box's left half, a dot at the bottom right
    ink[:, 5:20] = 1.0
    ink[100:120, 45:60] = 1.0
    image = fit_to_mnist_box(ink)
    saliency = image / image.sum()  # "the ink drove it", everywhere equally
    on_box = saliency_in_box(saliency, image, 60, 120)
    assert on_box.shape == (120, 60) and on_box.sum() == pytest.approx(1.0)
    assert on_box[:, :25].sum() > 0.8 and on_box[95:, 40:].sum() > 0.05
    assert on_box[:80, 30:].sum() < 0.01  # nothing where the box has no ink
