"""Every built page is in its language, all of it; lists of entries are in alphabetical order.

The words of the other language come from data: Material's UI words in both languages, the
glossary's own (hooks/templates/strings/<lang>.yml) and tests/data/language_words.yml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import material
import pytest
import yaml
from lxml import html

from hooks import content
from hooks.collate import sort_key
from hooks.render import strings
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data"
MATERIAL_WORDS = Path(material.__file__).parent / "templates" / "partials" / "languages"
OTHER = {"fr": "en", "en": "fr"}
SEEN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
NOT_TEXT = ("script", "style", "template", "code", "pre")


def _material(lang: str) -> dict[str, str]:
    text = (MATERIAL_WORDS / f"{lang}.html").read_text("utf-8")
    return dict(re.findall(r'^\s*"([a-z.]+)": "(.*)",?$', text, flags=re.M))


def _flatten(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    if isinstance(value, list):
        return [text for item in value for text in _flatten(item)]
    return [value] if isinstance(value, str) else []


@cache
def foreign_words() -> dict[str, set[str]]:
    """Page language → words of the other language that must not appear on it."""
    listed = yaml.safe_load((DATA / "language_words.yml").read_text("utf-8"))
    material_words = {lang: _material(lang) for lang in ("fr", "en")}
    found: dict[str, set[str]] = {}
    for lang in ("fr", "en"):
        other = OTHER[lang]
        words = set(listed[other])
        for key, value in material_words[other].items():
            if value != material_words[lang].get(key) and not key.startswith("search.config"):
                words.add(value)
        ours = set(_flatten(strings(lang)))
        words.update(text for text in _flatten(strings(other)) if text not in ours)
        # Whole words only; a word or two that both languages share (Sources, Navigation...)
        # or placeholders ({n} terms) cannot tell a language.
        found[lang] = {
            word
            for word in words
            if len(word) >= 4 and "{" not in word and "#" not in word and word not in ours
        }
    return found


def page_texts(document: html.HtmlElement, lang: str) -> list[str]:
    """What a reader sees or hears on the page, outside passages marked as another language."""
    texts: list[str] = [document.findtext(".//title") or ""]
    description = document.xpath('//meta[@name="description"]/@content')
    texts += description

    def walk(element: html.HtmlElement) -> None:
        if not isinstance(element.tag, str) or element.tag in NOT_TEXT:
            return
        if element.get("lang") not in (None, lang):
            return
        texts.extend(element.get(name) for name in SEEN_ATTRIBUTES if element.get(name))
        if element.text:
            texts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                texts.append(child.tail)

    # Cited works keep their published titles (The Sales Acceleration Formula).
    for cited in document.xpath('//h2[@data-section="sources"]/following-sibling::ol[1]'):
        cited.set("lang", "und")
    walk(document.body)
    return texts


def leaks(document: html.HtmlElement, lang: str) -> list[str]:
    text = " ".join(" ".join(page_texts(document, lang)).split())
    return sorted(
        word
        for word in foreign_words()[lang]
        if re.search(rf"(?<!\w){re.escape(' '.join(word.split()))}(?!\w)", text)
    )


def built_pages(site: Path) -> list[Path]:
    return sorted([*site.rglob("index.html"), site / "404.html"])


def test_the_word_lists_are_not_empty() -> None:
    words = foreign_words()
    assert {"Made with", "Permanent link", "Edit this page"} <= words["fr"]
    assert {"Lien permanent", "Modifier cette page", "Voir aussi"} <= words["en"]


def test_every_page_is_wholly_in_its_language(built_site: Path) -> None:
    problems = {}
    for page in built_pages(built_site):
        document = html.fromstring(page.read_bytes())
        found = leaks(document, document.get("lang"))
        if found:
            problems[str(page.relative_to(built_site))] = found
    assert problems == {}


# What a template prints when it reaches a Python object instead of a word: `{{ s.clear }}`
# gives the dict's method `clear`, not the word under the key "clear".
PYTHON_LEAKS = re.compile(r"built-in method|bound method|object at 0x|<function |Undefined")


def test_no_page_shows_a_python_object_instead_of_a_word(built_site: Path) -> None:
    found = {
        str(page.relative_to(built_site)): match.group()
        for page in built_pages(built_site)
        for match in [PYTHON_LEAKS.search(page.read_text("utf-8"))]
        if match
    }
    assert found == {}


def test_the_search_clear_button_is_named_in_the_page_language(built_site: Path) -> None:
    for path, label in (("glossaire/sla", "Effacer"), ("en/glossary/sla", "Clear")):
        page = html.fromstring((built_site / path / "index.html").read_bytes())
        button = '//form[@name="glossary-search"]//button[@type="reset"]/@aria-label'
        assert page.xpath(button) == [label]


def test_edit_buttons_say_modifier_in_french(built_site: Path) -> None:
    """Material's French says "Editer cette page", without its accent (DESIGN.md, fact 15)."""
    page = html.fromstring((built_site / "glossaire" / "sla" / "index.html").read_bytes())
    assert page.xpath('//a[@rel="edit"][contains(@class, "md-content__button")]/@title') == [
        "Modifier cette page"
    ]
    for path in built_pages(built_site):
        assert "Editer cette page" not in path.read_text("utf-8"), path


