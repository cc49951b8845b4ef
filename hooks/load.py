"""Read one YAML entry file into plain Python data, remembering where each value sits.

PyYAML's ``safe_load`` loses data silently (DESIGN.md, fact 7): it keeps the last of two
duplicate keys and reads ``no``/``on``/``yes``/``off`` as booleans. So we compose the node tree
ourselves and convert it with YAML 1.2 core rules, refusing duplicates, anchors and aliases
(alias bombs), deep nesting and oversized files, each with a position and a plain message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

try:  # libyaml, compiled into PyYAML's wheels: scans and composes in C (DESIGN.md, fact 13)
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml: the Python path only
    CParser = None

from hooks import languages, yaml_mistakes
from hooks.problems import Message, Problem, msg

MAX_BYTES = 256 * 1024  # a long entry is ~10 KiB; anything near this is a mistake or an attack
MAX_DEPTH = 12  # the format nests 4 levels deep

# A key path into the data: ("fr", "sources", 0, "url").
KeyPath = tuple[str | int, ...]

STR, INT, FLOAT, BOOL, NULL = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")
)


class Scalar(NamedTuple):  # a tuple: made once per value, 70,000 times at 1,000 entries
    """Where a scalar's text starts, to point inside block texts."""

    line: int  # 1-based line of the node
    col: int  # 1-based column of the node
    style: str | None  # None (plain), "'", '"', "|" or ">"
    indent: int  # for block scalars: column (0-based) where content lines start


@dataclass
class Document:
    """A loaded file: its data and the position of every value and key."""

    path: str
    data: Any = None
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[KeyPath, Scalar] = field(default_factory=dict)
    # every text value with its path, in the order of the file (what the text rules read)
    strings: list[tuple[KeyPath, str]] = field(default_factory=list)

    def at(self, path: KeyPath) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest ancestor."""
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_at(self, path: KeyPath) -> tuple[int, int]:
        """Position of the key naming ``path`` (falls back to the value)."""
        return self.keys.get(path) or self.at(path)

    def inside(self, path: KeyPath, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` of the string at ``path``, as well as we can tell."""
        scalar = self.scalars.get(path)
        text = self._get(path)
        if scalar is None or not isinstance(text, str):
            return self.at(path)
        before = text[:offset]
        newlines = before.count("\n")
        column_in_line = offset - (before.rfind("\n") + 1)
        if scalar.style == "|":
            return scalar.line + 1 + newlines, scalar.indent + 1 + column_in_line
        if newlines == 0 and scalar.style in (None, "'", '"'):
            quote = 0 if scalar.style is None else 1
            return scalar.line, scalar.col + quote + column_in_line
        return scalar.line, scalar.col

    def _get(self, path: KeyPath) -> Any:
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value


class _LoadError(Exception):
    def __init__(self, line: int, col: int, message: Message) -> None:
        super().__init__(message.id)
        self.line, self.col, self.message = line, col, message


class _EntryLoader(Reader, Scanner, Parser, Composer, BaseResolver):
    """A composer that refuses anchors, aliases and deep nesting before building anything."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _mark_error(event.start_mark, msg("alias"))
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise _mark_error(event.start_mark, msg("anchor"))
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _mark_error(
                    event.start_mark,
                    msg("too-deep", depth=MAX_DEPTH),
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# YAML 1.2 core schema: only true/false are booleans, so `no` stays the text "no".
for _tag, _pattern, _first in (
    (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    _EntryLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


# Where an anchor (&a) or alias (*a) could start, and flow brackets that could nest deeply: a
# file without them needs no event-by-event look before libyaml composes it.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:?-])[&*][^\s\[\]{},]")


class _FastEntryLoader(*((CParser, BaseResolver) if CParser else (BaseResolver,))):  # type: ignore[misc]
    """libyaml's parser and composer with the loader's YAML 1.2 resolver (no anchors checked)."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        BaseResolver.__init__(self)

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        """``BaseResolver.resolve`` for the loader's resolvers only (no path resolvers)."""
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in _FIRST_CHARACTER.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers: libyaml calls this for every node

    def ascend_resolver(self) -> None:
        pass


