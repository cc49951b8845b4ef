"""Names: which file a clash is reported on, deprecated names and homonyms in pages, and the
term linker leaving both alone. The checker's messages on entries are in tests/data/invalid/
(a clash with a new file: name-taken-by-other-entry, run in a git repository)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hooks.cli import main
from hooks.content import read_pages
from hooks.model import Glossary
from hooks.names import NameFinder, page_problems, shared_names
from hooks.term_links import Matcher, link_terms
from hooks.validate import check_glossary
from tests.conftest import git

DATA = Path(__file__).parent / "data"
CLASH = DATA / "invalid" / "name-taken-by-other-entry" / "gamma.yml"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository holding the valid entries, committed."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    for entry in (DATA / "valid").glob("*.yml"):
        shutil.copy(entry, glossary)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "valid entries")
    return tmp_path


def check_lines(root: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> list[str]:
    monkeypatch.chdir(root)
    assert main(["check", "glossary"]) == 1
    return capsys.readouterr().out.splitlines()


def test_a_clash_is_reported_on_the_changed_file(repository: Path, monkeypatch, capsys) -> None:
    """The new file is committed, then an old one is edited to take its name: the old one,
    changed, is the one reported."""
    gamma = repository / "glossary" / "gamma.yml"
    shutil.copy(CLASH, gamma)
    gamma.write_text(gamma.read_text("utf-8").replace("SM", "TG").replace("ÉLAN ", "Gamma"))
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "gamma")
    beta = repository / "glossary" / "beta.yml"
    beta.write_text(beta.read_text("utf-8").replace("term: Collective work", "term: Test gamma"))
    assert check_lines(repository, monkeypatch, capsys) == [
        "glossary/beta.yml:12:9: en.term: 'Test gamma' is also en.term of glossary/gamma.yml; "
        "a name belongs to one entry only (a term cannot be a homonym)",
        "1 problem in 1 file",
    ]


def test_in_a_clean_checkout_the_latest_commit_is_reported(
    repository: Path, monkeypatch, capsys
) -> None:
    shutil.copy(CLASH, repository / "glossary" / "gamma.yml")
    git(repository, "add", ".")
    # a later commit time than the first commit's, whatever the clock's resolution
    monkeypatch.setenv("GIT_COMMITTER_DATE", "@4000000000 +0000")
    git(repository, "commit", "-q", "-m", "gamma")
    lines = check_lines(repository, monkeypatch, capsys)
    assert lines[-1] == "2 problems in 1 file"
    assert all(line.startswith("glossary/gamma.yml:") for line in lines[:-1])


# --- pages ---------------------------------------------------------------------------------------

ARTICLE = """\
---
title: Un article
---

# Un article

L’élan des ventes grimpe, et le moteur aussi.

<!-- glossary-deprecated: off -->
> « L’élan des ventes », écrivait l’auteur.
<!-- glossary-deprecated: on -->

Ici `élan des ventes` est du code, et [le moteur](../glossaire/beta.md) est lié.
Le moteur est lié plus haut : rien à dire.
"""


@pytest.fixture
def glossary() -> Glossary:
    glossary, problems = check_glossary(DATA / "valid")
    assert problems == []
    return glossary


def write_site(root: Path, article: str) -> Path:
    content = root / "content"
    for lang in ("fr", "en"):
        (content / lang / "articles").mkdir(parents=True)
    (content / "fr" / "articles" / "a.md").write_text(article, "utf-8")
    (content / "en" / "articles" / "a.md").write_text("# An article\n\nSales velocity.\n", "utf-8")
    return content


def test_deprecated_names_in_pages_are_reported_outside_quotes_and_code(
    tmp_path: Path, glossary: Glossary
) -> None:
    pages, _ = read_pages(
        write_site(tmp_path, ARTICLE.replace("[le moteur](../glossaire/beta.md)", "rien"))
    )
    lines = [str(problem) for problem in sorted(page_problems(pages, glossary, "content"))]
    assert lines == [
        "content/en/articles/a.md:3:1: 'Sales velocity' is deprecated: write 'SM' (Sales momentum)",
        "content/fr/articles/a.md:7:3: 'élan des ventes' is deprecated: "
        "write 'EC' (Élan commercial)",
        "content/fr/articles/a.md:7:33: 'moteur' names 2 entries: link the one you mean, "
        "[moteur](../glossaire/alpha.md) (ventes) or [moteur](../glossaire/beta.md) (collectif)",
    ]


def test_a_homonym_linked_once_by_hand_is_not_reported(tmp_path: Path, glossary: Glossary) -> None:
    pages, _ = read_pages(write_site(tmp_path, ARTICLE))
    lines = [str(problem) for problem in page_problems(pages, glossary, "content")]
    assert not any("names 2 entries" in line for line in lines)


def test_glossary_check_reports_the_pages_beside_the_glossary(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    shutil.copytree(DATA / "valid", tmp_path / "glossary")
    write_site(tmp_path, ARTICLE)
    lines = check_lines(tmp_path, monkeypatch, capsys)
    assert lines[0].startswith("content/en/articles/a.md:3:1: 'Sales velocity' is deprecated")
    assert lines[-1] == "2 problems in 2 files"


FRONT_MATTER = """\
---
title: L’élan des ventes, et l’élan des ventes encore
description: "Un « élan des ventes » cité, puis `élan des ventes` en code."
twin: articles/a.md
---

