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
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hooks import languages, names, typography
from hooks.collate import fold
from hooks.fast_schema import compile_schema
from hooks.load import Document, KeyPath, load_document
from hooks.markup import OPT_OUT
from hooks.model import CATEGORIES, Glossary, entry_from_data
from hooks.problems import REFERENCE, Message, Problem, catalogue, msg

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EXTENSIONS = (".yml", ".yaml")
MIN_DEFINITION_WORDS = 80
SCHEMA_FILE = "schema.json"


@dataclass
class _File:
    """One YAML file found in the folder, with what we learnt of it."""

    path: Path
    shown: str
    entry_id: str
    doc: Document | None = None


def check_glossary(
    directory: Path, shown_dir: str | None = None, sound: bool = False
) -> tuple[Glossary, list[Problem]]:
    """Check ``directory``; return the glossary of valid entries and every problem found.

    The glossary is only meant to be used when the problem list is empty; it is then empty,
    unless ``sound``: it then holds the entries whose files have no problem (what the rules on
    pages can still go by while another entry is being fixed).
    """
    # The loaded trees hold no reference cycles, and the cycle collector walking 100,000 young
    # objects again and again cost a quarter of the check at 1,000 entries: pause it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_glossary(directory, shown_dir, sound)
    finally:
        if collecting:
            gc.enable()


def _check_glossary(
    directory: Path, shown_dir: str | None, sound: bool
) -> tuple[Glossary, list[Problem]]:
    shown_dir = str(directory) if shown_dir is None else shown_dir
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(shown_dir, 1, 1, msg("no-folder")))
        return Glossary(()), problems

    files = list(_find_files(directory, shown_dir, problems))
    validator, certainly_valid = _validators(_schema_path(directory))
    for file in files:
        file.doc, load_problems = load_document(file.path, file.shown)
        problems.extend(load_problems)
        if file.doc.data is None:
            continue
        if not isinstance(file.doc.data, dict):
            problems.append(Problem(file.shown, 1, 1, msg("not-a-mapping")))
            continue
        try:
            problems.extend(file_problems(file.doc, validator, certainly_valid))
        except Exception as error:  # a gap in our rules must not cost the contributor a traceback
            file.doc.data = None  # and the entry is left out of the cross-entry rules
            message = msg("not-checked", error=type(error).__name__)
            problems.append(Problem(file.shown, 1, 1, message))

    known = {file.entry_id for file in files}
    problems.extend(_related_problems(files, known))
    problems.extend(_link_problems(files, known))
    problems.extend(names.clash_problems(files))  # names, status, homonyms: hooks/names.py
    problems.extend(names.deprecated_in_entries(files))

    with_problems = {problem.path for problem in problems} if sound else None
    entries = [
        entry_from_data(file.entry_id, file.shown, file.doc.data)
        for file in files
        if file.doc is not None
        and (not problems or (with_problems is not None and file.shown not in with_problems))
    ]
    return Glossary(tuple(sorted(entries, key=lambda entry: entry.id))), sorted(set(problems))


def file_problems(
    doc: Document, validator: _Validator, certainly_valid: Callable[[Any], bool]
) -> list[Problem]:
    """The schema and text rules on one loaded entry (the preview reuses them while the file
    is unchanged: ``hooks/preview.py``)."""
    found = [] if certainly_valid(doc.data) else list(_schema_problems(validator, doc))
    found.extend(_text_problems(doc))
    return found


def _schema_path(directory: Path) -> Path:
    """The schema beside the entries (editors use the same file), else the project's own."""
    own = directory / SCHEMA_FILE
    return (
        own if own.is_file() else Path(__file__).resolve().parent.parent / "glossary" / SCHEMA_FILE
    )


def _validators(path: Path) -> tuple[_Validator, Callable[[Any], bool]]:
    """The schema's validator (exact errors) and compiled yes/no test, made once per text and
    set of languages."""
    return _compiled(path.read_text(encoding="utf-8"), languages.codes())


