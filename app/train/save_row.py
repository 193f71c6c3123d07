"""The row under the Train tab's results that keeps the last run's model: its name, Save, and Save and use."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.tasks import run_in_background
from training.reading.recognize import reads_digits


class SaveRow(QWidget):
    savingStarted = Signal(str)  # the name
    saved = Signal(str, str, bool)  # the path, the name, "and use"
    savingFailed = Signal(str)  # the reason

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.result = None  # the run's TrainResult, once there is a model to save
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("name for the trained model"))
        self.name_edit.setToolTip(self.tr("The name the trained model is saved under in the model library."))
        self.name_edit.setMinimumWidth(120)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(lambda: self.save())
        self.save_use_button = QPushButton(self.tr("Save and use"))
        self.save_use_button.clicked.connect(lambda: self.save(use=True))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.save_use_button)
        self.set_enabled(False)

    def free_name(self, name: str) -> str:
        """``name``, or ``name-2``, ``name-3``...: the first the library does not hold yet."""
        candidate, n = name, 1
        while self.library.path_for(candidate).exists():
            n += 1
            candidate = f"{name}-{n}"
        return candidate

    def set_enabled(self, on: bool) -> None:
        for widget in (self.name_edit, self.save_button, self.save_use_button):
            widget.setEnabled(on)
        self.save_button.setToolTip("")  # not "Saved as ..." any more: another result, or saving now
        if self.result is not None and not reads_digits(self.result.class_names):
            self.save_use_button.setEnabled(False)
            self.save_use_button.setToolTip(self.tr("This model reads other things than digits; the Draw tab "
                                                    "reads digits. Save it to keep it."))
        else:
            self.save_use_button.setToolTip("")

    def save(self, use: bool = False) -> None:
        """Save the result into the library off the GUI thread; ``saved`` or ``savingFailed`` tells how it went."""
        if self.result is None:
            return
        name = self.name_edit.text().strip() or self.name_edit.placeholderText()
        result = self.result
        self.set_enabled(False)
        self.savingStarted.emit(name)

        def done(path):
            # Saved once is enough: a second press would only be told that the name is taken.
            self.set_enabled(False)
            for button in (self.save_button, self.save_use_button):
                button.setToolTip(self.tr("Saved as \u201c{name}\u201d (see Models).").format(name=name))
            self.saved.emit(str(path), name, use)

        def failed(message):
            self.set_enabled(True)
            self.savingFailed.emit(message)

        self._save_signals = run_in_background(
            lambda: self.library.save(result.model, name, result.sidecar()), done, failed)
