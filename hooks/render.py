"""Render the glossary into Markdown pages, per language, through the Jinja templates."""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from hooks import urls
from hooks.collate import OTHERS, letter, sort_key
from hooks.content import ContentPage
from hooks.markup import plain, spans
from hooks.model import CATEGORIES, DEPRECATED, Entry, Glossary, Name, Text

TEMPLATES = Path(__file__).parent / "templates"
ALPHABET = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
OTHER = {"fr": "en", "en": "fr"}


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes and its Markdown."""

    src_uri: str
    markdown: str
    in_nav: bool = False
    source: str | None = None  # the file a contributor edits, from the repository's root


@dataclass(frozen=True)
class Backlink:
    title: str
    href: str  # relative to the term page's source


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # the output is Markdown; HTML parts escape with `| e` explicitly
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    env.filters["spans"] = spans
    env.filters["tojson"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.globals["letter_anchor"] = letter_anchor
    env.globals["category_anchor"] = category_anchor
    return env


def strings(lang: str) -> dict[str, Any]:
    """The words of generated pages in ``lang`` (templates/strings.yml)."""
    path = TEMPLATES / "strings.yml"
    return _read_strings(path.stat().st_mtime_ns)[lang]


@cache
def _read_strings(mtime: int) -> dict[str, Any]:
    """Read once per version of the file, so ``mkdocs serve`` picks up an edit."""
    return yaml.safe_load((TEMPLATES / "strings.yml").read_text("utf-8"))


def letter_anchor(value: str, lang: str) -> str:
    return f"{strings(lang)['letter_anchor']}-" + ("0-9" if value == OTHERS else value.lower())


def category_anchor(category: str, lang: str) -> str:
    return f"{strings(lang)['category_anchor']}-{category}"


def pages(
    glossary: Glossary, lang: str, mentions: dict[tuple[str, str], list[ContentPage]]
) -> list[Page]:
    """Every generated page of ``lang``: the index, then one page per entry."""
    result = [Page(urls.index_src(lang), render_index(glossary, lang), in_nav=True)]
    referrers = _referrers(glossary)
    folder = urls.GLOSSARY_FOLDER[lang]
    for entry in glossary:
        # Entries whose text links here; those in "See also" already are not listed twice.
        backlinks = _in_order(
            Backlink(glossary.get(other).text(lang).term, f"{other}.md")
            for other in referrers.get(entry.id, set()) - set(entry.related)
        )
        used_in = _in_order(
            Backlink(page.title, posixpath.relpath(page.path, folder))
            for page in mentions.get((lang, entry.id), ())
        )
        markdown = render_term(glossary, entry, lang, backlinks, used_in)
        result.append(Page(urls.term_src(lang, entry.id), markdown, source=entry.path))
    return result


def render_term(
    glossary: Glossary,
    entry: Entry,
    lang: str,
    backlinks: list[Backlink],
    used_in: list[Backlink],
) -> str:
    text = entry.text(lang)
    other_lang = OTHER[lang]
    here = urls.term_url(lang, entry.id)
    by_id = glossary.by_id()
    related = sorted(
        (
            {"id": other, "text": by_id[other].text(lang)}
            for other in entry.related
            if other in by_id
        ),
        key=lambda item: sort_key(item["text"].term),
    )
    title = text.term + (f" ({text.abbreviation})" if text.abbreviation else "")
    return (
        _environment()
        .get_template("term.md.j2")
        .render(
            s=strings(lang),
            lang=lang,
            other_lang=other_lang,
            text=text,
            other=entry.text(other_lang),
            page_title=title,
            twin_link=urls.relative(here, urls.term_url(other_lang, entry.id)),
            index_link=urls.relative(here, urls.index_url(lang)),
            category=entry.category,
            calculator=entry.calculator,
            category_anchor=category_anchor(entry.category, lang) if entry.category else "",
            related=related,
            backlinks=backlinks,
            used_in=used_in,
        )
    )


def render_sitemap(pages: dict[str, list[dict[str, str]]]) -> str:
    """sitemap.xml: every page with its hreflang alternates, in URL order."""
    return _environment().get_template("sitemap.xml.j2").render(pages=sorted(pages.items()))


def render_index(glossary: Glossary, lang: str) -> str:
    items: list[dict[str, Any]] = []
    for entry in glossary:
        text = entry.text(lang)
        common = {"id": entry.id, "text": text, "category": entry.category or ""}
        search = " ".join(text.names)  # what the index filter matches
        items.append({**common, "name": text.term, "see": False, "search": search})
        for name in _other_names(text):
            items.append(
                {
                    **common,
                    "name": name.text,
                    "see": True,
                    "lang": name.lang,
                    "search": name.text,
                    "homonym": name.homonym,
                    "deprecated": name.status == DEPRECATED,
                }
            )
    items.sort(key=lambda item: sort_key(item["name"]))
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(letter(item["name"]), []).append(item)
    categories = {
        category: sorted(
            ({"id": e.id, "text": e.text(lang)} for e in glossary if e.category == category),
            key=lambda item: sort_key(item["text"].term),
        )
        for category in CATEGORIES
    }
    return (
        _environment()
        .get_template("index.md.j2")
        .render(
            s=strings(lang),
            lang=lang,
            count=len(glossary),
            alphabet=[*ALPHABET, OTHERS],
            groups=dict(sorted(groups.items(), key=lambda pair: (pair[0] == OTHERS, pair[0]))),
            categories={key: value for key, value in categories.items() if value},
            exports_href=urls.relative(urls.index_url(lang), "exports/"),
        )
    )


def _other_names(text: Text) -> list[Name]:
    """Abbreviation and aliases, deprecated ones included, listed in the index as "see"
    entries unless they would sit right beside the term itself."""
    term_key = _fold(text.term)
    return [name for name in text.labels[1:] if _fold(name.text) != term_key]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _in_order(links: Iterable[Backlink]) -> list[Backlink]:
    """Links in the alphabetical order of their titles (French rules: É with E)."""
    return sorted(links, key=lambda link: (sort_key(link.title), link.href))


def _referrers(glossary: Glossary) -> dict[str, set[str]]:
    """Entry id → ids of the entries that link to it in their text."""
    found: dict[str, set[str]] = {}
    for entry in glossary:
        targets: set[str] = set()
        for text in entry.texts.values():
            for field in (text.definition, text.example or "", *text.pitfalls):
                targets.update(_linked_ids(field))
        for target in targets - {entry.id}:
            found.setdefault(target, set()).add(entry.id)
    return found


def _linked_ids(markdown: str) -> set[str]:
    return set(re.findall(r"\]\(([a-z0-9-]+)\.md(?:#[\w-]*)?\)", markdown))
