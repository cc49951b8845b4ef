"""The Makefile never loses a working .venv to a Python it cannot use.

Each test runs ``make`` in a temporary copy of the Makefile and pyproject.toml, with a .venv
whose python is this one (so it looks working) or missing (so it looks broken).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OLD_PYTHON = """#!/bin/sh
# Python 3.9, as far as the Makefile asks: its version, and too old for the check
case "$*" in *sys.exit*) exit 1;; *) echo 3.9;; esac
"""

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")


def project(tmp_path: Path, working_venv: bool = True) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    if working_venv:
        (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', "utf-8")
        (bin_dir / "python").chmod(0o755)
    (bin_dir / "keep").write_text("a file of the .venv", "utf-8")
    (bin_dir / ".installed").touch()  # newer than pyproject.toml: nothing to install
    old = tmp_path / "python3.9"
    old.write_text(OLD_PYTHON, "utf-8")
    old.chmod(0o755)
    return tmp_path


def make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("python", ["/bin/false", "./python3.9", "no-such-python"])
def test_a_dry_run_with_another_python_keeps_the_venv(tmp_path: Path, python: str) -> None:
    folder = project(tmp_path)
    make(folder, "-n", f"PYTHON={python}", "quick")
    assert (folder / ".venv" / "bin" / "keep").exists()


def test_a_python_too_old_says_so_in_one_line_and_keeps_the_venv(tmp_path: Path) -> None:
    folder = project(tmp_path)
    result = make(folder, "PYTHON=./python3.9", "check")
    assert result.returncode != 0
    assert "This project needs Python 3.10 or newer and ./python3.9 is 3.9" in result.stderr
    assert "Traceback" not in result.stderr
    assert (folder / ".venv" / "bin" / "keep").exists()


def test_a_broken_venv_is_made_again_by_a_good_python(tmp_path: Path) -> None:
    folder = project(tmp_path, working_venv=False)
    result = make(folder, "-n", f"PYTHON={sys.executable}", "check")
    planned = result.stdout.splitlines()
    assert any(line.endswith("rm -rf .venv") for line in planned), result.stdout
    assert f"{sys.executable} -m venv .venv" in planned
    assert (folder / ".venv" / "bin" / "keep").exists()  # -n: planned, not done


def test_a_venv_of_this_python_is_kept(tmp_path: Path) -> None:
    folder = project(tmp_path)
    result = make(folder, "-n", f"PYTHON={sys.executable}", "check")
    assert "rm -rf" not in result.stdout
    assert "-m venv" not in result.stdout
