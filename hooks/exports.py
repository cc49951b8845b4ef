"""The glossary as machine-readable files: JSON, CSV, TBX and Turtle (DESIGN.md, "URLs").

Each ``render_*`` function turns a checked :class:`~hooks.model.Glossary` into the whole text of
one file; ``site_url`` is the site's base URL, from which every page URL is made absolute. The
output depends on nothing else: no date, no machine, entries sorted by id, so rebuilding from
the same entries gives the same bytes. The files are the same whatever the reader's language.

``glossary.json`` (UTF-8, not ASCII-escaped), version 1 — every key is always present, an
absent optional value is ``null`` and an absent list ``[]``::

    {
      "version": 1,                       # raised only when a key changes meaning or goes
      "generated_from": "glossary/*.yml",
      "languages": ["fr", "en"],
      "entries": [                        # sorted by id
        {
          "id": "sla",                    # the file name, also the last part of its URLs
          "category": "alignment",        # or null
          "related": ["mql"],             # ids of other entries
          "calculator": "sla",            # an in-browser calculator on its pages, or null
          "url": {"fr": "https://…/glossaire/sla/", "en": "https://…/en/glossary/sla/"},
          "fr": {
            "term": "Accord de niveau de service",
            "abbreviation": "SLA",        # or null
            "aliases": [{"text": "service level agreement", "lang": "en",
                         "status": "admitted", "note": null, "homonym": null}],
                                          # lang: the alias's language, always given (the
                                          # section's own unless it is a loanword)
            "names": [{"text": "Accord de niveau de service", "kind": "term", "lang": "fr",
                       "status": "preferred", "note": null, "homonym": null}, …],
                                          # every name (term, abbreviation, aliases) with its
                                          # usage status (preferred, admitted, deprecated),
                                          # its note and its homonym qualifier
            "summary": "…",               # one plain sentence as written: it may mark a
                                          # foreign word [so]{lang=en}, which the CSV, TBX
                                          # and Turtle files reduce to the word
            "definition": "…",            # Markdown as written: [MQL](mql.md) links an entry,
                                          # [word]{lang=en} marks a foreign word
            "formula": {"expression": "…", "variables": [{"symbol": "…", "meaning": "…"}]},
                                          # or null
            "example": "…",               # Markdown, or null
            "pitfalls": ["…"],
            "sources": [{"title": "…", "author": null, "publisher": null, "year": 2006,
                         "url": null}]
          },
          "en": {…the same keys…}
        }
      ]
    }

Names, in every format: a name is listed in the language of the entry part that declares
it, its ``lang`` mark saying only that it is a loanword (``_names``): « phoning », a French
false anglicism, is a deprecated French name, never an English one.

``glossary.csv``: one row per entry, UTF-8 with a byte order mark (Excel then reads accents
right), RFC 4180 quoting and line ends; names joined with `` | ``, related ids with spaces.
``<lang>_aliases`` holds the aliases a writer may use, ``<lang>_deprecated`` the names to
avoid; ``<lang>_names`` gives every name with its status, note and homonym qualifier:
``GPA (deprecated; sigle fautif)``, ``ICP (admitted; usage surtout québécois; homonym:
indicateur)``. The names are those of the TBX ``langSec`` of that language, in its order.

``glossary.tbx``: TBX-Basic, DCA style, of TBX v3 (ISO 30042:2019, namespace
``urn:iso:std:iso:30042:ed-2``): one ``conceptEntry`` per entry (subject field, related
concepts as ``crossReference``), one ``langSec`` per language (definition, then a ``termSec``
per name, with its ``administrativeStatus``, its note and, for a homonym, a note with its
qualifier: « homonyme : ICP (indicateur) »). Only data categories and values
TBX-Basic permits: the tests run LTAC-Global's TBX-Basic DCA Schematron and the TBX core
RELAX NG schema on it (``tests/standards.py``). No
``xml-model`` line: the schemas TBX-Basic publishes under a stable address have since moved to
another namespace (``urn:iso:std:iso:30042:ed:3.0``), so none of them fits this file.

``glossary.ttl``: RDF Turtle with SKOS. The glossary is one ``skos:ConceptScheme`` named by the
French index page's URL, labelled in both languages, with every entry as a top concept (the
scheme is flat); each entry is one ``skos:Concept`` named by its French page's URL
(French is the site's default and ``x-default`` language), with ``rdfs:seeAlso`` its English
page. Not ``owl:sameAs``: the English page is another document about the concept, not another
name of it. Deprecated names are ``skos:hiddenLabel``: found by a search, never displayed.
A homonym's qualifier is a ``skos:scopeNote`` of its language: « homonyme : ICP (indicateur) ».
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from hooks import languages, urls
from hooks.markup import SPAN
from hooks.model import DEPRECATED, Entry, Glossary, Name, Text

strings = languages.words  # the words of the site's pages, per language

JSON_VERSION = 1
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_CSV_TEXT = ("term", "abbreviation", "aliases", "deprecated", "summary", "url")


def csv_columns() -> tuple[str, ...]:
    """``id, category, fr_term, fr_abbreviation, fr_aliases, fr_deprecated, fr_summary,
    fr_url, en_term …, related, fr_names, en_names``: the declared languages, in their
    order."""
    codes = languages.codes()
    texts = tuple(f"{lang}_{column}" for lang in codes for column in _CSV_TEXT)
    return ("id", "category", *texts, "related", *(f"{lang}_names" for lang in codes))


def render_json(glossary: Glossary, site_url: str) -> str:
    """``glossary.json``: every field of every entry, in the structure the docstring shows."""
    data = {
        "version": JSON_VERSION,
        "generated_from": "glossary/*.yml",
        "languages": list(languages.codes()),
        "entries": [_json_entry(entry, site_url) for entry in _sorted(glossary)],
    }
    return _json(data) + "\n"


def render_csv(glossary: Glossary, site_url: str) -> str:
    """``glossary.csv``: names, summaries and URLs, one row per entry; starts with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_columns())
    codes = languages.codes()
    for entry in _sorted(glossary):
        row = [entry.id, entry.category or ""]
        found = _names(entry)  # the names the TBX and SKOS files give each language
        for lang in codes:
            if lang not in found:  # not yet translated: empty cells
                row += [""] * len(_CSV_TEXT)
                continue
            text = entry.text(lang)
            aliases = [name for name in found[lang] if name.kind == "alias"]
            row += [
                text.term,
                text.abbreviation or "",
                " | ".join(name.text for name in aliases if name.status != DEPRECATED),
                " | ".join(name.text for name in aliases if name.status == DEPRECATED),
                _plain(text.summary),
                _page(site_url, lang, entry.id),
            ]
        names = [" | ".join(map(_csv_name, found.get(lang, ()))) for lang in codes]
        writer.writerow([*row, " ".join(entry.related), *names])
    return "\ufeff" + buffer.getvalue()


