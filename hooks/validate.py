"""Check every entry of a glossary folder: schema, text rules, cross-entry rules.

Load → check → record → report: every problem of every file is collected before anything is
reported, each as ``path:line:col: message`` written for a contributor, never a traceback.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from hooks import names, typography
from hooks.collate import fold
from hooks.fast_schema import compile_schema
from hooks.load import Document, KeyPath, load_document
from hooks.model import CATEGORIES, Glossary, entry_from_data
from hooks.problems import Problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EXTENSIONS = (".yml", ".yaml")
MIN_DEFINITION_WORDS = 80
SCHEMA_FILE = "schema.json"

LANGUAGE_NAMES = {"fr": "French", "en": "English"}


@dataclass
class _File:
    """One YAML file found in the folder, with what we learnt of it."""

    path: Path
    shown: str
    entry_id: str
    doc: Document | None = None


def check_glossary(directory: Path, shown_dir: str | None = None) -> tuple[Glossary, list[Problem]]:
    """Check ``directory``; return the glossary of valid entries and every problem found.

    The glossary is only meant to be used when the problem list is empty.
    """
    # The loaded trees hold no reference cycles, and the cycle collector walking 100,000 young
    # objects again and again cost a quarter of the check at 1,000 entries: pause it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_glossary(directory, shown_dir)
    finally:
        if collecting:
            gc.enable()


def _check_glossary(directory: Path, shown_dir: str | None) -> tuple[Glossary, list[Problem]]:
    shown_dir = str(directory) if shown_dir is None else shown_dir
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(shown_dir, 1, 1, "no such folder: the glossary lives in glossary/"))
        return Glossary(()), problems

    files = list(_find_files(directory, shown_dir, problems))
    validator, certainly_valid = _validators(_schema_path(directory))
    for file in files:
        file.doc, load_problems = load_document(file.path, file.shown)
        problems.extend(load_problems)
        if file.doc.data is None:
            continue
        if not isinstance(file.doc.data, dict):
            problems.append(Problem(file.shown, 1, 1, "an entry is a group of fields: fr:, en:, …"))
            continue
        try:
            if not certainly_valid(file.doc.data):
                problems.extend(_schema_problems(validator, file.doc))
            problems.extend(_text_problems(file.doc))
        except Exception as error:  # a gap in our rules must not cost the contributor a traceback
            file.doc.data = None  # and the entry is left out of the cross-entry rules
            message = f"this file could not be checked ({type(error).__name__}): please report it"
            problems.append(Problem(file.shown, 1, 1, message))

    known = {file.entry_id for file in files}
    problems.extend(_related_problems(files, known))
    problems.extend(_link_problems(files, known))
    problems.extend(names.clash_problems(files))  # names, status, homonyms: hooks/names.py
    problems.extend(names.deprecated_in_entries(files))

    entries = [
        entry_from_data(file.entry_id, file.shown, file.doc.data)
        for file in files
        if not problems and file.doc is not None
    ]
    return Glossary(tuple(sorted(entries, key=lambda entry: entry.id))), sorted(set(problems))


def _schema_path(directory: Path) -> Path:
    """The schema beside the entries (editors use the same file), else the project's own."""
    own = directory / SCHEMA_FILE
    return (
        own if own.is_file() else Path(__file__).resolve().parent.parent / "glossary" / SCHEMA_FILE
    )


def _validators(path: Path) -> tuple[Draft202012Validator, Callable[[Any], bool]]:
    """The schema's validator (exact errors) and compiled yes/no test, made once per text."""
    return _compiled(path.read_text(encoding="utf-8"))


@cache
def _compiled(text: str) -> tuple[Draft202012Validator, Callable[[Any], bool]]:
    schema = json.loads(text)
    return Draft202012Validator(schema), compile_schema(schema)


# --- files -------------------------------------------------------------------------------------


def _find_files(directory: Path, shown_dir: str, problems: list[Problem]) -> Iterator[_File]:
    seen: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or not path.name.lower().endswith(EXTENSIONS):
            continue
        relative = path.relative_to(directory).as_posix()
        shown = os.path.join(shown_dir, relative) if shown_dir else relative
        if path.parent != directory:
            problems.append(
                Problem(
                    shown, 1, 1, f"entries sit directly in {shown_dir or '.'}/: move this file up"
                )
            )
            continue
        stem, suffix = os.path.splitext(path.name)
        if suffix not in EXTENSIONS:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"the extension must be .yml in lowercase, not {suffix}: "
                    f"rename the file {stem}.yml",
                )
            )
        if not ID_PATTERN.match(stem):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"the file name '{stem}' is not a valid id: use lowercase letters, digits and "
                    f"hyphens, e.g. '{suggested_id(stem)}.yml'",
                )
            )
        if stem in seen:
            message = f"id '{stem}' is already used by {seen[stem]}: keep one of the two files"
            problems.append(Problem(shown, 1, 1, message))
            continue
        seen[stem] = shown
        yield _File(path, shown, stem)


