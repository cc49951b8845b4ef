"""One search index per language, that forgives missing accents and knows every name of a term.

static-i18n writes a single index for both languages (DESIGN.md, fact 4). This splits it: the
French index stays at ``search/search_index.json``, the English one goes to
``en/search/search_index.json`` (overrides/assets/glossary/head.js points English pages to it).
Each document gains two fields the search worker indexes but never displays:

- ``folded``: its accented words without accents, so "retention" finds « rétention »;
- ``names`` (term pages only): term, abbreviation and aliases, boosted so the entry comes first.
"""

from __future__ import annotations

import re
from typing import Any

from hooks.collate import fold
from hooks.urls import DEFAULT_LANGUAGE, prefix

NAMES_BOOST = 1e4
FOLDED_BOOST = 1.0
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]*>")


def folded_words(text: str) -> list[str]:
    """The accented words of ``text``, folded, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(_TAG.sub(" ", text)):
        plain = fold(word)
        if plain != word:
            seen.setdefault(plain.casefold(), None)
    return list(seen)


def split(
    index: dict[str, Any], languages: tuple[str, ...], names: dict[str, list[str]]
) -> dict[str, dict[str, Any]]:
    """Per language, a Material search index holding only that language's pages.

    ``names`` maps a term page's location (``glossaire/sla/``) to its names.
    """
    result = {}
    for lang in languages:
        docs = [_enrich(doc, names) for doc in index["docs"] if _language(doc, languages) == lang]
        config = dict(index["config"])
        config["lang"] = [lang]
        fields = dict(config.get("fields") or {})
        fields.setdefault("title", {"boost": 1e3})
        fields.setdefault("text", {"boost": 1.0})
        fields["folded"] = {"boost": FOLDED_BOOST}
        fields["names"] = {"boost": NAMES_BOOST}
        config["fields"] = fields
        result[lang] = {"config": config, "docs": docs}
    return result


def _language(doc: dict[str, Any], languages: tuple[str, ...]) -> str:
    location = doc.get("location", "")
    for lang in languages:
        if lang != DEFAULT_LANGUAGE and location.startswith(prefix(lang)):
            return lang
    return DEFAULT_LANGUAGE


def _enrich(doc: dict[str, Any], names: dict[str, list[str]]) -> dict[str, Any]:
    doc = dict(doc)
    folded = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
    if folded:
        doc["folded"] = " ".join(folded)
    page_names = names.get(doc.get("location", ""))
    if page_names:
        doc["names"] = page_names + [fold(name) for name in page_names if fold(name) != name]
    return doc
