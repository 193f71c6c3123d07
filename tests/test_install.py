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
    expected |= {"resources/models/default.keras", "resources/models/default.json", "resources/models/default.tflite",
                 "resources/icons/digit-recognizer.png", "resources/i18n/digit_recognizer_vi.qm",
                 "resources/i18n/digit_recognizer_vi.ts"}
    assert expected - names == set()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "digit-recognizer = app.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_linux_install_script_installs_and_uninstalls_cleanly(tmp_path):
    import os

    build = tmp_path / "build" / "digit-recognizer"
    (build / "_internal" / "resources" / "icons").mkdir(parents=True)
    exe = build / "digit-recognizer"
    exe.write_text("#!/bin/sh\necho frozen app\n")
    exe.chmod(0o755)
    (build / "_internal" / "resources" / "icons" / "digit-recognizer.png").write_bytes(
        (ROOT / "resources" / "icons" / "digit-recognizer.png").read_bytes())
    home = tmp_path / "home"
    user_models = home / ".local" / "share" / "DigitRecognizer" / "Digit Recognizer" / "models"
    user_models.mkdir(parents=True)
    (user_models / "mine.keras").write_text("the user's own model")
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    script = ROOT / "packaging" / "install-linux.sh"

    subprocess.run(["bash", str(script), str(build)], check=True, env=env, capture_output=True)
    share = home / ".local" / "share"
    desktop = (share / "applications" / "digit-recognizer.desktop").read_text()
    # %F: a file manager's "Open with" hands the chosen images to the app, which opens them.
    assert f"Exec={share}/digit-recognizer/app/digit-recognizer %F\n" in desktop
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "digit-recognizer.png").is_file()
    link = home / ".local" / "bin" / "digit-recognizer"
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout == "frozen app\n"

    subprocess.run(["bash", str(script), str(build)], check=True, env=env, capture_output=True)  # again: upgrade
    subprocess.run(["bash", str(script), "--uninstall"], check=True, env=env, capture_output=True)
    assert not (share / "digit-recognizer").exists() and not link.exists()
    assert not (share / "applications" / "digit-recognizer.desktop").exists()
    assert (user_models / "mine.keras").read_text() == "the user's own model"


def test_the_installer_says_once_when_its_bin_folder_is_not_on_path(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    (build / "digit-recognizer").write_text("#!/bin/sh\n")
    (build / "digit-recognizer").chmod(0o755)
    home = tmp_path / "home"
    script = str(ROOT / "packaging" / "install-linux.sh")

    def install(path: str) -> str:
        return subprocess.run(["bash", script, str(build)], check=True, capture_output=True, text=True,
                              env={"HOME": str(home), "PATH": path}).stdout

    said = install("/usr/bin:/bin")
    assert said.count("not on your PATH") == 1 and f"{home}/.local/bin" in said
    assert "export PATH=\"$HOME/.local/bin:$PATH\"" in said
    assert "PATH" not in install(f"{home}/.local/bin:/usr/bin:/bin")  # on PATH: nothing to say
    uninstall = subprocess.run(["bash", script, "--uninstall"], check=True, capture_output=True, text=True,
                               env={"HOME": str(home), "PATH": "/usr/bin:/bin"}).stdout
    assert "PATH" not in uninstall


def test_install_script_refuses_a_missing_build(tmp_path):
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "install-linux.sh"), str(tmp_path / "none")],
                          capture_output=True, text=True, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1 and "run packaging/build.sh first" in proc.stderr


def test_the_packaging_excludes_leave_everything_the_app_needs():
    """The spec's EXCLUDES made unimportable, the self-test must still pass (seconds, not a build)."""
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_excludes.py")], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    assert proc.stdout.startswith("self-test passed")
