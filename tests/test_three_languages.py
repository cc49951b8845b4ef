"""A third language proves that languages are configuration (issue 14).

``tests/data/three-languages`` is a small site in French (the default), English and German,
declared in its ``mkdocs.yml`` only: five entries, of which three are written in all three
languages, one in French and English (``sql``) and one in French only (``sal``), and a home
page per language with an article in French and English only. It is built once, with
``mkdocs build --strict`` from a copy, and checked as HTML, as data and from the command line.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
import yaml
from lxml import etree, html
from rdflib.namespace import SKOS

from tests import standards
from tests.conftest import ROOT, build_site, sitemap_alternates
from tests.test_one_language import _flatten, _material, page_texts

pytestmark = pytest.mark.build

FIXTURE = Path(__file__).parent / "data" / "three-languages"
SITE_URL = "https://glossaire.example/"
LANGS = ("fr", "en", "de")
PREFIX = {"fr": "", "en": "en/", "de": "de/"}
FOLDER = {"fr": "glossaire/", "en": "en/glossary/", "de": "de/glossar/"}
TO_TRANSLATE = {"fr": "a-traduire/", "en": "en/to-translate/", "de": "de/zu-uebersetzen/"}
WRITTEN = {
    "lead": {"fr", "en", "de"},
    "mql": {"fr", "en", "de"},
    "smarketing": {"fr", "en", "de"},
    "sql": {"fr", "en"},
    "sal": {"fr"},
}
FRENCH_ONLY = "sal"
STRINGS = {
    "fr": ROOT / "hooks" / "templates" / "strings" / "fr.yml",
    "en": ROOT / "hooks" / "templates" / "strings" / "en.yml",
    "de": FIXTURE / "strings" / "de.yml",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def words(lang: str) -> dict:
    return yaml.safe_load(STRINGS[lang].read_text("utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture whose paths into the repository (``../../../``) are absolute."""
    copy = tmp_path_factory.mktemp("three-languages") / "project"
    shutil.copytree(FIXTURE, copy)
    config = copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "../../../" in text
    config.write_text(text.replace("../../../", f"{ROOT}/"), "utf-8")
    return copy


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    destination = project.parent / "site"
    result = build_site(destination, project / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


def parse(page: Path) -> html.HtmlElement:
    return html.fromstring(page.read_bytes())


def page_at(site: Path, url: str) -> html.HtmlElement:
    return parse(site / url / "index.html")


def url_of(site: Path, page: Path) -> str:
    relative = page.parent.relative_to(site).as_posix()
    return "" if relative == "." else relative + "/"


def lang_of(url: str) -> str:
    first = url.partition("/")[0]
    return first if first in ("en", "de") else "fr"


def html_pages(site: Path) -> dict[str, html.HtmlElement]:
    """Every page of the site by site-relative URL (the assets hold none)."""
    return {url_of(site, page): parse(page) for page in sorted(site.rglob("index.html"))}


def alternates(document: html.HtmlElement) -> dict[str, str]:
    return {
        link.get("hreflang"): link.get("href")
        for link in document.xpath('//head/link[@rel="alternate"][@hreflang]')
    }


def noindex(document: html.HtmlElement) -> bool:
    return document.xpath('//meta[@name="robots"]/@content') == ["noindex"]


def switcher(document: html.HtmlElement) -> list[tuple[str, str]]:
    return [
        (link.get("hreflang"), link.get("href"))
        for link in document.xpath('//a[contains(@class, "md-select__link")]')
    ]


# --- pages, languages, switcher ---------------------------------------------------------------


def test_the_site_has_every_page_in_each_language_and_nothing_else(site: Path) -> None:
    expected = {"", "en/", "de/", "articles/smarketing/", "en/articles/what-is-smarketing/"}
    for lang in LANGS:
        expected |= {FOLDER[lang], TO_TRANSLATE[lang]}
        expected |= {FOLDER[lang] + entry_id + "/" for entry_id in WRITTEN}
    assert set(html_pages(site)) == expected


@pytest.mark.parametrize("entry_id", sorted(WRITTEN))
def test_entry_pages_at_their_localized_urls_in_their_language(site: Path, entry_id: str) -> None:
    for lang in LANGS:
        document = page_at(site, FOLDER[lang] + entry_id)
        assert document.get("lang") == lang
        (heading,) = document.xpath("//article//h1")
        # A page not yet translated shows the default language's words, marked so.
        assert heading.get("lang") == (None if lang in WRITTEN[entry_id] else "fr")


def test_german_pages_are_in_german(site: Path) -> None:
    german = words("de")
    index = page_at(site, "de/glossar")
    assert index.findtext(".//title").startswith(german["glossary_title"] + " - ")
    assert index.xpath("//article//h1")[0].text == german["glossary_heading"]
    assert index.xpath('//nav[@class="gl-letters"]/@aria-label') == [german["letters_label"]]
    mql = page_at(site, "de/glossar/mql")
    assert mql.xpath("//article//h1")[0].text == "Marketing Qualified Lead (MQL)"
    facts = [dt.text_content() for dt in mql.xpath('//dl[@class="gl-facts"]/dt')]
    assert facts == [
        german["abbreviation"],
        german["also_known_as"],
        german["in_language"]["fr"],
        german["in_language"]["en"],
        german["category"],
    ]
    # Material's words in German, with the glossary's correction of its "Seite editieren"
    assert mql.xpath('//a[contains(@class, "md-content__button")]/@title') == [
        german["theme"]["action.edit"]
    ]
    headings = mql.xpath("//article//h2/@id")
    assert headings[:2] == ["definition", "beispiel"]


def test_every_translated_german_page_is_wholly_in_german(site: Path) -> None:
    """No word of the French or English pages' theme or glossary (Material's and ours) shows
    on a German page outside passages marked as another language."""
    german = set(_flatten(words("de"))) | set(_material("de").values())
    foreign = set()
    for lang in ("fr", "en"):
        foreign |= set(_flatten(words(lang))) | {
            value for key, value in _material(lang).items() if not key.startswith("search.config")
        }
    foreign = {
        word for word in foreign - german if len(word) >= 4 and "{" not in word and "#" not in word
    }
    assert {
        "Voir aussi",
        "See also",
        "Not yet translated",
        "Lien permanent vers cette section",
    } <= foreign
    leaks = {}
    for url, document in html_pages(site).items():
        if lang_of(url) != "de" or noindex(document):
            continue  # a page not yet translated has the French title and description
        text = " ".join(" ".join(page_texts(document, "de")).split())
        found = [
            word
            for word in sorted(foreign)
            if re.search(rf"(?<!\w){re.escape(' '.join(word.split()))}(?!\w)", text)
        ]
        if found:
            leaks[url] = found
    assert leaks == {}


def test_every_page_has_a_language_menu_with_three_choices_that_lead_to_its_versions(
    site: Path,
) -> None:
    pages = html_pages(site)
    for url, document in [*pages.items(), ("404.html", parse(site / "404.html"))]:
        choices = switcher(document)
        assert [lang for lang, _ in choices] == list(LANGS), url
        names = [
            link.text_content().strip()
            for link in document.xpath('//a[@hreflang][@lang][contains(@class, "md-select__link")]')
        ]
        assert names == ["Français", "English", "Deutsch"], url
        if url == "404.html":
            assert [href for _, href in choices] == ["/", "/en/", "/de/"]
            continue
        for lang, href in choices:
            target = posixpath.normpath(posixpath.join("/" + url, href)).lstrip("/")
            target = "" if target in ("", ".") else target + "/"
            assert target in pages, (url, lang, href)
            assert pages[target].get("lang") == lang, (url, lang, href)
            if lang == lang_of(url):
                assert href == "./", url


def test_a_page_without_a_twin_sends_its_german_readers_to_the_to_translate_page(
    site: Path,
) -> None:
    french = page_at(site, "articles/smarketing")
    assert dict(switcher(french)) == {
        "fr": "./",
        "en": "../../en/articles/what-is-smarketing/",
        "de": "../../de/zu-uebersetzen/",
    }


# --- hreflang and the sitemap ------------------------------------------------------------------


def test_hreflang_is_absolute_and_reciprocal_on_every_translated_page(site: Path) -> None:
    found: dict[str, dict[str, str]] = {}
    for url, document in html_pages(site).items():
        links = alternates(document)
        if noindex(document):
            assert SITE_URL + url not in links.values(), url
            continue
        assert all(href.startswith(SITE_URL) for href in links.values()), url
        assert links[lang_of(url)] == SITE_URL + url, url
        assert links["x-default"] == links["fr"], url
        found[SITE_URL + url] = links
    for url, links in found.items():
        for lang, href in links.items():
            if lang != "x-default":
                assert found[href] == links, f"{url} and {href} disagree"
    three = {"fr", "en", "de", "x-default"}
    for entry_id in ("lead", "mql", "smarketing"):
        assert set(found[SITE_URL + FOLDER["de"] + entry_id + "/"]) == three
    for url in ("", "en/", "de/", FOLDER["en"], TO_TRANSLATE["de"]):
        assert set(found[SITE_URL + url]) == three
    assert set(found[SITE_URL + "glossaire/sql/"]) == {"fr", "en", "x-default"}
    assert set(found[SITE_URL + "articles/smarketing/"]) == {"fr", "en", "x-default"}
    assert found[SITE_URL + "glossaire/sal/"] == {
        "fr": SITE_URL + "glossaire/sal/",
        "x-default": SITE_URL + "glossaire/sal/",
    }


def test_the_sitemap_lists_each_translated_page_with_its_alternates(site: Path) -> None:
    sitemap = sitemap_alternates(site / "sitemap.xml")
    pages = html_pages(site)
    indexable = {SITE_URL + url for url, document in pages.items() if not noindex(document)}
    assert set(sitemap) == indexable
    for url, links in sitemap.items():
        assert links == alternates(pages[url.removeprefix(SITE_URL)]), url
    assert set(sitemap[SITE_URL + "de/glossar/mql/"]) == {"fr", "en", "de", "x-default"}
    for entry_id, written in WRITTEN.items():
        for lang in LANGS:
            assert (SITE_URL + FOLDER[lang] + entry_id + "/" in sitemap) == (lang in written)


# --- partial translations ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_french_only_entry_page_says_so_and_is_kept_out_of_search_engines(
    site: Path, lang: str
) -> None:
    document = page_at(site, FOLDER[lang] + FRENCH_ONLY)
    assert noindex(document)
    assert not document.xpath('//link[@rel="canonical"]')
    assert not document.xpath('//script[@type="application/ld+json"]')
    assert words(lang)["untranslated_title"] in document.xpath(
        '//p[@class="admonition-title"]/text()'
    )
    assert document.xpath('//p[@class="gl-summary"]/@lang') == ["fr"]
    edit = document.xpath('//article//a[@rel="edit"][not(contains(@class, "md-content__button"))]')
    assert edit[0].get("href").endswith("/glossary/sal.yml")
    for other in html_pages(site).values():
        assert SITE_URL + FOLDER[lang] + FRENCH_ONLY + "/" not in alternates(other).values()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_a_z_index_lists_the_french_only_entry_as_not_yet_translated(
    site: Path, lang: str
) -> None:
    index = page_at(site, FOLDER[lang])
    (item,) = index.xpath(
        f'//div[@data-entry="{FRENCH_ONLY}"][not(contains(@class, "gl-index__see"))]'
    )
    (name,) = item.xpath("./dt")
    assert name.get("lang") == "fr"
    assert name.xpath("./a/@href") == [f"{FRENCH_ONLY}/"]
    assert name.xpath("./a")[0].text == "Lead accepté par les ventes"
    (status,) = name.xpath('./small[@class="gl-index__status"]')
    assert status.get("lang") == lang
    assert status.text == words(lang)["untranslated_label"]
    # entries written in the language are not marked
    (mql,) = index.xpath('//div[@data-entry="mql"][not(contains(@class, "gl-index__see"))]')
    assert mql.xpath("./dt/@lang") == [] and not mql.xpath('.//*[@class="gl-index__status"]')


