"""The site's search index, one per language, small enough to load on the first keystroke.

Two kinds of files per language (under ``search/`` of the language's folder: ``en/search/``):

- ``names.json``: one row per page: URL, title, abbreviation, one-sentence summary and every
  name it answers to (a term page: term, abbreviation and aliases in both languages, each
  language's as its part of the entry declares them). A name is its text, or
  ``[text, qualifier, 1 if to avoid else 0, loanword's language]`` when it is a homonym, a
  name to avoid or a loanword, so that the results can say "ICP (indicateur)" or "GPA — à
  éviter" and mark « Lead » as English for screen readers. The browser ranks names exact >
  prefix > typo (overrides/assets/glossary/search-engine.js);
- ``text-<n>.json``: the full-text postings, sharded by a hash of each word's stem, so a query
  downloads only the shards of its words whatever the size of the glossary.

Words are folded (no accents, no case), stop words dropped and plurals stemmed by the rules of
their language: data, not code. Each language's strings file declares them (``search_rules``,
format in hooks/templates/strings/fr.yml), names.json carries them to search-engine.js, and
both apply them alike, checked against one table: tests/data/search_vectors.json.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from html import unescape
from itertools import chain

from hooks import languages
from hooks.collate import fold as fold_accents
from hooks.model import DEPRECATED, Name

# 2: each language's stop words and plural rules come with names.json; 3: a name may carry
# its homonym qualifier, its status and its language when it is a loanword
FORMAT_VERSION = 3


def _split(text: str) -> list[str]:
    return text.split()


SHARD_TARGET = 12 * 1024  # bytes of gzipped postings per shard, about
HEADING_WEIGHT = 5  # a word of the title or a heading counts as five of the body
_WORD = re.compile(r"[^\W_]+")
_RULE_KEYS = frozenset(("suffix", "to", "min_length", "unless"))


# --- a language's rules: its strings file's search_rules -----------------------------------------


@dataclass(frozen=True)
class Plural:
    """One rule of a language's plural stemmer: a word ending with ``suffix`` ends with ``to``
    instead, when it has at least ``min_length`` letters and does not end with ``unless``."""

    suffix: str
    to: str = ""
    min_length: int = 0
    unless: str = ""

    def applies(self, word: str) -> bool:
        return (
            word.endswith(self.suffix)
            and len(word) >= self.min_length
            and not (self.unless and word.endswith(self.unless))
        )


@dataclass(frozen=True)
class Rules:
    """How one language's words are searched: the words left out (``stop_words``, folded) and
    its plural stemmer: words shorter than ``shortest`` or not all letters are kept, else the
    first of ``plurals`` that applies changes the word, and no other."""

    stop_words: frozenset[str] = frozenset()
    shortest: int = 0
    plurals: tuple[Plural, ...] = ()
    # each word's stem once: a 1,000-entry site stems half a million words, a few thousand
    # of them different
    stems: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)
    # each token's keys once (text_weights): a page's text is mostly tokens other pages have;
    # not an init field, so that rules with other stop words (``replace``) start their own
    token_keys: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False
    )

    @classmethod
    def from_strings(cls, data: object, where: str = "search_rules") -> Rules:
        """The ``search_rules`` mapping of a strings file (format: its comment in
        hooks/templates/strings/fr.yml); no mapping at all: no stop words, no stemming."""
        if data is None:
            return cls()
        if not isinstance(data, dict) or not set(data) <= {"stop_words", "shortest", "plurals"}:
            raise ValueError(f"{where}: a mapping of stop_words, shortest and plurals")
        stop_words = data.get("stop_words") or ""
        shortest = data.get("shortest", 0)
        if not isinstance(stop_words, str) or not isinstance(shortest, int):
            raise ValueError(f"{where}: stop_words is one string of words, shortest a number")
        plurals = []
        for number, rule in enumerate(data.get("plurals") or (), start=1):
            if not isinstance(rule, dict) or not isinstance(rule.get("suffix"), str):
                raise ValueError(f"{where}: plural {number} has no suffix")
            if not set(rule) <= _RULE_KEYS:
                unknown = ", ".join(sorted(set(rule) - _RULE_KEYS))
                raise ValueError(f"{where}: plural {number}: unknown {unknown}")
            plural = Plural(
                suffix=fold(rule["suffix"]),
                to=fold(str(rule.get("to") or "")),
                min_length=rule.get("min_length", 0),
                unless=fold(str(rule.get("unless") or "")),
            )
            if not plural.suffix or not isinstance(plural.min_length, int):
                raise ValueError(f"{where}: plural {number}: an empty suffix or a bad min_length")
            plurals.append(plural)
        return cls(frozenset(words(stop_words)), shortest, tuple(plurals))

    def with_stop_words(self, stop_words: frozenset[str]) -> Rules:
        return replace(self, stop_words=stop_words)

    def stemming_json(self) -> dict[str, object]:
        """The stemmer as names.json carries it: ``[suffix, to, min_length, unless]`` rows."""
        rows = [[rule.suffix, rule.to, rule.min_length, rule.unless] for rule in self.plurals]
        return {"shortest": self.shortest, "plurals": rows}

    def to_json(self) -> dict[str, object]:
        """Everything search-engine.js needs (its ``rules(stopWords, stemming)``)."""
        return {"stop_words": sorted(self.stop_words), **self.stemming_json()}


def language_rules(code: str) -> Rules:
    """The search rules of a declared language: its own stemmer, and the stop words of every
    declared language (a reader may type a name of another language: « the lead » finds
    « Lead »)."""
    return rules_of(code).with_stop_words(
        frozenset().union(*(rules_of(other).stop_words for other in languages.codes()))
    )


def rules_of(code: str) -> Rules:
    """A language's rules exactly as its strings file declares them."""
    where = f"{languages.get(code).strings}: search_rules"
    return _parse(where, json.dumps(languages.words(code).get("search_rules"), sort_keys=True))