# Un article
"""


def test_deprecated_names_in_a_title_and_description_are_reported_where_written(
    tmp_path: Path, glossary: Glossary
) -> None:
    folded = "title: >-\n  Un titre plié\n  sur l’élan des ventes\n"  # the text's start, then
    escaped = 'description: "\\u00c9lan des ventes"\n'  # reads "Élan", written "\u00c9lan"
    other = FRONT_MATTER.replace("title: L’élan des ventes, et l’élan des ventes encore\n", folded)
    other = other.replace(FRONT_MATTER.splitlines()[2] + "\n", escaped)
    content = write_site(tmp_path, FRONT_MATTER)
    (content / "fr" / "articles" / "b.md").write_text(other, "utf-8")
    pages, problems = read_pages(content)
    assert problems == []
    lines = [str(problem) for problem in sorted(page_problems(pages, glossary, "content"))]
    message = "is deprecated: write 'EC' (Élan commercial)"
    assert [line for line in lines if "/fr/" in line] == [
        f"content/fr/articles/a.md:2:10: 'élan des ventes' {message}",
        f"content/fr/articles/a.md:2:32: 'élan des ventes' {message}",
        f"content/fr/articles/a.md:3:20: 'élan des ventes' {message}",  # not the code span
        f"content/fr/articles/b.md:2:8: 'élan des ventes' {message}",  # folded: its start
        f"content/fr/articles/b.md:5:15: 'Élan des ventes' {message}",  # escaped: its start
    ]


MKDOCS_YML = """\
site_name: !ENV [SITE_NAME, "Essai"]
nav:
  - Accueil: index.md
plugins:
  - i18n:
      languages:
        - locale: fr
          default: true
          nav:
            - Accueil: index.md
            - "Articles sur l’élan des ventes":
                - articles/index.md
                - Un article: articles/a.md
        - locale: en
          nav:
            - Sales velocity: index.md
