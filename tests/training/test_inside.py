"""Inside the network: activations of every shown layer, filters, and a saliency that points at the ink."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def shipped():
    from training.cli import shipped_model_path
    from training.modelfile import load_model

    return load_model(shipped_model_path()).model


def grow(mask: np.ndarray, steps: int) -> np.ndarray:
    out = mask.copy()
    for _ in range(steps):
        out = out | np.roll(out, 1, 0) | np.roll(out, -1, 0) | np.roll(out, 1, 1) | np.roll(out, -1, 1)
    return out


def test_every_convolution_pooling_and_dense_layer_is_shown(shipped, mnist):
    from training.inside import Inspector

    inspector = Inspector(shipped)
    views = inspector.look(mnist.x_test[0] / 255.0)
    kinds = [v.kind for v in views]
    assert kinds.count("Conv2D") >= 2 and "Dense" in kinds  # cnn-bn downsamples with strided convolutions
    for view in views:
        assert np.all(np.isfinite(view.values)) and view.values.any(), view.name
        assert view.values.ndim == (1 if view.kind == "Dense" else 3)
    assert inspector.first_filters.ndim == 3 and inspector.first_filters.shape[1:] == (3, 3)


def test_the_saliency_points_at_the_ink(shipped, mnist):
    from training.inside import Inspector

    inspector = Inspector(shipped)
    for image in mnist.x_test[:20] / 255.0:
        saliency = inspector.saliency(image)
        assert saliency.shape == (28, 28) and saliency.sum() == pytest.approx(1.0, abs=1e-5)
        near_ink = grow(image > 0.2, 2)
        assert saliency[near_ink].sum() >= 0.95


def test_an_mlp_shows_its_dense_layers(trained, mnist):
    from training.inside import Inspector

    inspector = Inspector(trained.model)
    views = inspector.look(mnist.x_test[1] / 255.0)
    assert [v.kind for v in views] == ["Dense"] * len(views) and len(views) >= 2
    assert inspector.first_filters is None
    assert inspector.saliency(mnist.x_test[1] / 255.0).shape == (28, 28)
