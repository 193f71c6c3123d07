"""Make the README's screenshots headless: python packaging/screenshots.py OUT_DIR [MNIST]

Draws with the same stroke generator the tests use, on the shipped model, and
grabs the window with QWidget.grab() under QT_QPA_PLATFORM=offscreen.
"""

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main(out: Path, mnist: str) -> None:
    import tempfile

    from strokes import Style, strokes_for, strokes_from

    app = QApplication([])
    from app.gui import create_window
    from app.settings import Settings

    tmp = Path(tempfile.mkdtemp())
    window = create_window(Settings.from_file(tmp / "s.ini"), tmp)
    window.resize(1100, 680)
    window.show()
    window.load_active_model()
    while window.predictor is None:
        app.processEvents()
    canvas = window.draw_tab.canvas

    def pump(seconds=0.2):
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()

    def draw(strokes):
        rect = canvas._paper_rect()
        s = rect.width() / 600
        for stroke in strokes:
            points = [QPointF(rect.x() + x * s, rect.y() + y * s) for x, y in stroke]
            canvas.begin_stroke(points[0])
            for p in points[1:]:
                canvas.extend_stroke(p)
            canvas.end_stroke()
        pump()

    draw(strokes_for(4, Style(size=280, pen=24, centre=(300, 200), slant=0.15, variant=1)))
    window.grab().save(str(out / "draw-tab.png"))
    inside = window.draw_tab.inside
    window.draw_tab.show_inside(True)
    while inside.results == 0 or inside.busy:
        pump(0.05)
    pump(0.3)
    window.grab().save(str(out / "inside-view.png"))
    window.draw_tab.show_inside(False)
    canvas.clear()
    for i, d in enumerate("2026"):
        draw(strokes_for(int(d), Style(size=170, pen=16, centre=(105 + 130 * i, 200), variant=i % 2, slant=0.1)))
    window.grab().save(str(out / "draw-tab-number.png"))
    canvas.clear()
    draw([[(270, 215), (330, 185)]])  # a short slanted bar, as in test_not_sure_state
    window.grab().save(str(out / "draw-tab-not-sure.png"))
    canvas.clear()
    letter_a = [[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], [(0.22, 0.62), (0.78, 0.62)]]
    draw(strokes_from(letter_a, Style(size=260, aspect=0.7, pen=20, centre=(300, 200))))
    window.grab().save(str(out / "draw-tab-not-a-digit.png"))

    tab = window.train_tab
    window.tabs.setCurrentWidget(tab)
    # The data comes from a Keras cache made for the screenshots, so that no
    # path of this machine shows in the field (it says "Keras cache").
    os.environ["KERAS_HOME"] = str(tmp / "keras")
    (tmp / "keras" / "datasets").mkdir(parents=True)
    os.symlink(os.path.abspath(mnist), tmp / "keras" / "datasets" / "mnist.npz")
    tab.form.data_edit.setText("")
    tab.form.preset_box.setCurrentIndex(tab.form.preset_box.findData("mlp-512"))
    tab.form.optimizer_box.setCurrentIndex(tab.form.optimizer_box.findData("rmsprop"))
    tab.form.augment_check.setChecked(False)
    tab.form.epochs_spin.setValue(6)
    tab.form.batch_spin.setValue(32)
    tab.form.limit_spin.setValue(30000)
    tab.start()
    while tab.curves.point_counts()[1] < 3:
        pump(0.05)
    window.grab().save(str(out / "train-tab-running.png"))
    while tab.is_running():
        pump(0.05)
    pump(0.3)
    window.grab().save(str(out / "train-tab-results.png"))

    # An optimizer study, compared (mlp-512, three epochs of 6,000 images each).
    tab._result_saved = True  # the screenshot run keeps no model: no question before the study
    tab.form.epochs_spin.setValue(3)
    tab.form.limit_spin.setValue(6000)
    tab.start_study("optimizers")
    while tab.is_running():
        pump(0.05)
    pump(0.3)
    window.grab().save(str(out / "compare-optimizers.png"))
    window.train_tab.settle_unsaved_model()  # nothing to keep: quitting asks no question
    window.close()

    # The Train tab in Vietnamese, with the same results (the run history is shared through the data folder).
    settings = Settings.from_file(tmp / "s.ini")
    settings.language = "vi"
    window = create_window(settings, tmp)
    window.resize(1100, 680)
    window.show()
    window.load_active_model()
    while window.predictor is None:
        app.processEvents()
    window.tabs.setCurrentWidget(window.train_tab)
    window.train_tab.views.setCurrentWidget(window.train_tab.runs_view)
    pump(0.5)
    window.grab().save(str(out / "train-tab-vi.png"))
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else str(ROOT.parent / "shared" / "data" / "mnist.npz"))
