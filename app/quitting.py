"""What quitting asks first: nothing is lost without the user's word.

A run in progress, a run stopping (being measured), and a trained model not
saved yet each get their own question; a model is saved here, before the
window goes, when the user says so.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from app.widgets import confirm


def may_quit(window) -> bool:
    """True when the window may close: nothing would be lost, or the user said so (and a chosen save worked)."""
    tab = window.train_tab
    if tab.is_stopping():
        return confirm(window, QCoreApplication.translate("MainWindow", "Quit while the run is stopping?"),
                       QCoreApplication.translate(
                           "MainWindow", "The stopped run is being measured on the test set; then its model can be "
                           "saved. Quitting now loses that model."),
                       QCoreApplication.translate("MainWindow", "Quit without it"))
    if tab.is_running():
        return confirm(window, QCoreApplication.translate("MainWindow", "Quit while training?"),
                       QCoreApplication.translate(
                           "MainWindow", "A model is being trained. Quitting stops it and loses what it has learned "
                           "so far."),
                       QCoreApplication.translate("MainWindow", "Stop and quit"))
    if not tab.has_unsaved_model():
        return True
    # "Save" pressed just before quitting: its file may be being written; once it is, nothing is unsaved.
    QThreadPool.globalInstance().waitForDone(60_000)
    QApplication.processEvents()
    return not tab.has_unsaved_model() or _ask_to_save(window)


def _ask_to_save(window) -> bool:
    tab = window.train_tab
    name = tab.save_row.name_edit.text().strip() or tab.save_row.name_edit.placeholderText()
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("MainWindow", "Save the trained model?"),
                      QCoreApplication.translate(
                          "MainWindow", "The model from the last run is not saved. Save it in the library as "
                          "\u201c{name}\u201d before quitting?").format(name=name),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, window)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    answer = box.standardButton(box.clickedButton())
    if answer == QMessageBox.StandardButton.Discard:
        tab.settle_unsaved_model()
        return True
    if answer != QMessageBox.StandardButton.Save:
        return False
    name = tab.save_row.free_name(name)  # a name taken meanwhile must not cost the model
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    window.show_status(QCoreApplication.translate("MainWindow", "Saving \u201c{name}\u201d before quitting...")
                       .format(name=name), 0)
    QApplication.processEvents()
    try:
        tab.library.save(tab.result.model, name, tab.result.sidecar())
    except Exception as exc:  # the window stays, with the model, and says why
        from app.i18n import message

        QApplication.restoreOverrideCursor()
        window.show_problem(QCoreApplication.translate("MainWindow", "Cannot save the model"), message(exc))
        return False
    QApplication.restoreOverrideCursor()
    tab.settle_unsaved_model()
    return True
