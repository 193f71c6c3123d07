"""A model trained elsewhere (a notebook, a Keras tutorial) opened from the File menu or dropped on the Draw tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from .conftest import draw_digit, settle


@pytest.fixture(scope="module")
def notebook_model(mnist, tmp_path_factory):
    """What a Keras tutorial ends with: a Sequential MLP fitted on x_train / 255, saved with model.save."""
    from training._tf import keras

    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(mnist.x_train[:12000] / 255.0, mnist.y_train[:12000], epochs=3, batch_size=64, verbose=0)
    path = tmp_path_factory.mktemp("notebook") / "my_notebook_model.keras"
    model.save(path)  # no sidecar: the app knows nothing of it but the file
    return path


def test_a_notebook_model_opened_from_the_file_menu_reads_drawn_digits_and_is_kept(qtbot, window, settings,
                                                                                  data_dir, notebook_model):
    assert "Ctrl+Shift+O" in window.open_model_action.shortcut().toString()
    with qtbot.waitSignal(window.modelChanged, timeout=120_000):
        assert window.open_model_file(str(notebook_model))
    assert window.model_path == str(notebook_model)
    assert "my_notebook_model" in window.model_label.text() and "test accuracy unknown" in window.model_label.text()
    assert window.tabs.currentWidget() is window.draw_tab
    right = 0
    for digit in (0, 1, 3, 4, 7):
        window.draw_tab.canvas.clear()
        draw_digit(qtbot, window.draw_tab.canvas, digit)
        settle(qtbot, window)
        reading = window.draw_tab.reading
        assert len(reading.digits) == 1 and reading.digits[0].answer.probabilities.shape == (10,)
        right += reading.digits[0].answer.digit == digit
    assert right >= 4, right  # a small MLP fitted for three epochs, on mouse strokes
    assert notebook_model.parent.iterdir() and sorted(p.name for p in notebook_model.parent.iterdir()) == [
        "my_notebook_model.keras"]  # read where it is: nothing written beside it

    # The next start opens it again.
    from app.gui import create_window

    again = create_window(settings, data_dir)
    qtbot.addWidget(again)
    again.load_active_model()
    qtbot.waitUntil(lambda: again.predictor is not None, timeout=60_000)
    assert again.model_path == str(notebook_model)
    again.close()


def test_a_model_dropped_on_the_draw_tab_is_opened_not_read_as_an_image(qtbot, window, notebook_model):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notebook_model))])
    tab = window.draw_tab
    # A drop reaches only the widget that accepted the drag's entry, as in a real drag.
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.modelChanged, timeout=120_000):
        QApplication.sendEvent(tab, drop)
    assert window.model_path == str(notebook_model) and window.last_problem is None


def test_models_that_cannot_be_used_are_refused_with_a_sentence_and_the_model_in_use_stays(qtbot, window,
                                                                                         tmp_path):
    from training._tf import keras

    in_use = window.model_path
    text = tmp_path / "notes.keras"
    text.write_text("not a model")
    assert not window.open_model_file(str(text))
    assert window.last_problem[0] == "Model not loaded" and "not a Keras model file" in window.last_problem[1]
    assert window.open_model_file(str(tmp_path / "gone.keras")) is False and "no such" in window.last_problem[1]
    # Keras' older format, as older tutorials save it: never loaded (it can carry code), and the way out is said.
    old_format = tmp_path / "mnist.h5"
    keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10)]).save(old_format)
    assert not window.open_model_file(str(old_format))
    assert "HDF5" in window.last_problem[1] and '.save("mnist.keras")' in window.last_problem[1]

    # Code inside a model (a Lambda layer) is never run: Keras' safe mode refuses it when it loads.
    sneaky = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),
                               keras.layers.Lambda(lambda x: x * 2.0), keras.layers.Dense(10)])
    sneaky.save(tmp_path / "sneaky.keras")
    assert window.open_model_file(str(tmp_path / "sneaky.keras"))  # a .keras archive: it goes to the loader
    qtbot.waitUntil(lambda: "safe mode" in window.last_problem[1], timeout=120_000)
    assert "stays in use" in window.last_problem[1] and window.model_path == in_use

    # Not a digit reader: a model answering five values.
    five = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(5, activation="softmax")])
    five.save(tmp_path / "five.keras")
    window.open_model_file(str(tmp_path / "five.keras"))
    qtbot.waitUntil(lambda: "outputs of shape (5,)" in window.last_problem[1], timeout=120_000)
    assert window.model_path == in_use and window.predictor is not None
