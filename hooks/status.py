"""``glossary status``: what is not yet translated, and what one language of an entry lacks.

For translators: first the entries not yet written in a language (only the default language
is required), then, among an entry's languages, an abbreviation, a formula or an example given
in some only, or a different number of aliases, formula variables, pitfalls or sources.
Informational: a gap is not a problem, and may be intended.

Aliases are counted in the entry's own language: a loanword marked as another language
(``{text: lead scoring, lang: en}`` in French) is there because the other language's term is
used as is, and has no twin to write.
"""

from __future__ import annotations

from dataclasses import dataclass

from hooks import languages
from hooks.model import Glossary, Text

# Compared fields, in the order they are listed: present or not, or how many.
FIELDS = ("abbreviation", "aliases", "formula", "variables", "example", "pitfalls", "sources")


@dataclass(frozen=True)
class Gap:
    """One field that the languages of an entry do not give alike."""

    entry_id: str
    field: str
    values: dict[str, str]  # per language the entry is written in: "yes", "no" or a count
    missing_in: str  # the languages that give less: "en", or "en, de"


def untranslated(glossary: Glossary) -> dict[str, list[str]]:
    """Per language, the ids of the entries not yet written in it (every language listed)."""
    return {
        lang: [entry.id for entry in glossary if not entry.translated(lang)]
        for lang in languages.codes()
    }


def measure(text: Text, lang: str) -> dict[str, bool | int]:
    """What the ``lang`` text of an entry gives, field by field."""
    return {
        "abbreviation": text.abbreviation is not None,
        "aliases": sum(1 for alias in text.aliases if alias.lang in (None, lang)),
        "formula": text.formula is not None,
        "variables": len(text.formula.variables) if text.formula else 0,
        "example": text.example is not None,
        "pitfalls": len(text.pitfalls),
        "sources": len(text.sources),
    }


def gaps(glossary: Glossary) -> list[Gap]:
    """Every gap of every entry, by entry id then in the order of :data:`FIELDS`."""
    found = []
    for entry in glossary:
        measures = {lang: measure(entry.text(lang), lang) for lang in entry.languages}
        all_have_formula = all(measure["formula"] for measure in measures.values())
        for field in FIELDS:
            if field == "variables" and not all_have_formula:
                continue  # the formula itself is the gap
            values = {lang: measures[lang][field] for lang in measures}
            if len(set(values.values())) == 1:
                continue
            most = max(int(value) for value in values.values())
            fewer = ", ".join(lang for lang, value in values.items() if int(value) < most)
            shown = {lang: _show(value) for lang, value in values.items()}
            found.append(Gap(entry.id, field, shown, fewer))
    return found


def _show(value: bool | int) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def report(glossary: Glossary) -> str:
    """The status as text: the entries not yet written in each language, a table of gaps,
    then one line for the entries without any."""
    found = gaps(glossary)
    with_gaps = sorted({gap.entry_id for gap in found})
    without = [entry.id for entry in glossary if entry.id not in with_gaps]
    lines = []
    for lang, missing in untranslated(glossary).items():
        if missing:
            entries = "entry" if len(missing) == 1 else "entries"
            lines.append(
                f"Not yet written in {lang} ({len(missing)} {entries}): {', '.join(missing)}."
            )
    if lines:
        lines.append("")
    codes = languages.codes()
    headers = ("entry", "field", *codes, "missing in")
    if found:
        lines.append("What one language of an entry gives and another lacks, entry by entry.")
        lines.append("A gap may be intended: compare the languages before filling it.")
        lines.append("Aliases marked as another language ({text: …, lang: …}) are not counted.")
        lines.append("")
        rows = [headers] + [
            (
                gap.entry_id,
                gap.field,
                *(gap.values.get(lang, "-") for lang in codes),
                gap.missing_in,
            )
            for gap in found
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(headers))]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
            lines.append("  ".join(cells).rstrip())
        lines.append("")
        plural = "" if len(found) == 1 else "s"
        entries = "entry" if len(with_gaps) == 1 else "entries"
        lines.append(f"{len(found)} gap{plural} in {len(with_gaps)} {entries}.")
    if without:
        if not found:
            count = "the entry gives" if len(without) == 1 else f"all {len(without)} entries give"
            lines.append(f"No gap: {count} the same fields in each of their languages.")
        else:
            entries = "entry" if len(without) == 1 else "entries"
            lines.append(f"{len(without)} {entries} with no gap: {', '.join(without)}.")
    elif not found:
        lines.append("No entry yet.")
    return "\n".join(lines)