"""


def test_glossary_check_reports_deprecated_names_in_nav_labels(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    shutil.copytree(DATA / "valid", tmp_path / "glossary")
    write_site(tmp_path, "# Un article\n")
    (tmp_path / "content" / "en" / "articles" / "a.md").write_text("# An article\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    assert check_lines(tmp_path, monkeypatch, capsys) == [
        "mkdocs.yml:11:31: 'élan des ventes' is deprecated: write 'EC' (Élan commercial)",
        "mkdocs.yml:16:15: 'Sales velocity' is deprecated: write 'SM' (Sales momentum)",
        "2 problems in 1 file",
    ]


def test_a_broken_entry_does_not_hide_the_pages_problems(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """Every problem at once: the pages are checked against the entries that have none."""
    shutil.copytree(DATA / "valid", tmp_path / "glossary")
    broken = (DATA / "invalid" / "missing-summary" / "gamma.yml").read_text("utf-8")
    (tmp_path / "glossary" / "gamma.yml").write_text(broken, "utf-8")
    write_site(tmp_path, "# Un article\n\nL’élan des ventes.\n")
    lines = check_lines(tmp_path, monkeypatch, capsys)
    assert lines[:2] == [
        "content/en/articles/a.md:3:1: 'Sales velocity' is deprecated: write 'SM' (Sales momentum)",
        "content/fr/articles/a.md:3:3: 'élan des ventes' is deprecated: write 'EC' "
        "(Élan commercial)",
    ]
    assert lines[2].startswith("glossary/gamma.yml:")
    assert lines[-1].endswith("in 3 files")


# --- the term linker ---------------------------------------------------------------------------


def test_the_linker_never_links_a_deprecated_or_a_shared_name(glossary: Glossary) -> None:
    matcher = Matcher(glossary, "fr")
    text = "L’élan des ventes, le moteur et la dynamique commerciale."
    out = link_terms(text, matcher, lambda entry_id: f"{entry_id}/", set())
    assert out.count("<a ") == 1
    assert '">dynamique commerciale</a>' in out


def test_shared_names_list_every_homonym(glossary: Glossary) -> None:
    shared = shared_names(glossary, "en")
    assert [(entry.id, name.homonym) for entry, name in shared["drive"]] == [
        ("alpha", "sales"),
        ("beta", "teamwork"),
    ]


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("GPA", "La GPA, la gpa.", ["GPA"]),  # an acronym keeps its case
        ("eNPS", "Un eNPS, un ENPS.", ["eNPS"]),
        (
            "élan des ventes",
            "Élan  des ventes, élan-des ventes",
            ["Élan  des ventes", "élan-des ventes"],
        ),
        ("moteur", "moteurs, moteur.", ["moteur"]),  # whole words only
    ],
)
def test_name_finder(name: str, text: str, found: list[str]) -> None:
    finder = NameFinder([(name, name)])
    assert [text[start:end] for start, end, _ in finder.find(text)] == found


def test_an_abbreviation_and_an_alias_declared_homonyms_are_accepted(tmp_path: Path) -> None:
    """KPI's French alias ICP (indicateur) and ideal customer profile's abbreviation ICP."""
    folder = tmp_path / "glossary"
    shutil.copytree(DATA / "valid", folder)
    gamma = CLASH.read_text("utf-8").replace("ÉLAN  commercial", "Gamma d’essai")
    gamma = gamma.replace("  abbreviation: SM\n", "  abbreviation: {text: drive, homonym: gamma}\n")
    (folder / "gamma.yml").write_text(gamma, "utf-8")
    glossary, problems = check_glossary(folder)
    assert problems == []
    text = glossary.get("gamma").text("en")
    assert (text.abbreviation, text.abbreviation_name.homonym) == ("drive", "gamma")
    assert [entry.id for entry, _ in shared_names(glossary, "en")["drive"]] == [
        "alpha",
        "beta",
        "gamma",
    ]


def test_the_build_fails_on_a_deprecated_name_in_an_article(tmp_path: Path) -> None:
    from tests.conftest import ROOT, build_site

    project = tmp_path / "project"
    for name in ("glossary", "content", "overrides", "hooks"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    article = project / "content" / "fr" / "articles" / "smarketing.md"
    lines = article.read_text("utf-8").splitlines()
    quoted = "<!-- glossary-deprecated: off -->\n> « La GPA », dit la source.\n"
    quoted += "<!-- glossary-deprecated: on -->"
    article.write_text("\n".join([*lines, "", "Ils pratiquent la GPA.", "", quoted, ""]), "utf-8")
    result = build_site(tmp_path / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    line = len(lines) + 2
    message = "'GPA' is deprecated: write 'ABM' (Marketing des comptes stratégiques)"
    assert f"content/fr/articles/smarketing.md:{line}:19: {message}" in output
    assert output.count("is deprecated") == 1  # the quote is left alone
    assert "Traceback" not in output


def test_the_build_reports_a_broken_entry_and_the_pages_at_once(tmp_path: Path) -> None:
    """One broken entry, GPA in the home page's title and in a nav label: every line at once."""
    from tests.conftest import ROOT, build_site

    project = tmp_path / "project"
    for name in ("glossary", "content", "overrides", "hooks"):
        shutil.copytree(ROOT / name, project / name)
    broken = (DATA / "invalid" / "missing-summary" / "gamma.yml").read_text("utf-8")
    (project / "glossary" / "gamma.yml").write_text(broken, "utf-8")
    home = project / "content" / "fr" / "index.md"
    home.write_text(home.read_text("utf-8").replace("title: Accueil\n", "title: La GPA\n"))
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    label = "                - Le smarketing: articles/smarketing.md\n"
    (project / "mkdocs.yml").write_text(config.replace(label, label.replace("Le", "La GPA,")))
    nav_line = config[: config.index(label)].count("\n") + 1
    result = build_site(tmp_path / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    message = "'GPA' is deprecated: write 'ABM' (Marketing des comptes stratégiques)"
    assert f"content/fr/index.md:2:11: {message}" in output
    assert f"mkdocs.yml:{nav_line}:22: {message}" in output
    assert "glossary/gamma.yml:3:1: 'summary' is missing" in output
    assert "Traceback" not in output


@pytest.mark.build
def test_an_entry_quotes_a_source_and_no_page_shows_the_comments(tmp_path: Path) -> None:
    """An entry quoting a deprecated name between the opt-out comments builds, and neither the
    pages nor the exports show the comments (the small site of tests/data/three-languages)."""
    import yaml
    from lxml import html

    from tests.conftest import ROOT, build_site

    project = tmp_path / "project"
    shutil.copytree(DATA / "three-languages", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("../../../", f"{ROOT}/"), "utf-8")
    lead_file, mql_file = project / "glossary" / "lead.yml", project / "glossary" / "mql.yml"
    lead = yaml.safe_load(lead_file.read_text("utf-8"))
    lead["fr"]["aliases"].append(
        {"text": "contact chaud", "status": "deprecated", "note": "jargon"}
    )
    mql = yaml.safe_load(mql_file.read_text("utf-8"))
    mql["fr"]["definition"] += (
        "\n<!-- glossary-deprecated: off -->\n> «\u00a0Un contact chaud\u00a0», dit la source.\n"
        "<!-- glossary-deprecated: on -->\n"
    )
    for path, data in ((lead_file, lead), (mql_file, mql)):
        path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), "utf-8")
    result = build_site(tmp_path / "site", config)
    assert result.returncode == 0, result.stdout + result.stderr
    page = html.fromstring((tmp_path / "site" / "glossaire" / "mql" / "index.html").read_bytes())
    (quote,) = page.xpath("//article//blockquote")
    assert quote.text_content().strip() == "«\u00a0Un contact chaud\u00a0», dit la source."
    shown = [
        path
        for path in (tmp_path / "site").rglob("*")
        if path.is_file() and b"glossary-deprecated" in path.read_bytes()
    ]
    assert shown == []


