"""The real content: required concepts complete, articles twinned and typeset in French."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from hooks import content, languages, render, typography
from hooks.model import Glossary
from hooks.validate import check_glossary
from tests.conftest import ROOT

GLOSSARY, PROBLEMS = check_glossary(ROOT / "glossary", "glossary")
REQUIRED = ("smarketing", "sla", "abm", "mql", "enps", "crr", "ltv")
METRICS = ("enps", "crr", "ltv", "sla")
PAGES, PAGE_PROBLEMS = content.read_pages(ROOT / "content")
FRENCH_PAGES = [page for page in PAGES if page.lang == "fr"]
PLACEHOLDERS = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|lorem ipsum|à compléter", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")


def test_the_glossary_is_valid() -> None:
    assert [str(problem) for problem in PROBLEMS] == []


@pytest.mark.parametrize("entry_id", REQUIRED)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_required_concept_is_complete(entry_id: str, lang: str) -> None:
    entry = GLOSSARY.get(entry_id)
    text = entry.text(lang)
    assert len(WORD.findall(text.definition)) >= 80
    assert text.example and len(entry.related) >= 2 and text.sources
    if entry_id in METRICS:
        assert text.formula is not None and text.formula.variables
        assert re.search(r"\d", text.example), "a worked example has numbers"


def _prose(path: Path) -> str:
    """The page's text with front matter keys, code, URLs and markup blanked out."""
    text = path.read_text("utf-8")
    patterns = [
        r"\A---\n(?:[a-z_]+:)?",  # front matter opening and first key
        r"\n[a-z_]+:(?= )",  # other front matter keys
        r"```.*?```",  # fenced code
        r"`[^`\n]*`",
        r"\]\([^)]*\)",  # link targets
        r"https?://\S+",
        r"<span lang=\"en\">.*?</span>",  # English quoted in French follows English typography
        r"<[^>\n]+>",
        r"\{:[^}\n]*\}|\{[#.][^}\n]*\}",  # attribute lists
        r"\[\^[^\]]+\]:?",  # footnote markers and definitions
        r"^\|?[\s:|-]+\|[\s:|-]*$",  # table alignment rows
    ]
    for pattern in patterns:
        text = re.sub(pattern, lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.S | re.M)
    return text


@pytest.mark.parametrize("page", FRENCH_PAGES, ids=[page.path for page in FRENCH_PAGES])
def test_french_pages_follow_french_typography(page: content.ContentPage) -> None:
    path = ROOT / "content" / page.src_uri
    text = _prose(path)
    problems = [
        f"{page.src_uri}:{text.count(chr(10), 0, offset) + 1}: {message}"
        for offset, message in typography.french_problems(text)
    ]
    assert problems == []


def test_every_page_has_a_twin_and_a_description() -> None:
    """The engine accepts a page not yet translated; the shipped site has none."""
    mapping, problems = content.twins(PAGES)
    assert [str(problem) for problem in PAGE_PROBLEMS + problems] == []
    assert [src for src, group in mapping.items() if set(group) != {"fr", "en"}] == []
    assert [page.src_uri for page in PAGES if not page.description] == []


@pytest.mark.parametrize("page", PAGES, ids=[page.src_uri for page in PAGES])
def test_no_placeholder_text(page: content.ContentPage) -> None:
    assert not PLACEHOLDERS.search((ROOT / "content" / page.src_uri).read_text("utf-8"))


def test_articles_are_long_enough_in_both_languages() -> None:
    articles = [
        page
        for page in PAGES
        if page.path.startswith("articles/") and page.path != "articles/index.md"
    ]
    for lang in ("fr", "en"):
        mine = [page for page in articles if page.lang == lang]
        assert len(mine) >= 8
        for page in mine:
            words = len(WORD.findall(_prose(ROOT / "content" / page.src_uri)))
            assert words >= 800, (page.src_uri, words)


