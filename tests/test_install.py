"""pip install . (not only editable) must carry every module and every resource."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_all_code_and_resources(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("digit_recognizer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(p.relative_to(ROOT)) for room in ("app", "training", "resources")
                for p in (ROOT / room).rglob("*.py")}
    expected |= {"resources/models/default.keras", "resources/models/default.json",
                 "resources/icons/digit-recognizer.png"}
    assert expected - names == set()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "digit-recognizer = app.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
