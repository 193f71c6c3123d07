"""The Draw tab's answer: the digit or number read, big, and one sentence on how sure it is."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.draw.fitted_label import FittedLabel
from app.widgets import percent
from training.reading.recognize import Reading

ANSWER_POINT_SIZE = 48  # the big answer, when it fits its column
REFUSAL_POINT_SIZE = 22  # "not a digit", a phrase rather than a figure


def ordinal(n: int) -> str:
    """English ordinals ("1st", "22nd"): the Draw tab asks for ``DrawTab.ordinal``, which translates."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def ordinal_text(n: int) -> str:
    """"1st", "2nd" in English; the translation says it its own way ("thứ {n}")."""
    return QCoreApplication.translate("AnswerView", "{ordinal}", "an ordinal number such as 1st or 22nd; {n} is the number").format(
        ordinal=ordinal(n), n=n)


class AnswerView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        # A long number shrinks to fit the column instead of losing its first and last digits.
        self.digit_label = FittedLabel(ANSWER_POINT_SIZE)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.digit_label.font()
        font.setBold(True)
        self.digit_label.setFont(font)
        self.digit_label.setMinimumHeight(90)
        self.verdict_label = QLabel("")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.digit_label)
        layout.addWidget(self.verdict_label)

    def show_reading(self, reading: Reading, reader: str = "") -> None:
        """A reading of one or more characters (never blank); ``reader``: who read it, when not the model."""
        self.digit_label.setStyleSheet("")
        self.digit_label.set_point_size(ANSWER_POINT_SIZE)
        if len(reading.digits) == 1:
            answer = reading.digits[0].answer
            if answer.not_a_digit:
                self.digit_label.set_point_size(REFUSAL_POINT_SIZE)
                self.digit_label.setText(self.tr("not a digit"))
                self.digit_label.setStyleSheet("color: #b04040")
                nearest = float(answer.probabilities[answer.nearest])
                text = self.tr("This does not look like a digit ({sure} sure).").format(sure=percent(answer.confidence))
                if nearest >= 0.05:
                    text += " " + self.tr("The nearest digit is {digit}, at {share}.").format(
                        digit=answer.nearest, share=percent(nearest))
                self.verdict_label.setText(text)
                return
            self.digit_label.setText(str(answer.digit) if answer.sure else f"{answer.digit}?")
            if answer.sure:
                self.verdict_label.setText(self.tr("{share} sure").format(share=percent(answer.confidence, 1)))
            else:
                runner_up = int(np.argsort(answer.probabilities)[-2])
                self.verdict_label.setText(self.tr("Not sure: maybe {first} ({first_share}) or {second} ({second_share}).")
                                           .format(first=answer.digit, first_share=percent(answer.confidence),
                                                   second=runner_up,
                                                   second_share=percent(answer.probabilities[runner_up])))
        else:
            self.digit_label.setText(reading.text)
            refused = [ordinal_text(i + 1) for i, d in enumerate(reading.digits) if d.answer.not_a_digit]
            unsure = [ordinal_text(i + 1) for i, d in enumerate(reading.digits)
                      if not d.answer.sure and not d.answer.not_a_digit]
            lowest = min(d.answer.confidence for d in reading.digits)
            count = len(reading.digits)
            if len(refused) == 1:
                text = self.tr("{count} characters; the {nth} is not a digit (shown as ?).").format(
                    count=count, nth=refused[0])
            elif refused:
                text = self.tr("{count} characters; the {nths} are not digits (shown as ?).").format(
                    count=count, nths=", ".join(refused))
            elif unsure:
                text = self.tr("{count} digits, the least certain at {share}; not sure of the {nths} one.").format(
                    count=count, share=percent(lowest), nths=", ".join(unsure))
            else:
                text = self.tr("{count} digits, the least certain at {share}.").format(
                    count=count, share=percent(lowest))
            self.verdict_label.setText(text)
        self.digit_label.setStyleSheet("" if reading.sure else "color: #b08040")
        if reader:
            self.verdict_label.setText(self.tr("Read by {reader}: {verdict}").format(
                reader=reader, verdict=self.verdict_label.text()))

