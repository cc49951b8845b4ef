"""The common YAML slips of people who write it by hand, found where they were made.

PyYAML stops where the text stops making sense, which is often the line after the slip, and
says so in parser words ("mapping values are not allowed here"). When it stops, this module
reads the lines up to there for the usual slips and names the one it finds, at its line and
column, with the correction: ``category:strategy`` (no space after the colon), ``-profil``
(no space after the dash), a key indented one space off, a text on several lines without
``|``, an item without its dash, a quotation mark or bracket never closed (or closed too
early by an apostrophe), a plain text that YAML folds into one line. Block texts (``|``) are
read by none of these rules: their lines are the contributor's prose.
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
_QUOTED_VALUE = re.compile(r"^( *)(?:- +)?(?:([A-Za-z_][\w-]*): +)?(['\"])")
_BLOCK_START = re.compile(r"^( *)(?:- +)?(?:([A-Za-z_][\w-]*): +)?[|>][-+0-9]*[ ]*(?:#.*)?$")
# Where a text may go on over several lines: anywhere else a plain text keeps to one line.
MARKDOWN_FIELDS = {"definition", "example"}
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
    block = _block_text(lines)
    simple_key = context.startswith("while scanning a simple key") and error.context_mark
    start = min(error.context_mark.line, stop) if simple_key else stop
    return (
        _closed_early(lines, stop, block)
        or _runs_on(lines, stop, block)
        or _glued(lines, stop, block)
        or _left_block(lines, stop, block)
        or _dash_missing(lines, start, block)
        or _item_misaligned(lines, stop, block)
        or _misaligned(lines, stop, block)
        or _continued(lines, stop, block)
    )


def folded(text: str, line: int, col: int, end_line: int, key: str | int) -> Found | None:
    """A plain (unquoted) text that goes on over lines ``line`` to ``end_line`` (0-based):
    YAML joins them into one line without a word, so say what the contributor meant.

    ``key`` is the field holding the text, or its index when it is an item of a list."""
    rows = text.split("\n")[line : end_line + 1]
    if re.match(r"-[^\s-]", rows[0][col:]):
        return None  # "-profil" then "- notion": the checker says where the space goes
    for offset, row in enumerate(rows[1:], start=1):
        item = _ITEM.match(row)
        if not item:
            continue
        if isinstance(key, int):  # "- a" then " - b": the second dash is read as text
            dash = rows[0][:col].rstrip()
            return (
                line + offset + 1,
                len(item.group(1)) + 1,
                msg("mistake-dash-align", line=line + 1, col=len(dash)),
            )
        # a list whose first item lacks its dash: YAML reads the whole list as one text
        return line + 1, col + 1, msg("mistake-no-dash", item=shorten(rows[0][col:].strip()))
    next_line = line + 2
    if isinstance(key, int):
        return next_line, _indent(rows[1]) + 1, msg("mistake-item-folded", line=line + 1)
    if key in MARKDOWN_FIELDS:
        return line + 1, col + 1, msg("mistake-no-pipe", key=key)
    return next_line, _indent(rows[1]) + 1, msg("mistake-one-line", key=key, line=line + 1)


def _block_text(lines: list[str]) -> list[bool]:
    """Which lines are the text of a block scalar (``key: |``): prose, never a slip."""
    inside = [False] * len(lines)
    number = 0
    while number < len(lines):
        start = _BLOCK_START.match(lines[number])
        number += 1
        if not start:
            continue
        # the text is indented deeper than its key (or than the dash of "- |")
        owner = start.start(2) if start.group(2) else len(start.group(1))
        while number < len(lines) and (not lines[number].strip() or _indent(lines[number]) > owner):
            inside[number] = True
            number += 1
    return inside


def _quote_end(lines: list[str], line: int, col: int) -> tuple[int, int] | None:
    """Where the quoted text opened at ``(line, col)`` ends, as YAML reads it (None: never)."""
    quote = lines[line][col]
    number, index = line, col + 1
    while number < len(lines):
        row = lines[number]
        while index < len(row):
            char = row[index]
            if quote == '"' and char == "\\":
                index += 2
                continue
            if char == quote:
                if quote == "'" and row[index + 1 : index + 2] == "'":
                    index += 2  # '' is an apostrophe inside single quotes
                    continue
                return number, index
            index += 1
        number, index = number + 1, 0
    return None


def _closed_early(lines: list[str], stop: int, block: list[bool]) -> Found | None:
    """``term: 'Accord d'entreprise'``: the apostrophe (or a ``"`` inside double quotes)
    closes the quoted text, and YAML stumbles on the rest of the line."""
    opened = _QUOTED_VALUE.match(lines[stop])
    if not opened or block[stop]:
        return None
    start = opened.start(3)
    end = _quote_end(lines, stop, start)
    if end is None or end[0] != stop:
        return None
    row, close = lines[stop], end[1]
    rest = row[close + 1 :]
    if not rest.strip() or rest.lstrip()[:1] in ("#", ",", "]", "}", ":"):
        return None
    left = row.rfind(" ", start, close) + 1 or start + 1
    right = row.find(" ", close)
    word = row[left : right if right != -1 else len(row)].strip("'\"")
    which = "mistake-apostrophe-closes" if row[start] == "'" else "mistake-quote-closes"
    return stop + 1, close + 1, msg(which, word=shorten(word), col=start + 1)


def _runs_on(lines: list[str], stop: int, block: list[bool]) -> Found | None:
    """A quotation mark not closed on its line, whose text swallows the next keys or items
    (another quote further down closes it, so YAML stops far below the slip)."""
    number = 0
    while number <= stop:
        opened = _QUOTED_VALUE.match(lines[number])
        if not opened or block[number]:
            number += 1
            continue
        start = opened.start(3)
        end = _quote_end(lines, number, start)
        last = end[0] if end else len(lines) - 1
        owner = len(opened.group(1))  # the key's or the dash's column
        for row in lines[number + 1 : last + 1]:
            if (_KEY.match(row) or _ITEM.match(row)) and _indent(row) <= owner:
                quote = lines[number][start]
                return number + 1, start + 1, msg("mistake-unclosed-quote", quote=quote)
        number = max(last, number) + 1
    return None


def _left_block(lines: list[str], stop: int, block: list[bool]) -> Found | None:
    """A line of a block text (``definition: |``) typed without its indentation: YAML ends
    the text there and stumbles on what follows."""
    number = 0
    while number <= stop:
        start = _BLOCK_START.match(lines[number]) if not block[number] else None
        number += 1
        if not start:
            continue
        indent = None
        while number < len(lines) and block[number]:
            if indent is None and lines[number].strip():
                indent = _indent(lines[number])
            number += 1
        if indent is None:  # its first line is the one typed flush left: the next tell
            owner = start.start(2) if start.group(2) else len(start.group(1))
            after = [row for row in lines[number + 1 : stop + 2] if row.strip()]
            indent = _indent(after[0]) if after and _indent(after[0]) > owner else None
        row = lines[number] if number <= stop else ""
        if indent and _is_text(row) and not row.lstrip().startswith("#"):
            key = start.group(2) or "-"
            return number + 1, _indent(row) + 1, msg("mistake-block-indent", key=key, n=indent)
    return None


def _item_misaligned(lines: list[str], stop: int, block: list[bool]) -> Found | None:
    """An item whose dash is one or two spaces off the dash of the item above."""
    item = _ITEM.match(lines[stop])
    if not item or block[stop]:
        return None
    dash = len(item.group(1))
    for number in range(stop - 1, -1, -1):
        row = lines[number]
        if block[number] or not row.strip() or row.lstrip().startswith("#"):
            continue
        above = _ITEM.match(row)
        if above:
            shift = dash - len(above.group(1))
            if shift == 0 or abs(shift) > 2:
                return None
            which = "mistake-item-indent-more" if shift > 0 else "mistake-item-indent-less"
            return stop + 1, dash + 1, msg(which, n=abs(shift), line=number + 1)
        if _indent(row) <= dash:
            return None
    return None


def _dash_missing(lines: list[str], start: int, block: list[bool]) -> Found | None:
    """An item written without its ``- ``: a text, or a key of the items above, at the
    column of the list's dashes."""
    row = lines[start]
    key = _KEY.match(row)
    if key and not _ITEM.match(row) and not block[start]:
        item = _sibling(lines, start, block, above=True)
        if item is not None and _key_in_items(lines, item, start, key.group(2)):
            return start + 1, _indent(row) + 1, msg("mistake-no-dash", item=shorten(row.strip()))
    indent = _indent(row)
    for number in range(start, -1, -1):
        row = lines[number]
        if block[number] or not row.strip() or row.lstrip().startswith("#"):
            continue
        if _indent(row) < indent or (_KEY.match(row) and _indent(row) <= indent):
            return None
        if (
            _is_text(row)
            and _indent(row) == indent
            and any(_sibling(lines, number, block, above) is not None for above in (True, False))
        ):
            return number + 1, indent + 1, msg("mistake-no-dash", item=shorten(row.strip()))
        if _is_text(row) and _indent(row) > indent and _opens_list(lines, number, indent):
            # "aliases:", its first item without a dash (deeper), then "- " items
            return number + 1, _indent(row) + 1, msg("mistake-no-dash", item=shorten(row.strip()))
    return None