def render_tbx(glossary: Glossary, site_url: str) -> str:
    """``glossary.tbx``: TBX-Basic (DCA style) for translation and terminology tools."""
    default = languages.default()
    words = strings(default)
    xml = _XmlWriter()
    with xml.element(
        "tbx", {"type": "TBX-Basic", "style": "dca", "xml:lang": default, "xmlns": TBX_NAMESPACE}
    ):
        with xml.element("tbxHeader"), xml.element("fileDesc"):
            with xml.element("titleStmt"):
                xml.leaf("title", words["glossary_heading"])
            with xml.element("sourceDesc"):
                published = _index(site_url, default)
                xml.leaf("p", f"Generated from glossary/*.yml; published at {published}")
        with xml.element("text"), xml.element("body"):
            for entry in _sorted(glossary):
                _concept_entry(xml, entry, glossary.by_id(), words["categories"], site_url)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml.text()}\n'


def _concept_entry(
    xml: _XmlWriter,
    entry: Entry,
    by_id: dict[str, Entry],
    categories: dict[str, str],
    site_url: str,
) -> None:
    """One entry of the TBX file: its subject field, related concepts and languages;
    ``categories`` are the categories' names in the default language."""
    default = languages.default()
    with xml.element("conceptEntry", {"id": _xml_id(entry.id)}):
        if entry.category:
            # Concept level, so in the file's language (the default one, xml:lang on <tbx>).
            xml.leaf("descrip", categories[entry.category], {"type": "subjectField"})
        for other in entry.related:
            # crossReference, at concept level: the only ref type TBX-Basic's Schematron
            # (DCA, this namespace) permits for a link to another concept of the file.
            if other in by_id:
                reference = {"type": "crossReference", "target": _xml_id(other)}
                xml.leaf("ref", by_id[other].text(default).term, reference)
        for lang, names in _names(entry).items():
            with xml.element("langSec", {"xml:lang": lang}):
                summary = _plain(entry.text(lang).summary)
                xml.leaf("descrip", summary, {"type": "definition"})
                page = _page(site_url, lang, entry.id)
                for label in names:
                    _term_sec(xml, label, lang, page)