_FIRST_CHARACTER = _EntryLoader.yaml_implicit_resolvers
SEQ, MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _compose_fast(text: str) -> tuple[bool, Node | None]:
    """``(True, root)`` when libyaml reads ``text`` exactly as the Python composer would.

    ``(False, None)`` sends the file to the pure-Python path: anything libyaml rejects (its
    messages differ from PyYAML's, which the corpus pins), an anchor, an alias or deep nesting
    (refused there with their position).
    """
    if CParser is None:
        return False, None
    # libyaml refuses the same control characters as PyYAML's reader, so they fall back too.
    maybe_anchor = ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text)
    if (maybe_anchor or text.count("[") + text.count("{") > MAX_DEPTH) and not _events_are_plain(
        text
    ):
        return False, None
    loader = _FastEntryLoader(text)
    try:
        return True, loader.get_single_node()
    except Exception:
        return False, None
    finally:
        loader.dispose()


def _events_are_plain(text: str) -> bool:
    """No anchor, no alias, nesting within ``MAX_DEPTH``: libyaml's events, read one by one."""
    parser = CParser(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is AliasEvent or getattr(event, "anchor", None) is not None:
                return False
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH - 1:
                    return False
            elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                depth -= 1
            elif kind is yaml.StreamEndEvent:
                return True
    except Exception:
        return False
    finally:
        parser.dispose()


def _mark_error(mark: Any, message: Message) -> _LoadError:
    return _LoadError(mark.line + 1, mark.column + 1, message)


# PyYAML's wording, explained for people who do not write YAML every day (when
# yaml_mistakes.py finds no common mistake to point at instead).
_HINTS = {
    "mapping values are not allowed here": msg("hint-colon-in-value"),
    "could not find expected ':'": msg("hint-missing-colon"),
    "found unexpected end of stream": msg("hint-unclosed-quote"),
    "found unknown escape character": msg("hint-escape"),
    "expected <block end>, but found": msg("hint-align-line"),
    "did not find expected key": msg("hint-align-line"),
    "did not find expected '-' indicator": msg("hint-align-item"),
    "found character '%' that cannot start any token": msg("hint-quote-start", sign="%"),
    "found character '@' that cannot start any token": msg("hint-quote-start", sign="@"),
    "found character '`' that cannot start any token": msg("hint-quote-start", sign="`"),
}


def _explain(problem: str) -> Message:
    said = yaml_mistakes.pyyaml_problem(problem)  # in French too
    for start, hint in _HINTS.items():
        if problem.startswith(start):
            return msg("invalid-yaml-explained", hint=hint, problem=said)
    return msg("invalid-yaml", hint=said)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def load_document(path: Path, shown_as: str) -> tuple[Document, list[Problem]]:
    """Load ``path``; problems are reported against ``shown_as`` (the path a person typed)."""
    doc = Document(shown_as)
    problems: list[Problem] = []

    def report(line: int, col: int, message: Message) -> None:
        problems.append(Problem(shown_as, line, col, message))

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            report(
                1,
                1,
                msg("file-too-big", size=size // 1024, limit=MAX_BYTES // 1024),
            )
            return doc, problems
        raw = path.read_bytes()
    except OSError as error:
        report(1, 1, msg("cannot-read", reason=error.strerror))
        return doc, problems

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        report(line, col, msg("not-utf8", byte=f"{raw[error.start]:02X}"))
        return doc, problems
    return load_text(text, shown_as)


def load_text(text: str, shown_as: str) -> tuple[Document, list[Problem]]:
    """Load an entry's text (what ``load_document`` does once the file is read and decoded)."""
    doc = Document(shown_as)
    problems: list[Problem] = []

    def report(line: int, col: int, message: Message) -> None:
        problems.append(Problem(shown_as, line, col, message))

    text = text.removeprefix("\ufeff")

    for number, line_text in enumerate(text.split("\n"), start=1):
        if "\t" in line_text:
            report(number, line_text.index("\t") + 1, msg("tab"))
    text = text.replace("\t", " ")  # keep going, to report every other problem too

    if not text.strip():
        report(1, 1, msg("file-empty", lang=languages.default()))
        return doc, problems

    try:
        fast, root = _compose_fast(text)
        if fast and root is not None:
            found_before = len(problems)
            try:
                doc.data = _convert(root, (), doc, text, problems)
                return doc, problems
            except _TooDeep:  # the Python path below says where, exactly as it always has
                fast = False
                del problems[found_before:]
                doc.values.clear()
                doc.keys.clear()
                doc.scalars.clear()
                doc.strings.clear()
        if not fast:
            loader = _EntryLoader(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
        if root is None:
            report(1, 1, msg("file-no-data", lang=languages.default()))
            return doc, problems
        doc.data = _convert(root, (), doc, text, problems)
    except _LoadError as error:
        report(error.line, error.col, error.message)
    except yaml.MarkedYAMLError as error:
        if problems:  # tabs break YAML's indentation: fix them first, then see what remains
            return doc, problems
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        found = yaml_mistakes.diagnose(text, error)
        if (error.context or "").startswith("expected a single document"):
            report(line, col, msg("two-documents"))
        elif found:
            report(*found)
        else:
            report(line, col, _explain(error.problem or error.context or "unreadable YAML"))
    except yaml.reader.ReaderError as error:
        line, col = _position(text, error.position)
        report(line, col, msg("bad-character", code=f"{error.character:04X}"))
    except yaml.YAMLError as error:  # any other PyYAML complaint, still without a traceback
        report(1, 1, msg("invalid-yaml", hint=str(error)))
    return doc, problems


class _TooDeep(Exception):
    """libyaml composed a tree deeper than ``MAX_DEPTH``: the Python path reports it."""


def _convert(
    node: Node, path: KeyPath, doc: Document, text: str, problems: list[Problem], depth: int = 1
) -> Any:
    """Build plain data; a duplicate key is reported and the first value kept, to go on."""
    if depth > MAX_DEPTH:
        raise _TooDeep
    mark = node.start_mark
    line, col = mark.line + 1, mark.column + 1
    doc.values[path] = (line, col)
    kind = type(node)
    if kind is ScalarNode:
        style = node.style or None  # libyaml says "" for plain
        indent = _block_indent(text, mark.index) if style in ("|", ">") else 0
        doc.scalars[path] = Scalar(line, col, style, indent)
        if style is None and node.end_mark.line != mark.line:  # YAML folds it: say so
            found = yaml_mistakes.folded(
                text, mark.line, mark.column, node.end_mark.line, path[-1] if path else ""
            )
            if found:
                problems.append(Problem(doc.path, *found))
        value = node.value if node.tag == STR else _scalar(node)
        if type(value) is str:
            doc.strings.append((path, value))
        return value
    if kind is SequenceNode:
        return [
            _convert(item, (*path, index), doc, text, problems, depth + 1)
            for index, item in enumerate(node.value)
        ]
    if kind is MappingNode:
        result: dict[str, Any] = {}
        new_item = False  # a list item holding its first key again: a "- " is missing
        for key_node, value_node in node.value:
            key_line, key_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag != STR:
                shown = key_node.value if isinstance(key_node, ScalarNode) else "…"
                raise _LoadError(key_line, key_col, msg("key-not-plain", key=shown))
            key = key_node.value
            if key in result:
                first_line = doc.keys[(*path, key)][0]
                if new_item:
                    continue  # the rest of that item: one problem is enough
                message = msg("duplicate-key", key=key, first=first_line)
                if path and isinstance(path[-1], int) and key == next(iter(result)):
                    new_item = True
                    row = text.split("\n")[key_line - 1].strip()
                    message = msg(
                        "mistake-no-dash-duplicate",
                        key=key,
                        first=first_line,
                        item=yaml_mistakes.shorten(row),
                        dash=line,
                    )
                problems.append(Problem(doc.path, key_line, key_col, message))
                continue
            doc.keys[(*path, key)] = (key_line, key_col)
            result[key] = _convert(value_node, (*path, key), doc, text, problems, depth + 1)
        return result
    raise _LoadError(
        line, col, msg("invalid-yaml", hint="unsupported YAML node")
    )  # pragma: no cover - PyYAML has no other


def _block_indent(text: str, start: int) -> int:
    """Indentation of the first non-blank line after the line holding ``start``."""
    end = text.find("\n", start)
    while end != -1:
        line_end = text.find("\n", end + 1)
        row = text[end + 1 : line_end if line_end != -1 else len(text)]
        if row.strip():
            return len(row) - len(row.lstrip(" "))
        end = line_end
    return 0


def _scalar(node: ScalarNode) -> Any:
    value: str = node.value
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag == STR:
        return value
    if node.tag == NULL:
        return None
    if node.tag == BOOL:
        return value.lower() == "true"
    try:
        if node.tag == INT:
            if value.startswith(("0o", "0x")):
                return int(value[2:], 8 if value[1] == "o" else 16)
            return int(value)
        if node.tag == FLOAT:
            lowered = value.lower()
            if lowered.endswith("nan"):
                return float("nan")
            if lowered.endswith("inf"):
                return float("-inf") if value.startswith("-") else float("inf")
            return float(value)
    except ValueError:
        raise _LoadError(line, col, msg("number-too-long")) from None
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise _LoadError(line, col, msg("unsupported-tag", tag=tag))
