"""Start the desktop app: the window first, TensorFlow after."""

from __future__ import annotations

import sys


def create_window(settings=None, data_dir=None):
    """Build the main window (tests and benchmarks call this too)."""
    from app.main_window import MainWindow
    from app.settings import Settings, user_data_dir

    return MainWindow(settings or Settings(), data_dir or user_data_dir())


def run(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.settings import APPLICATION, ORGANIZATION
    from resources import resource_path

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName("digit-recognizer")
    icon = resource_path("icons", "digit-recognizer.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    window = create_window()
    window.show()
    # The model (and with it TensorFlow) loads once the window is on screen.
    QTimer.singleShot(0, window.load_active_model)
    return app.exec()
