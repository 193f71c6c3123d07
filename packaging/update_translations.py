"""Update the translations: python packaging/update_translations.py [--check]

1. Collects every translatable string: ``tr()`` and ``QCoreApplication.translate()``
   in app/ (by Qt's lupdate), and the sentences made in training/ (error and
   message templates, preset descriptions, dataset and optimizer names),
   which never import Qt and so are listed here for lupdate in the
   "training" context.
2. Merges them into resources/i18n/digit_recognizer_<lang>.ts (new strings
   arrive "unfinished"; translate them in Qt Linguist or by hand). English,
   the source language, has a file too, of the plural forms only: a string
   with a count is written ``tr("%n epoch(s)", "", n)``.
3. Compiles each .ts into the .qm the app loads.

``--check`` changes nothing and fails when a string is missing from a .ts, a
translation is unfinished, or a .qm is not its .ts compiled (the tests run it).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("vi", "en")
# English is the source language: its file holds only the plural forms ("%n epoch(s)" -> "1 epoch", "2 epochs").
PLURALS_ONLY = {"en"}
MESSAGE_CALLS = {"Message", "DigitRecognizerError", "DatasetError", "ImageError", "ModelFileError", "ConfigError",
                 "TrainingError"}
# Qt's own dialogs (file dialogs, message box buttons) have no Vietnamese in the
# PySide6 wheel; the few words they show are translated with the app's own.
QT_STRINGS = {
    "QPlatformTheme": ["OK", "Cancel", "Close", "Save", "Open", "Yes", "No", "Apply", "Discard"],
    "QDialogButtonBox": ["OK", "Cancel", "Close", "Save", "Open", "&Yes", "&No"],
    "GraphicsScene": ["Export..."],  # pyqtgraph's plot menu
    # The labels carry their shortcut's "&" (read from a QFileDialog itself: without it they stayed English).
    "QFileDialog": ["&Look in:", "File &name:", "Files of &type:", "&Open", "&Save", "Cancel", "Directory:",
                    "&Choose", "Back", "Forward", "Parent Directory", "Create New Folder", "List View",
                    "Detail View"],
    # The file list's column headers and the sidebar's computer come from the file system model.
    "QFileSystemModel": ["Name", "Size", "Type", "Date Modified", "My Computer", "Computer"],
}


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6).")
    return found


def training_strings() -> list[str]:
    """Every fixed sentence made in training/ that the GUI shows."""
    sys.path.insert(0, str(ROOT))
    from training.data.datasets import DATASET_LABELS, DATASETS
    from training.models.presets import OPTIMIZERS, PRESETS

    found: list[str] = []
    for path in sorted((ROOT / "training").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            if name in MESSAGE_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
    found += [p.description for p in PRESETS.values()]
    found += [spec.title for spec in DATASETS.values()]
    found += [name for spec in DATASETS.values() for name in spec.class_names if not name.isdigit()]
    found += list(DATASET_LABELS.values())
    found += list(OPTIMIZERS.values())
    return list(dict.fromkeys(s for s in found if s.strip()))


def listing(path: Path) -> None:
    """A Python file that only names strings, for lupdate to read."""
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    for text in training_strings():
        lines.append(f"QT_TRANSLATE_NOOP({'training'!r}, {text!r})")
    for context, texts in QT_STRINGS.items():
        lines += [f"QT_TRANSLATE_NOOP({context!r}, {text!r})" for text in texts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_lupdate(ts: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "training_strings.py"
        listing(extra)
        sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
        language = ts.stem.rsplit("_", 1)[1]
        plurals = ["-pluralonly"] if language in PLURALS_ONLY else []
        subprocess.run([tool("pyside6-lupdate"), *sources, str(extra), "-no-obsolete", "-locations", "none",
                        *plurals, "-source-language", "en", "-target-language", language,
                        "-ts", str(ts)], check=True, stdout=subprocess.DEVNULL)


def messages(ts: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(context, source, translation or None when unfinished, comment) for every message of a .ts."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") not in ("unfinished", "vanished",
                                                                                    "obsolete")
            text = None
            if finished:
                forms = [form.text or "" for form in translation.iter("numerusform")]
                if not forms:
                    text = translation.text
                elif all(forms):  # a count's every plural form (English has two, Vietnamese one)
                    text = " | ".join(forms)
            out.append((name, message.findtext("source"), text, message.findtext("comment")))
    return out


def compile_qm(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, stdout=subprocess.DEVNULL)
    return qm


def check() -> list[str]:
    problems = []
    for language in LANGUAGES:
        ts = I18N / f"digit_recognizer_{language}.ts"
        qm = ts.with_suffix(".qm")
        if not ts.is_file() or not qm.is_file():
            return [f"{ts.name} or {qm.name} is missing"]
        have = {(c, s): t for c, s, t, _ in messages(ts)}
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            run_lupdate(fresh)
            wanted = {(c, s) for c, s, _, _ in messages(fresh)}
            problems += [f"{ts.name} lacks [{c}] {s!r}" for c, s in sorted(wanted - set(have))]
            problems += [f"{ts.name}: [{c}] {s!r} is not translated" for (c, s), t in sorted(have.items())
                         if t is None and (c, s) in wanted]
            compiled = Path(tmp) / qm.name
            subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(compiled)], check=True,
                           stdout=subprocess.DEVNULL)
            if compiled.read_bytes() != qm.read_bytes():  # lrelease's output is deterministic
                problems.append(f"{qm.name} is not {ts.name} compiled: run packaging/update_translations.py")
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = check()
        for line in problems:
            print(line)
        return 1 if problems else 0
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = I18N / f"digit_recognizer_{language}.ts"
        run_lupdate(ts)
        compile_qm(ts)
        unfinished = sum(1 for *_, t, _ in messages(ts) if t is None)
        print(f"{ts.relative_to(ROOT)}: {len(messages(ts))} strings, {unfinished} to translate")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main(sys.argv[1:]))
