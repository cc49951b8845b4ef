"""One real end-to-end build of the site (``mkdocs build --strict``), checked as HTML."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from hooks import exports
from hooks.collate import letter, sort_key
from hooks.validate import check_glossary
from tests import standards
from tests.conftest import ROOT, build_site, sitemap_alternates

REQUIRED = ("smarketing", "sla", "abm", "mql", "enps", "crr", "ltv")
SITE_URL = "https://glossaire-smarketing.github.io/"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def url_of(site: Path, page: Path) -> str:
    relative = page.parent.relative_to(site).as_posix()
    return SITE_URL + ("" if relative == "." else relative + "/")


def parse(page: Path) -> html.HtmlElement:
    return html.fromstring(page.read_bytes())


@pytest.mark.parametrize("entry_id", REQUIRED)
def test_required_concepts_are_twins(built_site: Path, entry_id: str) -> None:
    french = parse(built_site / "glossaire" / entry_id / "index.html")
    english = parse(built_site / "en" / "glossary" / entry_id / "index.html")
    assert french.get("lang") == "fr"
    assert english.get("lang") == "en"
    fr_url = f"{SITE_URL}glossaire/{entry_id}/"
    en_url = f"{SITE_URL}en/glossary/{entry_id}/"
    for document in (french, english):
        links = {
            link.get("hreflang"): link.get("href")
            for link in document.xpath('//head/link[@rel="alternate"][@hreflang]')
        }
        assert links == {"fr": fr_url, "en": en_url, "x-default": fr_url}
    switcher = french.xpath('//a[contains(@class, "md-select__link")][@hreflang="en"]/@href')
    assert switcher == [f"../../en/glossary/{entry_id}/"]
    switcher = english.xpath('//a[contains(@class, "md-select__link")][@hreflang="fr"]/@href')
    assert switcher == [f"../../../glossaire/{entry_id}/"]


def test_every_page_has_lang_description_and_reciprocal_absolute_hreflang(built_site: Path) -> None:
    alternates: dict[str, dict[str, str]] = {}
    for page in pages(built_site):
        document = parse(page)
        url = url_of(built_site, page)
        expected_lang = "en" if url.startswith(SITE_URL + "en/") else "fr"
        assert document.get("lang") == expected_lang, url
        description = document.xpath('//meta[@name="description"]/@content')
        assert len(description) == 1 and len(description[0]) > 20, url
        links = {
            link.get("hreflang"): link.get("href")
            for link in document.xpath('//head/link[@rel="alternate"][@hreflang]')
        }
        assert set(links) == {"fr", "en", "x-default"}, url
        assert all(href.startswith(SITE_URL) for href in links.values()), url
        assert links[expected_lang] == url, url
        assert links["x-default"] == links["fr"]
        alternates[url] = links
    for url, links in alternates.items():
        for lang in ("fr", "en"):
            assert alternates[links[lang]] == links, f"{url} and {links[lang]} disagree"


def test_term_and_index_pages_carry_json_ld(built_site: Path) -> None:
    for lang, folder in (("fr", "glossaire"), ("en", "en/glossary")):
        index = parse(built_site / folder / "index.html")
        (script,) = index.xpath('//script[@type="application/ld+json"]/text()')
        data = json.loads(script)
        assert data["@type"] == "DefinedTermSet"
        assert data["inLanguage"] == lang
        assert "inLanguage" not in data["hasDefinedTerm"][0]
        terms = {term["termCode"] for term in data["hasDefinedTerm"]}
        assert set(REQUIRED) <= terms
        for entry_id in REQUIRED:
            page = parse(built_site / folder / entry_id / "index.html")
            (script,) = page.xpath('//script[@type="application/ld+json"]/text()')
            term = json.loads(script)
            assert term["@type"] == "DefinedTerm"
            assert term["url"] == f"{SITE_URL}{folder}/{entry_id}/"
            assert term["inDefinedTermSet"]["@id"] == f"{SITE_URL}{folder}/"
            assert term["inDefinedTermSet"]["inLanguage"] == lang
            title = page.xpath("//h1")[0].text_content()
            assert term["name"] in title


def test_json_ld_uses_only_what_schema_org_allows_and_the_exports_names(built_site: Path) -> None:
    """Every JSON-LD block against schema.org's published vocabulary; each term page names
    the entry exactly as the TBX and SKOS exports do on that language's side."""
    glossary, problems = check_glossary(ROOT / "glossary")
    assert problems == []
    checked = 0
    for page in pages(built_site):
        for script in parse(page).xpath('//script[@type="application/ld+json"]/text()'):
            data = json.loads(script)
            assert standards.schema_org_problems(data) == [], url_of(built_site, page)
            checked += 1
            if data["@type"] == "DefinedTerm":
                entry = glossary.get(data["termCode"])
                lang = data["inDefinedTermSet"]["inLanguage"]
                names = [data["name"], *data.get("alternateName", [])]
                assert names == exports.language_names(entry)[lang], url_of(built_site, page)
    assert checked == 2 + 2 * len(glossary)