def _term_sec(xml: _XmlWriter, label: Name, lang: str, page: str) -> None:
    """One name of a ``langSec``: its ``termSec``, with its type, status, notes and page."""
    with xml.element("termSec"):
        xml.leaf("term", label.text)
        # TBX-Basic's termType values are fullForm, acronym, abbreviation, shortForm, variant
        # and phrase: no "synonym". Every termSec of a conceptEntry already names the same
        # concept, so an alias is a synonym by its place; it gets no termType rather than a
        # wrong one.
        if label.kind == "term":
            xml.leaf("termNote", "fullForm", {"type": "termType"})
        elif label.kind == "abbreviation":
            xml.leaf("termNote", "acronym", {"type": "termType"})
        status = f"{label.status}Term-admn-sts"
        xml.leaf("termNote", status, {"type": "administrativeStatus"})
        if label.note:
            xml.leaf("note", label.note)
        if label.homonym:  # TBX-Basic has no data category for it: a note says it
            xml.leaf("note", _homonym_note(label, lang))
        if label.kind == "term":
            xml.leaf("xref", label.text, {"type": "externalCrossReference", "target": page})


def render_turtle(glossary: Glossary, site_url: str) -> str:
    """``glossary.ttl``: the glossary as a SKOS concept scheme, in RDF Turtle."""
    codes, default = languages.codes(), languages.default()
    scheme = _index(site_url, default)
    lines = [
        "@prefix dct: <http://purl.org/dc/terms/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
        f"{turtle_iri(scheme)} a skos:ConceptScheme ;",
        "    skos:prefLabel "
        + _literals((strings(lang)["glossary_heading"], lang) for lang in codes)
        + " ;",
        "    dct:title "
        + _literals((strings(lang)["glossary_heading"], lang) for lang in codes)
        + " ;",
        "    dct:description "
        + _literals((strings(lang)["glossary_description"], lang) for lang in codes)
        + " ;",
    ]
    others = ", ".join(turtle_iri(_index(site_url, lang)) for lang in languages.others(default))
    if others:
        lines[-1] += f"\n    rdfs:seeAlso {others}"
    else:
        lines[-1] = lines[-1].removesuffix(" ;")
    # A flat scheme: no entry is broader than another, so every concept is a top concept.
    # Each concept's name, made once: the related concepts name it again.
    concept = {entry.id: turtle_iri(_page(site_url, default, entry.id)) for entry in glossary}
    tops = ", ".join(concept[entry.id] for entry in _sorted(glossary))
    lines[-1] += f" ;\n    skos:hasTopConcept {tops} ." if tops else " ."
    for entry in _sorted(glossary):
        names = _names(entry)
        statements = [
            ("skos:inScheme", turtle_iri(scheme)),
            ("skos:topConceptOf", turtle_iri(scheme)),
            ("skos:notation", turtle_string(entry.id)),
            (
                "skos:prefLabel",
                _literals((entry.text(lang).term, lang) for lang in entry.languages),
            ),
            (
                "skos:altLabel",
                _literals(
                    (name.text, lang)
                    for lang, found in names.items()
                    for name in found
                    if name.kind != "term" and name.status != DEPRECATED
                ),
            ),
            (
                "skos:hiddenLabel",
                _literals(
                    (name.text, lang)
                    for lang, found in names.items()
                    for name in found
                    if name.status == DEPRECATED
                ),
            ),
            (
                "skos:definition",
                _literals((_plain(entry.text(lang).summary), lang) for lang in entry.languages),
            ),
            (
                # SKOS labels carry no qualifier: a note tells this ICP from the other one.
                "skos:scopeNote",
                _literals(
                    (_homonym_note(name, lang), lang)
                    for lang, found in names.items()
                    for name in found
                    if name.homonym
                ),
            ),
            (
                "skos:related",
                ", ".join(concept[other] for other in entry.related if other in concept),
            ),
            (
                "rdfs:seeAlso",
                ", ".join(
                    turtle_iri(_page(site_url, lang, entry.id))
                    for lang in entry.languages
                    if lang != default
                ),
            ),
        ]
        lines += ["", f"{concept[entry.id]} a skos:Concept ;"]
        present = [(predicate, objects) for predicate, objects in statements if objects]
        for index, (predicate, objects) in enumerate(present):
            end = " ." if index == len(present) - 1 else " ;"
            lines.append(f"    {predicate} {objects}{end}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Glossary, str], str]] = {
    "json": render_json,
    "csv": render_csv,
    "tbx": render_tbx,
    "ttl": render_turtle,
}


