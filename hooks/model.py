"""The glossary as immutable data, built only from entries that passed validation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from hooks import languages
from hooks.markup import without_opt_outs

# The order is the one readers meet on the index: from alignment itself, along the revenue
# team and the funnel, to what is around it. Labels and descriptions: each language's
# strings file (templates/strings/).
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


# Usage status of a name, as in IATE and TBX (administrativeStatus).
PREFERRED, ADMITTED, DEPRECATED = "preferred", "admitted", "deprecated"
STATUSES = (PREFERRED, ADMITTED, DEPRECATED)


@dataclass(frozen=True)
class Alias:
    """A name of an entry: its term, its abbreviation or an alias, with its usage status."""

    text: str
    lang: str | None = None  # set when the alias is a loanword from another language
    status: str = ADMITTED
    note: str | None = None  # why, in a few words: "anglicisme", "sigle fautif"
    homonym: str | None = None  # qualifier telling it apart from another entry's same name
    kind: str = "alias"  # term, abbreviation or alias


Name = Alias


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
    abbreviation_name: Name | None = None  # the abbreviation's status, note and qualifier
    term_lang: str | None = None  # a loanword as the term ({text: Cold emailing, lang: en})

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entry answers to in this language: term, abbreviation, aliases,
        deprecated ones included (a reader may search for them)."""
        return tuple(name.text for name in self.labels)

    @property
    def labels(self) -> tuple[Name, ...]:
        """Every name with its kind, usage status, note and homonym qualifier."""
        term = Name(self.term, lang=self.term_lang, status=PREFERRED, kind="term")
        abbreviation = self.abbreviation_name or (
            Name(self.abbreviation, kind="abbreviation") if self.abbreviation else None
        )
        return (term, *((abbreviation,) if abbreviation else ()), *self.aliases)

    @property
    def usable_aliases(self) -> tuple[Name, ...]:
        """Aliases a writer may use: every one but the deprecated."""
        return tuple(alias for alias in self.aliases if alias.status != DEPRECATED)

    @property
    def deprecated(self) -> tuple[Name, ...]:
        """Names to avoid: listed under their own heading, never a link text."""
        return tuple(name for name in self.labels if name.status == DEPRECATED)


@dataclass(frozen=True)
class Entry:
    """A concept. ``texts`` holds the languages the entry is written in, the default language
    first (the only one required): the others may come later, from other contributors."""

    id: str
    path: str
    texts: dict[str, Text] = field(hash=False)
    category: str | None = None
    related: tuple[str, ...] = ()
    calculator: str | None = None  # an in-browser calculator shown on the entry's pages

    def text(self, lang: str) -> Text:
        """The entry in ``lang``, or, not yet translated, in the default language."""
        return self.texts.get(lang) or next(iter(self.texts.values()))

    def translated(self, lang: str) -> bool:
        return lang in self.texts

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.texts)


@dataclass(frozen=True)
class Glossary:
    """The checked entries, sorted by id.

    ``related`` is symmetric by construction: when A lists B, B lists A too (appended after
    the ids B's file lists, in id order), so the site's "See also" and the SKOS file never
    disagree and a contributor never has to edit someone else's entry to say it.
    """

    entries: tuple[Entry, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", _symmetric(self.entries))

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


def _symmetric(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """``entries`` with each ``related`` link also stated from the other side."""
    reverse: dict[str, set[str]] = {}
    for entry in entries:
        for other in entry.related:
            reverse.setdefault(other, set()).add(entry.id)
    result = []
    for entry in entries:
        missing = sorted(reverse.get(entry.id, set()) - set(entry.related) - {entry.id})
        if missing:
            entry = replace(entry, related=(*entry.related, *missing))
        result.append(entry)
    return tuple(result)


def entry_from_data(entry_id: str, path: str, data: dict) -> Entry:
    """Build an :class:`Entry` from data that already passed :mod:`hooks.validate`."""
    return Entry(
        id=entry_id,
        path=path,
        category=data.get("category"),
        related=tuple(data.get("related", ())),
        calculator=data.get("calculator"),
        texts={lang: _text(data[lang]) for lang in languages.codes() if data.get(lang)},
    )


def _name(value: str | dict, kind: str) -> Name:
    """A name written as plain text or as ``{text, lang, status, note, homonym}``."""
    if isinstance(value, str):
        return Name(value.strip(), kind=kind)
    return Name(
        value["text"].strip(),
        lang=value.get("lang"),
        status=value.get("status", ADMITTED),
        note=(value.get("note") or "").strip() or None,
        homonym=(value.get("homonym") or "").strip() or None,
        kind=kind,
    )


def _text(data: dict) -> Text:
    formula = data.get("formula")
    abbreviation = _name(data["abbreviation"], "abbreviation") if data.get("abbreviation") else None
    term = data["term"] if isinstance(data["term"], dict) else {"text": data["term"]}
    return Text(
        term=term["text"].strip(),
        term_lang=term.get("lang"),
        summary=data["summary"].strip(),
        definition=without_opt_outs(data["definition"]).strip(),
        abbreviation=abbreviation.text if abbreviation else None,
        abbreviation_name=abbreviation,
        aliases=tuple(_name(alias, "alias") for alias in data.get("aliases", ())),
        formula=Formula(
            formula["expression"].strip(),
            tuple(
                Variable(v["symbol"], without_opt_outs(v["meaning"]))
                for v in formula.get("variables", ())
            ),
        )
        if formula
        else None,
        example=without_opt_outs(data.get("example") or "").strip() or None,
        pitfalls=tuple(without_opt_outs(p).strip() for p in data.get("pitfalls", ())),
        sources=tuple(Source(**source) for source in data.get("sources", ())),
    )