def _opens_list(lines: list[str], number: int, indent: int) -> bool:
    """Is the line above ``number`` a key without a value, less indented than ``indent``?"""
    above = _previous(lines, number)
    key = _KEY.match(lines[above]) if above is not None else None
    return bool(key) and not lines[above][key.end() :].strip() and _indent(lines[above]) < indent


def _sibling(lines: list[str], number: int, block: list[bool], above: bool) -> int | None:
    """The nearest item (``- …``) above or below ``number`` with its dash at the indentation
    of ``number``, if no line less indented comes between."""
    indent = _indent(lines[number])
    others = range(number - 1, -1, -1) if above else range(number + 1, len(lines))
    for other in others:
        row = lines[other]
        if block[other] or not row.strip() or row.lstrip().startswith("#"):
            continue
        if _indent(row) > indent:
            continue
        item = _ITEM.match(row)
        return other if item and len(item.group(1)) == indent else None
    return None


def _key_in_items(lines: list[str], item: int, stop: int, key: str) -> bool:
    """Does ``key`` start the item at line ``item``, or sit in it, before line ``stop``?"""
    column = _indent(lines[item]) + 2
    for row in lines[item:stop]:
        found = _KEY.match(row)
        if found and found.start(2) == column and found.group(2) == key:
            return True
    return False