def file_name(fmt: str) -> str:
    return f"glossary.{fmt}"


def write_exports(
    glossary: Glossary, site_url: str, folder: Path, formats: tuple[str, ...] = tuple(RENDERERS)
) -> list[Path]:
    """Write ``folder/glossary.<ext>`` for each format; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = folder / file_name(fmt)
        path.write_bytes(RENDERERS[fmt](glossary, site_url).encode("utf-8"))
        written.append(path)
    return written


def turtle_string(text: str) -> str:
    """``text`` as a Turtle string literal, quotes included.

    Backslashes, double quotes and line breaks are escaped (ECHAR); other control characters
    become ``\\uXXXX`` (UCHAR). Everything else stays as it is: Turtle files are UTF-8.
    """
    return '"' + _TURTLE_ESCAPED.sub(_turtle_escape, text) + '"'


def turtle_iri(iri: str) -> str:
    """``<iri>``, with the characters Turtle forbids inside ``<…>`` percent-encoded."""
    return f"<{_IRI_FORBIDDEN.sub(_percent_encode, iri)}>"


# --- helpers -----------------------------------------------------------------------------------

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# What a Turtle string or IRI cannot hold as it is; found by one regex scan, as most texts
# and every page URL hold none of it.
_TURTLE_ESCAPED = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def _turtle_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def _sorted(glossary: Glossary) -> list[Entry]:
    return sorted(glossary, key=lambda entry: entry.id)


def _page(site_url: str, lang: str, entry_id: str) -> str:
    return urls.absolute(site_url, urls.term_url(lang, entry_id))


def _index(site_url: str, lang: str) -> str:
    return urls.absolute(site_url, urls.index_url(lang))


def _plain(text: str) -> str:
    """A summary without its ``[word]{lang=xx}`` marks, the only markup a summary may hold."""
    return SPAN.sub(r"\1", text)


def _json_entry(entry: Entry, site_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "category": entry.category,
        "related": list(entry.related),
        "calculator": entry.calculator,
        "url": {lang: _page(site_url, lang, entry.id) for lang in entry.languages},
    }
    for lang in entry.languages:  # only the languages the entry is written in
        data[lang] = _json_text(entry.text(lang), lang)
    return data


def _json_name(name: Name, lang: str) -> dict[str, Any]:
    """One alias or name of an entry with its language, usage status, note and qualifier."""
    return {
        "text": name.text,
        "lang": name.lang or lang,
        "status": name.status,
        "note": name.note,
        "homonym": name.homonym,
    }


def _json_text(text: Text, lang: str) -> dict[str, Any]:
    formula = text.formula
    return {
        "term": text.term,
        "abbreviation": text.abbreviation,
        "aliases": [_json_name(alias, lang) for alias in text.aliases],
        # "kind" second, after "text": the dict merge keeps the first key's place.
        "names": [
            {"text": name.text, "kind": name.kind, **_json_name(name, lang)} for name in text.labels
        ],
        "summary": text.summary,
        "definition": text.definition,
        "formula": {
            "expression": formula.expression,
            "variables": [
                {"symbol": variable.symbol, "meaning": variable.meaning}
                for variable in formula.variables
            ],
        }
        if formula
        else None,
        "example": text.example,
        "pitfalls": list(text.pitfalls),
        "sources": [
            {
                "title": source.title,
                "author": source.author,
                "publisher": source.publisher,
                "year": source.year,
                "url": source.url,
            }
            for source in text.sources
        ],
    }


def _csv_name(name: Name) -> str:
    """``GPA (deprecated; sigle fautif)``: a name, its status, note and homonym qualifier."""
    details = [name.status, *([name.note] if name.note else [])]
    details += [f"homonym: {name.homonym}"] if name.homonym else []
    return f"{name.text} ({'; '.join(details)})"


def language_names(entry: Entry) -> dict[str, list[str]]:
    """Per language, the entry's names as the exports show them (term first, no deprecated
    name, which SKOS keeps hidden): the site's JSON-LD gives each page the same names."""
    return {
        lang: [name.text for name in found if name.status != DEPRECATED]
        for lang, found in _names(entry).items()
    }


