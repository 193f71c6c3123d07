import json
import os
import zipfile

import numpy as np
import pytest

from training._tf import keras
from training.errors import ModelFileError
from training.files import file_sha256
from training.models.modelfile import load_model, read_info, save_model, sidecar_path
from training.reading.preprocess import PREPROCESS_VERSION


def test_round_trip_with_sidecar(trained, tmp_path, mnist):
    path = tmp_path / "sub" / "m.keras"
    save_model(trained.model, path, trained.sidecar(command="digit-recognizer train ..."))
    info = json.loads(sidecar_path(path).read_text())
    for key in ("preset", "dataset", "optimizer", "epochs", "test_accuracy", "class_names",
                "preprocess_version", "created", "sha256", "command"):
        assert key in info, key
    assert info["preset"] == "mlp-512" and info["preprocess_version"] == PREPROCESS_VERSION
    assert info["sha256"] == file_sha256(path)
    loaded = load_model(path)
    x = mnist.x_test[:5].astype(np.float32) / 255
    np.testing.assert_allclose(loaded.model(x), trained.model(x), atol=1e-6)
    assert loaded.info["test_accuracy"] == pytest.approx(trained.test_accuracy)
    assert sorted(p.name for p in path.parent.iterdir()) == ["m.json", "m.keras", "m.tflite"]  # no temp files left


def test_saved_file_holds_weights_but_no_optimizer_state(trained, tmp_path):
    import io

    import h5py

    path = tmp_path / "m.keras"
    save_model(trained.model, path)
    with zipfile.ZipFile(path) as archive:
        weights = h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r")
        assert "optimizer" not in weights or not len(weights["optimizer"].get("vars", {}))
    assert path.stat().st_size < 1.3 * trained.model.count_params() * 4
    assert oct(sidecar_path(path).stat().st_mode & 0o777) == oct(0o666 & ~modelfile_umask())


def modelfile_umask():
    from training import files

    return files._UMASK


def test_saving_over_a_model_replaces_both_files(trained, tmp_path):
    path = tmp_path / "m.keras"
    save_model(trained.model, path, {"name": "first"})
    save_model(trained.model, path, {"name": "second"})
    assert read_info(path)["name"] == "second"
    assert load_model(path).info["name"] == "second"


