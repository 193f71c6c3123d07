"""The README stays a newcomer's page: short, its links alive, its set-up command usable in a root shell without sudo."""

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_short_and_its_pages_are_there():
    assert len(README.splitlines()) <= 250
    links = re.findall(r"\]\(((?!https?:)[^)#]+)\)", README)
    assert "resources/docs/model.md" in links and "resources/docs/design.md" in links
    for link in links:
        assert (ROOT / link).is_file(), link
    for page in (ROOT / "resources" / "docs").glob("*.md"):
        for link in re.findall(r"\]\(((?!https?:)[^)#]+)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / link).resolve().is_file(), f"{page.name}: {link}"


def set_up_command() -> str:
    section = README.split("## Set up and run", 1)[1]
    return re.search(r"```sh\n(.+?)\n```", section, re.S).group(1)


def test_the_set_up_command_runs_in_a_root_shell_without_sudo(tmp_path):
    command = set_up_command()
    assert not command.startswith("sudo "), "a root shell without sudo would fail"
    # Run it with stand-ins for apt-get, python3 and the app, on a PATH without sudo: it must get to the app.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("apt-get", "python3"):
        (bin_dir / name).write_text(f"#!/bin/sh\necho {name} \"$@\" >> {tmp_path}/calls\n")
        (bin_dir / name).chmod(0o755)
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    for name in ("pip", "digit-recognizer"):
        (venv_bin / name).write_text(f"#!/bin/sh\necho {name} \"$@\" >> {tmp_path}/calls\n")
        (venv_bin / name).chmod(0o755)
    # PATH holds the stand-ins only: no sudo anywhere, as in a root shell of a minimal container.
    run = subprocess.run([shutil.which("bash") or "/bin/sh", "-c", command], cwd=tmp_path, capture_output=True,
                         text=True, env={"PATH": str(bin_dir)})
    assert run.returncode == 0, run.stderr
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls[0] == "apt-get update" and calls[1].startswith("apt-get install -y python3-venv")
    assert calls[2] == "python3 -m venv .venv" and calls[-1] == "digit-recognizer"
