"""Every tab at the minimum and the default window size, in English and Vietnamese, headless.

    python packaging/tab_shots.py OUT_DIR

Writes OUT_DIR/<lang>-<size>-<tab>.png (draw, inside, train, samples), to be
looked at before a release: a label cut short or a row that does not fit
shows here first.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main(out: Path) -> None:
    from strokes import Style, strokes_for

    app = QApplication([])
    from app.gui import create_window
    from app.settings import Settings

    out.mkdir(parents=True, exist_ok=True)

    def pump(seconds=0.2):
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()

    for language in ("en", "vi"):
        tmp = Path(tempfile.mkdtemp())
        settings = Settings.from_file(tmp / "s.ini")
        settings.language = language
        window = create_window(settings, tmp)
        window.show()
        window.load_active_model()
        while window.predictor is None:
            pump(0.05)
        minimum = window.minimumSizeHint()
        for size_name, size in (("min", (minimum.width(), minimum.height())), ("default", (1100, 680))):
            window.resize(*size)
            window.tabs.setCurrentIndex(0)
            pump(0.3)
            canvas = window.draw_tab.canvas
            canvas.clear()
            rect = canvas._paper_rect()
            s = rect.width() / 600
            for stroke in strokes_for(5, Style(size=280, pen=24, centre=(300, 200), slant=0.1)):
                points = [QPointF(rect.x() + x * s, rect.y() + y * s) for x, y in stroke]
                canvas.begin_stroke(points[0])
                for p in points[1:]:
                    canvas.extend_stroke(p)
                canvas.end_stroke()
            pump(0.3)
            window.grab().save(str(out / f"{language}-{size_name}-draw.png"))
            window.draw_tab.show_inside(True)
            before = window.draw_tab.inside.results
            while window.draw_tab.inside.results == before or window.draw_tab.inside.busy:
                pump(0.05)
            pump(0.3)
            window.grab().save(str(out / f"{language}-{size_name}-inside.png"))
            window.draw_tab.show_inside(False)
            for index, name in ((1, "train"), (2, "samples")):
                window.tabs.setCurrentIndex(index)
                pump(0.3)
                window.grab().save(str(out / f"{language}-{size_name}-{name}.png"))
            print(language, size_name, size, flush=True)
        window.close()
        pump(0.2)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
