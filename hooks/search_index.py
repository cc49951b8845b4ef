"""The site's search index, one per language, small enough to load on the first keystroke.

Two kinds of files per language (French under ``search/``, English under ``en/search/``):

- ``names.json``: one row per page: URL, title, abbreviation, one-sentence summary and every
  name it answers to (a term page: term, abbreviation and aliases in both languages). The
  browser ranks names exact > prefix > typo (overrides/assets/glossary/search-engine.js);
- ``text-<n>.json``: the full-text postings, sharded by a hash of each word's stem, so a query
  downloads only the shards of its words whatever the size of the glossary.

Words are folded (no accents, no case), article words dropped and plurals stemmed by the same
rules here and in search-engine.js, checked against one table: tests/data/search_vectors.json.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hooks.collate import fold as fold_accents

FORMAT_VERSION = 1


def _split(text: str) -> list[str]:
    return text.split()


# Words that carry no meaning on their own in either language (articles, prepositions,
# elided forms): "le lead scoring" finds "Lead scoring", "taux d’attrition" finds "attrition".
STOP_WORDS = frozenset(
    _split(
        "a au aux avec c ce ces d dans de des du en et j l la le les leur m n ou par pour qu s sur "
        "t un une an and as at by for from in is it of on or the to with"
    )
)
SHARD_TARGET = 12 * 1024  # bytes of gzipped postings per shard, about
HEADING_WEIGHT = 5  # a word of the title or a heading counts as five of the body
_WORD = re.compile(r"[^\W_]+")


# --- words: the rules search-engine.js repeats ---------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no accents or ligatures: « Rétention » → « retention », œ → oe."""
    return fold_accents(text).lower()


def words(text: str) -> list[str]:
    """The folded words of ``text``, split at anything that is not a letter or a digit."""
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A light plural stemmer for French and English: accords → accord, niveaux → niveau."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if word.endswith("x") and word[-2] == "u":
        return word[:-1]
    return word


def keys(text: str, *, keep_if_empty: bool = True) -> list[str]:
    """The stems that stand for ``text``: article words dropped, unless the text has nothing
    else and ``keep_if_empty`` (a name such as « À » is still found)."""
    found = words(text)
    kept = [word for word in found if word not in STOP_WORDS]
    return [stem(word) for word in (kept or (found if keep_if_empty else []))]


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over the key's code points, modulo ``shards``: the shard that holds the key."""
    value = 0x811C9DC5
    for char in key:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % shards


# --- pages ---------------------------------------------------------------------------------------


@dataclass
class Document:
    """One page of one language, as the search shows and finds it."""

    url: str  # site-relative: glossaire/sla/
    title: str
    summary: str = ""
    abbreviation: str = ""
    names: tuple[str, ...] = ()  # names in the page's language
    other_names: tuple[str, ...] = ()  # names in the other language
    weights: Counter[str] = field(default_factory=Counter)  # full-text stems


def text_weights(title: str, html: str) -> Counter[str]:
    """Full-text stems of a page's content HTML with their weight: headings count more; what is
    not prose (definition-list facts, A–Z lists, forms, the calculator, code) is left out."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    weights: Counter[str] = Counter()
    for key in keys(title, keep_if_empty=False):
        weights[key] += HEADING_WEIGHT
    for text, heading in parser.parts:
        for key in keys(text, keep_if_empty=False):
            weights[key] += HEADING_WEIGHT if heading else 1
    return weights


def build(documents: Iterable[Document], lang: str, other_lang: str) -> dict[str, bytes]:
    """The files of one language's index, by name relative to its ``search/`` folder."""
    docs = list(documents)
    postings: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for key, weight in sorted(doc.weights.items()):
            postings.setdefault(key, []).extend((number, min(weight, 99)))
    shards = _shard_count(postings)
    grouped: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for key in sorted(postings):
        grouped[shard_of(key, shards)][key] = postings[key]
    names = {
        "version": FORMAT_VERSION,
        "lang": lang,
        "other_lang": other_lang,
        "shards": shards,
        "stop_words": sorted(STOP_WORDS),
        "docs": [
            [doc.url, doc.title, doc.abbreviation, doc.summary, doc.names, doc.other_names]
            for doc in docs
        ],
    }
    files = {"names.json": _json(names)}
    for number, shard in enumerate(grouped):
        files[f"text-{number}.json"] = _json(shard)
    return files


def _shard_count(postings: dict[str, list[int]]) -> int:
    """A power of two that keeps each shard near SHARD_TARGET gzipped bytes."""
    sample = _json(postings)
    compressed = len(gzip.compress(sample, compresslevel=6))
    return 1 << max(0, math.ceil(math.log2(max(compressed, 1) / SHARD_TARGET)))


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_SKIPPED_TAGS = frozenset(
    ["button", "code", "form", "nav", "pre", "script", "select", "style", "svg", "textarea"]
)
_SKIPPED_CLASSES = frozenset(_split("gl-facts gl-index gl-letters gl-filter headerlink"))
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
_HEADINGS = frozenset(_split("h1 h2 h3 h4 h5 h6"))


class _TextParser(HTMLParser):
    """Prose of a page's content, as (text, in a heading) runs; each run is split into words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, bool]] = []
        self._skipping = 0  # depth inside a skipped element
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self._skipping:
            self._skipping += 1
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES or "data-calculator" in attributes:
            self._skipping = 1
        elif tag in _HEADINGS:
            self._heading += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._skipping:
            self._skipping -= 1
            return
        if tag in _HEADINGS:
            self._heading = max(0, self._heading - 1)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append((data, bool(self._heading)))