def _glued(lines: list[str], stop: int, block: list[bool]) -> Found | None:
    """``category:strategy`` or ``-profil``: the last such line up to the error."""
    for number in range(stop, -1, -1):
        line = lines[number]
        if block[number]:
            continue  # "-30 % de leads" in a definition is prose
        key = _GLUED_KEY.match(line)
        if key and (key.group(2) in FIELDS or key.group(2) in languages.codes()):
            colon = key.end()
            fixed = shorten(f"{line[key.start(2) : colon]} {line[colon:].strip()}")
            return number + 1, colon + 1, msg("mistake-colon-space", fixed=fixed)
        dash = _GLUED_DASH.match(line)
        if dash and not line.startswith("---"):
            fixed = shorten(f"- {line[dash.end() :].strip()}")
            return number + 1, dash.end() + 1, msg("mistake-dash-space", fixed=fixed)
    return None


def _misaligned(lines: list[str], stop: int, block: list[bool]) -> Found | None:
    """A key one or two spaces off the key above it, which holds a value (so no child); the
    key above may open an item (``- symbol: p``): it sits at its key's column."""
    for number in range(stop, 0, -1):
        key = _KEY.match(lines[number])
        if block[number] or not key or lines[number].lstrip().startswith("- "):
            continue
        above = _previous(lines, number)
        if above is None:
            return None
        sibling = _KEY.match(lines[above])
        if not sibling or block[above]:
            continue
        in_item = lines[above].lstrip().startswith("- ")
        has_value = lines[above][sibling.end() :].strip() not in ("", "|", ">", "|-", ">-")
        shift = len(key.group(1)) - sibling.start(2)
        if in_item and shift < 0 and len(key.group(1)) <= _indent(lines[above]):
            continue  # a key after a list: the list's end, or a missing dash (_dash_missing)
        if (shift > 0 and has_value) or (
            shift < 0 and (in_item or not _is_open_level(lines, above, key))
        ):
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


