"""Help: a short how-to, the keyboard shortcuts, and the About box (version, licence, data)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def how_to() -> str:
    """The how-to page, in the interface's language (one translatable text per section)."""
    translate = QCoreApplication.translate
    return "".join([
        translate("Help", "<h3>Draw</h3>"
                  "<p>Draw a digit on the black paper with the mouse (or a pen tablet). The chart shows, while you "
                  "draw, how likely each digit is; the big answer above it turns amber when the model is not sure, "
                  "and says <i>not a digit</i> for letters and scribbles. Write several digits side by side to "
                  "read a number; click one of the small images under the chart to see its probabilities. Open, "
                  "drop or paste an image to read it. <i>Inside the network</i> (Ctrl+I) shows what each layer "
                  "makes of your drawing and colours the strokes that drove the answer.</p>"),
        translate("Help", "<h3>Teach</h3>"
                  "<p>If the answer is wrong (or right), press the digit you meant, or click it after "
                  "<i>Teach it: this is a</i>. The drawing is kept as your own sample in the Samples tab. With ten "
                  "or more, <i>Fine-tune on my samples</i> in the Train tab teaches the model your hand, and tells "
                  "you how well it reads drawings of yours it was not trained on, before and after.</p>"),
        translate("Help", "<h3>Train</h3>"
                  "<p>In the Train tab choose a dataset, a network and an optimizer, then <i>Start training</i>. "
                  "The curves show the loss and accuracy as the model learns; <i>Stop</i> keeps what it has learned "
                  "so far. The Results tab shows the test accuracy, which digits get confused, and the images it "
                  "got wrong (click one to try it in the Draw tab). Save the model to keep it; <i>Use in Draw "
                  "tab</i> switches the Draw tab to it. <i>Study...</i> trains the same network with each "
                  "optimizer, or at several learning rates, and compares the runs.</p>"),
        translate("Help", "<h3>Your own model</h3>"
                  "<p>Trained a model in a notebook or a Keras tutorial? Save it with "
                  "<code>model.save(\"mnist.keras\")</code>, then choose <i>File &gt; Open model...</i> "
                  "(Ctrl+Shift+O) or drop the file on the Draw tab, and draw. The model must take 28x28 images "
                  "(or 784 numbers, or 28x28x1) with values from 0 to 1, as <code>x_train / 255</code> gives "
                  "(or start with <code>Rescaling(1./255)</code>), white digits on black, and answer ten values, "
                  "one per digit. Models are opened in Keras' "
                  "safe mode: one with a <code>Lambda</code> layer is refused. The other way round, "
                  "<i>Keras code...</i> in the Train tab writes the form's network and settings as a script "
                  "for your notebook.</p>"),
    ])


def app_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("digit-recognizer")
    except metadata.PackageNotFoundError:  # run from a source tree without installing
        return QCoreApplication.translate("Help", "from source")


def about_text() -> str:
    translate = QCoreApplication.translate
    return (f"<h3>Digit Recognizer {html.escape(app_version())}</h3>"
            + translate("Help", "<p>Draw a digit and watch it recognized live; retrain the recognizer on your own "
                                "computer.</p>"
                                "<p>Licence: MIT. Built with PySide6 (Qt), TensorFlow and Keras 3, LiteRT, pyqtgraph, "
                                "NumPy and Pillow.</p>"
                                "<p>Data: MNIST (Yann LeCun, Corinna Cortes, Christopher J. C. Burges). The real pen "
                                "handwriting comes from the UNIPEN project (train_r01_v07) and from the UCI "
                                "Pen-Based Recognition of Handwritten Digits set (E. Alpaydin, F. Alimoglu, Bogazici "
                                "University; UCI Machine Learning Repository), both used under CC BY 4.0.</p>"))


def shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``window`` that has a shortcut."""
    from PySide6.QtGui import QAction

    rows, seen = [], set()
    for action in window.findChildren(QAction):
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        name = action.text().replace("&", "").rstrip(".")
        if not keys or keys.isdigit():  # the ten digit keys get one row of their own
            continue
        if (keys, name) not in seen:
            seen.add((keys, name))
            rows.append((keys, name))
    rows.append(("0 \u2013 9", QCoreApplication.translate(
        "Help", "Save the drawing as your sample of that digit (Draw tab); relabel the selected samples (Samples tab)")))
    return sorted(rows, key=lambda row: row[1].lower())


def shortcuts_html(window: QWidget) -> str:
    body = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
                   for k, v in shortcuts(window))
    return ("<table>" + body + "</table>" + QCoreApplication.translate(
        "Help", "<p>A drag with the right mouse button erases. In the Samples tab, Delete removes the "
                "selected samples.</p>"))


def show_text(parent: QWidget, title: str, text: str) -> QDialog:
    """A small, non-blocking window with ``text`` (rich text) and a Close button."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    browser.setHtml(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(520, 420)
    dialog.open()
    return dialog
