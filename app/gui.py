"""Start the desktop app."""

from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    window = QMainWindow()
    window.setWindowTitle("Digit Recognizer")
    window.setCentralWidget(QLabel("Digit Recognizer: the Draw tab is on its way."))
    window.resize(900, 600)
    window.show()
    return app.exec()