ARTICLES = [
    page for page in PAGES if page.path.startswith("articles/") and page.path != "articles/index.md"
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_twelve_twinned_articles_per_language(lang: str) -> None:
    mapping, problems = content.twins(PAGES)
    mine = [page.src_uri for page in ARTICLES if page.lang == lang]
    assert len(mine) >= 12, mine
    other = "en" if lang == "fr" else "fr"
    unpaired = [
        src for src in mine if not mapping[src].get(other, "").startswith(f"{other}/articles/")
    ]
    assert unpaired == [] and problems == []


@pytest.mark.parametrize("page", ARTICLES, ids=[page.src_uri for page in ARTICLES])
def test_every_article_links_at_least_five_existing_entries(page: content.ContentPage) -> None:
    linked = content.linked_entries(page)
    assert [entry_id for entry_id in sorted(linked) if entry_id not in GLOSSARY.by_id()] == []
    assert len(linked) >= 5, sorted(linked)


# Every language an entry is written in, not only the required concepts nor the metrics: a
# worked example and the usual mistakes are what a practitioner comes for.
WRITTEN = [(entry.id, lang) for entry in GLOSSARY for lang in entry.languages]


@pytest.mark.parametrize(("entry_id", "lang"), WRITTEN, ids=[f"{e}-{lang}" for e, lang in WRITTEN])
def test_every_entry_has_a_worked_example_and_pitfalls(entry_id: str, lang: str) -> None:
    text = GLOSSARY.get(entry_id).texts[lang]
    assert text.example and len(WORD.findall(text.example)) >= 20, "a worked example"
    assert len(text.pitfalls) >= 2, "two pitfalls at least"
    assert all(len(WORD.findall(pitfall)) >= 6 for pitfall in text.pitfalls), text.pitfalls


def test_the_glossary_is_large_enough_and_linked() -> None:
    assert len(GLOSSARY) >= 90
    assert [entry.id for entry in GLOSSARY if len(entry.related) < 2] == []
    assert [entry.id for entry in GLOSSARY if entry.category is None] == []


# Performance and recurring-revenue metrics come with their formula, except the notions that
# name a kind of metric rather than one figure.
NOT_ONE_FIGURE = {"kpi"}
METRIC_ENTRIES = [
    e.id for e in GLOSSARY if e.category in ("metrics", "revenue") and e.id not in NOT_ONE_FIGURE
] + [e.id for e in GLOSSARY if e.category not in ("metrics", "revenue") and e.text("fr").formula]


@pytest.mark.parametrize("entry_id", METRIC_ENTRIES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_metric_has_formula_worked_example_and_pitfalls(entry_id: str, lang: str) -> None:
    text = GLOSSARY.get(entry_id).text(lang)
    assert text.formula is not None and text.formula.variables
    assert text.example and re.search(r"\d", text.example)
    assert len(text.pitfalls) >= 2


def test_a_page_can_opt_out_of_term_links(tmp_path: Path) -> None:
    for lang in ("fr", "en"):
        (tmp_path / lang).mkdir()
        front = (
            "---\ntitle: T\ndescription: D\nglossary_links: false\n---\n" if lang == "fr" else ""
        )
        (tmp_path / lang / "page.md").write_text(front + "# T\n\nLe SLA.\n", "utf-8")
    pages, problems = content.read_pages(tmp_path)
    assert problems == []
    assert {page.lang: page.auto_links for page in pages} == {"fr": False, "en": True}


def _referred_entries(
    glossary: Glossary, pages: list[content.ContentPage], lang: str
) -> dict[str, set[str]]:
    """Entry id → where readers of ``lang`` find a link to it: other entries ("Voir aussi" and
    links in their text) and hand-written pages. Backlink lists are left out: they only echo
    the entry's own links."""
    found: dict[str, set[str]] = {}
    for entry in glossary:
        text = entry.text(lang)
        linked = set(entry.related)
        for field in (text.definition, text.example or "", *text.pitfalls):
            linked |= set(re.findall(r"\]\(([a-z0-9-]+)\.md(?:#[\w-]*)?\)", field))
        for target in linked - {entry.id}:
            found.setdefault(target, set()).add(f"glossary/{entry.id}.yml")
    folder = languages.get(lang).folder + "/"
    for page in pages:
        for link in page.links if page.lang == lang else ():
            if link.startswith(folder) and link.endswith(".md"):
                found.setdefault(link[len(folder) : -3], set()).add(page.src_uri)
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_entry_is_reachable_from_the_index_and_from_another_page(lang: str) -> None:
    index = render.render_index(GLOSSARY, lang)
    assert [e.id for e in GLOSSARY if not re.search(f'<a href="{e.id}/"[ >]', index)] == []
    assert [e.id for e in GLOSSARY if f"]({e.id}.md)" not in index] == []  # by category
    referred = _referred_entries(GLOSSARY, PAGES, lang)
    assert [e.id for e in GLOSSARY if not referred.get(e.id)] == [], "orphan entries"


def test_an_entry_nobody_links_to_is_an_orphan() -> None:
    glossary, problems = check_glossary(ROOT / "tests" / "data" / "valid")
    assert problems == [] and {e.id for e in glossary} == {"alpha", "beta"}
    assert set(_referred_entries(glossary, [], "en")) == {"alpha", "beta"}  # related both ways
    # Without `related`, only alpha's definition links beta: alpha is an orphan...
    lonely = Glossary(tuple(replace(e, related=()) for e in glossary))
    assert _referred_entries(lonely, [], "en") == {"beta": {"glossary/alpha.yml"}}
    # ... until an article of the same language links it.
    article = content.ContentPage("en", "articles/a.md", "A", "A", None, ("glossary/alpha.md",))
    assert _referred_entries(lonely, [article], "en")["alpha"] == {"en/articles/a.md"}
    assert "alpha" not in _referred_entries(lonely, [article], "fr")