def test_a_deprecated_name_is_found_listed_and_marked_but_never_a_link(built_site: Path) -> None:
    import json

    from lxml import html

    index = json.loads((built_site / "search" / "names.json").read_text("utf-8"))
    (abm,) = [doc for doc in index["docs"] if doc[0] == "glossaire/abm/"]
    # search still finds it, a name of the page's language, marked as one to avoid
    assert ["GPA", "", 1] in abm[4]
    glossary_index = html.fromstring((built_site / "glossaire" / "index.html").read_bytes())
    (item,) = glossary_index.xpath('//div[@data-entry="abm"][.//dt/span[text()="GPA"]]')
    shown = [" ".join(part.text_content().split()) for part in item.xpath("dt|dd")]
    assert shown == ["GPA à éviter", "voir Marketing des comptes stratégiques"]
    term_page = html.fromstring((built_site / "glossaire" / "abm" / "index.html").read_bytes())
    (heading,) = term_page.xpath('//h2[@id="a-eviter"]')
    (item,) = heading.xpath("following-sibling::ul[1]/li")
    assert item.xpath("s/text()") == ["GPA"] and "traduction automatique" in item.text_content()
    assert "GPA" not in term_page.xpath("//title/text()")[0]
    for page in built_site.rglob("index.html"):
        links = html.fromstring(page.read_bytes()).xpath("//article//a")
        assert not [link for link in links if link.text_content().strip() == "GPA"], page