def test_the_to_translate_pages_list_what_each_language_lacks(site: Path) -> None:
    def listed(lang: str, section: str) -> list[tuple[str, str | None, str]]:
        document = page_at(site, TO_TRANSLATE[lang])
        found = document.xpath(f'//h2[@data-section="{section}"]/following-sibling::ul[1]/li')
        return [
            (link.get("href"), link.get("lang"), link.text_content())
            for item in found
            for link in item.xpath(".//a[1]")
        ]

    assert listed("en", "entries") == [("../glossary/sal/", "fr", "Lead accepté par les ventes")]
    assert listed("de", "entries") == [
        ("../glossar/sal/", "fr", "Lead accepté par les ventes"),
        ("../glossar/sql/", "fr", "Lead qualifié par les ventes"),
    ]
    # the article exists in French and English: one page to translate, listed once
    assert listed("de", "pages") == [
        ("../../articles/smarketing/", "fr", "Qu’est-ce que le smarketing\u00a0?")
    ]
    assert listed("en", "pages") == []
    french = page_at(site, TO_TRANSLATE["fr"])
    assert not french.xpath("//h2[@data-section]")
    assert "Rien ne manque en français." in french.text_content()


def test_german_prose_links_the_terms_written_in_german_only(site: Path) -> None:
    """The term linker of German links "Smarketing" to its German page, not "SAL" nor "SQL",
    whose German pages are not yet translated; the entry lists the page under "Used in"."""
    home = page_at(site, "de")
    (paragraph,) = [p for p in home.xpath("//article//p") if "SQL" in p.text_content()]
    assert paragraph.xpath(".//a/@href") == ["glossar/smarketing/"]
    smarketing = page_at(site, "de/glossar/smarketing")
    (used_in,) = smarketing.xpath('//h2[@data-section="used_in"]/following-sibling::ul[1]')
    assert used_in.xpath(".//a/@href") == ["../../"]
    assert not page_at(site, "de/glossar/sql").xpath('//h2[@data-section="used_in"]')