class _Validator:
    """``jsonschema``'s validator, imported and built only when an entry needs exact errors:
    a glossary without a schema error never pays for it (a tenth of ``glossary check``)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._made: Draft202012Validator | None = None

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        if self._made is None:
            from jsonschema import Draft202012Validator

            self._made = Draft202012Validator(self.schema)
        return self._made.iter_errors(instance)


@cache
def _compiled(text: str, codes: tuple[str, ...]) -> tuple[_Validator, Callable[[Any], bool]]:
    schema = for_languages(json.loads(text), codes)
    return _Validator(schema), compile_schema(schema)


def for_languages(schema: dict[str, Any], codes: tuple[str, ...]) -> dict[str, Any]:
    """The schema with one ``<code>:`` property per declared language, the first (default)
    one required: schema.json lists the shipped languages for editors; mkdocs.yml decides."""
    language = "#/$defs/language"
    properties = {
        key: value
        for key, value in schema["properties"].items()
        if not (isinstance(value, dict) and value.get("$ref") == language)
    }
    for code in codes:
        declared = schema["properties"].get(code) or {}
        description = declared.get("description") or f"The entry in {languages.get(code).name}."
        properties[code] = {"$ref": language, "description": description}
    required = [key for key in schema.get("required", ()) if key in properties and key not in codes]
    return {**schema, "properties": properties, "required": [codes[0], *required]}


def _language_word(code: str) -> Message | str:
    """``fr`` → "French" / « français » in the contributor's language; else its own name."""
    return (
        msg(f"language-{code}") if f"language-{code}" in catalogue() else languages.get(code).name
    )


# --- files -------------------------------------------------------------------------------------


def _find_files(directory: Path, shown_dir: str, problems: list[Problem]) -> Iterator[_File]:
    seen: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or not path.name.lower().endswith(EXTENSIONS):
            continue
        relative = path.relative_to(directory).as_posix()
        shown = os.path.join(shown_dir, relative) if shown_dir else relative
        if path.parent != directory:
            problems.append(Problem(shown, 1, 1, msg("nested-file", folder=shown_dir or ".")))
            continue
        stem, suffix = os.path.splitext(path.name)
        if suffix not in EXTENSIONS:
            problems.append(Problem(shown, 1, 1, msg("extension-case", suffix=suffix, stem=stem)))
        if not ID_PATTERN.match(stem):
            problems.append(
                Problem(shown, 1, 1, msg("bad-file-name", stem=stem, suggested=suggested_id(stem)))
            )
        if stem in seen:
            message = msg("id-taken", id=stem, other=seen[stem])
            problems.append(Problem(shown, 1, 1, message))
            continue
        seen[stem] = shown
        yield _File(path, shown, stem)


def suggested_id(name: str) -> str:
    """A valid id close to ``name``: ``Lead Scoring`` → ``lead-scoring``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-") or "term"


# --- schema ------------------------------------------------------------------------------------


def _schema_problems(validator: _Validator, doc: Document) -> Iterator[Problem]:
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


_TYPE_HINTS = {"array": msg("type-hint-array"), "object": msg("type-hint-object")}


def _found(value: Any) -> Message:
    if value is None:
        return msg("found-nothing")
    if isinstance(value, bool):
        return msg("found-boolean", value=str(value).lower())
    if isinstance(value, (int, float)):
        return msg("found-number", value=value)
    if isinstance(value, str):
        return msg("found-text")
    if isinstance(value, list):
        return msg("found-list")
    return msg("found-group")


def _type_word(kind: str) -> Message | str:
    return msg(f"type-{kind}") if f"type-{kind}" in catalogue() else kind


def _custom(text: str) -> Message | str:
    """A schema's x-messages text, as the catalogue message with the same English."""
    for message_id, texts in catalogue().items():
        if message_id.startswith("x-") and texts[REFERENCE] == text:
            return msg(message_id)
    return text  # a new x-message not yet in the catalogue: English in both languages