def test_the_scan_finds_a_leak() -> None:
    page = html.fromstring(
        '<html lang="fr"><body><h2 id="a">Définition<a title="Permanent link">¶</a></h2>'
        '<p lang="en">Made with care</p><footer>Made with love</footer></body></html>'
    )
    assert leaks(page, "fr") == ["Made with", "Permanent link"]


def test_the_404_page_is_french_with_a_way_to_each_home(built_site: Path) -> None:
    page = html.fromstring((built_site / "404.html").read_bytes())
    assert page.get("lang") == "fr"
    assert page.xpath("//h1")[0].text_content() == strings("fr")["not_found_title"]
    switcher = {
        link.get("hreflang"): link.get("href")
        for link in page.xpath('//a[@class="md-select__link"]')
    }
    assert switcher == {"fr": "/", "en": "/en/"}
    (english,) = page.xpath('//section[@lang="en"]')
    assert english.xpath(".//a/@href") == ["/en/", "/en/glossary/"]
    assert page.xpath('//*[@lang="en"]//h2')[0].text == strings("en")["not_found_title"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_entry_lists_are_in_alphabetical_order(built_site: Path, lang: str) -> None:
    """See also, Used in, Terms linking here: the order of the language (É with E)."""
    folder = built_site / ("glossaire" if lang == "fr" else "en/glossary")
    checked = 0
    for page in sorted(folder.glob("*/index.html")):
        document = html.fromstring(page.read_bytes())
        for section in ("related", "used_in", "backlinks"):
            for listed in document.xpath(
                f'//h2[@data-section="{section}"]/following-sibling::ul[1]'
            ):
                names = [item.xpath("string(a[1])") for item in listed.xpath("li")]
                assert names == sorted(names, key=sort_key), f"{page}: {section}"
                checked += 1
    assert checked > 50


def test_material_words_are_read() -> None:
    assert _material("fr")["action.edit"] == "Editer cette page"
    assert (ROOT / "overrides" / "partials" / "language.html").is_file()


HEADING = re.compile(r"^(#{2,3}) ", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def _outline(page: content.ContentPage) -> list[str]:
    """The levels of a page's section headings (## and ###), code blocks left out."""
    return HEADING.findall(FENCE.sub("", page.body))


def test_twin_pages_have_the_same_outline() -> None:
    """The language switcher (switcher.js) maps a page's headings to its twin's by position:
    one section more on one side would send readers to the wrong place."""
    pages, _ = content.read_pages(ROOT / "content")
    by_src = {page.src_uri: page for page in pages}
    groups, _ = content.twins(pages)
    different = {
        src: {lang: len(_outline(by_src[twin])) for lang, twin in group.items()}
        for src, group in groups.items()
        if len({tuple(_outline(by_src[twin])) for twin in group.values()}) > 1
    }
    assert different == {}