def suggested_id(name: str) -> str:
    """A valid id close to ``name``: ``Lead Scoring`` → ``lead-scoring``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-") or "term"


# --- schema ------------------------------------------------------------------------------------


def _schema_problems(validator: Draft202012Validator, doc: Document) -> Iterator[Problem]:
    for error in validator.iter_errors(doc.data):
        if isinstance(error.instance, str) and _PLACEHOLDER.search(error.instance):
            continue  # an unfilled value gets one message, the placeholder one (text rules)
        yield from _explain_schema_error(error, doc)


def field_name(path: KeyPath) -> str:
    """``("fr", "sources", 0, "url")`` → ``fr.sources[1].url`` (items counted from 1)."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "the entry"


_TYPE_HINTS = {
    "array": ": put each item on its own line, starting with '- '",
    "object": ": write its fields on the lines below, indented",
}

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (put it in quotes if it is text)"
    if isinstance(value, (int, float)):
        return f"the number {value} (put it in quotes if it is text)"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a group of fields"


def _explain_schema_error(error: ValidationError, doc: Document) -> Iterator[Problem]:
    path: KeyPath = tuple(error.absolute_path)
    name = field_name(path)
    custom = error.schema.get("x-messages", {}) if isinstance(error.schema, dict) else {}
    kind = error.validator

    def at(where: KeyPath, message: str, key: bool = False) -> Problem:
        line, col = doc.key_at(where) if key else doc.at(where)
        return Problem(doc.path, line, col, message)

    if kind in custom:
        yield at(path, f"{name} {custom[kind]}")
    elif kind == "required":
        present = list(error.instance) if isinstance(error.instance, dict) else []
        for missing in error.validator_value:
            if missing in present or _close(missing, present):
                continue  # a misspelt key gets its own "did you mean" message
            if not path and missing in LANGUAGE_NAMES:
                yield at(path, f"the {LANGUAGE_NAMES[missing]} part is missing: add '{missing}:'")
                continue
            where = f" in {name}" if path else ""
            if path in (("fr",), ("en",)):
                where = f" in the {LANGUAGE_NAMES[path[0]]} part ({path[0]})"
            yield at(path, f"'{missing}' is missing{where}: add '{missing}:'", key=True)
    elif kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key in allowed:
                continue
            message = f"unknown field '{key}'" + (f" in {name}" if path else "")
            close = _close(key, allowed)
            message += (
                f": did you mean '{close}'?" if close else f" (allowed: {', '.join(allowed)})"
            )
            yield at((*path, key), message, key=True)
    elif kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        hint = _TYPE_HINTS.get(expected[0], "") if len(expected) == 1 else ""
        yield at(path, f"{name} must be {words}, found {_found(error.instance)}{hint}")
    elif kind == "maxLength":
        yield at(
            path,
            f"{name} is {len(error.instance)} characters long; keep it to "
            f"{error.validator_value} at most",
        )
    elif kind in ("minLength", "minItems"):
        yield at(path, f"{name} is empty: fill it in or remove it")
    elif kind == "enum":
        options = [str(option) for option in error.validator_value]
        close = _close(str(error.instance), options)
        hint = f": did you mean '{close}'?" if close else f"; use one of: {', '.join(options)}"
        yield at(path, f"{name}: unknown value '{error.instance}'{hint}")
    elif kind == "uniqueItems":
        seen: set[str] = set()
        for index, item in enumerate(error.instance):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                yield at(
                    (*path, index),
                    f"{field_name((*path, index))} repeats an earlier item: remove it",
                )
            seen.add(marker)
    elif kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        yield at(path, f"{name} must be a year between {low} and {high}, found {error.instance}")
    else:
        yield at(path, f"{name}: {error.message}")


