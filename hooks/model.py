"""The glossary as immutable data, built only from entries that passed validation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

LANGUAGES = ("fr", "en")
# The order is the one readers meet on the index: from alignment itself, along the revenue
# team and the funnel, to what is around it. Labels and descriptions: templates/strings.yml.
CATEGORIES = (
    "alignment",
    "teams",
    "leads",
    "demand",
    "sales",
    "revenue",
    "metrics",
    "customers",
    "strategy",
    "tools",
)


@dataclass(frozen=True)
class Alias:
    text: str
    lang: str | None = None  # set when the alias is a loanword from another language


@dataclass(frozen=True)
class Variable:
    symbol: str
    meaning: str


@dataclass(frozen=True)
class Formula:
    expression: str
    variables: tuple[Variable, ...] = ()


@dataclass(frozen=True)
class Source:
    title: str
    author: str | None = None
    publisher: str | None = None
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Text:
    """One language of an entry."""

    term: str
    summary: str
    definition: str
    abbreviation: str | None = None
    aliases: tuple[Alias, ...] = ()
    formula: Formula | None = None
    example: str | None = None
    pitfalls: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entry answers to in this language: term, abbreviation, aliases."""
        extra = (self.abbreviation,) if self.abbreviation else ()
        return (self.term, *extra, *(alias.text for alias in self.aliases))


@dataclass(frozen=True)
class Entry:
    id: str
    path: str
    texts: dict[str, Text] = field(hash=False)
    category: str | None = None
    related: tuple[str, ...] = ()
    calculator: str | None = None  # an in-browser calculator shown on the entry's pages

    def text(self, lang: str) -> Text:
        return self.texts[lang]


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]  # sorted by id

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry:
        return self.by_id()[entry_id]

    def by_id(self) -> dict[str, Entry]:
        return self._by_id

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries}


def entry_from_data(entry_id: str, path: str, data: dict) -> Entry:
    """Build an :class:`Entry` from data that already passed :mod:`hooks.validate`."""
    return Entry(
        id=entry_id,
        path=path,
        category=data.get("category"),
        related=tuple(data.get("related", ())),
        calculator=data.get("calculator"),
        texts={lang: _text(data[lang]) for lang in LANGUAGES},
    )


def _text(data: dict) -> Text:
    formula = data.get("formula")
    return Text(
        term=data["term"].strip(),
        summary=data["summary"].strip(),
        definition=data["definition"].strip(),
        abbreviation=(data.get("abbreviation") or "").strip() or None,
        aliases=tuple(
            Alias(a.strip()) if isinstance(a, str) else Alias(a["text"].strip(), a["lang"])
            for a in data.get("aliases", ())
        ),
        formula=Formula(
            formula["expression"].strip(),
            tuple(Variable(v["symbol"], v["meaning"]) for v in formula.get("variables", ())),
        )
        if formula
        else None,
        example=(data.get("example") or "").strip() or None,
        pitfalls=tuple(p.strip() for p in data.get("pitfalls", ())),
        sources=tuple(Source(**source) for source in data.get("sources", ())),
    )