@cache
def _parse(where: str, data: str) -> Rules:
    return Rules.from_strings(json.loads(data), where)


# --- words: the rules search-engine.js repeats ---------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no accents or ligatures: « Rétention » → « retention », œ → oe."""
    return fold_accents(text).lower()


def words(text: str) -> list[str]:
    """The folded words of ``text``, split at anything that is not a letter or a digit."""
    return _WORD.findall(fold(text))


def stem(word: str, rules: Rules) -> str:
    """The singular of a folded word by a language's plural rules: accords → accord."""
    found = rules.stems.get(word)
    if found is None:
        found = rules.stems[word] = _stem(word, rules)
    return found


def _stem(word: str, rules: Rules) -> str:
    if len(word) < rules.shortest or not word.isalpha():
        return word
    for rule in rules.plurals:
        if rule.applies(word):
            return word[: len(word) - len(rule.suffix)] + rule.to
    return word


def keys(text: str, rules: Rules, *, keep_if_empty: bool = True) -> list[str]:
    """The stems that stand for ``text``: stop words dropped, unless the text has nothing
    else and ``keep_if_empty`` (a name such as « À » is still found)."""
    found = words(text)
    kept = [word for word in found if word not in rules.stop_words]
    return [stem(word, rules) for word in (kept or (found if keep_if_empty else []))]


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
    # names in the page's language, then in the other language: plain text, or a name of an
    # entry with its homonym qualifier and usage status
    names: tuple[str | Name, ...] = ()
    other_names: tuple[str | Name, ...] = ()
    weights: Counter[str] = field(default_factory=Counter)  # full-text stems
    # The language of ``names`` and of ``other_names`` when it is not the index's language and
    # other language (a page not yet translated: its default-language names); "" when it is.
    names_lang: str = ""
    other_names_lang: str = ""


def text_weights(title: str, html: str, rules: Rules) -> Counter[str]:
    """Full-text stems of a page's content HTML with their weight: headings count more; what is
    not prose (definition-list facts, A–Z lists, forms, the calculator, code) is left out."""
    headings: list[str] = []
    body: list[str] = []
    for text, heading in _runs(html):
        (headings if heading else body).append(text)
    # Each kind of text at once, as whitespace-separated tokens: folding never moves a word
    # across whitespace, the space put between runs ends a word as their tag did, and no
    # entity spans it. Each different token is keyed once (Rules.token_keys).
    weights = Counter(_keys_of(unescape(" ".join(body)).split(), rules))
    heading_tokens = title.split() + unescape(" ".join(headings)).split()
    for key, count in Counter(_keys_of(heading_tokens, rules)).items():
        weights[key] += HEADING_WEIGHT * count
    return weights


def _keys_of(tokens: list[str], rules: Rules) -> Iterator[str]:
    """The keys of whitespace-separated ``tokens`` (stop words dropped, even alone)."""
    known = rules.token_keys
    for token in set(tokens).difference(known):
        known[token] = tuple(keys(token, rules, keep_if_empty=False))
    return chain.from_iterable(map(known.__getitem__, tokens))


