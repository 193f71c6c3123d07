"""Start the desktop app: the window first, TensorFlow after."""

from __future__ import annotations

import os
import sys


def create_window(settings=None, data_dir=None):
    """Build the main window in the settings' language (tests and benchmarks call this too).

    Choosing another language in the View menu builds the window again, in
    the same process: state the user keeps (geometry, tab, form, model) lives
    in the settings and comes back.
    """
    from app import i18n
    from app.main_window import MainWindow
    from app.settings import Settings, user_data_dir

    settings = settings or Settings()
    data_dir = data_dir or user_data_dir()
    i18n.install(i18n.chosen_language(settings.language))
    window = MainWindow(settings, data_dir)

    def rebuild(_code: str) -> None:
        from PySide6.QtCore import QTimer

        # The new window is on screen before the old one closes: closing the
        # last window would end the application.
        replacement = create_window(settings, data_dir)
        replacement.restoreGeometry(window.saveGeometry())
        replacement.tabs.setCurrentIndex(window.tabs.currentIndex())
        # The drawing is the user's work, not a setting: it goes over as it is, undo history and all.
        replacement.draw_tab.canvas.take_drawing(window.draw_tab.canvas)
        replacement.show()
        window.close()
        QTimer.singleShot(0, replacement.load_active_model)
        window.replacement = replacement  # tests follow the chain

    window.languageChosen.connect(rebuild)
    return window


def run(argv: list[str], files: tuple[str, ...] = ()) -> int:
    """Show the window and run until it closes; ``files``: images (or a model) to open in it at once."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app import logs
    from app.settings import APPLICATION, ORGANIZATION, user_data_dir
    from resources import resource_path

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName("digit-recognizer")
    logs.setup(user_data_dir() / "logs")
    logs.log.info("starting Digit Recognizer (%s)", "frozen" if getattr(sys, "frozen", False) else "from source")
    icon = resource_path("icons", "digit-recognizer.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    window = create_window()
    window.show()
    if logs.fallback_text():
        window.show_status(logs.fallback_text(), 30000)
    if os.environ.get("DIGIT_RECOGNIZER_STARTUP_PROBE"):
        _probe_startup(app, window)
    # The model loads once the window is on screen (a model among the files instead of the remembered one).
    QTimer.singleShot(0, lambda: window.open_files(files) or window.load_active_model())
    code = app.exec()
    from app.exiting import end_process

    end_process(code)  # at once: see app/exiting.py


def _probe_startup(app, window) -> None:
    """Diagnostics for tests/benchmarks/bench_package.py: print when the window is
    painted and when the first prediction is ready (epoch seconds), then quit."""
    import time

    app.processEvents()  # the first paint
    print(f"window-shown {time.time():.6f}", flush=True)
    bar = window.statusBar()  # what start-up said (a log fallback), whole (the tooltip, when the bar cut it)
    print(f"status-bar {bar.toolTip() or bar.currentMessage()}", flush=True)

    def ready(*_):
        window.draw_tab.recognizer.read_now()
        print(f"prediction-ready {time.time():.6f}", flush=True)
        print(f"reading {window.draw_tab.reading.number or '-'}", flush=True)  # what the canvas was read as
        window.close()
        app.quit()

    window.modelChanged.connect(ready)
