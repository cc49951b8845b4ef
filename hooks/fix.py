"""``glossary check --fix``: the corrections that are certain, made in the file's own text.

French typography (a no-break space before ``: ; ? ! %`` and ``»``, after ``«``, between the
thousands of a number, a decimal comma before ``%`` or ``€``, the typographic apostrophe
between two letters), trailing spaces and a missing final newline. The file is never dumped
again: each correction is an edit of a few characters at the position the loader gives, every
other byte (comments, key order, quotes, indentation) stays as it was. An edit is made only
where the character found in the file is the one the value holds there (escapes and folded
lines shift positions: those texts are left to the contributor), and the file is written only
if reading it again gives exactly the data intended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks import typography
from hooks.load import Document, KeyPath, load_text
from hooks.problems import Message, Problem, msg

NBSP, NNBSP = "\u00a0", "\u202f"
# the no-break space each sign takes: the glossary's own usage (a no-break space before : ; ? !
# % » and after «, 1,300 of them), thin between the groups of a number (as
# Intl.NumberFormat('fr-FR') writes them, 377 of them): --fix puts back what the entries use
_SPACE_BEFORE = {":": NBSP, ";": NBSP, "!": NBSP, "?": NBSP, "%": NBSP, "»": NBSP}
_DOT_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?=[\u00a0\u202f ]?[%€])")


@dataclass(frozen=True)
class Edit:
    """Replace ``length`` characters at ``start`` of the file's text with ``new``."""

    start: int
    length: int
    new: str
    message: Message | None  # None: part of a correction already reported
    reported_at: int  # where the check reports the problem this corrects


def fix_file(path: Path, shown: str) -> tuple[list[Problem], bool]:
    """Fix ``path`` in place; return what was fixed (as problems saying "fixed: …")."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return [], False  # the check says why
    new_text, fixed = fix_text(text, shown)
    if new_text != text:
        path.write_bytes(new_text.encode("utf-8"))
    return fixed, new_text != text


def fixable_problems(problems: list[Problem], root: Path | None = None) -> list[Problem]:
    """The problems ``--fix`` would correct, worked out in memory (nothing is written).

    ``problem.path`` is read relative to ``root`` (default: the working folder). The preview
    shows these as "glossary check --fix corrects this" rather than rewriting a file the
    contributor has open in an editor (README, "Adding or fixing an entry").
    """
    found = []
    for shown in sorted({problem.path for problem in problems}):
        try:
            text = ((root or Path()) / shown).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        corrected = {(fixed.line, fixed.col) for fixed in fix_text(text, shown)[1]}
        found += [p for p in problems if p.path == shown and (p.line, p.col) in corrected]
    return found


def fix_text(text: str, shown: str = "entry.yml") -> tuple[str, list[Problem]]:
    """``text`` with the certain corrections made, and one problem per correction."""
    fixed: list[Problem] = []
    text, spaces = _fix_spaces(text, shown)
    fixed += spaces
    doc, problems = load_text(text, shown)
    if problems or not isinstance(doc.data, dict):
        return text, fixed  # not readable as an entry: the check explains why
    edits, expected = _typography_edits(text, doc)
    if edits:
        new_text = _apply(text, edits)
        again, problems = load_text(new_text, shown)
        if not problems and again.data == expected:  # else leave the text as the author wrote it
            lines = _line_starts(text)
            for edit in edits:
                if edit.message is not None:
                    line, col = _position(lines, edit.reported_at)
                    fixed.append(Problem(shown, line, col, msg("fixed", what=edit.message)))
            text = new_text
    return text, fixed


def _fix_spaces(text: str, shown: str) -> tuple[str, list[Problem]]:
    """Trailing spaces and the final newline, if the data stays the same but for them."""
    rows = text.split("\n")
    stripped = [row.rstrip(" \t") if row.strip(" \t") else "" for row in rows]
    fixed = [
        Problem(shown, number, len(row_stripped) + 1, msg("fixed", what=msg("fix-trailing-spaces")))
        for number, (row, row_stripped) in enumerate(zip(rows, stripped, strict=True), start=1)
        if row != row_stripped and row.strip(" \t")
    ]
    new_text = "\n".join(stripped)
    if new_text and not new_text.endswith("\n"):
        new_text += "\n"
        fixed.append(
            Problem(
                shown, len(rows), len(rows[-1]) + 1, msg("fixed", what=msg("fix-final-newline"))
            )
        )
    if new_text == text:
        return text, []
    before, problems_before = load_text(text, shown)
    after, problems_after = load_text(new_text, shown)
    if problems_before or problems_after or _strip_lines(after.data) != _strip_lines(before.data):
        return text, []
    return new_text, [problem for problem in fixed if problem.message]


def _strip_lines(value: Any) -> Any:
    """The data as trailing spaces and the final newline leave it (a last block text of the
    file gains its line break with the final newline)."""
    if isinstance(value, str):
        return "\n".join(row.rstrip(" \t") for row in value.split("\n")).rstrip("\n")
    if isinstance(value, list):
        return [_strip_lines(item) for item in value]
    if isinstance(value, dict):
        return {key: _strip_lines(item) for key, item in value.items()}
    return value


def _typography_edits(text: str, doc: Document) -> tuple[list[Edit], Any]:
    """Edits of the file's text, and the data expected once they are made."""
    from hooks.validate import french_text_to_check  # the same masking as the check

    lines = _line_starts(text)
    edits: list[Edit] = []
    expected = _copy(doc.data)
    for path, value in doc.strings:
        bare = french_text_to_check(path, value)
        if bare is None:
            continue
        value_edits = _value_edits(bare)
        if not value_edits:
            continue
        located = []
        for start, length, new, message, reported in value_edits:
            where = _source_offset(text, lines, doc, path, value, start, length)
            if where is None:
                located = []
                break  # one position we cannot be sure of: leave this text alone
            located.append(Edit(where, length, new, message, where + reported - start))
        if located:
            edits += located
            _set(expected, path, _apply(value, [Edit(*edit) for edit in value_edits]))
    return sorted(edits, key=lambda edit: edit.start), expected