def _close(word: str, options: list[str]) -> str | None:
    lowered = {option.lower(): option for option in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[matches[0]] if matches else None


# --- text rules --------------------------------------------------------------------------------

_CODE = re.compile(r"`[^`\n]*`")
_URL = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<https?://[^>\s]*>|https?://[^\s)>\]]+")
_SPAN = re.compile(r"\[([^\]\n]+)\]\{([^}\n]*)\}")
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_PLACEHOLDER = re.compile(
    r"\b(?:TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum|à compléter|to be completed)"
)
_MARKDOWN = re.compile(r"\*\*|__|`|\]\(|^\s*#|(?<![\w*])\*[^*\s]|(?<!\w)_[^_\s][^_]*_(?!\w)")
_SENTENCE_BREAK = re.compile(r"([\w.]*)[.!?…]\s+[«\"“(]?\s*[A-ZÀ-ÖØ-Þ]")
_ABBREVIATIONS = {
    "ex",
    "p. ex",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "cf",
    "M",
    "Mr",
    "Mrs",
    "Dr",
    "St",
    "No",
}
_LANG_ATTRIBUTE = re.compile(r"^lang=[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# A superset of what the text rules look for, to skip the rest at once.
# With a placeholder and "]{", a superset of what the text rules look for: a text without
# any is skipped at once (a character class is searched far faster than alternatives).
_SIGNS_LOOKED_FOR = re.compile(r"[<&:;?!%«»€]")
_PLACEHOLDER_HINTS = (
    "todo",
    "tbd",
    "fixme",
    "xxx",
    "lorem ipsum",
    "à compléter",
    "to be completed",
)


def _may_hold_placeholder(text: str) -> bool:
    """A cheap superset of ``_PLACEHOLDER.search(text)``."""
    lowered = text.lower()
    return any(hint in lowered for hint in _PLACEHOLDER_HINTS)


_FRENCH_SIGNS = re.compile(r"[:;?!%«»€]")  # no sign: no French typography to check
_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")

# Fields holding Markdown prose; the others are short plain texts.
_PROSE = {"definition", "example", "meaning"}


def _strings(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))


# A pattern cannot match a text lacking its sign: skipping it saves a substitution per text.
_SIGNS = {_CODE: ("`",), _URL: ("](", "http"), _ENTITY: ("&",), _SPAN: ("]{",)}


def _masked(text: str, *patterns: re.Pattern[str]) -> str:
    """``text`` with code and URLs blanked out, keeping every offset in place."""
    for pattern in patterns:
        signs = _SIGNS.get(pattern, ())
        if signs and not any(sign in text for sign in signs):
            continue
        text = pattern.sub(lambda match: " " * len(match.group()), text)
    return text


def _text_problems(doc: Document) -> Iterator[Problem]:
    strings = doc.strings if doc.strings else list(_strings(doc.data))
    file_may_hold_placeholder = _may_hold_placeholder("\n".join(text for _, text in strings))
    for path, text in strings:
        maybe_placeholder = file_may_hold_placeholder and _may_hold_placeholder(text)
        if (
            not maybe_placeholder
            and path[1:] not in (("summary",), ("definition",))
            and "]{" not in text
            and not _SIGNS_LOOKED_FOR.search(text)
        ):
            continue  # most texts are short names with no sign any rule below looks for

        def at(offset: int, message: str, path: KeyPath = path) -> Problem:
            line, col = doc.inside(path, offset)
            return Problem(doc.path, line, col, f"{field_name(path)}: {message}")

        placeholders = list(_PLACEHOLDER.finditer(text)) if maybe_placeholder else []
        for match in placeholders:
            yield at(
                match.start(),
                f"still holds the placeholder '{match.group()}': {_to_write(path)}",
            )
        if path[-1:] in (("url",), ("lang",)) or (len(path) > 1 and path[-2] == "related"):
            continue
        # each pattern runs only when its sign is there: most texts have none (2× faster)
        bare = _masked(text, _CODE) if "`" in text else text
        for match in _HTML.finditer(bare) if "<" in bare else ():
            yield at(match.start(), f"raw HTML '{match.group()}' is not allowed: write Markdown")
        for match in _ENTITY.finditer(bare) if "&" in bare else ():
            yield at(
                match.start(),
                f"HTML entity '{match.group()}' is not allowed: type the character itself",
            )
        for match in _SPAN.finditer(bare) if "]{" in bare else ():
            if not _LANG_ATTRIBUTE.match(match.group(2)):
                yield at(
                    match.start(),
                    f"'{{{match.group(2)}}}' is not understood: mark a word in another language "
                    "as [word]{lang=en}",
                )
        if placeholders:
            continue  # an unfinished text: its form is checked once it is written
        if path and path[0] == "fr" and path[-1] != "expression" and _FRENCH_SIGNS.search(text):
            yield from _french_typography(text, at)
        if path[1:] == ("summary",):
            yield from _summary_problems(text, at)
        if path[1:] == ("definition",) and text.strip():
            words = len(_WORD.findall(_masked(text, _URL)))
            if words < MIN_DEFINITION_WORDS:
                yield at(
                    0,
                    f"{words} words; a definition needs at least {MIN_DEFINITION_WORDS} "
                    "to explain the term",
                )


# What to write in place of a placeholder, by field (the last name of its path).
_TO_WRITE = {
    "category": "choose one of " + ", ".join(CATEGORIES[:-1]) + f" or {CATEGORIES[-1]}",
    "related": "write the id of a related entry (its file name without .yml)",
    "term": "write the term{lang}, as practitioners say it",
    "abbreviation": "write the abbreviation, e.g. SLA, or remove the line",
    "aliases": "write another name people search for, or remove the item",
    "summary": "write one plain sentence{lang}, 200 characters at most",
    "definition": f"write the definition{{lang}}, {MIN_DEFINITION_WORDS} words at least",
    "expression": "write the formula, e.g. ROI = (G − C) ÷ C × 100",
    "symbol": "write a symbol of the formula",
    "meaning": "write what the symbol stands for{lang}",
    "example": "write a concrete example{lang}, with numbers for a metric, or remove it",
    "pitfalls": "write a usual mistake{lang}, or remove the item",
    "title": "write the title of the work or page",
    "author": "write the author or authors, or remove the line",
    "publisher": "write the publisher, journal or website, or remove the line",
    "year": "write the year of publication, e.g. 2006, or remove the line",
    "url": "write the web address (https://…), or remove the line",
    "lang": "write a language code such as en",
}


def _to_write(path: KeyPath) -> str:
    """``("fr", "term")`` → ``write the term in French, as practitioners say it``."""
    names = [part for part in path if isinstance(part, str)]
    field = names[-1] if names else ""
    if field == "text" and "aliases" in names:
        field = "aliases"
    language = LANGUAGE_NAMES.get(names[0], "") if names else ""
    hint = _TO_WRITE.get(field, "write the text{lang}")
    return hint.replace("{lang}", f" in {language}" if language else "")


def _summary_problems(text: str, at: Any) -> Iterator[Problem]:
    stripped = text.strip()
    if "\n" in stripped:
        yield at(0, "must fit on one line (one plain sentence)")
    markdown = _MARKDOWN.search(stripped)
    if markdown:
        yield at(markdown.start(), "plain text only: no Markdown (links, emphasis, code)")
    if stripped and not re.search(r"[.!?…][»”\")]?$", stripped):
        yield at(len(text.rstrip()) - 1, "must end with a full stop (one plain sentence)")
    for match in _SENTENCE_BREAK.finditer(stripped[:-1]):
        if match.group(1) not in _ABBREVIATIONS:
            yield at(match.end() - 1, "one sentence only: move the rest to the definition")
            break


def _french_typography(text: str, at: Any) -> Iterator[Problem]:
    # words marked as another language ([word]{lang=en}) follow that language's typography
    bare = _masked(text, _CODE, _URL, _ENTITY, _SPAN)
    for offset, message in typography.french_problems(bare):
        yield at(offset, message)


# --- cross-entry rules -------------------------------------------------------------------------


def _related_problems(files: list[_File], known: set[str]) -> Iterator[Problem]:
    for file in files:
        data = file.doc.data if file.doc else None
        related = data.get("related") if isinstance(data, dict) else None
        if not isinstance(related, list):
            continue
        for index, other in enumerate(related):
            if not isinstance(other, str) or not ID_PATTERN.match(other):
                continue  # the schema already said so
            line, col = file.doc.at(("related", index))
            if other == file.entry_id:
                yield Problem(file.shown, line, col, f"related: '{other}' is this entry itself")
            elif other not in known:
                close = _close(other, sorted(known))
                hint = f": did you mean '{close}'?" if close else ""
                yield Problem(file.shown, line, col, f"related: no entry '{other}'{hint}")


_LINK = re.compile(r"\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
_ENTRY_LINK = re.compile(r"^([a-z0-9-]+)\.md(?:#[\w-]*)?$")


def _link_problems(files: list[_File], known: set[str]) -> Iterator[Problem]:
    for file in files:
        if file.doc is None or not isinstance(file.doc.data, dict):
            continue
        for path, text in file.doc.strings:
            if path[-1] not in _PROSE and "pitfalls" not in path:
                continue
            for match in _LINK.finditer(_masked(text, _CODE)):
                target = match.group(1)
                line, col = file.doc.inside(path, match.start(1))
                entry = _ENTRY_LINK.match(target)
                if entry and entry.group(1) not in known:
                    close = _close(entry.group(1), sorted(known))
                    hint = f": did you mean '{close}.md'?" if close else ""
                    message = f"{field_name(path)}: link to unknown entry '{target}'{hint}"
                    yield Problem(file.shown, line, col, message)
                elif not entry and not re.match(r"^(?:https?://|mailto:|#|\.\./)", target):
                    yield Problem(
                        file.shown,
                        line,
                        col,
                        f"{field_name(path)}: link '{target}' leads nowhere: link an entry as "
                        "(id.md) and a web page as (https://…)",
                    )


def normalise_name(name: str) -> str:
    """How names are compared: Unicode NFC, case folding, single spaces."""
    return names.normalise(name)