def _continued(lines: list[str], stop: int, block: list[bool]) -> Found | None:
    """A text line where a key or an item was expected: a dash or a ``|`` is missing."""
    number = stop
    while number > 0 and (not lines[number].strip() or _KEY.match(lines[number])):
        number -= 1
    line = lines[number]
    if block[number] or not _is_text(line) or line.lstrip().startswith("#"):
        return None
    indent = _indent(line)
    above = _previous(lines, number)
    if above is None:
        return None
    item = _ITEM.match(lines[above])
    if item and len(item.group(1)) == indent:
        return number + 1, indent + 1, msg("mistake-no-dash", item=shorten(line.strip()))
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


def shorten(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# PyYAML's problems, as data: French readers get them in French, English ones word for word.
_PYYAML_FOUND = [
    (re.compile(r"expected <block end>, but found (.+)$"), "pyyaml-block-end"),
    (re.compile(r"expected the node content, but found (.+)$"), "pyyaml-node-content"),
    (re.compile(r"expected a comment or a line break, but found (.+)$"), "pyyaml-line-end"),
    (re.compile(r"expected alphabetic or numeric character, but found (.+)$"), "pyyaml-name"),
    (re.compile(r"found character (.+) that cannot start any token$"), "pyyaml-cannot-start"),
    (re.compile(r"found unknown escape character (.+)$"), "pyyaml-escape"),
    (re.compile(r"found undefined tag handle (.+)$"), "pyyaml-undefined-tag"),
]
_PYYAML_FLOW = re.compile(r"expected ',' or '([\]}])', but got (.+)$")
_PYYAML_FIXED = {
    "mapping values are not allowed here": "pyyaml-colon-here",
    "sequence entries are not allowed here": "pyyaml-dash-here",
    "could not find expected ':'": "pyyaml-no-colon",
    "found unexpected end of stream": "pyyaml-end-of-file",
    "found unexpected document separator": "pyyaml-separator",
    "invalid indentation or unclosed '[' or '{'": "pyyaml-indentation",
    "did not find expected key": "pyyaml-no-key",
    "did not find expected '-' indicator": "pyyaml-no-dash",
}
_PYYAML_TOKENS = {
    "'<scalar>'": "pyyaml-token-scalar",
    "'?'": "pyyaml-token-key",
    "'-'": "pyyaml-token-dash",
    "'<block mapping start>'": "pyyaml-token-mapping",
    "'<block sequence start>'": "pyyaml-token-sequence",
    "'<block end>'": "pyyaml-token-block-end",
    "'<stream end>'": "pyyaml-token-stream-end",
    "'<document start>'": "pyyaml-token-document",
    "'<anchor>'": "pyyaml-token-anchor",
    "'<alias>'": "pyyaml-token-alias",
    "'<tag>'": "pyyaml-token-tag",
}


def pyyaml_problem(problem: str) -> Message | str:
    """PyYAML's ``problem`` as a message in both languages (its own words in English), or
    as it is when it is not one of the usual ones."""
    if problem in _PYYAML_FIXED:
        return msg(_PYYAML_FIXED[problem])
    flow = _PYYAML_FLOW.match(problem)
    if flow:
        return msg("pyyaml-flow-end", closing=flow.group(1), found=_token(flow.group(2)))
    for pattern, message_id in _PYYAML_FOUND:
        found = pattern.match(problem)
        if found:
            return msg(message_id, found=_token(found.group(1)))
    return problem


def _token(said: str) -> Message | str:
    if said in _PYYAML_TOKENS:
        return msg(_PYYAML_TOKENS[said])
    if len(said) >= 3 and said[0] == said[-1] == "'":  # a character: '%'
        return msg("pyyaml-char", char=said[1:-1])
    return said
