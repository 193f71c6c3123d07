import numpy as np
import pytest

from training.errors import ConfigError
from training.models.presets import DEFAULT_PRESET, OPTIMIZERS, PRESETS, get_preset, make_optimizer


def test_the_tutorial_networks_and_the_default_are_there():
    assert {"softmax", "mlp-512", "mlp-128-256-512", "cnn-sigmoid", "cnn-bn"} <= set(PRESETS)
    assert DEFAULT_PRESET == "cnn-bn"
    assert set(OPTIMIZERS) == {"sgd", "momentum", "nesterov", "rmsprop", "adam"}
    for preset in PRESETS.values():
        assert preset.description and "\n" not in preset.description


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_maps_28x28_images_to_10_probabilities(name):
    model = get_preset(name).build()
    out = np.asarray(model(np.random.default_rng(0).random((3, 28, 28), np.float32)))
    assert out.shape == (3, 10)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)


def test_preset_layers_match_the_tutorials():
    layers = get_preset("cnn-sigmoid").build().layers
    convs = [l for l in layers if type(l).__name__ == "Conv2D"]
    assert [(c.filters, c.kernel_size, c.activation.__name__) for c in convs] == [(32, (3, 3), "sigmoid")] * 2
    dense = [l.units for l in get_preset("mlp-128-256-512").build().layers if type(l).__name__ == "Dense"]
    assert dense == [128, 256, 512, 10]
    assert get_preset("mlp-512").build().count_params() == 784 * 512 + 512 + 512 * 10 + 10


def test_optimizers_are_configured():
    assert make_optimizer("nesterov", 0.01).nesterov is True
    assert make_optimizer("momentum", 0.01).momentum == 0.9
    assert float(make_optimizer("adam", 3e-4).learning_rate.numpy()) == pytest.approx(3e-4)
    for bad in (0, -1, float("nan"), 100):
        with pytest.raises(ConfigError, match="learning rate"):
            make_optimizer("sgd", bad)
    with pytest.raises(ConfigError, match="Unknown optimizer 'adagrad'"):
        make_optimizer("adagrad", 0.1)
    with pytest.raises(ConfigError, match="Unknown model preset"):
        get_preset("resnet")
