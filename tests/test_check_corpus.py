"""Data-driven: each folder of tests/data/invalid/ is one contributor mistake.

The folder's files are added to the valid entries of tests/data/valid/ and
``glossary check glossary --lang fr`` must print exactly ``expected.fr.txt`` (and ``--lang en``,
``expected.en.txt``) and exit 1. After an intended change of wording, rewrite them with
``UPDATE_EXPECTED=1 make test`` and read the diff.

A case holding a file named ``in-git-repository`` runs as a contributor's pull request does:
in a git repository where the valid entries are committed and the case's files are new
(untracked), for the rules that ask git which file is being added (hooks/names.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.cli import main
from tests.conftest import git

DATA = Path(__file__).parent / "data"
CASES = sorted(path for path in (DATA / "invalid").iterdir() if path.is_dir())
IN_GIT = "in-git-repository"  # the marker of a case run in a repository (see above)


def make_glossary(root: Path, case: Path | None = None) -> Path:
    glossary = root / "glossary"
    glossary.mkdir()
    for entry in (DATA / "valid").glob("*.yml"):
        shutil.copy(entry, glossary)
    if case is not None and (case / IN_GIT).is_file():
        git(root, "init", "-q")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", "the valid entries")
    if case is not None:
        for source in case.rglob("*"):
            told = source.name.startswith("expected.") or source.name == IN_GIT  # not entries
            if source.is_file() and not told:
                target = glossary / source.relative_to(case)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, target)
    return glossary


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_mistake_gets_exactly_its_messages(
    case: Path,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    make_glossary(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "glossary", "--lang", lang]) == 1
    output = capsys.readouterr().out
    expected_file = case / f"expected.{lang}.txt"
    if os.environ.get("UPDATE_EXPECTED") == "1":
        expected_file.write_text(output, "utf-8")
    assert output.splitlines() == expected_file.read_text("utf-8").splitlines()


def test_valid_entries_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    make_glossary(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "2 entries checked: no problem\n"


def test_every_problem_of_every_file_at_once(tmp_path: Path, monkeypatch, capsys) -> None:
    make_glossary(tmp_path)
    for name in ("raw-html", "related-unknown", "summary-too-long"):
        case = DATA / "invalid" / name
        shutil.copy(case / "gamma.yml", tmp_path / "glossary" / f"{name}.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "glossary"]) == 1
    lines = capsys.readouterr().out.splitlines()
    # 5 mistakes + 2 names shared by the 3 files, reported on each: no git tells the new one
    assert lines[-1] == "11 problems in 3 files"
    assert {line.split(":")[0] for line in lines[:-1]} == {
        "glossary/raw-html.yml",
        "glossary/related-unknown.yml",
        "glossary/summary-too-long.yml",
    }


def test_console_script_exit_codes(tmp_path: Path) -> None:
    glossary = make_glossary(tmp_path, DATA / "invalid" / "related-self")
    command = [sys.executable, "-m", "hooks.cli", "check", str(glossary)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{glossary}/gamma.yml:2:18: related: 'gamma' is this entry")
    (glossary / "gamma.yml").unlink()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, "2 entries checked: no problem\n")


def test_missing_folder_is_a_problem_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 1
    assert "no such folder" in capsys.readouterr().out


def test_a_gap_in_the_rules_is_reported_not_raised(tmp_path: Path, monkeypatch, capsys) -> None:
    import hooks.validate

    def broken(doc: object) -> list:
        raise KeyError("unexpected")

    monkeypatch.setattr(hooks.validate, "_text_problems", broken)
    make_glossary(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "glossary"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "glossary/alpha.yml:1:1: this file could not be checked (KeyError): please report it"
    )
    assert lines[-1] == "2 problems in 2 files"