def test_full_disk_is_reported_and_loses_nothing(trained, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    # The sidecar goes through training.files.atomic_write; /dev/full makes every write fail with ENOSPC.
    from training.models import modelfile

    path = tmp_path / "m.keras"
    save_model(trained.model, path, {"name": "kept"})
    real_fdopen = os.fdopen
    try:
        os.fdopen = lambda fd, *a, **k: open("/dev/full", *a, **k)
        with pytest.raises(ModelFileError, match="No space left"):
            modelfile.save_model(trained.model, path, {"name": "new"})
    finally:
        os.fdopen = real_fdopen
    assert load_model(path).model is not None
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    # Both files were staged before either was renamed: the old pair is intact and matches.
    from training.models.modelfile import sidecar_matches

    assert read_info(path)["name"] == "kept" and sidecar_matches(path, read_info(path))


def test_corrupt_and_foreign_files_are_refused(tmp_path, model_file):
    garbage = tmp_path / "garbage.keras"
    garbage.write_bytes(os.urandom(2000))
    with pytest.raises(ModelFileError, match="not a Keras model file"):
        load_model(garbage)

    text = tmp_path / "notes.keras"
    text.write_text("hello")
    with pytest.raises(ModelFileError, match="not a Keras model file"):
        load_model(text)

    foreign_zip = tmp_path / "photos.keras"
    with zipfile.ZipFile(foreign_zip, "w") as z:
        z.writestr("a.txt", "not a model")
    with pytest.raises(ModelFileError, match="could not be loaded as a Keras model"):
        load_model(foreign_zip)

    truncated = tmp_path / "truncated.keras"
    truncated.write_bytes(model_file.read_bytes()[: model_file.stat().st_size // 2])
    with pytest.raises(ModelFileError):
        load_model(truncated)

    with pytest.raises(ModelFileError, match="no such model file"):
        load_model(tmp_path / "missing.keras")


def _save_raw(model, path):
    model.save(path)
    return path


def test_wrong_shapes_are_refused(tmp_path):
    rgb = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    with pytest.raises(ModelFileError, match=r"expects inputs of shape \(32, 32, 3\)"):
        load_model(_save_raw(rgb, tmp_path / "rgb.keras"))
    five = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(5)])
    with pytest.raises(ModelFileError, match=r"outputs of shape \(5,\)"):
        load_model(_save_raw(five, tmp_path / "five.keras"))


def test_a_model_that_divides_by_255_itself_reads_the_apps_0_to_1_images(tmp_path, mnist):
    """Keras' image tutorials put Rescaling(1/255) first and fit on 0-255 pixels; the app gives 0-1 images."""
    keras.utils.set_random_seed(0)
    tutorial = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Rescaling(1.0 / 255),
                                 keras.layers.Conv2D(4, 3, activation="relu"), keras.layers.Flatten(),
                                 keras.layers.Dense(10, activation="softmax")])
    path = _save_raw(tutorial, tmp_path / "tutorial.keras")
    pixels = mnist.x_test[:32].astype(np.float32)[..., None]  # 0-255, as it was fitted
    expected = np.asarray(tutorial(pixels))
    loaded = load_model(path).model
    np.testing.assert_allclose(np.asarray(loaded(pixels / 255.0)), expected, atol=1e-5)
    # Its twin, as recognition reads it, answers the same.
    from training.models.export import export_lite
    from training.reading.lite import LitePredictor

    export_lite(loaded, tmp_path / "tutorial.tflite")
    np.testing.assert_allclose(LitePredictor(tmp_path / "tutorial.tflite").predict_batch(pixels[..., 0] / 255.0),
                               expected, atol=1e-5)
    # Other scales (-1 to 1, say) are the model's own business and stay.
    other = keras.Sequential([keras.Input((28, 28)), keras.layers.Rescaling(1.0 / 127.5, offset=-1),
                              keras.layers.Flatten(), keras.layers.Dense(10)])
    reloaded = load_model(_save_raw(other, tmp_path / "other.keras")).model
    assert float(reloaded.layers[0].scale) == pytest.approx(1.0 / 127.5)


def test_an_archive_that_would_unpack_to_gigabytes_is_refused_before_keras_reads_it(tmp_path):
    import struct

    small = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10)])
    path = _save_raw(small, tmp_path / "bomb.keras")
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")  # the directory's first entry: its unpacked size claims 4 GB
    struct.pack_into("<I", data, entry + 24, 0xFFFF0000)
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="4,096 MB of memory"):
        load_model(path)


def test_lambda_layers_are_refused_by_safe_mode(tmp_path):
    sneaky = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),
                               keras.layers.Lambda(lambda x: x * 2.0), keras.layers.Dense(10)])
    with pytest.raises(ModelFileError, match="safe mode"):
        load_model(_save_raw(sneaky, tmp_path / "lambda.keras"))


def test_stale_sidecar_is_dropped_not_trusted(trained, tmp_path):
    path = tmp_path / "m.keras"
    save_model(trained.model, path, {"name": "x"})
    info = json.loads(sidecar_path(path).read_text())
    info["sha256"] = "0" * 64
    sidecar_path(path).write_text(json.dumps(info))
    loaded = load_model(path)
    assert loaded.info == {"stale_sidecar": True}


def test_model_files_end_in_keras(trained, tmp_path):
    with pytest.raises(ModelFileError, match="end in .keras"):
        save_model(trained.model, tmp_path / "m.h5")


def test_a_model_answering_nan_is_refused(tmp_path):
    from training.models.presets import get_preset

    model = get_preset("softmax").build()
    model.set_weights([np.full_like(w, np.nan) for w in model.get_weights()])
    path = tmp_path / "nan.keras"
    save_model(model, path)
    with pytest.raises(ModelFileError, match="answers NaN or infinity instead of probabilities"):
        load_model(path)


