"""A contributor's path: ``glossary new``, ``glossary check``, ``glossary status``, the build.

The end-to-end test follows someone who adds a term: the scaffold fails the check with one
message per unfilled field, the filled entry passes it, and the strict build publishes its two
pages and lists it in both A–Z indexes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from hooks import typography
from hooks.cli import main
from hooks.load import load_document
from hooks.model import Alias, Entry, Formula, Glossary, Text, Variable
from hooks.scaffold import render_scaffold
from hooks.status import gaps
from tests.conftest import ROOT, build_site
from tests.test_check_corpus import make_glossary

DATA = Path(__file__).parent / "data"
NB = "\u00a0"  # no-break space, before French : ; ? ! and inside « »

# The fields a fresh scaffold leaves to fill in, in file order: one message each.
UNFILLED = [
    "category",
    "related[1]",
    "fr.term",
    "fr.summary",
    "fr.definition",
    "en.term",
    "en.summary",
    "en.definition",
]
OPTIONAL = ("abbreviation", "aliases", "formula", "example", "pitfalls", "sources")

FR_DEFINITION = f"""\
Le terme de démonstration est une notion inventée pour les tests du glossaire. Il suit le
parcours d’une personne qui propose une entrée{NB}: elle lance la commande de création,
remplace chaque texte provisoire, vérifie le fichier, puis regarde le site construit.

Comme un [SLA](sla.md), il engage deux équipes sur des chiffres{NB}; comme un [MQL](mql.md), il
franchit des étapes avant d’être accepté. Rien de tout cela n’est publié{NB}: le fichier vit
dans un dossier temporaire, le temps d’un test, puis disparaît avec lui. Il garantit que le
modèle, la vérification et la construction du site restent d’accord entre eux, même quand
l’un des trois change.
"""
EN_DEFINITION = """\
The demonstration term is a made-up concept used by the glossary's tests. It follows someone
who proposes an entry: they run the command that creates it, replace every placeholder, check
the file, then look at the built site.

Like an [SLA](sla.md), it commits two teams to numbers; like an [MQL](mql.md), it passes a
few stages before it is accepted. None of it is published: the file lives in a temporary
folder for the length of a test, then goes away with it. It makes sure that the scaffold, the
checker and the site build keep agreeing with one another, even when one of them changes.
"""
VALUES = {
    ("", "category"): "metrics",
    ("", "related"): "[sla, mql]",
    ("fr", "term"): json.dumps("Terme de démonstration", ensure_ascii=False),
    ("fr", "summary"): json.dumps(
        "Notion inventée pour vérifier de bout en bout le parcours d’une contribution.",
        ensure_ascii=False,
    ),
    ("fr", "definition"): FR_DEFINITION,
    ("fr", "example"): "Une équipe écrit l’entrée en dix minutes et la vérification passe.\n",
    ("en", "term"): json.dumps("Demonstration term"),
    ("en", "summary"): json.dumps("A made-up concept that tests a contribution from end to end."),
    ("en", "definition"): EN_DEFINITION,
    ("en", "example"): "A team writes the entry in ten minutes and the check passes.\n",
}


def uncomment(text: str, fields: tuple[str, ...]) -> str:
    """Remove the ``# `` of the commented-out ``fields`` and of their continuation lines."""
    result, inside = [], False
    for line in text.splitlines():
        start = re.match(r"^(  )# (\w+):", line)
        if start:
            inside = start.group(2) in fields
        elif not line.startswith("  #   "):
            inside = False
        result.append(line.replace("# ", "", 1) if inside else line)
    return "\n".join(result) + "\n"


def fill(text: str, values: dict[tuple[str, str], str]) -> str:
    """Replace the placeholder of each field named in ``values``, as a contributor would."""
    lines, result, used, lang = text.splitlines(), [], set(), ""
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if re.match(r"^(fr|en):$", line):
            lang = line[:2]
        field = re.match(r"^( *)(\w+): (.*)$", line)
        key = (lang if field and field.group(1) else "", field.group(2) if field else "")
        if not field or key not in values:
            result.append(line)
            continue
        used.add(key)
        indent, name, value = field.groups()
        if value == "|":  # a block: its TODO line gives way to the text, indented
            assert "TODO" in lines[index]
            index += 1
            result.append(line)
            result.extend(f"{indent}  {row}" if row else "" for row in values[key].splitlines())
        else:
            assert "TODO" in value, line
            result.append(f"{indent}{name}: {values[key]}")
    assert used == set(values), set(values) - used
    return "\n".join(result) + "\n"


