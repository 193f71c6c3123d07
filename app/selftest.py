"""digit-recognizer --self-test: the headless checks, then the window offscreen."""

from __future__ import annotations

import os
import sys
import tempfile


def gui_check() -> str:
    """Open the main window offscreen, place a sample on the canvas and read it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.gui import create_window
    from app.qt_messages import quiet_headless_noise
    from app.settings import Settings
    from resources import resource_path
    from training.reading.preprocess import load_image

    quiet_headless_noise()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        window = create_window(Settings.from_file(os.path.join(tmp, "settings.ini")), tmp)
        window.show()
        window.load_active_model()
        while window.predictor is None and window.last_problem is None:
            app.processEvents()
        if window.predictor is None:
            raise RuntimeError(f"the window could not load the model: {window.last_problem[1]}")
        window.draw_tab.show_image(load_image(resource_path("samples", "digit-7-canvas.png")), "sample")
        window.draw_tab.recognizer.read_now()
        number = window.draw_tab.reading.number
        window.close()
    if number != "7":
        raise RuntimeError(f"the Draw tab read the sample 7 as {number or 'nothing'}")
    from app import i18n

    # The Vietnamese interface ships inside the build: its compiled translation loads and answers.
    if not i18n.install("vi") or app.translate("MainWindow", "Draw") != "Vẽ":
        raise RuntimeError(f"the Vietnamese translation did not load from {i18n.translation_file('vi')}")
    i18n.install("en")
    return "the window opened and read a sample; the Vietnamese interface loads"


def main() -> int:
    from training.selftest import run

    report = run()
    if report.ok:
        try:
            report.parts.insert(-1, gui_check())
        except Exception as exc:
            report.ok = False
            report.failures.append(f"GUI check: {exc}")
    print(report.line(), flush=True)
    return 0 if report.ok else 1
