"""How a run record's fields read to a person: its outcome and its optimizer, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.i18n import training_text
from training.models.presets import OPTIMIZERS

# The "RunsView" context is where these words were first translated: kept, so the translations stay.
OUTCOMES = {"finished": QT_TRANSLATE_NOOP("RunsView", "finished"), "stopped": QT_TRANSLATE_NOOP("RunsView", "stopped"),
            "failed": QT_TRANSLATE_NOOP("RunsView", "failed"),
            "abandoned": QT_TRANSLATE_NOOP("RunsView", "abandoned at quit")}


def optimizer_name(name) -> str:
    return training_text(OPTIMIZERS[name]) if name in OPTIMIZERS else str(name)
