"""Render the glossary into Markdown pages, per language, through the Jinja templates."""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import jinja2

from hooks import languages, status, urls
from hooks.collate import OTHERS, letter, sort_key
from hooks.content import ContentPage
from hooks.markup import plain, spans
from hooks.model import CATEGORIES, DEPRECATED, Entry, Glossary, Name, Text

TEMPLATES = Path(__file__).parent / "templates"
ALPHABET = [chr(code) for code in range(ord("A"), ord("Z") + 1)]


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
    lang: str | None = None  # set when the title is in another language (not yet translated)


class _Environment(jinja2.Environment):
    """Jinja's environment, reading ``s.word`` or ``item.name`` from a dictionary without
    first failing to find such an attribute: Jinja tries the attribute, then the key, and
    the AttributeError raised 270,000 times a build cost a sixth of ``pages``' time."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:  # the same result
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        try:  # Jinja's first try, without its call
            return getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)


_DICT_ATTRIBUTES = frozenset(dir(dict))  # ``groups.items`` stays the method, as in Jinja


@cache
def _environment() -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # the output is Markdown; HTML parts escape with `| e` explicitly
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    env.filters["spans"] = spans
    env.filters["tojson"] = _tojson
    env.globals["letter_anchor"] = letter_anchor
    env.globals["letter_key"] = letter_key
    env.globals["category_anchor"] = category_anchor
    return env


strings = languages.words  # the words of generated pages, per language


def letter_key(value: str) -> str:
    """The same in every language (``m``, ``0-9``): the switcher maps the index's letters."""
    return "0-9" if value == OTHERS else value.lower()


def letter_anchor(value: str, lang: str) -> str:
    return f"{strings(lang)['letter_anchor']}-{letter_key(value)}"


def category_anchor(category: str, lang: str) -> str:
    return f"{strings(lang)['category_anchor']}-{category}"


def pages(
    glossary: Glossary,
    lang: str,
    mentions: dict[tuple[str, str], list[ContentPage]],
    untwinned: Iterable[ContentPage] = (),
    edit_url: Callable[[str], str | None] = lambda source: None,
) -> list[Page]:
    """Every generated page of ``lang``: the index, the "to translate" page, then one page per
    entry (in the default language's words, marked so, where the entry is not translated).

    ``untwinned`` are the hand-written pages that have no version in ``lang``; ``edit_url``
    gives the address where a contributor edits a file (an entry's YAML), if the site has one.
    """
    result = [
        Page(urls.index_src(lang), render_index(glossary, lang), in_nav=True),
        Page(
            urls.to_translate_src(lang),
            render_to_translate(glossary, lang, list(untwinned), edit_url),
        ),
    ]
    referrers = _referrers(glossary)
    folder = languages.get(lang).folder
    common = _TermPages.of(glossary, lang)
    for entry in glossary:
        # Entries whose text links here; those in "See also" already are not listed twice.
        backlinks = _in_order(
            common.backlinks[other] for other in referrers.get(entry.id, set()) - set(entry.related)
        )
        used_in = _in_order(
            Backlink(page.title, posixpath.relpath(page.path, folder))
            for page in mentions.get((lang, entry.id), ())
        )
        markdown = render_term(common, entry, backlinks, used_in, edit_url(entry.path))
        result.append(Page(urls.term_src(lang, entry.id), markdown, source=entry.path))
    return result