def _explain_schema_error(error: ValidationError, doc: Document) -> Iterator[Problem]:
    path: KeyPath = tuple(error.absolute_path)
    name = field_name(path)
    custom = error.schema.get("x-messages", {}) if isinstance(error.schema, dict) else {}
    kind = error.validator

    def at(where: KeyPath, message: Message, key: bool = False) -> Problem:
        line, col = doc.key_at(where) if key else doc.at(where)
        return Problem(doc.path, line, col, message)

    if kind in custom:
        yield at(path, msg("custom", name=name, detail=_custom(custom[kind])))
    elif kind == "required":
        present = list(error.instance) if isinstance(error.instance, dict) else []
        for missing in error.validator_value:
            if missing in present or _close(missing, present):
                continue  # a misspelt key gets its own "did you mean" message
            if not path and missing in languages.codes():
                language = _language_word(missing)
                yield at(path, msg("language-missing", language=language, lang=missing))
                continue
            if len(path) == 1 and path[0] in languages.codes():
                language = _language_word(str(path[0]))
                message = msg(
                    "field-missing-in-language", field=missing, language=language, lang=path[0]
                )
            elif path:
                message = msg("field-missing-in", field=missing, name=name)
            else:
                message = msg("field-missing", field=missing)
            yield at(path, message, key=True)
    elif kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        keys = list(error.instance)
        for index, key in enumerate(keys):
            if key in allowed:
                continue
            if " " in key.strip() and index and isinstance(error.instance[keys[index - 1]], str):
                # a sentence read as a field name: the text above went on without "|" and
                # this line holds ": " (French typography puts one before every colon)
                above = (*path, keys[index - 1])
                yield at(above, msg("mistake-no-pipe", key=keys[index - 1]))
                continue
            where = msg("in-name", name=name) if path else ""
            close = _close(key, allowed)
            message = (
                msg("unknown-field", key=key, where=where, close=close)
                if close
                else msg("unknown-field-allowed", key=key, where=where, allowed=", ".join(allowed))
            )
            yield at((*path, key), message, key=True)
    elif (
        kind == "type"
        and error.validator_value == "array"
        and isinstance(error.instance, str)
        and re.match(r"-[^\s-]", error.instance)
    ):
        # "-profil" as the first item: YAML reads the whole list as one text
        first = error.instance.split(" - ")[0]
        yield at(path, msg("mistake-dash-space", fixed=f"- {first[1:]}"))
    elif kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words: Message | str = _type_word(expected[-1])
        for kind_name in reversed(expected[:-1]):
            words = msg("or", a=_type_word(kind_name), b=words)
        hint = _TYPE_HINTS.get(expected[0], "") if len(expected) == 1 else ""
        found = _found(error.instance)
        yield at(path, msg("wrong-type", name=name, expected=words, found=found, hint=hint))
    elif kind == "maxLength":
        yield at(
            path,
            msg("too-long", name=name, length=len(error.instance), limit=error.validator_value),
        )
    elif kind in ("minLength", "minItems"):
        yield at(path, msg("empty", name=name))
    elif kind == "enum":
        options = [str(option) for option in error.validator_value]
        close = _close(str(error.instance), options)
        if close:
            yield at(path, msg("unknown-value-close", name=name, value=error.instance, close=close))
        else:
            options_text = ", ".join(options)
            yield at(
                path, msg("unknown-value", name=name, value=error.instance, options=options_text)
            )
    elif kind == "uniqueItems":
        seen: set[str] = set()
        for index, item in enumerate(error.instance):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                yield at((*path, index), msg("repeated-item", name=field_name((*path, index))))
            seen.add(marker)
    elif kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        yield at(path, msg("bad-year", name=name, low=low, high=high, value=error.instance))
    else:
        yield at(path, msg("schema-other", name=name, detail=error.message))


