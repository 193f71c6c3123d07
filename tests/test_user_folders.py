"""Tests never write to the user's folders (issue 33, item 20).

tests/conftest.py points HOME, the XDG folders and KERAS_HOME at one
temporary tree. Here: every folder the app and the command line write to is
inside it, and a real pytest run, in a process whose "user" has a home of
its own, leaves that home exactly as it was, while the same writes without
conftest.py do land there (so the check can fail).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INNER = "DIGIT_RECOGNIZER_INNER_FOLDERS_RUN"


def test_every_user_folder_is_inside_the_sessions_temporary_tree(private_user_folders, qapp):
    import conftest
    from PySide6.QtCore import QSettings, QStandardPaths

    from app.settings import APPLICATION, ORGANIZATION
    from app.settings import user_data_dir as app_data_dir
    from training.paths import cache_dir, keras_cache_dir, user_data_dir

    root = conftest.PRIVATE_ROOT.resolve()
    places = [app_data_dir(), user_data_dir(), cache_dir(), keras_cache_dir(), Path.home(),
              Path(QSettings(ORGANIZATION, APPLICATION).fileName()),
              Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)),
              Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.ConfigLocation))]
    for place in places:
        assert place.resolve().is_relative_to(root), place
    assert not root.is_relative_to(conftest.USER_HOME.resolve())


@pytest.mark.skipif(not os.environ.get(INNER), reason="run by the test below, in a process of its own")
def test_writes_through_the_default_folders():
    """What a test run writes to per-user folders: settings, a model library entry, the pen cache, Keras' home."""
    from PySide6.QtCore import QCoreApplication

    from app.settings import Settings
    from training.files import atomic_write
    from training.paths import cache_dir, user_data_dir

    QCoreApplication.instance() or QCoreApplication([])
    settings = Settings()
    settings.language = "vi"
    settings.sync()
    atomic_write(user_data_dir() / "models" / "written-by-a-test.json", b"{}")
    atomic_write(cache_dir() / "pen-images-written-by-a-test.npz", b"0")
    import keras  # noqa: F401  (it writes keras.json into its home on first import)


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))}


def run_inner(home: Path, *options: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "KERAS_HOME")}
    env.update(HOME=str(home), **{INNER: "1"})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options,
                           "tests/test_user_folders.py::test_writes_through_the_default_folders"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_a_test_run_leaves_the_users_folders_untouched(tmp_path):
    home = tmp_path / "user"
    (home / ".config").mkdir(parents=True)
    (home / ".config" / "theirs.conf").write_text("a setting of the user's own\n")
    before = snapshot(home)
    proc = run_inner(home)
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout + proc.stderr
    assert snapshot(home) == before

    # The same run without conftest.py's folders writes into the user's home: the check above can fail.
    bare = tmp_path / "bare-user"
    bare.mkdir()
    proc = run_inner(bare, "--noconftest")
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout + proc.stderr
    written = snapshot(bare)
    assert any("DigitRecognizer" in name for name in written), written
    assert any(name.endswith("pen-images-written-by-a-test.npz") for name in written), written
    assert any(name.endswith("keras.json") for name in written), written