def test_eleven_class_models_load_and_other_outputs_are_refused(tmp_path):
    from training.models.presets import get_preset

    path = tmp_path / "eleven.keras"
    save_model(get_preset("softmax").build(11), path)
    assert tuple(load_model(path).model.outputs[0].shape[1:]) == (11,)
    save_model(get_preset("softmax").build(12), tmp_path / "twelve.keras")
    with pytest.raises(ModelFileError, match="answers 10 probabilities"):
        load_model(tmp_path / "twelve.keras")


def test_sidecar_fields_of_the_wrong_type_are_dropped(model_file, tmp_path):
    import shutil

    path = tmp_path / "odd.keras"
    shutil.copy(model_file, path)
    info = json.loads(sidecar_path(model_file).read_text())
    info.update(dataset=5, name="<b>bold</b>", test_accuracy="high", not_sure_below=7, class_names="0123",
                epochs=True)
    sidecar_path(path).write_text(json.dumps(info))
    cleaned = read_info(path)
    assert "dataset" not in cleaned and "test_accuracy" not in cleaned and "not_sure_below" not in cleaned
    assert "class_names" not in cleaned and "epochs" not in cleaned
    assert cleaned["name"] == "<b>bold</b>"  # text stays text; views show it as plain text
    assert sorted(cleaned["dropped_fields"]) == sorted(
        ["dataset", "test_accuracy", "not_sure_below", "class_names", "epochs"])
    assert load_model(path).info["preset"] == info["preset"]


def test_a_model_made_for_other_preprocessing_is_refused(model_file, tmp_path):
    import shutil

    path = tmp_path / "future.keras"
    shutil.copy(model_file, path)
    info = json.loads(sidecar_path(model_file).read_text())
    info["preprocess_version"] = PREPROCESS_VERSION + 1
    sidecar_path(path).write_text(json.dumps(info))
    with pytest.raises(ModelFileError, match="prepared another way"):
        load_model(path)


def test_a_folder_and_an_unreadable_file_are_named_as_such(tmp_path, model_file):
    (tmp_path / "dir.keras").mkdir()
    with pytest.raises(ModelFileError, match="is a folder, not a model file"):
        load_model(tmp_path / "dir.keras")
    if os.geteuid() == 0:
        return  # root reads any file: no permission error to provoke here
    import shutil

    locked = tmp_path / "locked.keras"
    shutil.copy(model_file, locked)
    locked.chmod(0)
    with pytest.raises(ModelFileError, match="permission denied"):
        load_model(locked)


def test_long_keras_messages_are_cut_at_a_word():
    from training.messages import first_words

    text = "word " * 100
    cut = first_words(text)
    assert len(cut) <= 200 and cut.endswith("word...")


def test_a_save_killed_between_renames_is_shown_as_mismatched_and_leftovers_are_cleaned(trained, tmp_path):
    from training.models.library import ModelLibrary

    folder = tmp_path / "models"
    library = ModelLibrary(folder)
    old = library.save(trained.model, "mine", {"test_accuracy": 0.5})
    other = tmp_path / "other.keras"
    save_model(trained.model, other, {"name": "mine", "test_accuracy": 0.99, "epochs": 99})
    # The new sidecar landed, the new model did not (killed between the two renames): simulate by
    # putting a sidecar that describes another file beside the old model.
    info = json.loads(sidecar_path(other).read_text())
    info["sha256"] = "f" * 64
    sidecar_path(old).write_text(json.dumps(info))
    (folder / ".staging-abc123").mkdir()
    (folder / ".staging-abc123" / "mine.keras").write_bytes(b"half")
    (folder / ".mine.json.x1y2.tmp").write_text("{")
    library = ModelLibrary(folder)  # the next start
    assert sorted(p.name for p in folder.iterdir()) == ["mine.json", "mine.keras", "mine.tflite"]
    entry = next(e for e in library.entries() if e.path == old)
    assert str(entry.info["problem"]) == "description does not match the file" and entry.test_accuracy is None
    assert load_model(old).info == {"stale_sidecar": True}


def test_saving_under_a_file_names_the_file(trained, tmp_path):
    (tmp_path / "plain.txt").write_text("x")
    with pytest.raises(ModelFileError, match="plain.txt is a file, not a folder"):
        save_model(trained.model, tmp_path / "plain.txt" / "sub" / "m.keras")