# the same word in both languages, French as much as English (« un champion interne »)
FRENCH_TOO = {"prospect", "champion"}


def test_a_loanword_used_as_the_term_is_marked_with_its_language(built_site: Path) -> None:
    """A French term that is the English one ("Cold emailing"), not an acronym, is marked
    lang="en" wherever it is shown: title, A–Z index, the English page's link to its twin."""
    unmarked, entries = [], 0
    for folder in sorted((built_site / "glossaire").iterdir()):
        french = folder / "index.html"
        english = built_site / "en" / "glossary" / folder.name / "index.html"
        if not french.is_file() or not english.is_file() or folder.name == "a-traduire":
            continue
        title = html.fromstring(french.read_bytes()).xpath("//h1")[0]
        twin = html.fromstring(english.read_bytes()).xpath("//h1")[0]
        name = title.text_content().split(" (")[0]
        if name != twin.text_content().split(" (")[0] or name.isupper():
            continue
        if folder.name in FRENCH_TOO:
            continue
        entries += 1
        if title.get("lang") != "en":
            unmarked.append(folder.name)
        twin_link = html.fromstring(english.read_bytes()).xpath("//a[@data-twin-link]")[0]
        assert twin_link.get("lang") == "en", folder.name
        header = html.fromstring(french.read_bytes()).xpath(
            '//*[@data-md-component="header-topic"]/span'
        )
        assert header[0].get("lang") == "en", folder.name
    assert entries >= 10 and unmarked == []
    index = html.fromstring((built_site / "glossaire" / "index.html").read_bytes())
    assert {a.get("lang") for a in index.xpath('//a[@href="cold-emailing/"]')} == {"en"}


def test_terms_stay_out_of_the_navigation(built_site: Path) -> None:
    home = parse(built_site / "index.html")
    nav_links = home.xpath('//nav[contains(@class, "md-nav--primary")]//a/@href')
    assert nav_links, "the navigation is rendered"
    assert not [link for link in nav_links if "glossaire/" in link and link != "glossaire/"]


