"""``glossary check --fix``: certain corrections only, every other byte kept.

Each folder of tests/data/fix/ holds ``input.yml``; ``expected.yml`` is the file once fixed and
``expected.fr.txt`` / ``expected.en.txt`` what ``--fix`` says it changed
(``UPDATE_EXPECTED=1`` rewrites them: read the diff).
"""

from __future__ import annotations

import os
import re
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
    assert before[-1] == "glossary check --fix corrige 17 de ces problèmes (typographie, espaces)"
    assert main(["check", "--fix", "--lang", "fr"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "glossary/gamma.yml:5:15: corrigé : apostrophe typographique dans « d’acquisition »"
    )
    assert lines[-2:] == ["17 corrections dans 1 fichier", "3 entrées vérifiées : aucun problème"]
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


def _broken_sla(tmp_path: Path, fixable: bool) -> list:
    """The problems of a copy of sla.yml with a placeholder, and a plain space before ':' too
    when ``fixable``: what the preview's panel lists."""
    from hooks.validate import check_glossary

    glossary = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", glossary)
    text = (glossary / "sla.yml").read_text("utf-8")
    text = text.replace("  summary: Engagement écrit", "  summary: TODO Engagement écrit")
    if fixable:
        text = text.replace("retour systématique\u00a0:", "retour systématique :")
    (glossary / "sla.yml").write_text(text, "utf-8")
    return check_glossary(glossary, "glossary")[1]


@pytest.mark.parametrize("fixable", [True, False])
def test_the_preview_panel_marks_what_fix_corrects_and_advises_it_only_then(
    tmp_path: Path, fixable: bool
) -> None:
    from hooks import preview

    problems = _broken_sla(tmp_path, fixable)
    assert len(problems) == 1 + fixable
    preview.session.show(problems, tmp_path)
    try:
        html = preview.panel(problems, "fr", preview.session.fixable)
    finally:
        preview.session.show([])
    marked = re.findall(r"<li><code>([^<]*)</code>(.*?)</li>", html)
    assert [("correction automatique" in rest) for _, rest in marked] == (
        [False, True] if fixable else [False]
    )
    assert ("glossary check --fix" in html) == fixable


def test_the_panel_speaks_of_entries_only_when_an_entry_has_a_problem() -> None:
    """A problem in a page only: the panel does not say it shows entries' last valid version."""
    from hooks import preview
    from hooks.problems import Problem, msg

    deprecated = msg("deprecated-name", written="GPA", instead="ABM")
    page = Problem("content/fr/index.md", 2, 8, deprecated)
    entry = Problem("glossary/sla.yml", 5, 3, msg("summary-full-stop"))
    assert "dernière version valide" not in preview.panel([page], "fr")
    assert "se recharge d’elle-même" in preview.panel([page], "fr")
    assert "dernière version valide" in preview.panel([page, entry], "fr")
    assert "last valid version" not in preview.panel([page], "en")


# What a contributor's keyboard gives instead of French typography: a plain space for each
# no-break one (before : ; ? ! % », after «, between the groups of a number) and a straight
# apostrophe for each curly one between two letters.
_NO_BREAK = "[\u00a0\u202f]"
_DEGRADE = [
    (re.compile(_NO_BREAK + r"(?=[:;?!%»])"), " "),
    (re.compile(r"(?<=«)" + _NO_BREAK), " "),
    (re.compile(r"(?<=\d)" + _NO_BREAK + r"(?=\d{3}(?!\d))"), " "),
    (re.compile(r"(?<=[^\W\d_])’(?=[^\W\d_])"), "'"),
]


def _typed_on_a_keyboard(text: str) -> tuple[str, int]:
    """``text`` with the typography of its French part (``fr:``) degraded, formulas aside."""
    lines, french, count = [], False, 0
    for line in text.split("\n"):
        if line[:1].strip():
            french = line.startswith("fr:")
        if french and not re.match(r"\s*(expression|url):", line):
            for pattern, plain in _DEGRADE:
                line, n = pattern.subn(plain, line)
                count += n
        lines.append(line)
    return "\n".join(lines), count


def test_the_glossary_typed_on_a_keyboard_is_found_and_fixed_back_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """Every entry, degraded: the check finds it all, ``--fix`` gives back the very files."""
    for name in ("glossary", "content", "hooks/templates/strings"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    degraded = 0
    for path in sorted((tmp_path / "glossary").glob("*.yml")):
        text, count = _typed_on_a_keyboard(path.read_text("utf-8"))
        assert count, f"{path.name}: nothing to degrade?"
        path.write_text(text, "utf-8")
        degraded += count
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--lang", "en"]) == 1
    found = capsys.readouterr().out.splitlines()
    problems = [line for line in found[:-2] if "French typography" in line]
    assert len(problems) == len(found) - 2, [line for line in found if line not in problems][:5]
    assert len({line.split(":")[0] for line in problems}) == len(ENTRIES)
    hint = f"glossary check --fix corrects {len(problems)} of these problems (typography, spaces)"
    assert found[-1] == hint
    assert main(["check", "--fix", "--lang", "en"]) == 0
    fixes = capsys.readouterr().out.splitlines()
    assert fixes[-1] == f"{len(ENTRIES)} entries checked: no problem"
    for path in ENTRIES:
        assert (tmp_path / "glossary" / path.name).read_bytes() == path.read_bytes(), path.name
    assert degraded >= len(problems) > 2000


def test_a_link_before_a_foreign_word_hides_nothing_from_the_check() -> None:
    """``[MRR](mrr.md) … [churn]{lang=en}``: the span is the foreign word only, not the prose
    from the link's bracket to it, where a plain space went unseen by check and --fix."""
    from hooks import typography
    from hooks.validate import french_text_to_check

    text = "le [MRR](mrr.md) par douze ; le [churn]{lang=en} l'emporte ; fin"
    bare = french_text_to_check(("fr", "definition"), text)
    assert bare is not None and "churn" not in bare and "par douze ;" in bare
    found = [offset for offset, _ in typography.french_problems(bare)]
    assert found == [text.index(" ;") + 1, text.index("l'") + 1, text.rindex(" ;") + 1]
