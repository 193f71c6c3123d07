"""The interface's language: English (the source) or Vietnamese, chosen from the system or the menu.

Translations are Qt's: every user-facing string goes through ``tr`` or
``QCoreApplication.translate``; ``resources/i18n/digit_recognizer_<lang>.ts``
holds them (edit with Qt Linguist, then run ``packaging/update_translations.py``)
beside the compiled ``.qm`` the app loads, found through the package so that
the wheel and the frozen build find it too.

Messages made in ``training/`` (which never imports Qt) are English sentences
that keep their template and values (:class:`training.messages.Message`, the
message of every :class:`training.errors.DigitRecognizerError`); the GUI
translates them here, in the "training" context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}  # each in its own words, as language menus show them
SOURCE_LANGUAGE = "en"
_installed: list[QTranslator] = []


def system_language() -> str:
    """The system locale's language when it is one we ship, else English."""
    name = QLocale.system().name().split("_")[0]
    return name if name in LANGUAGES else SOURCE_LANGUAGE


def chosen_language(setting: str) -> str:
    """The language to show: the one chosen in the menu, else the system's."""
    return setting if setting in LANGUAGES else system_language()


def number_locale(language: str) -> QLocale:
    """How numbers are written: the system's own way when it speaks ``language``, else that language's usual way."""
    system = QLocale.system()
    if system.name().split("_")[0] == language:
        return system
    return QLocale("vi_VN" if language == "vi" else "en_US")


def translation_file(language: str):
    from resources import resource_path

    return resource_path("i18n", f"digit_recognizer_{language}.qm")


def install(language: str) -> bool:
    """Make ``language`` the interface's (translators and number formats); False if its file is missing or bad."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(number_locale(language))
    translator = QTranslator(app)
    path = translation_file(language)
    if language == SOURCE_LANGUAGE:  # its file holds only the plural forms ("1 epoch", "2 epochs")
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        return True
    if not path.is_file() or not translator.load(str(path)):
        from app.logs import log

        log.warning("no usable translation for %r at %s; the interface stays in English", language, path)
        QLocale.setDefault(number_locale(SOURCE_LANGUAGE))
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def training_text(text: str) -> str:
    """A fixed sentence from ``training/`` (a preset's description, a dataset's title) in the interface's language."""
    return QCoreApplication.translate("training", text)


def dataset_label(name) -> str:
    """A model's dataset as tables show it ("MNIST + pen"); a name this version does not know, as written."""
    from training.data.datasets import DATASET_LABELS

    name = str(name or "")
    return training_text(DATASET_LABELS[name]) if name in DATASET_LABELS else name


def translated(text) -> str:
    """A :class:`training.messages.Message` in the interface's language; any other string as it is."""
    template = getattr(text, "template", None)
    if template is None:
        return str(text)
    values = {key: translated(value) for key, value in text.values.items()}
    try:
        return QCoreApplication.translate("training", template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation naming a value the template lacks
        return str(text)


def message(error: BaseException) -> str:
    """What an error says, in the interface's language.

    Errors from ``training/`` carry their message's template and values;
    anything else (a library's own message) is shown as it is.
    """
    text = getattr(error, "message", None)
    if isinstance(text, str) and hasattr(text, "template"):
        return translated(text)
    # Its first line, cut: a Keras error can carry a model's whole configuration (kilobytes).
    lines = str(error).strip().splitlines()
    first = lines[0] if lines else type(error).__name__
    return first if len(first) <= MAX_FOREIGN_MESSAGE else first[:MAX_FOREIGN_MESSAGE - 3].rsplit(" ", 1)[0] + "..."


MAX_FOREIGN_MESSAGE = 300