def test_no_resource_from_another_host(built_site: Path) -> None:
    """Scripts, styles, fonts, images and frames all come from the site itself."""
    for page in pages(built_site):
        document = parse(page)
        loaded = document.xpath(
            "//script/@src | //img/@src | //iframe/@src | //source/@src | //video/@src"
            ' | //link[not(@rel="alternate") and not(@rel="canonical")]/@href'
        )
        foreign = [src for src in loaded if urlsplit(src).netloc]
        assert not foreign, f"{page}: {foreign}"
    for stylesheet in built_site.rglob("*.css"):
        text = stylesheet.read_text("utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, stylesheet


def test_nothing_but_styles_waits_before_the_first_paint(built_site: Path) -> None:
    """No script file in the head, Material's bundle deferred, and the calculator's and the A–Z
    filter's files only on the pages that use them (benchmarks/lighthouse.py, README)."""
    for page in pages(built_site):
        document = parse(page)
        where = page.relative_to(built_site).as_posix()
        assert not document.xpath("//head/script[@src]"), where
        classic = document.xpath(
            '//script[@src][not(@type="module")][not(@defer)][not(@async)]/@src'
        )
        assert not classic, f"{where}: {classic}"
        bundle = document.xpath('//script[contains(@src, "assets/javascripts/bundle.")]')
        assert len(bundle) == 1 and bundle[0].get("defer") is not None, where
        styles = document.xpath('//head/link[@rel="stylesheet"][not(@media="print")]/@href')
        has_calculator = bool(document.xpath('//*[@data-calculator="sla"]'))
        has_filter = bool(document.xpath("//*[@data-glossary-filter]"))
        scripts = document.xpath("//script/@src")
        assert any("calculator/calculator.css" in href for href in styles) == has_calculator, where
        assert any("calculator/main.js" in src for src in scripts) == has_calculator, where
        assert any("glossary/index-filter.js" in src for src in scripts) == has_filter, where
    assert parse(built_site / "outils/calculateur-sla/index.html").xpath("//*[@data-calculator]")
    assert parse(built_site / "glossaire/index.html").xpath("//*[@data-glossary-filter]")
    head = parse(built_site / "index.html").xpath("//head/script[not(@src)]/text()")
    assert any("sitemap" in script for script in head), "head.js is inline"


def test_index_groups_terms_by_letter_in_french_order(built_site: Path) -> None:
    index = parse(built_site / "glossaire" / "index.html")
    headings = index.xpath("//h2[starts-with(@id, 'lettre-')]")
    letters = [heading.text.strip() for heading in headings]
    assert letters == sorted(letters, key=lambda letter: (letter == "0–9", letter))
    assert index.xpath('//nav[@class="gl-letters"]/a/text()') == letters
    for heading in headings:
        names = [dt[0].text_content() for dt in heading.xpath("following-sibling::dl[1]/div/dt")]
        assert names == sorted(names, key=sort_key), heading.text
        assert {letter(name) for name in names} == {heading.text.strip()}


@pytest.mark.build
@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("C.UTF-8", "glossary/sla.yml:3:1: unknown field 'relatd': did you mean 'related'?"),
        (
            "fr_FR.UTF-8",
            "glossary/sla.yml:3:1: champ inconnu « relatd » : vouliez-vous dire « related » ?",
        ),
    ],
)
def test_build_refuses_a_bad_entry_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str, said: str
) -> None:
    """In the contributor's language, as ``glossary check`` (LC_ALL, LC_MESSAGES, LANG)."""
    monkeypatch.setenv("LC_MESSAGES", locale)
    project = tmp_path / "project"
    for name in ("glossary", "content", "overrides", "hooks"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    bad = (project / "glossary" / "sla.yml").read_text("utf-8").replace("related:", "relatd:", 1)
    (project / "glossary" / "sla.yml").write_text(bad, "utf-8")
    site = tmp_path / "site"
    result = build_site(site, project / "mkdocs.yml")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert said in output.replace("\u00a0", " ").replace("\u202f", " ")
    assert ("nothing was built" in output) == (locale == "C.UTF-8")
    assert "Traceback" not in output
    assert not site.exists() or not any(site.iterdir())


REPOSITORY = "https://github.com/glossaire-smarketing/glossaire/edit/main/"


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("glossaire/sla/index.html", "glossary/sla.yml"),
        ("en/glossary/enps/index.html", "glossary/enps.yml"),
        ("articles/smarketing/index.html", "content/fr/articles/smarketing.md"),
        ("en/articles/what-is-smarketing/index.html", "content/en/articles/what-is-smarketing.md"),
    ],
)
def test_edit_links_lead_to_the_source_file(built_site: Path, page: str, source: str) -> None:
    document = parse(built_site / page)
    edit = document.xpath('//article//a[@rel="edit"]/@href')
    assert edit and set(edit) == {REPOSITORY + source}
    label = document.xpath('//p[@class="gl-edit"]/a/text()')
    expected = "entrée" if page.startswith("glossaire/") else ""
    assert label and expected in label[0]
    # the repository link stays a plain link: no call to the GitHub API for stars
    assert not document.xpath('//*[@data-md-component="source"]')


def test_sitemap_lists_every_page_with_the_same_alternates(built_site: Path) -> None:
    listed = sitemap_alternates(built_site / "sitemap.xml")
    for page in pages(built_site):
        url = url_of(built_site, page)
        in_head = {
            link.get("hreflang"): link.get("href")
            for link in parse(page).xpath('//head/link[@rel="alternate"][@hreflang]')
        }
        assert listed.get(url) == in_head, url
    assert len(listed) == len(pages(built_site))
    robots = (built_site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


def test_exports_hold_every_entry_and_the_index_pages_link_them(built_site: Path) -> None:
    exports = built_site / "exports"
    names = ["glossary.json", "glossary.csv", "glossary.tbx", "glossary.ttl"]
    assert sorted(path.name for path in exports.iterdir()) == sorted(names)
    data = json.loads((exports / "glossary.json").read_text("utf-8"))
    entry_ids = sorted(path.stem for path in (ROOT / "glossary").glob("*.yml"))
    assert [entry["id"] for entry in data["entries"]] == entry_ids
    assert data["entries"][0]["url"]["en"] == f"{SITE_URL}en/glossary/{entry_ids[0]}/"
    for folder in ("glossaire", "en/glossary"):
        index = built_site / folder / "index.html"
        links = [href for href in parse(index).xpath("//article//a/@href") if "exports/" in href]
        resolved = sorted((index.parent / href).resolve().relative_to(built_site) for href in links)
        assert resolved == sorted(Path("exports", name) for name in names), folder
