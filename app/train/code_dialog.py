"""The form's run as plain Keras code (training/kerascode.py), to copy into a notebook or save as a .py file."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout

from app.widgets import ask_save_path
from training.files import atomic_write_text


class KerasCodeDialog(QDialog):
    def __init__(self, code: str, file_name: str, settings=None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.file_name = file_name
        self.setWindowTitle(self.tr("Keras code for this run"))
        intro = QLabel(self.tr("The form's network and settings as plain Keras code. Run it in a notebook or "
                               "with python; open the model it saves with File > Open model..."))
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit(code)
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(self.tr("Save as .py..."))
        self.save_button.clicked.connect(self._save_dialog)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
        self.copy_button.setText(self.tr("Copied"))

    def save(self, path: str) -> str | None:
        """Write the code to ``path``; None when written, else the reason in a sentence."""
        try:
            atomic_write_text(path, self.editor.toPlainText())
        except OSError as exc:
            return self.tr("{path} could not be written: {reason}.").format(path=path, reason=exc.strerror or exc)
        return None

    def _save_dialog(self) -> None:
        path = ask_save_path(self, self.settings, "export", self.tr("Save the Keras code"), self.file_name,
                             self.tr("Python file (*.py)"), ".py")
        if path:
            problem = self.save(path)
            if problem:
                QMessageBox.warning(self, self.tr("Cannot save"), problem)
