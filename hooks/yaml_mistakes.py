"""The common YAML slips of people who write it by hand, found where they were made.

PyYAML stops where the text stops making sense, which is often the line after the slip, and
says so in parser words ("mapping values are not allowed here"). When it stops, this module
reads the lines up to there for the usual slips and names the one it finds, at its line and
column, with the correction: ``category:strategy`` (no space after the colon), ``-profil``
(no space after the dash), a key indented one space off, a text on several lines without
``|``, an item without its dash, a quotation mark or bracket never closed.
"""

from __future__ import annotations

import re
from typing import Any

from hooks import languages
from hooks.problems import Message, msg

# The entry format's field names (and the language codes, languages.codes()): "name:value"
# with one of them is a missing space, not text.
FIELDS = {
    "category", "related", "calculator", "term", "abbreviation", "aliases",
    "summary", "definition", "formula", "expression", "variables", "symbol", "meaning",
    "example", "pitfalls", "sources", "title", "author", "publisher", "year", "url", "text",
    "lang",
}  # fmt: skip

_KEY = re.compile(r"^( *)(?:- +)?([A-Za-z_][\w-]*):(?: |$)")
_GLUED_KEY = re.compile(r"^( *)(?:- +)?([A-Za-z_][\w-]*):(?=[^\s/:])")
_GLUED_DASH = re.compile(r"^( *)-(?=[^\s\-])")
_ITEM = re.compile(r"^( *)- ")
_OPENERS = {"[": "]", "{": "}"}

Found = tuple[int, int, Message]


def diagnose(text: str, error: Any) -> Found | None:
    """``(line, col, message)`` of the slip that explains PyYAML's ``error``, if one does."""
    context = error.context or ""
    if context.startswith("while scanning a quoted scalar") and error.context_mark:
        mark = error.context_mark
        rows = text.split("\n")
        quote = rows[mark.line][mark.column : mark.column + 1] if mark.line < len(rows) else '"'
        return mark.line + 1, mark.column + 1, msg("mistake-unclosed-quote", quote=quote)
    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        mark = error.context_mark
        bracket = "[" if "sequence" in context else "{"
        return (
            mark.line + 1,
            mark.column + 1,
            msg("mistake-unclosed-bracket", bracket=bracket, closing=_OPENERS[bracket]),
        )
    mark = error.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    stop = min(mark.line, len(lines) - 1)
    return _glued(lines, stop) or _misaligned(lines, stop) or _continued(lines, stop)


def _glued(lines: list[str], stop: int) -> Found | None:
    """``category:strategy`` or ``-profil``: the last such line up to the error."""
    for number in range(stop, -1, -1):
        line = lines[number]
        key = _GLUED_KEY.match(line)
        if key and (key.group(2) in FIELDS or key.group(2) in languages.codes()):
            colon = key.end()
            fixed = _shorten(f"{line[key.start(2) : colon]} {line[colon:].strip()}")
            return number + 1, colon + 1, msg("mistake-colon-space", fixed=fixed)
        dash = _GLUED_DASH.match(line)
        if dash and not line.startswith("---"):
            fixed = _shorten(f"- {line[dash.end() :].strip()}")
            return number + 1, dash.end() + 1, msg("mistake-dash-space", fixed=fixed)
    return None


def _misaligned(lines: list[str], stop: int) -> Found | None:
    """A key one or two spaces off the key above it, which holds a value (so no child)."""
    for number in range(stop, 0, -1):
        key = _KEY.match(lines[number])
        if not key or lines[number].lstrip().startswith("- "):
            continue
        above = _previous(lines, number)
        if above is None:
            return None
        sibling = _KEY.match(lines[above])
        if not sibling or lines[above].lstrip().startswith("- "):
            continue
        has_value = lines[above][sibling.end() :].strip() not in ("", "|", ">", "|-", ">-")
        shift = len(key.group(1)) - len(sibling.group(1))
        if (shift > 0 and has_value) or (shift < 0 and not _is_open_level(lines, above, key)):
            which = "mistake-indent-more" if shift > 0 else "mistake-indent-less"
            return (
                number + 1,
                len(key.group(1)) + 1,
                msg(which, key=key.group(2), sibling=sibling.group(2), n=abs(shift)),
            )
    return None


def _is_open_level(lines: list[str], above: int, key: re.Match[str]) -> bool:
    """Does a key above ``above`` sit at ``key``'s indentation (a parent level ending)?"""
    indent = len(key.group(1))
    for number in range(above, -1, -1):
        match = _KEY.match(lines[number])
        if match and not lines[number].lstrip().startswith("- "):
            if len(match.group(1)) == indent:
                return True
            if len(match.group(1)) < indent:
                return False
    return indent == 0


def _continued(lines: list[str], stop: int) -> Found | None:
    """A text line where a key or an item was expected: a dash or a ``|`` is missing."""
    number = stop
    while number > 0 and (not lines[number].strip() or _KEY.match(lines[number])):
        number -= 1
    line = lines[number]
    if not _is_text(line) or line.lstrip().startswith("#"):
        return None
    indent = _indent(line)
    above = _previous(lines, number)
    if above is None:
        return None
    item = _ITEM.match(lines[above])
    if item and len(item.group(1)) == indent:
        return number + 1, indent + 1, msg("mistake-no-dash", item=_shorten(line.strip()))
    # the key that owns this text: the same indentation with a value, or less indented
    for owner in range(number - 1, -1, -1):
        row = lines[owner]
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        key = _KEY.match(row)
        if _indent(row) > indent or (_indent(row) == indent and not key):
            continue
        if not key:
            return None
        value = row[key.end() :].strip()
        if _indent(row) == indent and not value:
            return None
        if value.startswith(("|", ">", '"', "'", "[", "{")):
            return None
        column = key.end() + 1 if value else key.end()
        return owner + 1, column, msg("mistake-no-pipe", key=key.group(2))
    return None


def _is_text(line: str) -> bool:
    return bool(line.strip()) and not _KEY.match(line) and not _ITEM.match(line)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], number: int) -> int | None:
    """The nearest line above ``number`` holding something (not blank, not a comment)."""
    for above in range(number - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