def copy_project(destination: Path) -> Path:
    for name in ("glossary", "content", "overrides", "hooks"):
        shutil.copytree(
            ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "mkdocs.yml", destination)
    return destination


def placeholder_fields(output: str, text: str) -> list[str]:
    """The field of each placeholder message, checking that it points at a TODO."""
    fields = []
    lines = text.splitlines()
    pattern = r"^glossary/demo-term\.yml:(\d+):(\d+): (\S+): still holds the placeholder 'TODO': "
    for message in output.splitlines()[:-1]:
        match = re.match(pattern + r"(write|choose) .+$", message)
        assert match, message
        line, col = int(match.group(1)), int(match.group(2))
        assert lines[line - 1][col - 1 :].startswith("TODO"), message
        fields.append(match.group(3))
    return fields


@pytest.mark.build
def test_a_contributor_adds_an_entry_from_scaffold_to_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    entries = len(list((project / "glossary").glob("*.yml")))

    assert main(["new", "demo-term", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Created glossary/demo-term.yml: replace every TODO")
    assert "/glossaire/demo-term/, /en/glossary/demo-term/" in out
    assert main(["new", "demo-fr", "--lang", "fr"]) == 0
    assert capsys.readouterr().out.startswith(
        "glossary/demo-fr.yml est créé\u00a0: remplacez chacun de ses TODO (le français est"
    )
    (project / "glossary" / "demo-fr.yml").unlink()
    entry = project / "glossary" / "demo-term.yml"
    scaffold = entry.read_text("utf-8")
    assert scaffold.startswith("# yaml-language-server: $schema=schema.json\n")

    # left unfilled: one message per placeholder, at its line, then the count
    assert main(["check"]) == 1
    output = capsys.readouterr().out
    assert placeholder_fields(output, scaffold) == UNFILLED
    assert output.splitlines()[-1] == f"{len(UNFILLED)} problems in 1 file"

    # filled in, with the optional example of each language uncommented
    entry.write_text(fill(uncomment(scaffold, ("example",)), VALUES), "utf-8")
    assert main(["check"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out == f"{entries + 1} entries checked: no problem\n"
    assert main(["status"]) == 0
    assert "demo-term" in capsys.readouterr().out.splitlines()[-1]  # no gap

    site = tmp_path / "site"
    result = build_site(site, project / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    for folder, term, letter in (
        ("glossaire", "Terme de démonstration", "T"),
        ("en/glossary", "Demonstration term", "D"),
    ):
        page = html.fromstring((site / folder / "demo-term" / "index.html").read_bytes())
        assert term in page.xpath("//h1")[0].text_content()
        index = html.fromstring((site / folder / "index.html").read_bytes())
        links = [
            link
            for link in index.xpath('//a[contains(@href, "demo-term/")]')
            if link.text_content().strip() == term
        ]
        # under its letter in the A–Z list (the index may list it elsewhere too)
        headings = [link.xpath("preceding::h2[1]")[0].text.strip() for link in links]
        assert letter in headings, f"{folder}/index.html: {term} under {headings}"

    # and in the search index of its language only, with its names in both languages
    for index_path, location, term, other in (
        (
            "search/names.json",
            "glossaire/demo-term/",
            "Terme de démonstration",
            "Demonstration term",
        ),
        (
            "en/search/names.json",
            "en/glossary/demo-term/",
            "Demonstration term",
            "Terme de démonstration",
        ),
    ):
        docs = json.loads((site / index_path).read_text("utf-8"))["docs"]
        (doc,) = [doc for doc in docs if doc[0] == location]
        assert doc[1] == term and term in doc[4] and other in doc[5]
        assert {row[0].startswith("en/") for row in docs} == {location.startswith("en/")}


# --- glossary new ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry_id", "suggestion"),
    [
        ("Lead Velocity", "lead-velocity"),
        ("vélocité", "velocite"),
        ("lead_velocity", "lead-velocity"),
        ("lead-", "lead"),
        ("lead--velocity", "lead-velocity"),
        ("lead.yml", "lead-yml"),
    ],
)
def test_new_refuses_an_invalid_id(
    entry_id: str, suggestion: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    (tmp_path / "glossary").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new", entry_id]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"glossary new: '{entry_id}' is not a valid id: use lowercase letters, digits and "
        f"hyphens, e.g. '{suggestion}'\n"
    )
    assert captured.out == ""
    assert list((tmp_path / "glossary").iterdir()) == []


@pytest.mark.parametrize("extension", [".yml", ".yaml"])
def test_new_never_overwrites_an_entry(extension: str, tmp_path: Path, monkeypatch, capsys) -> None:
    existing = tmp_path / "glossary" / f"lead{extension}"
    existing.parent.mkdir()
    existing.write_text("category: leads\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "lead"]) == 1
    assert capsys.readouterr().err == (
        f"glossary new: glossary/lead{extension} already exists: edit it, or choose another id\n"
    )
    assert existing.read_text("utf-8") == "category: leads\n"
    assert [path.name for path in existing.parent.iterdir()] == [existing.name]


def test_new_needs_the_glossary_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "lead"]) == 1
    assert capsys.readouterr().err == (
        "glossary new: no folder glossary/ here: run the command from the project's folder, "
        "or give the glossary folder with --dir\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_writes_into_the_folder_given_with_dir(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert main(["new", "lead-velocity", "--dir", str(folder), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith(f"Created {folder}/lead-velocity.yml:")
    assert (folder / "lead-velocity.yml").read_text("utf-8") == render_scaffold("lead-velocity")


def test_scaffold_holds_both_languages_and_every_optional_field_commented_out(
    tmp_path: Path,
) -> None:
    text = render_scaffold("lead-velocity")
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    assert "/glossaire/lead-velocity/" in text and "/en/glossary/lead-velocity/" in text
    path = tmp_path / "lead-velocity.yml"
    path.write_text(text, "utf-8")
    doc, problems = load_document(path, "lead-velocity.yml")
    assert problems == []
    assert list(doc.data) == ["category", "related", "fr", "en"]
    for lang in ("fr", "en"):
        assert list(doc.data[lang]) == ["term", "summary", "definition"]
    for field in OPTIONAL:
        # once per language, indented under fr: and en:, ready to uncomment
        assert len(re.findall(rf"^  # {field}:", text, re.MULTILINE)) == 2, field
    # guidance: lengths, links, foreign words, French typography
    for hint in ("200", "80", "(mql.md)", "{lang=en}", "{text: lead scoring, lang: en}"):
        assert hint in text, hint
    assert "espace insécable" in text


def test_every_field_of_the_scaffold_is_reported_once_when_unfilled(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    glossary = make_glossary(tmp_path)
    text = uncomment(render_scaffold("demo-term"), OPTIONAL)
    (glossary / "demo-term.yml").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    output = capsys.readouterr().out
    fields = placeholder_fields(output, text)  # every message is a placeholder message
    assert len(fields) == len(set(fields))
    assert set(UNFILLED) < set(fields)
    for lang in ("fr", "en"):
        assert {
            f"{lang}.abbreviation",
            f"{lang}.aliases[1]",
            f"{lang}.formula.expression",
            f"{lang}.formula.variables[1].symbol",
            f"{lang}.formula.variables[1].meaning",
            f"{lang}.example",
            f"{lang}.pitfalls[1]",
            f"{lang}.sources[1].title",
            f"{lang}.sources[1].year",
            f"{lang}.sources[1].url",
        } <= set(fields)
    lines = [message.split(": ", 1)[0] for message in output.splitlines()[:-1]]
    assert len(lines) == len(set(lines)), "one message per line"


# --- glossary status ---------------------------------------------------------------------------


def _text(**fields: object) -> Text:
    return Text(term="T", summary="S.", definition="D", **fields)  # type: ignore[arg-type]


def test_status_compares_what_each_language_gives() -> None:
    formula = Formula("X = A × B", (Variable("A", "a"), Variable("B", "b")))
    glossary = Glossary(
        (
            Entry(
                "alpha",
                "glossary/alpha.yml",
                {
                    "fr": _text(
                        abbreviation="A",
                        aliases=(Alias("un"), Alias("deux"), Alias("sales lead", "en")),
                        formula=formula,
                        pitfalls=("p",),
                    ),
                    "en": _text(
                        aliases=(Alias("one"), Alias("two")),
                        formula=Formula("X = A × B", formula.variables[:1]),
                        example="e",
                        sources=(),
                    ),
                },
            ),
            Entry(
                "beta",
                "glossary/beta.yml",
                {"fr": _text(formula=formula), "en": _text()},
            ),
            Entry("gamma", "glossary/gamma.yml", {"fr": _text(), "en": _text()}),
        )
    )
    found = [(gap.entry_id, gap.field, gap.values, gap.missing_in) for gap in gaps(glossary)]
    assert found == [
        ("alpha", "abbreviation", {"fr": "yes", "en": "no"}, "en"),
        ("alpha", "variables", {"fr": "2", "en": "1"}, "en"),
        ("alpha", "example", {"fr": "no", "en": "yes"}, "fr"),
        ("alpha", "pitfalls", {"fr": "1", "en": "0"}, "en"),
        # a formula in one language only: one gap, its variables are not counted apart
        ("beta", "formula", {"fr": "yes", "en": "no"}, "en"),
    ]


def test_status_prints_a_table_then_the_entries_without_gaps(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    glossary = make_glossary(tmp_path)
    beta = glossary / "beta.yml"
    beta.write_text(
        beta.read_text("utf-8").replace("fr:\n", "fr:\n  abbreviation: OC\n", 1), "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "What one language of an entry gives and another lacks, entry by entry.",
        "A gap may be intended: compare the languages before filling it.",
        "Aliases marked as another language ({text: …, lang: …}) are not counted.",
        "",
        "entry  field         fr   en  missing in",
        "alpha  aliases       3    2   en",
        "beta   abbreviation  yes  no  en",
        "",
        "2 gaps in 2 entries.",
    ]
    gamma = (DATA / "valid" / "beta.yml").read_text("utf-8")
    gamma = gamma.replace("Œuvre collective", "Gamma d’essai").replace("Collective work", "Gamma")
    gamma = gamma.replace("collectif", "essai").replace("teamwork", "trial")  # own qualifiers
    (glossary / "gamma.yml").write_text(gamma, "utf-8")
    assert main(["status", "glossary/"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 entry with no gap: gamma."


def test_status_without_gaps_says_so_in_one_line(tmp_path: Path, capsys) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    shutil.copy(DATA / "valid" / "beta.yml", glossary)
    text = (glossary / "beta.yml").read_text("utf-8").replace("related: [alpha]\n", "")
    (glossary / "beta.yml").write_text(text, "utf-8")
    assert main(["status", str(glossary)]) == 0
    assert capsys.readouterr().out == (
        "No gap: the entry gives the same fields in each of their languages.\n"
    )


def test_status_of_a_glossary_with_problems_lists_them_and_fails(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    shutil.copy(DATA / "valid" / "alpha.yml", glossary)  # related: [beta], which is missing
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "glossary/alpha.yml:3:11: related: no entry 'beta'",
        "glossary/alpha.yml:16:37: fr.definition: link to unknown entry 'beta.md'",
        "glossary/alpha.yml:42:32: en.definition: link to unknown entry 'beta.md'",
        "3 problems in 1 file",
    ]


# --- CONTRIBUTING.md ---------------------------------------------------------------------------

CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def _sections() -> dict[str, str]:
    text = CONTRIBUTING.read_text("utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_contributing_is_in_french_then_english_then_the_scaffold() -> None:
    assert list(_sections()) == ["Français", "English", "Annexe / appendix"]
    for text in list(_sections().values())[:2]:
        for needed in (
            "Create new file",
            "make serve",
            "glossary new",
            "glossary check",
            "glossary status",
            "glossary/schema.json",
            "make test",
            "site-preview",
            "{lang=",
            "{text: lead scoring, lang: en}",
            "200",
            "80",
        ):
            assert needed in text, needed


def test_contributing_links_point_at_its_headings() -> None:
    text = CONTRIBUTING.read_text("utf-8")
    anchors = {_slug(heading) for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and links <= anchors, links - anchors
    prose = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.DOTALL)
    for target in re.findall(r"\]\(([^)#:]+)\)", prose):
        assert (ROOT / target).exists(), target


def test_contributing_french_follows_french_typography() -> None:
    french = _sections()["Français"]

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    prose = re.sub(r"```.*?```", blank, french, flags=re.DOTALL)
    prose = re.sub(r"`[^`\n]*`|\]\([^)]*\)|https?://\S+", blank, prose)
    problems = [
        f"line {prose.count(chr(10), 0, offset) + 1}: {message}"
        for offset, message in typography.french_problems(prose)
    ]
    assert problems == []


def test_contributing_holds_the_current_scaffold() -> None:
    """``UPDATE_GOLDEN=1`` rewrites it after a change of hooks/templates/new-entry.yml.j2."""
    text = CONTRIBUTING.read_text("utf-8")
    block = re.search(r"^```yaml\n(.*?)^```$", _sections()["Annexe / appendix"], re.S | re.M)
    assert block
    scaffold = render_scaffold("<id>")
    if os.environ.get("UPDATE_GOLDEN") == "1" and block.group(1) != scaffold:
        CONTRIBUTING.write_text(text.replace(block.group(1), scaffold), "utf-8")
        block = re.search(r"^```yaml\n(.*?)^```$", CONTRIBUTING.read_text("utf-8"), re.S | re.M)
        assert block
    assert block.group(1) == scaffold