def build(
    documents: Iterable[Document],
    lang: str,
    other_lang: str,
    rules: Mapping[str, Rules] | None = None,
) -> dict[str, bytes]:
    """The files of one language's index, by name relative to its ``search/`` folder.

    ``rules``: the rules of every language whose names the index holds (by default every
    declared language's :func:`language_rules`). names.json carries them: the stop words of
    ``lang`` (every language's, see :func:`language_rules`) and each language's stemmer, so
    search-engine.js keys every name with the rules of its own language."""
    docs = list(documents)
    if rules is None:
        rules = {code: language_rules(code) for code in languages.codes()}
    used = {lang, other_lang}
    rows: list[list[object]] = []
    for doc in docs:
        spoken = [doc.names_lang or lang, doc.other_names_lang or other_lang]
        row: list[object] = [
            doc.url,
            doc.title,
            doc.abbreviation,
            doc.summary,
            [_name_json(name, spoken[0]) for name in doc.names],
            [_name_json(name, spoken[1]) for name in doc.other_names],
        ]
        if spoken != [lang, other_lang]:
            row.append(spoken)  # only for pages not yet translated: no bytes for the others
        used.update(spoken)
        rows.append(row)
    missing = sorted(used - rules.keys())
    if missing:
        raise ValueError(f"no search rules for {', '.join(missing)}")
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
        "stop_words": sorted(rules[lang].stop_words),
        "stemming": {code: rules[code].stemming_json() for code in sorted(used)},
        "docs": rows,
    }
    files = {"names.json": _json(names)}
    for number, shard in enumerate(grouped):
        files[f"text-{number}.json"] = _json(shard)
    return files


def _name_json(name: str | Name, section: str) -> str | list[object]:
    """A name as names.json lists it: its text, or ``[text, qualifier, 1 if to avoid, its
    language]`` when the reader must be told which homonym it is or that it is a name to
    avoid, or when it is a loanword of another language than ``section``, its part's."""
    if isinstance(name, str):
        return name
    avoid = name.status == DEPRECATED
    loanword = name.lang if name.lang and name.lang != section else ""
    if not (name.homonym or avoid or loanword):
        return name.text
    marks: list[object] = [name.text, name.homonym or "", int(avoid)]
    return [*marks, loanword] if loanword else marks


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


# A tag (its name and attributes), a comment, a declaration: MkDocs' content HTML is regular
# enough for this, and html.parser took 7 % of a 1,000-entry build (3× slower, same runs).
_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)([^>]*)>|<!--.*?-->|<![^>]*>|<\?[^>]*>", re.DOTALL)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_CALCULATOR = re.compile(r"\sdata-calculator(?:[\s=/]|$)")


def prose(html: str) -> list[tuple[str, bool]]:
    """Prose of a page's content, as (text, in a heading) runs, entities decoded; each run is
    split into words. Skipped: the elements of ``_SKIPPED_TAGS`` and ``_SKIPPED_CLASSES``, the
    calculator, and everything inside them."""
    return [(unescape(text), heading) for text, heading in _runs(html)]


def _runs(html: str) -> list[tuple[str, bool]]:
    """:func:`prose`'s runs, entities not yet decoded."""
    # text, then per tag its closing slash, name and attributes (no name: a comment) and the
    # text after it: one split in C, not a match object per tag (half a million at 1,000 entries)
    parts = _TAG.split(html)
    tags = zip(parts[1::4], parts[2::4], parts[3::4], parts[4::4], strict=True)
    runs = [(parts[0], False)] if parts[0] else []
    skipping = heading = 0  # depth inside a skipped element; open headings
    for closing, name, attributes, text in tags:
        tag = name.lower() if name else ""
        if tag and tag not in _VOID:
            if closing:
                if skipping:
                    skipping -= 1
                elif tag in _HEADINGS:
                    heading = max(0, heading - 1)
            elif attributes.rstrip().endswith("/"):
                pass  # <tag/>: opened and closed at once, changes nothing
            elif skipping:
                skipping += 1
            elif tag in _SKIPPED_TAGS or (
                ("class" in attributes or "data-calculator" in attributes)
                and _skipped(tag, attributes)
            ):
                skipping = 1
            elif tag in _HEADINGS:
                heading += 1
        if text and not skipping:
            runs.append((text, heading > 0))
    return runs


def _skipped(tag: str, attributes: str) -> bool:
    if tag in _SKIPPED_TAGS or _CALCULATOR.search(attributes):
        return True
    found = _CLASS.search(attributes) if "class" in attributes else None
    classes = (found.group(1) or found.group(2) or found.group(3) or "") if found else ""
    return not _SKIPPED_CLASSES.isdisjoint(classes.split())