@lru_cache(maxsize=1 << 14)  # each export and each page's JSON-LD ask: made once per entry
def _names(entry: Entry) -> dict[str, tuple[Name, ...]]:
    """Per language the entry is written in, each name of that language's part of the entry
    once (same letters after NFC and case folding), in its order: term, abbreviation, aliases.

    A name belongs to the part that declares it, whatever its ``lang``: French writers say
    « account-based marketing » and « phoning » (a false anglicism, to avoid), so both are
    French names, in the French ``langSec`` of the TBX and tagged ``@fr`` in SKOS; ``lang``
    only says that the name is a loanword, so that pages mark it for screen readers. What
    English writers say is in the English part. The site (term pages, A–Z index, search),
    the JSON-LD and every export follow this one rule (README, "Exports").
    """
    found: dict[str, tuple[Name, ...]] = {}
    for lang in entry.languages:
        seen: set[str] = set()
        names = []
        for name in entry.text(lang).labels:
            key = unicodedata.normalize("NFC", name.text).casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
        found[lang] = tuple(names)  # shared by every caller: not to be changed
    return found


def _homonym_note(name: Name, lang: str) -> str:
    """« homonyme : ICP (indicateur) », in the words of the name's language."""
    return strings(lang)["homonym_note"].format(name=name.text, qualifier=name.homonym)


def _xml_id(entry_id: str) -> str:
    """An XML ID for the entry: its id, with ``_`` in front when it starts with a digit
    (an XML name cannot; entry ids never start with ``_``, so no two can meet)."""
    return entry_id if entry_id[0].isalpha() else f"_{entry_id}"


def _literals(pairs: Iterable[tuple[str, str]]) -> str:
    """``"a"@fr, "b"@en`` from (text, language) pairs."""
    return ", ".join(f"{turtle_string(text)}@{lang}" for text, lang in pairs)


def _json(value: Any, indent: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, in about half the time:
    with ``indent``, the standard library encodes through a pure-Python chain of generators."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)  # ensure_ascii=False's own, in C
    if value is None:
        return "null"
    inner = indent + "  "
    if kind is dict:
        items = [f"{encode_basestring(key)}: {_json(item, inner)}" for key, item in value.items()]
        return "{" + inner + f",{inner}".join(items) + indent + "}" if items else "{}"
    if kind is list or kind is tuple:
        items = [_json(item, inner) for item in value]
        return "[" + inner + f",{inner}".join(items) + indent + "]" if items else "[]"
    return json.dumps(value)  # numbers, booleans


class _XmlWriter:
    """Indented XML as ElementTree's ``indent`` then ``tostring`` write it (two spaces a level,
    ``<tag />`` when empty), byte for byte, written as it goes: building a tree of the 45,000
    elements of 1,000 entries, then walking it, took three times as long.

    ``with xml.element(tag, attributes):`` holds the children written inside it.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._open: list[tuple[str, int]] = []  # each open element's tag, and its parts' count

    def element(self, tag: str, attributes: dict[str, str] | None = None) -> _XmlWriter:
        self._parts.append(f"{self._indent()}<{tag}{_xml_attributes(attributes)}>")
        self._open.append((tag, len(self._parts)))
        return self

    def leaf(self, tag: str, text: str, attributes: dict[str, str] | None = None) -> None:
        """An element holding only ``text``."""
        start = f"{self._indent()}<{tag}{_xml_attributes(attributes)}"
        self._parts.append(f"{start}>{_xml_text(text)}</{tag}>" if text else f"{start} />")

    def text(self) -> str:
        return "".join(self._parts)

    def __enter__(self) -> _XmlWriter:
        return self

    def __exit__(self, *exception: object) -> None:
        tag, count = self._open.pop()
        if len(self._parts) == count:  # no child: the short form
            self._parts[-1] = self._parts[-1][:-1] + " />"
        else:
            self._parts.append(f"\n{'  ' * len(self._open)}</{tag}>")

    def _indent(self) -> str:
        return f"\n{'  ' * len(self._open)}" if self._open else ""


def _xml_text(text: str) -> str:
    """Character data escaped as ElementTree does: ``&``, ``<`` and ``>`` only."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attributes(attributes: dict[str, str] | None) -> str:
    """`` name="value"`` for each attribute, in its order, escaped as ElementTree does."""
    if not attributes:
        return ""
    return "".join(f' {name}="{_xml_attribute(value)}"' for name, value in attributes.items())


def _xml_attribute(value: str) -> str:
    value = _xml_text(value).replace('"', "&quot;")
    return value.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
