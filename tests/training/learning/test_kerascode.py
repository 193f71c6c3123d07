"""The Train tab's run as plain Keras code: the same network, and a script that runs and saves a model the app opens."""

import os
import subprocess
import sys

import pytest

from training.learning.kerascode import script_for
from training.learning.trainer import TrainConfig
from training.models.presets import PRESETS


@pytest.mark.parametrize("name", list(PRESETS))
def test_the_code_builds_the_presets_own_network(name):
    from training._tf import keras

    script = script_for(TrainConfig.for_preset(name))
    # The script up to the model, without the data: the network it builds.
    start = script.index("import keras")
    data = script.index("(x_train, y_train), (x_test, y_test)")
    end = script.index("model.summary()")
    data_end = script.index("\n\n", data)
    namespace: dict = {}
    exec(script[start:data] + script[data_end:end], namespace)
    built, preset = namespace["model"], PRESETS[name].build(10)
    assert built.count_params() == preset.count_params()
    chain = [type(layer).__name__ for layer in built.layers if type(layer).__name__ != "Sequential"]
    assert chain == [type(layer).__name__ for layer in preset.layers]
    assert isinstance(built, keras.Model)


def test_the_script_trains_and_saves_a_model_that_the_app_opens(tmp_path, mnist_path):
    from training.models.opening import open_predictor

    # The form's data file, as a user who chose one has it; left empty, the script asks Keras for MNIST.
    assert "keras.datasets.mnist.load_data()" in script_for(TrainConfig.for_preset("mlp-512"))
    config = TrainConfig.for_preset("mlp-512", epochs=1, train_limit=6000, augment=True, lr_decay=0.9,
                                    data_path=str(mnist_path))
    script = script_for(config)
    assert "RandomRotation" in script and "LearningRateScheduler" in script and "x_train[:6000]" in script
    (tmp_path / "run.py").write_text(script)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    done = subprocess.run([sys.executable, "run.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    saved = tmp_path / "mlp-512-mnist.keras"
    predictor = open_predictor(saved)
    from training.data.datasets import load_dataset

    mnist = load_dataset("mnist", mnist_path)
    accuracy = (predictor.predict_batch(mnist.x_test[:1000]).argmax(axis=1) == mnist.y_test[:1000]).mean()
    assert accuracy > 0.7, accuracy  # 43 batches of augmented images: the script evaluates it at about 82%
