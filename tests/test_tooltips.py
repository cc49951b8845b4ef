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
SITE_URL = "https://glossaire-smarketing.github.io/"  # mkdocs.yml's, as the test build uses


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
        ("mailto:sla@example.org", "", None),
    ],
)
def test_linked_entry(href: str, page_url: str, entry_id: str | None) -> None:
    assert tooltips.linked_entry(href, page_url) == entry_id


@pytest.mark.parametrize(
    ("href", "site", "entry_id"),
    [
        (SITE_URL + "glossaire/sla/", SITE_URL, "sla"),  # site_url + path, written by hand
        ("http://GLOSSAIRE-smarketing.github.io/en/glossary/sla/#x", SITE_URL, "sla"),
        ("//glossaire-smarketing.github.io/glossaire/sla/index.html", SITE_URL, "sla"),
        (SITE_URL + "glossaire/", SITE_URL, None),  # the index, not an entry
        ("https://example.org/glossaire/sla/", SITE_URL, None),  # another site
        ("https://example.org/base/glossaire/sla/", "https://example.org/base/", "sla"),
        ("https://example.org/glossaire/sla/", "https://example.org/base/", None),
        ("https://example.org/based/glossaire/sla/", "https://example.org/base", None),
        ("ftp://example.org/glossaire/sla/", "https://example.org/", None),
        (SITE_URL + "glossaire/sla/", None, None),  # no site address known
    ],
)
def test_an_absolute_address_of_the_site_leads_to_its_entry(
    href: str, site: str | None, entry_id: str | None
) -> None:
    assert tooltips.linked_entry(href, "articles/x/", site) == entry_id


def test_raw_html_links_get_it_whatever_their_quotes() -> None:
    page = (
        "<a href='../../glossaire/sla/' title='old'>single</a> "
        "<a class=x href=../../glossaire/sla/>bare</a> "
        f"<a href={SITE_URL}glossaire/sla/ data-note='say \"hi\"'>absolute</a> "
        "<a href='https://example.org/'>elsewhere</a>"
    )
    out = tooltips.add_tooltips(page, "articles/x/", "fr", small_glossary(), SITE_URL)
    assert out.count('aria-describedby="gl-tip-sla"') == 3
    assert '<a href="../../glossaire/sla/" class="gl-term" aria-describedby="gl-tip-sla">' in out
    assert '<a class="x gl-term" href="../../glossaire/sla/"' in out
    assert (
        f'<a href="{SITE_URL}glossaire/sla/" data-note="say &quot;hi&quot;" class="gl-term"' in out
    )
    assert "<a href='https://example.org/'>elsewhere</a>" in out  # left as written


def test_bare_class_or_describedby_attributes_are_empty_ones() -> None:
    page = '<a class href="../sla/">a</a> <a aria-describedby href="../sla/">b</a>'
    out = tooltips.add_tooltips(page, "glossaire/mql/", "fr", small_glossary(), SITE_URL)
    assert '<a class="gl-term" href="../sla/" aria-describedby="gl-tip-sla">a</a>' in out
    assert '<a aria-describedby="gl-tip-sla" href="../sla/" class="gl-term">b</a>' in out


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


@pytest.mark.parametrize(
    "path", ["../sla/", "../", "../..", "../../en/glossary/sla/", "../a/./b/../c", "..//x", "../#"]
)
@pytest.mark.parametrize("page_url", ["glossaire/mql/", "mql/", "a//b/", "en/glossary/sla/"])
def test_a_folders_pages_share_their_up_links(path: str, page_url: str) -> None:
    """``../x`` from any page of a folder is ``x`` from the folder (one cache for them all)."""
    folder = tooltips._folder(page_url)
    assert folder is not None
    if path[3:4] != "/":  # ..//x is absolute once its ../ is gone: joined from the page
        assert tooltips._joined_up(path, folder) == tooltips._joined(path, page_url)


@pytest.mark.parametrize("page_url", ["", "404.html", "/a/", "a/../", "a/./"])
def test_other_pages_join_their_links_themselves(page_url: str) -> None:
    assert tooltips._folder(page_url) is None


def test_a_link_is_described_whatever_page_came_first() -> None:
    """The same tag on pages of different folders: each page resolves it from where it is."""
    page = '<a href="../sla/">SLA</a>'
    glossary = small_glossary()
    assert "gl-tip-sla" in tooltips.add_tooltips(page, "glossaire/mql/", "fr", glossary)
    assert "gl-tip-sla" not in tooltips.add_tooltips(page, "articles/x/", "fr", glossary)
    assert "gl-tip-sla" in tooltips.add_tooltips(page, "glossaire/sql/", "fr", glossary)
    # /glossaire/glossaire/sla/, not /glossaire/sla/: ..// is no shorter way up
    page = '<a href="..//glossaire/sla/">SLA</a>'
    assert tooltips.add_tooltips(page, "glossaire/mql/", "fr", glossary) == page


# --- the built site ----------------------------------------------------------------------------


@pytest.mark.build
def test_links_by_absolute_address_or_raw_html_get_it_in_a_real_build(tmp_path: Path) -> None:
    """Hand-written in an article of a small site (tests/data/three-languages, site_url
    https://glossaire.example/): the site's absolute address, raw HTML with single quotes and
    with none."""
    import shutil

    from tests.conftest import build_site

    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "data" / "three-languages", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("../../../", f"{ROOT}/"), "utf-8")
    article = project / "content" / "fr" / "articles" / "smarketing.md"
    article.write_text(
        article.read_text("utf-8")
        + "\nVoir [la fiche](https://glossaire.example/glossaire/mql/),"
        + " <a href='../../glossaire/sql/'>le SQL</a>"
        + " et <a href=../../glossaire/sal/>le SAL</a>.\n",
        "utf-8",
    )
    result = build_site(tmp_path / "site", config)
    assert result.returncode == 0, result.stdout + result.stderr
    page = tmp_path / "site" / "articles" / "smarketing" / "index.html"
    document = html.fromstring(page.read_bytes())
    for text, entry_id in (("la fiche", "mql"), ("le SQL", "sql"), ("le SAL", "sal")):
        (link,) = document.xpath(f'//article//a[text()="{text}"]')
        assert link.get("aria-describedby") == f"gl-tip-{entry_id}", text
        assert "gl-term" in link.get("class").split()
        assert document.xpath(f'//*[@id="gl-tip-{entry_id}"]')


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
            entry_id = tooltips.linked_entry(link.get("href"), url, SITE_URL)
            if entry_id is None or tooltips._is_self(link.get("href"), url, SITE_URL):
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