@dataclass(frozen=True)
class _TermPages:
    """What the term pages of one language share, made once per language and build rather
    than once per page: the template and its words, the links every page has, and how each
    entry is shown where another page lists it ("See also", "Linked from")."""

    lang: str
    template: jinja2.Template
    context: dict[str, Any]  # the template's variables that are the same on every page
    translation_labels: tuple[tuple[str, str], ...]  # (code, "In English")
    category_anchors: dict[str, str]
    related: dict[str, dict[str, Any]]  # entry id → its item in a "See also" list
    backlinks: dict[str, Backlink]  # entry id → its link in a "Linked from" list

    @classmethod
    def of(cls, glossary: Glossary, lang: str) -> _TermPages:
        words = strings(lang)
        page = urls.term_src(lang, "entry")  # every term page sits in this folder
        return cls(
            lang=lang,
            template=_environment().get_template("term.md.j2"),
            context={
                "s": words,
                "lang": lang,
                "language_name": _language_name(languages.default(), lang),
                "page_language": _language_name(lang, lang),
                "to_translate_link": _src_link(page, urls.to_translate_src(lang)),
                "index_link": urls.relative(urls.src_to_url(page), urls.index_url(lang)),
            },
            translation_labels=tuple(
                (code, (words.get("in_language") or {}).get(code) or languages.get(code).name)
                for code in languages.others(lang)
            ),
            category_anchors={
                category: category_anchor(category, lang)
                for category in {entry.category for entry in glossary if entry.category}
            },
            related={
                entry.id: {
                    "id": entry.id,
                    "text": entry.text(lang),
                    "lang": _lang_of(entry, lang),
                    "term_lang": term_lang(entry, lang, _lang_of(entry, lang)),
                    "key": sort_key(entry.text(lang).term),
                }
                for entry in glossary
            },
            backlinks={
                entry.id: Backlink(entry.text(lang).term, f"{entry.id}.md", term_lang(entry, lang))
                for entry in glossary
            },
        )


def render_term(
    common: _TermPages,
    entry: Entry,
    backlinks: list[Backlink],
    used_in: list[Backlink],
    edit_url: str | None = None,
) -> str:
    """An entry's page in ``common.lang``; not yet translated, it says so, shows the default
    language's text marked with its ``lang`` and invites a translation."""
    lang = common.lang
    text = entry.text(lang)
    here = urls.term_url(lang, entry.id)
    listed = [common.related[other] for other in entry.related if other in common.related]
    translations = [
        {
            "lang": code,
            "label": label,
            "text": entry.text(code),
            "term_lang": entry.text(code).term_lang or code,
            "link": urls.relative(here, urls.term_url(code, entry.id)),
        }
        for code, label in common.translation_labels
        if entry.translated(code)
    ]
    title = text.term + (f" ({text.abbreviation})" if text.abbreviation else "")
    return common.template.render(
        common.context,
        text_lang=_lang_of(entry, lang) or lang,
        term_lang=term_lang(entry, lang),
        translated=entry.translated(lang),
        edit_url=edit_url,
        text=text,
        translations=translations,
        page_title=title,
        category=entry.category,
        calculator=entry.calculator,
        category_anchor=common.category_anchors[entry.category] if entry.category else "",
        related=sorted(listed, key=lambda item: item["key"]),
        backlinks=backlinks,
        used_in=used_in,
    )


def term_lang(entry: Entry, lang: str, around: str | None = None) -> str | None:
    """The language of ``entry``'s term on a ``lang`` page, when it differs from the language
    of the text ``around`` it (by default the page's): a loanword used as the term, or the
    term of an entry not yet translated."""
    shown = entry.text(lang).term_lang or _lang_of(entry, lang) or lang
    return None if shown == (around or lang) else shown


def _lang_of(entry: Entry, lang: str) -> str | None:
    """The language of the words ``entry`` shows on a ``lang`` page when it differs."""
    return None if entry.translated(lang) else entry.languages[0]


def _language_name(code: str, lang: str) -> str:
    """``code``'s name in the words of ``lang`` ("anglais"), else in itself ("English")."""
    return (strings(lang).get("language_names") or {}).get(code) or languages.get(code).name


def render_sitemap(pages: dict[str, list[dict[str, str]]]) -> str:
    """sitemap.xml: every page with its hreflang alternates, in URL order."""
    return _environment().get_template("sitemap.xml.j2").render(pages=sorted(pages.items()))