def glossary(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The ``glossary`` command run in ``project`` (it reads ./mkdocs.yml's languages)."""
    return subprocess.run(
        [sys.executable, "-m", "hooks.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_glossary_status_in_the_project_lists_what_each_language_lacks(project: Path) -> None:
    result = glossary(project, "status")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Not yet written in en (1 entry): sal.",
        "Not yet written in de (2 entries): sal, sql.",
    ]
    assert "entry  field    fr  en  de  missing in" in lines


def test_glossary_check_in_the_project_passes(project: Path) -> None:
    result = glossary(project, "check")
    assert (result.returncode, result.stdout) == (0, "5 entries checked: no problem\n")


def test_glossary_check_in_the_project_knows_german(project: Path, tmp_path: Path) -> None:
    """The same command refuses a German section without its term: German is a language of
    this project, where the shipped site would call ``de`` an unknown key."""
    broken = tmp_path / "glossary"
    shutil.copytree(project / "glossary", broken)
    entry = broken / "lead.yml"
    entry.write_text(
        entry.read_text("utf-8").replace(
            "  term: Lead\n  aliases:\n    - Verkaufskontakt", "  aliases:\n    - Verkaufskontakt"
        ),
        "utf-8",
    )
    result = glossary(project, "check", str(broken))
    assert result.returncode == 1
    assert "lead.yml" in result.stdout and "term" in result.stdout, result.stdout


# --- search --------------------------------------------------------------------------------------


def test_each_language_has_its_own_search_index(site: Path) -> None:
    pages = html_pages(site)
    for lang in LANGS:
        folder = site / PREFIX[lang] / "search"
        names = json.loads((folder / "names.json").read_bytes())
        assert names["lang"] == lang
        assert names["other_lang"] == ("en" if lang == "fr" else "fr")
        urls = {doc[0] for doc in names["docs"]}
        assert urls == {url for url in pages if lang_of(url) == lang}, lang
        shards = sorted(path.name for path in folder.glob("text-*.json"))
        assert len(shards) == names["shards"] >= 1
        by_url = {doc[0]: doc for doc in names["docs"]}
        term = FOLDER[lang] + "mql/"
        expected = {"fr": "Lead qualifié marketing", "en": "Marketing qualified lead"}
        assert by_url[term][1] == expected.get(lang, "Marketing Qualified Lead")
        # not yet translated: found by its French names
        assert "Lead accepté par les ventes" in by_url[FOLDER[lang] + FRENCH_ONLY + "/"][4]


def test_the_german_index_is_stemmed_with_the_german_rules(site: Path) -> None:
    """de.yml's search_rules: "Erwartungen" (ungen → ung) and "Leads" (s) are stored by their
    stems, and the German stop words are left out."""
    folder = site / "de" / "search"
    names = json.loads((folder / "names.json").read_bytes())
    assert "de" in names["stemming"] and "und" in names["stop_words"]
    keys = set()
    for shard in folder.glob("text-*.json"):
        keys.update(json.loads(shard.read_bytes()))
    assert {"erwartung", "lead", "verkaufstrichter"} <= keys
    assert not {"erwartungen", "leads", "und", "der"} & keys


# --- exports -------------------------------------------------------------------------------------


def test_the_json_export_carries_the_three_languages_and_only_those_written(site: Path) -> None:
    data = json.loads((site / "exports" / "glossary.json").read_bytes())
    assert data["languages"] == list(LANGS)
    entries = {entry["id"]: entry for entry in data["entries"]}
    assert set(entries) == set(WRITTEN)
    for entry_id, written in WRITTEN.items():
        assert set(entries[entry_id]) & set(LANGS) == written, entry_id
        assert set(entries[entry_id]["url"]) == written, entry_id
    assert entries["mql"]["de"]["term"] == "Marketing Qualified Lead"
    assert entries["mql"]["url"]["de"] == SITE_URL + "de/glossar/mql/"


def test_the_csv_export_has_german_columns(site: Path) -> None:
    text = (site / "exports" / "glossary.csv").read_text("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert {"de_term", "de_abbreviation", "de_aliases", "de_summary", "de_url"} <= set(rows["mql"])
    assert rows["mql"]["de_term"] == "Marketing Qualified Lead"
    assert rows["mql"]["de_url"] == SITE_URL + "de/glossar/mql/"
    assert rows["sql"]["de_term"] == rows["sal"]["de_term"] == rows["sal"]["en_term"] == ""


def test_the_tbx_export_has_a_german_language_section_where_written(site: Path) -> None:
    text = (site / "exports" / "glossary.tbx").read_text("utf-8")
    tree = etree.fromstring(text.encode("utf-8"))
    namespace = {"t": tree.nsmap[None]}
    for entry_id, written in WRITTEN.items():
        (concept,) = tree.xpath(f'//t:conceptEntry[@id="{entry_id}"]', namespaces=namespace)
        defined = concept.xpath("t:langSec[t:descrip/@type='definition']", namespaces=namespace)
        assert [section.get(XML_LANG) for section in defined] == [
            lang for lang in LANGS if lang in written
        ], entry_id
        # a section only for a language the entry is written in (a loanword alias stays in
        # the part that declares it): no link to a page not yet translated
        links = concept.xpath(".//t:xref/@target", namespaces=namespace)
        assert sorted(links) == sorted(
            SITE_URL + FOLDER[lang] + entry_id + "/" for lang in written
        ), entry_id
    (german,) = tree.xpath(
        '//t:conceptEntry[@id="mql"]/t:langSec[@xml:lang="de"]//t:term/text()',
        namespaces=namespace,
    )[:1]
    assert german == "Marketing Qualified Lead"
    assert standards.tbx_basic_failures(text) == []
    assert standards.tbx_core_errors(text) == []


def test_the_turtle_export_labels_concepts_in_german(site: Path) -> None:
    graph = rdflib.Graph().parse(
        data=(site / "exports" / "glossary.ttl").read_text("utf-8"), format="turtle"
    )
    mql = rdflib.URIRef(SITE_URL + "glossaire/mql/")
    sal = rdflib.URIRef(SITE_URL + "glossaire/sal/")
    assert rdflib.Literal("Marketing Qualified Lead", lang="de") in set(
        graph.objects(mql, SKOS.prefLabel)
    )
    assert {label.language for label in graph.objects(sal, SKOS.prefLabel)} == {"fr"}
    assert standards.skos_problems(graph) == []


# --- the German words ----------------------------------------------------------------------------


def _keys(value: object, path: str = "") -> set[str]:
    if not isinstance(value, dict):
        return {path}
    return {key for name, item in value.items() for key in _keys(item, f"{path}.{name}")}


def test_the_german_strings_file_translates_every_key_of_the_english_one() -> None:
    english, german = words("en"), words("de")
    # Which languages are named, and Material's words corrected, are each file's own choice.
    own = ("in_language", "language_names", "theme")
    assert _keys({k: v for k, v in german.items() if k not in own}) == _keys(
        {k: v for k, v in english.items() if k not in own}
    )
    assert {"fr", "en"} <= set(german["in_language"])
    assert {"fr", "en", "de"} <= set(german["language_names"])
    assert german["to_translate_slug"] == "zu-uebersetzen"


def test_a_words_file_missing_a_word_is_a_clear_problem(project: Path, tmp_path: Path) -> None:
    """A language's words file that lacks a word of the default language's is named, with the
    word, by `glossary check` and stops a strict build; a preview shows that word in the
    default language meanwhile (hooks/languages.py)."""
    broken = tmp_path / "project"
    shutil.copytree(project, broken)
    strings = broken / "strings" / "de.yml"
    text = strings.read_text("utf-8")
    assert "\nuntranslated_label:" in text
    strings.write_text(re.sub(r"(?m)^untranslated_label: .*\n", "", text), "utf-8")
    result = glossary(broken, "check", "--lang", "en")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "strings/de.yml:1:1: one word of the default language is missing, "
        "shown in that language meanwhile: untranslated_label"
    )
    built = build_site(tmp_path / "site", broken / "mkdocs.yml")
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert "strings/de.yml:1:1:" in built.stderr
