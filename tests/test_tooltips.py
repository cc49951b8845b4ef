"""Every link to an entry carries the same tooltip, whatever wrote the link (hooks/tooltips.py).

The site test walks every built page and counts: all links to entries are described. The
browser tests show the tooltip on hover and keyboard focus, and a tap follows the link.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from hooks import tooltips
from hooks.markup import unmark
from hooks.model import Entry, Glossary, Text
from hooks.validate import check_glossary

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY, _ = check_glossary(ROOT / "glossary")
NBSP = "\u00a0"


def small_glossary() -> Glossary:
    def text(term: str, summary: str) -> Text:
        return Text(term=term, summary=summary, definition="…")

    sla = Entry(
        "sla",
        "glossary/sla.yml",
        {
            "fr": text("Accord de niveau de service", "Un [accord]{lang=en} écrit & signé."),
            "en": text("Service level agreement", "A written agreement."),
        },
    )
    return Glossary((sla,))


@pytest.mark.parametrize(
    ("href", "page_url", "entry_id"),
    [
        ("../glossaire/sla.md", "articles/x/", None),  # not rendered yet: no page address
        ("../../glossaire/sla/", "articles/x/", "sla"),
        ("sla/", "glossaire/", "sla"),
        ("../sla/#definition", "glossaire/mql/", "sla"),
        ("../../en/glossary/sla/", "glossaire/mql/", "sla"),
        ("glossary/sla/index.html", "en/", "sla"),
        ("https://example.org/glossaire/sla/", "", None),
        ("../", "glossaire/sla/", None),
        ("#lettre-s", "glossaire/", None),
    ],
)
def test_linked_entry(href: str, page_url: str, entry_id: str | None) -> None:
    assert tooltips.linked_entry(href, page_url) == entry_id


def test_every_kind_of_link_gets_one_description_and_loses_its_title() -> None:
    page = (
        '<p><a href="../../glossaire/sla/" title="old">SLA</a> and '
        '<a class="gl-term" href="../../glossaire/sla/#exemple">again</a>, '
        '<a href="https://example.org/">elsewhere</a>, <a href="#top">here</a>.</p>'
    )
    out = tooltips.add_tooltips(page, "articles/x/", "fr", small_glossary())
    assert out.count('aria-describedby="gl-tip-sla"') == 2
    assert out.count('class="gl-term"') == 2
    assert 'title="old"' not in out
    assert '<a href="https://example.org/">' in out and '<a href="#top">' in out
    assert out.count('id="gl-tip-sla"') == 1
    assert (
        '<div class="gl-tips" hidden><span id="gl-tip-sla"><span class="gl-tip__summary">'
        'Un <span lang="en">accord</span> écrit &amp; signé.</span> '
        f'<span class="gl-tip__other">EN{NBSP}: <span lang="en">Service level agreement</span>'
        "</span></span></div>"
    ) in out


def test_a_link_to_the_page_itself_is_left_alone() -> None:
    page = '<a href="./">Accord</a><a href="../mql/">MQL</a>'
    assert tooltips.add_tooltips(page, "glossaire/sla/", "fr", small_glossary()) == page


# --- the built site ----------------------------------------------------------------------------


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("index.html"))


def described_links(site: Path) -> tuple[int, int, list[str]]:
    """(links to entries, links with their tooltip, the first few without) over every page."""
    total, described, missing = 0, 0, []
    for path in pages(site):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        document = html.fromstring(path.read_bytes())
        lang = document.get("lang")
        for link in document.xpath("//article//a[@href]"):
            entry_id = tooltips.linked_entry(link.get("href"), url)
            if entry_id is None or tooltips._is_self(link.get("href"), url):
                continue
            total += 1
            ids = (link.get("aria-describedby") or "").split()
            target = document.xpath(f'//*[@id="gl-tip-{entry_id}"]')
            entry = GLOSSARY.get(entry_id)
            text = " ".join(target[0].text_content().split()) if target else ""
            other = entry.text("en" if lang == "fr" else "fr").term
            if (
                f"gl-tip-{entry_id}" in ids
                and "gl-term" in (link.get("class") or "").split()
                and link.get("title") is None
                and text.startswith(unmark(entry.text(lang).summary))
                and text.endswith(other)
            ):
                described += 1
            elif len(missing) < 5:
                missing.append(f"{url}: {html.tostring(link, encoding='unicode')[:120]}")
    return total, described, missing


def test_every_link_to_an_entry_on_every_page_has_its_tooltip(built_site: Path) -> None:
    total, described, missing = described_links(built_site)
    assert total > 1000  # articles, home pages, term pages, indexes
    assert described == total, missing


def test_articles_hand_written_links_are_described_too(built_site: Path) -> None:
    """The French SLA article: 2 of 19 links to entries had a tooltip before."""
    page = "articles/sla-marketing-ventes/"
    document = html.fromstring((built_site / page / "index.html").read_bytes())
    links = [
        link
        for link in document.xpath("//article//a[@href]")
        if tooltips.linked_entry(link.get("href"), page)
    ]
    assert len(links) >= 19
    assert all(link.get("aria-describedby", "").startswith("gl-tip-") for link in links)
