"""schema.org JSON-LD for term and index pages (DefinedTerm, DefinedTermSet)."""

from __future__ import annotations

import json
from typing import Any

from hooks import exports, urls
from hooks.markup import unmark
from hooks.model import Entry, Glossary
from hooks.render import strings


def term_jsonld(entry: Entry, lang: str, site_url: str) -> dict[str, Any]:
    """The entry as a schema.org ``DefinedTerm``. Its language is the set's ``inLanguage``
    (schema.org allows ``inLanguage`` on a ``DefinedTermSet``, a CreativeWork, not on a
    ``DefinedTerm``); its names are those the exports list in this language: the names of
    this language's part of the entry, loanwords included (« account-based marketing » on the
    French page), deprecated ones left out."""
    text = entry.text(lang)
    names = exports.language_names(entry)[lang][1:]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": urls.absolute(site_url, urls.term_url(lang, entry.id)),
        "url": urls.absolute(site_url, urls.term_url(lang, entry.id)),
        "name": text.term,
        "description": unmark(text.summary),
        "termCode": entry.id,
        "inDefinedTermSet": _set_reference(lang, site_url),
    }
    if names:
        data["alternateName"] = names
    return data


def index_jsonld(glossary: Glossary, lang: str, site_url: str) -> dict[str, Any]:
    data = _set_reference(lang, site_url)
    data.update(
        {
            "@context": "https://schema.org",
            "description": strings(lang)["glossary_description"],
            "hasDefinedTerm": [
                {
                    "@type": "DefinedTerm",
                    "@id": urls.absolute(site_url, urls.term_url(lang, entry.id)),
                    "name": entry.text(lang).term,
                    "description": unmark(entry.text(lang).summary),
                    "termCode": entry.id,
                }
                for entry in glossary
                if entry.translated(lang)  # the others' pages are noindex
            ],
        }
    )
    return data


def _set_reference(lang: str, site_url: str) -> dict[str, Any]:
    url = urls.absolute(site_url, urls.index_url(lang))
    return {
        "@type": "DefinedTermSet",
        "@id": url,
        "url": url,
        "name": strings(lang)["glossary_heading"],
        "inLanguage": lang,
    }


def script_text(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script>`` element."""
    text = _ENCODER.encode(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# json.dumps(data, ensure_ascii=False, separators=(",", ":")) without a new encoder each page
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
