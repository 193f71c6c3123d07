"""Small widget behaviours shared by the tabs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, Qt
from PySide6.QtGui import QPainter, QTextLayout, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QSpinBox, QWidget


class _WheelGuard(QObject):
    """Passes wheel events over an unfocused field on to its parent, so scrolling a form scrolls it.

    Without this a spin box or a combo box under the pointer takes the wheel
    and changes its value while the user only meant to scroll past it.
    """

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # ignored and filtered: Qt offers it to the parent (the scroll area)
            return True
        return False


_GUARD: _WheelGuard | None = None


def wheel_only_when_focused(root: QWidget) -> None:
    """Every spin box and combo box under ``root`` takes the wheel only once clicked or tabbed into."""
    global _GUARD
    if _GUARD is None:
        _GUARD = _WheelGuard()
    for field in root.findChildren(QAbstractSpinBox) + root.findChildren(QComboBox):
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel must not give focus either
        field.installEventFilter(_GUARD)


class CountSpinBox(QSpinBox):
    """A count where 0 means "all" (the special value text); typing that word, or nothing, picks it."""

    def _means_all(self, text: str) -> bool:
        text = text.strip().lower()
        return text == "" or text == self.specialValueText().lower()

    def validate(self, text: str, pos: int):
        word = self.specialValueText().lower()
        typed = text.strip().lower()
        if word and typed and word.startswith(typed) and typed != word:
            return QValidator.State.Intermediate, text, pos
        if word and self._means_all(text):
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        if self.specialValueText() and self._means_all(text):
            return self.minimum()
        return super().valueFromText(text)


def percent(p: float, decimals: int = 0) -> str:
    """``p`` (0-1) as a percentage in the user's locale, never rounded up to 100% nor down to 0%.

    0.9996 is "99.9%" (one decimal) or "99%" (none), so that a header saying
    "99.9% sure" never sits beside a thumbnail saying "100%".
    """
    step = 10.0 ** -decimals
    value = round(float(p) * 100, decimals)
    if p < 1:
        value = min(value, 100 - step)
    if p > 0:
        value = max(value, step)
    return QLocale().toString(value, "f", decimals) + "%"


def whole(n) -> str:
    """A whole number with the locale's digit grouping (54,000 in English, 54.000 in Vietnamese)."""
    return QLocale().toString(int(n))


def decimal(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` places and the locale's decimal sign (0.0512, or 0,0512)."""
    return QLocale().toString(float(value), "f", decimals)


class ElidedLabel(QLabel):
    """A label of at most ``lines`` lines (words wrap) whose last line ends in "..." when the text
    does not fit; the full text is its tooltip. Its height is always that many lines, so that a
    message appearing moves nothing below it.

    ``text()`` stays the full text; only the painting is cut (``shown_lines`` is what is painted).
    """

    def __init__(self, text: str = "", parent=None, lines: int = 1):
        super().__init__(parent)
        self.lines = lines
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        if lines > 1:
            self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + self.contentsMargins().top()
                                + self.contentsMargins().bottom())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(60, super().minimumSizeHint().width()), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return hint if self.lines == 1 else QSize(min(hint.width(), 200), self.height())

    def shown_lines(self) -> list[str]:
        text, width = self.text(), self.contentsRect().width()
        metrics = self.fontMetrics()
        shown, start = [], 0
        if self.lines > 1 and text:
            layout = QTextLayout(text, self.font())
            layout.beginLayout()
            while len(shown) < self.lines - 1:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                shown.append(text[line.textStart():line.textStart() + line.textLength()].rstrip())
                start = line.textStart() + line.textLength()
            layout.endLayout()
        rest = text[start:]
        if rest or not shown:
            shown.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        return shown

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        painter.setPen(self.palette().windowText().color())
        if self.lines == 1:
            painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), self.shown_lines()[0])
        else:
            step = self.fontMetrics().lineSpacing()
            for i, line in enumerate(self.shown_lines()):
                painter.drawText(rect.adjusted(0, i * step, 0, 0), int(Qt.AlignmentFlag.AlignLeft), line)
        painter.end()


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before work is lost: ``action`` (the button that goes ahead) or Cancel, which is the default.

    Window-modal; tests answer it by clicking a button of
    ``QApplication.activeModalWidget()``.
    """
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go


def ask_save_path(parent: QWidget, settings, kind: str, title: str, file_name: str, file_filter: str,
                  suffix: str) -> str | None:
    """A save dialog that opens in the last folder of ``kind`` and remembers the new one.

    Returns the chosen path with ``suffix`` added when it was left out, or None.
    ``settings`` may be None (a view used on its own): the dialog then starts at ``file_name``.
    """
    from PySide6.QtWidgets import QFileDialog

    start = settings.dialog_start(kind, file_name) if settings else file_name
    path, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    if not path:
        return None
    if settings:
        settings.set_last_dir(kind, path)
    return path if path.lower().endswith(suffix) else path + suffix


def rate_text(value: float) -> str:
    """A learning rate in the locale's way (0.001, or 0,001 beside a validation share of 0,10)."""
    return QLocale().toString(float(value), "g", 6)
