"""The Train tab's Run group: Start and Stop, fine-tune and study, the progress bar and the line under it.

It stays under the form, never scrolled away, so that Start, Stop and the
progress neither move nor leave the screen. The tab decides what each
button does and what the line says.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QMenu, QProgressBar, QPushButton, QVBoxLayout

from app.widgets import ElidedLabel

STATUS_LINES = 3  # the height of the line under the progress bar: progress, the expected duration, or a problem
FINE_TUNE_SAMPLES = 10  # fewer samples teach nothing a fine-tune could keep


class RunPanel(QGroupBox):
    startRequested = Signal()
    stopRequested = Signal()
    fineTuneRequested = Signal()
    studyRequested = Signal(str)  # "optimizers" or "rates"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Run"))
        # Why Start is disabled, in place of the expected duration below the progress bar (a run cannot
        # start, so there is nothing to expect): three lines, as that one has, so that nothing moves; the
        # full text is its tooltip. (One line, above the buttons, once cut what to do off the pen data's
        # message.)
        self.problem_label = ElidedLabel(lines=STATUS_LINES)
        self.problem_label.hide()
        self.problem_label.setStyleSheet("color: #c0392b")
        self.start_button = QPushButton(self.tr("Start training"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.startRequested)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.setToolTip(self.tr("Finish the current batch and keep the model trained so far."))
        self.stop_button.clicked.connect(self.stopRequested)
        self.finetune_button = QPushButton(self.tr("Fine-tune on my samples"))
        self.finetune_button.clicked.connect(self.fineTuneRequested)
        self.study_button = QPushButton(self.tr("Study..."))
        self.study_button.setToolTip(self.tr("Train the form's network several ways, one after another, on a subset "
                                             "for a few epochs, then compare the runs."))
        study_menu = QMenu(self.study_button)
        study_menu.addAction(self.tr("Compare the five optimizers"), lambda: self.studyRequested.emit("optimizers"))
        study_menu.addAction(self.tr("Sweep the learning rate"), lambda: self.studyRequested.emit("rates"))
        self.study_button.setMenu(study_menu)
        self.progress = QProgressBar()
        self.progress.setFormat("%p%")
        self.progress_label = ElidedLabel(self.tr("Not running."), lines=STATUS_LINES)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button, 1)
        buttons.addWidget(self.stop_button)
        more = QHBoxLayout()
        more.addWidget(self.finetune_button, 1)
        more.addWidget(self.study_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.problem_label)

    def show_problem(self, shown: bool) -> None:
        """The problem line in place of the progress line, or the other way round."""
        self.progress_label.setVisible(not shown)
        self.problem_label.setVisible(shown)

    def show_fine_tune(self, count: int, possible: bool) -> None:
        """The fine-tune button for ``count`` saved samples; ``possible``: no run, and a model to start from."""
        self.finetune_button.setEnabled(possible and count >= FINE_TUNE_SAMPLES)
        self.finetune_button.setText(self.tr("Fine-tune on my samples ({count})").format(count=count))
        self.finetune_button.setToolTip(
            self.tr("Start from the model in use in the Draw tab and train a few epochs on your saved samples "
                    "mixed with MNIST (the data file above).") if count >= FINE_TUNE_SAMPLES
            else self.tr("Save at least 10 samples in the Draw tab first."))