def _close(word: str, options: list[str]) -> str | None:
    lowered = {option.lower(): option for option in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[matches[0]] if matches else None


# --- text rules --------------------------------------------------------------------------------

_CODE = re.compile(r"`[^`\n]*`")
_URL = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<https?://[^>\s]*>|https?://[^\s)>\]]+")
_SPAN = re.compile(r"\[([^\[\]\n]+)\]\{([^}\n]*)\}")  # never across a link: [MRR](mrr.md) … ]{
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
_SIGNS_LOOKED_FOR = re.compile(r"[<&:;?!%«»€']|\d \d")
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


_FRENCH_SIGNS = re.compile(r"[:;?!%«»€']|\d \d")  # no sign: no French typography to check
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


# A pattern cannot match a text lacking its sign (one or two each): skipping it saves a
# substitution per text.
_SIGNS = {_CODE: ("`",), _URL: ("](", "http"), _ENTITY: ("&",), _SPAN: ("]{",), OPT_OUT: ("<!--",)}


def _masked(text: str, *patterns: re.Pattern[str]) -> str:
    """``text`` with code and URLs blanked out, keeping every offset in place."""
    for pattern in patterns:
        signs = _SIGNS.get(pattern, ())
        if signs and (signs[0] not in text and (len(signs) == 1 or signs[1] not in text)):
            continue  # (no generator: this runs for tens of thousands of texts)
        text = pattern.sub(lambda match: " " * len(match.group()), text)
    return text


def _may_opt_out(path: KeyPath) -> bool:
    """Markdown prose, where ``<!-- glossary-deprecated: off|on -->`` may quote a source."""
    return path[-1] in _PROSE or (len(path) > 2 and path[-2] == "pitfalls")


def _text_problems(doc: Document) -> Iterator[Problem]:
    strings = doc.strings if doc.strings else list(_strings(doc.data))
    french = _french_codes()
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

        def at(offset: int, message: Message, path: KeyPath = path) -> Problem:
            line, col = doc.inside(path, offset)
            return Problem(
                doc.path, line, col, msg("in-field", field=field_name(path), detail=message)
            )

        placeholders = list(_PLACEHOLDER.finditer(text)) if maybe_placeholder else []
        for match in placeholders:
            yield at(
                match.start(),
                msg("placeholder", placeholder=match.group(), advice=_to_write(path)),
            )
        if path[-1:] in (("url",), ("lang",)) or (len(path) > 1 and path[-2] == "related"):
            continue
        # each pattern runs only when its sign is there: most texts have none (2× faster)
        bare = _masked(text, _CODE) if "`" in text else text
        for match in _HTML.finditer(bare) if "<" in bare else ():
            if (
                match.group() == "<!--"
                and _may_opt_out(path)
                and OPT_OUT.match(bare, match.start())
            ):
                continue  # the deprecated-name rule's own comment, in prose (hooks/names.py)
            yield at(match.start(), msg("raw-html", html=match.group()))
        for match in _ENTITY.finditer(bare) if "&" in bare else ():
            yield at(
                match.start(),
                msg("html-entity", entity=match.group()),
            )
        for match in _SPAN.finditer(bare) if "]{" in bare else ():
            if not _LANG_ATTRIBUTE.match(match.group(2)):
                yield at(
                    match.start(),
                    msg("bad-lang-span", attribute=match.group(2)),
                )
        if placeholders:
            continue  # an unfinished text: its form is checked once it is written
        if path[0] in french and path[-1] != "expression" and _FRENCH_SIGNS.search(text):
            yield from _french_typography(text, at)
        if path[1:] == ("summary",):
            yield from _summary_problems(text, at)
        if path[1:] == ("definition",) and text.strip():
            # counted up to the minimum only: most definitions are twice as long
            words = len(list(islice(_WORD.finditer(_masked(text, _URL)), MIN_DEFINITION_WORDS)))
            if words < MIN_DEFINITION_WORDS:
                yield at(
                    0,
                    msg("definition-too-short", words=words, minimum=MIN_DEFINITION_WORDS),
                )


# What to write in place of a placeholder, by field (the last name of its path): the
# catalogue's write-<field> message.
_TO_WRITE = {
    "category", "related", "term", "abbreviation", "aliases", "summary", "definition",
    "expression", "symbol", "meaning", "example", "pitfalls", "title", "author", "publisher",
    "year", "url", "lang",
}  # fmt: skip


def _to_write(path: KeyPath) -> Message:
    """``("fr", "term")`` → ``write the term in French, as practitioners say it``."""
    names = [part for part in path if isinstance(part, str)]
    field = names[-1] if names else ""
    if field == "text" and len(names) > 1 and names[-2] in ("term", "abbreviation", "aliases"):
        field = names[-2]  # {text: …} of a name: what to write is that name
    in_language = _in_language(names[0]) if names and names[0] in languages.codes() else ""
    if field == "category":
        categories = msg("or", a=", ".join(CATEGORIES[:-1]), b=CATEGORIES[-1])
        return msg("write-category", categories=categories)
    if field == "definition":
        return msg("write-definition", in_language=in_language, minimum=MIN_DEFINITION_WORDS)
    message_id = f"write-{field}" if field in _TO_WRITE else "write-text"
    arguments = (
        {"in_language": in_language}
        if "{in_language}" in catalogue()[message_id][REFERENCE]
        else {}
    )
    return msg(message_id, **arguments)


def _in_language(code: str) -> Message | str:
    if f"in-language-{code}" in catalogue():
        return msg(f"in-language-{code}")
    return f"({languages.get(code).name})"


def _french_codes() -> set[str]:
    """The languages declared with French typography (mkdocs.yml)."""
    return {code for code in languages.codes() if languages.get(code).typography == "french"}


def _french_rules(path: KeyPath) -> bool:
    """True in the text of a language declared with French typography (mkdocs.yml)."""
    return bool(path) and path[0] in _french_codes()


def _summary_problems(text: str, at: Any) -> Iterator[Problem]:
    stripped = text.strip()
    if "\n" in stripped:
        yield at(0, msg("summary-one-line"))
    markdown = _MARKDOWN.search(stripped)
    if markdown:
        yield at(markdown.start(), msg("summary-markdown"))
    if stripped and not re.search(r"[.!?…][»”\")]?$", stripped):
        yield at(len(text.rstrip()) - 1, msg("summary-full-stop"))
    for match in _SENTENCE_BREAK.finditer(stripped[:-1]):
        if match.group(1) not in _ABBREVIATIONS:
            yield at(match.end() - 1, msg("summary-one-sentence"))
            break


def _french_typography(text: str, at: Any) -> Iterator[Problem]:
    # words marked as another language ([word]{lang=en}) follow that language's typography
    bare = _masked(text, _CODE, _URL, _ENTITY, _SPAN, OPT_OUT)
    for offset, message in typography.french_problems(bare):
        yield at(offset, message)


def french_text_to_check(path: KeyPath, text: str) -> str | None:
    """What French typography is checked on in the text at ``path`` (code, URLs, entities and
    other-language words blanked out, offsets kept), or None when the rule does not apply.
    ``glossary check --fix`` corrects exactly there."""
    if not _french_rules(path) or path[-1] in ("expression", "url", "lang"):
        return None
    if _may_hold_placeholder(text) and _PLACEHOLDER.search(text):
        return None
    return _masked(text, _CODE, _URL, _ENTITY, _SPAN, OPT_OUT)


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
            if other != file.entry_id and other in known:
                continue
            line, col = file.doc.at(("related", index))
            if other == file.entry_id:
                yield Problem(file.shown, line, col, msg("related-self", id=other))
            elif other not in known:
                close = _close(other, sorted(known))
                message = (
                    msg("related-unknown-close", id=other, close=close)
                    if close
                    else msg("related-unknown", id=other)
                )
                yield Problem(file.shown, line, col, message)


_LINK = re.compile(r"\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
_ENTRY_LINK = re.compile(r"^([a-z0-9-]+)\.md(?:#[\w-]*)?$")


def _link_problems(files: list[_File], known: set[str]) -> Iterator[Problem]:
    for file in files:
        if file.doc is None or not isinstance(file.doc.data, dict):
            continue
        for path, text in file.doc.strings:
            if "](" not in text or (path[-1] not in _PROSE and "pitfalls" not in path):
                continue  # no link (masking code can only hide some)
            for match in _LINK.finditer(_masked(text, _CODE)):
                target = match.group(1)
                line, col = file.doc.inside(path, match.start(1))
                entry = _ENTRY_LINK.match(target)
                if entry and entry.group(1) not in known:
                    close = _close(entry.group(1), sorted(known))
                    name = field_name(path)
                    message = (
                        msg("link-unknown-close", field=name, target=target, close=close)
                        if close
                        else msg("link-unknown", field=name, target=target)
                    )
                    yield Problem(file.shown, line, col, message)
                elif not entry and not re.match(r"^(?:https?://|mailto:|#|\.\./)", target):
                    message = msg("link-nowhere", field=field_name(path), target=target)
                    yield Problem(file.shown, line, col, message)


def normalise_name(name: str) -> str:
    """How names are compared: Unicode NFC, case folding, single spaces."""
    return names.normalise(name)
