"""``glossary check --fix``: certain corrections only, every other byte kept.

Each folder of tests/data/fix/ holds ``input.yml``; ``expected.yml`` is the file once fixed and
``expected.fr.txt`` / ``expected.en.txt`` what ``--fix`` says it changed
(``UPDATE_EXPECTED=1`` rewrites them: read the diff).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hooks.cli import main
from hooks.fix import fix_text
from hooks.load import load_text
from tests.conftest import ROOT
from tests.test_check_corpus import make_glossary

CASES = sorted(path for path in (ROOT / "tests" / "data" / "fix").iterdir() if path.is_dir())
ENTRIES = sorted((ROOT / "glossary").glob("*.yml"))


def _expect(path: Path, actual: str) -> None:
    if os.environ.get("UPDATE_EXPECTED") == "1":
        path.write_bytes(actual.encode("utf-8"))
    assert actual == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fix_corrects_exactly_what_is_certain(case: Path) -> None:
    text = (case / "input.yml").read_bytes().decode("utf-8")
    fixed_text, fixed = fix_text(text, "glossary/gamma.yml")
    _expect(case / "expected.yml", fixed_text)
    for lang in ("fr", "en"):
        _expect(case / f"expected.{lang}.txt", "".join(f"{p.render(lang)}\n" for p in fixed))
    # the data is the same but for the corrections, and a second pass finds nothing
    assert fix_text(fixed_text, "glossary/gamma.yml") == (fixed_text, [])
    assert load_text(fixed_text, "x")[0].data.keys() == load_text(text, "x")[0].data.keys()


@pytest.mark.parametrize("path", ENTRIES, ids=[path.stem for path in ENTRIES])
def test_every_entry_of_the_glossary_round_trips_byte_identical(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert fix_text(text, path.name) == (text, [])


def test_fix_writes_says_what_it_changed_then_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    glossary = make_glossary(tmp_path)
    shutil.copy(ROOT / "tests/data/fix/typography/input.yml", glossary / "gamma.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--lang", "fr"]) == 1
    before = capsys.readouterr().out.splitlines()
    assert before[-1] == "glossary check --fix corrige 16 de ces problèmes (typographie, espaces)"
    assert main(["check", "--fix", "--lang", "fr"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "glossary/gamma.yml:5:15: corrigé : apostrophe typographique dans « d’acquisition »"
    )
    assert lines[-2:] == ["16 corrections dans 1 fichier", "3 entrées vérifiées : aucun problème"]
    assert (glossary / "gamma.yml").read_bytes() == (
        ROOT / "tests/data/fix/typography/expected.yml"
    ).read_bytes()


def test_check_accepts_files_and_shows_their_problems_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    glossary = make_glossary(tmp_path, ROOT / "tests/data/invalid/related-self")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "glossary/alpha.yml", "--lang", "en"]) == 0
    assert capsys.readouterr().out == (
        "3 entries checked, glossary/alpha.yml among them: no problem\n"
    )
    assert main(["check", "glossary/gamma.yml", "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "glossary/gamma.yml:2:18: related: 'gamma' is this entry itself",
        "1 problem in 1 file",
    ]
    (glossary / "notes.txt").write_text("x", "utf-8")
    assert main(["check", "glossary/notes.txt", "--lang", "fr"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "glossary/notes.txt:1:1: ce n’est pas un fichier d’entrée .yml du glossaire"
    )
