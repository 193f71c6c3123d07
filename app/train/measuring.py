"""What the progress line says while a run is measured, after it finished or was stopped (trainer.Measuring).

The seconds between Stop and the results (the stopped epoch's validation,
the test set, the shared measures) are said as what they are, with their
own progress, instead of the last batch's line standing still.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.widgets import whole


def measuring_text(event) -> str:
    translate = QCoreApplication.translate
    if event.what == "validation":
        text = translate("TrainTab", "Stopping: measuring the last epoch on the validation images "
                                     "(batch {done} of {total})...")
    elif event.what == "test" and event.stopped:
        text = translate("TrainTab", "Stopping: measuring on the test set ({done} of {total} images)...")
    elif event.what == "test":
        text = translate("TrainTab", "Finishing: measuring on the test set ({done} of {total} images)...")
    elif event.stopped:
        text = translate("TrainTab", "Stopping: measuring on your samples and the held-out pen digits...")
    else:
        text = translate("TrainTab", "Finishing: measuring on your samples and the held-out pen digits...")
    return text.format(done=whole(event.done), total=whole(event.total))


def show_measuring(progress, label, event) -> None:
    """The progress bar and its line follow the measuring (busy when its size is not known)."""
    progress.setRange(0, max(event.total, 0) if event.what != "measures" else 0)
    if event.what != "measures":
        progress.setValue(event.done)
    label.setText(measuring_text(event))