def render_index(glossary: Glossary, lang: str) -> str:
    items: list[dict[str, Any]] = []
    for entry in glossary:
        text = entry.text(lang)
        text_lang = _lang_of(entry, lang)  # not yet translated: the default language's words
        common = {
            "id": entry.id,
            "text": text,
            "category": entry.category or "",
            "text_lang": text_lang,
            "term_lang": term_lang(entry, lang),  # the term's language, if not the page's
            "term_lang_inside": term_lang(entry, lang, text_lang),  # if not its text's
        }
        search = " ".join(text.names)  # what the index filter matches
        items.append({**common, "name": text.term, "see": False, "search": search})
        for name in _other_names(text):
            items.append(
                {
                    **common,
                    "name": name.text,
                    "see": True,
                    "lang": name.lang or text_lang,
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
            (
                {"id": e.id, "text": e.text(lang), "text_lang": term_lang(e, lang)}
                for e in glossary
                if e.category == category
            ),
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
            untranslated=sum(not entry.translated(lang) for entry in glossary),
            to_translate_href=_src_link(urls.index_src(lang), urls.to_translate_src(lang)),
            alphabet=[*ALPHABET, OTHERS],
            groups=dict(sorted(groups.items(), key=lambda pair: (pair[0] == OTHERS, pair[0]))),
            categories={key: value for key, value in categories.items() if value},
            exports_href=urls.relative(urls.index_url(lang), "exports/"),
        )
    )


def render_to_translate(
    glossary: Glossary,
    lang: str,
    untwinned: list[ContentPage],
    edit_url: Callable[[str], str | None] = lambda source: None,
) -> str:
    """What a bilingual reader could translate into ``lang``: the entries not yet written in
    it, the fields its entries lack beside another language, and the pages it lacks."""
    here = urls.to_translate_src(lang)
    missing = [
        {
            "id": entry.id,
            "text": entry.text(lang),
            "lang": entry.languages[0],
            "href": _src_link(here, urls.term_src(lang, entry.id)),
            "edit": edit_url(entry.path),
        }
        for entry in sorted(glossary, key=lambda entry: sort_key(entry.text(lang).term))
        if not entry.translated(lang)
    ]
    words = strings(lang)
    fields: dict[str, list[str]] = {}
    for gap in _gaps(glossary):  # the same gaps as `glossary status`
        # names are a language's own (each says a concept its own ways): not a translation
        if gap.field != "aliases" and lang in gap.missing_in.split(", "):
            fields.setdefault(gap.entry_id, []).append(words["to_translate_fields"][gap.field])
    gaps = [
        {
            "text": glossary.get(entry_id).text(lang),
            "href": _src_link(here, urls.term_src(lang, entry_id)),
            "fields": names,
            "edit": edit_url(glossary.get(entry_id).path),
        }
        for entry_id, names in sorted(
            fields.items(), key=lambda pair: sort_key(glossary.get(pair[0]).text(lang).term)
        )
    ]
    pages = [
        {
            "title": page.title,
            "lang": page.lang,
            # another language's page: an HTML link, which MkDocs leaves to the other build
            "href": urls.relative(urls.to_translate_url(lang), urls.src_to_url(page.src_uri)),
        }
        for page in sorted(untwinned, key=lambda page: sort_key(page.title))
    ]
    return (
        _environment()
        .get_template("to-translate.md.j2")
        .render(
            s=words,
            lang=lang,
            language_name=_language_name(lang, lang),
            missing=missing,
            gaps=gaps,
            pages=pages,
            index_link=_src_link(here, urls.index_src(lang)),
        )
    )


def _src_link(from_src: str, to_src: str) -> str:
    """A Markdown link between two sources of one language (MkDocs checks and rewrites it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src))


def _other_names(text: Text) -> list[Name]:
    """Abbreviation and aliases, deprecated ones included, listed in the index as "see"
    entries unless they would sit right beside the term itself."""
    term_key = _fold(text.term)
    return [name for name in text.labels[1:] if _fold(name.text) != term_key]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _tojson(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``; a string, the usual value, straight to the
    C encoder json.dumps ends in (it builds an encoder object each call otherwise)."""
    return encode_basestring(value) if type(value) is str else json.dumps(value, ensure_ascii=False)


def _in_order(links: Iterable[Backlink]) -> list[Backlink]:
    """Links in the alphabetical order of their titles (French rules: É with E)."""
    return sorted(links, key=lambda link: (sort_key(link.title), link.href))


# The same for every language: made once per build (not to be changed by the caller).
_gaps = lru_cache(maxsize=1)(status.gaps)


@lru_cache(maxsize=1)  # the same for every language: made once per build
def _referrers(glossary: Glossary) -> dict[str, set[str]]:
    """Entry id → ids of the entries that link to it in their text (not to be changed:
    the next language's pages get the same dictionary)."""
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