def _value_edits(bare: str) -> list[tuple[int, int, str, Message | None, int]]:
    """``(offset, length, replacement, what, reported at)`` in a French text (code and URLs
    blanked); each correction is reported where the check reports its problem."""
    edits: dict[int, tuple[int, int, str, Message | None, int]] = {}
    for offset, problem in typography.french_problems(bare):
        sign = bare[offset]
        if problem.id == "typography-after":  # «
            length = 1 if bare[offset + 1 : offset + 2] == " " else 0
            message = msg("fix-no-break-after", sign=typography.sign_name("«"))
            edits[offset + 1] = (offset + 1, length, NBSP, message, offset)
        elif problem.id == "typography-before":
            before = bare[offset - 1 : offset] if offset else ""
            if before in ("\n", ""):
                continue  # at the start of a line: nothing to attach the sign to
            length = 1 if before == " " else 0
            message = msg("fix-no-break-before", sign=typography.sign_name(sign))
            edits[offset - length] = (offset - length, length, _SPACE_BEFORE[sign], message, offset)
        elif problem.id == "typography-apostrophe":
            message = msg("fix-apostrophe", word=typography.word_at(bare, offset))
            edits[offset] = (offset, 1, "’", message, offset)
    for match in _DOT_DECIMAL.finditer(bare):
        dot = match.start(2) - 1
        number = f"{match.group(1)},{match.group(2)}"
        edits[dot] = (dot, 1, ",", msg("fix-decimal-comma", number=number), dot - 1)
    for match in typography.THOUSANDS.finditer(bare):
        number = match.group().replace(" ", NNBSP)
        message: Message | None = msg("fix-number-group", number=number)
        for index, char in enumerate(match.group()):
            if char == " ":
                place = match.start() + index
                edits.setdefault(place, (place, 1, NNBSP, message, place))
                message = None  # one line per number
    return sorted(edits.values(), key=lambda edit: edit[0])


def _source_offset(
    text: str, lines: list[int], doc: Document, path: KeyPath, value: str, start: int, length: int
) -> int | None:
    """Where ``value[start:start + length]`` sits in ``text``, only if certain."""
    scalar = doc.scalars.get(path)
    if scalar is None or scalar.style not in (None, "'", '"', "|"):
        return None
    if scalar.style != "|" and "\n" in value:
        return None  # folded lines: positions shift
    line, col = doc.inside(path, start)
    if line - 1 >= len(lines):
        return None
    offset = lines[line - 1] + col - 1
    # the characters around the edit must be the value's: no escape or folding in between
    low, high = max(0, start - 1), min(len(value), start + length + 1)
    source_low = offset - (start - low)
    if text[source_low : source_low + (high - low)] != value[low:high]:
        return None
    if scalar.style == "'" and "''" in text[lines[scalar.line - 1] : offset]:
        return None
    if scalar.style == '"' and "\\" in text[lines[scalar.line - 1] : offset]:
        return None
    return offset


def _apply(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.start + edit.length :]
    return text


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _position(lines: list[int], offset: int) -> tuple[int, int]:
    low, high = 0, len(lines) - 1
    while low < high:  # the last line start at or before offset
        middle = (low + high + 1) // 2
        if lines[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1, offset - lines[low] + 1


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    return value


def _set(data: Any, path: KeyPath, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
