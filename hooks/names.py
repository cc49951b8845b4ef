"""The rules of names: usage status, homonyms, clashes, deprecated names in writers' prose.

Each name of an entry (term, abbreviation, alias) has a usage status, as in IATE and TBX:
``preferred`` (the term), ``admitted`` (the default) or ``deprecated`` (to avoid, with a short
note). A name belongs to one entry, unless every entry using it declares it a *homonym* with a
qualifier that tells them apart in lists: ``ICP (indicateur)`` and ``ICP (profil client)``.

Checked here, called by :mod:`hooks.validate` (entries) and by the CLI and the site adapter
(pages):

- a name used by two entries without both declaring it a homonym is reported on the file being
  added or changed, the other file given as the place where the name is already used (see
  :func:`clash_problems` for how that file is chosen);
- a deprecated name written in an entry's text (other than its own entry's), in a page (its
  text, title or description) or in a nav label is reported with the name to write instead; a
  page or an entry's prose may quote it between ``<!-- glossary-deprecated: off -->`` and
  ``<!-- glossary-deprecated: on -->`` (the raw-HTML rule lets those two through in entries,
  and the model drops them: hooks/markup.py);
- a name shared by homonyms is never linked to one of them by the term linker: a page that
  mentions it without linking one of them is told which links to choose from.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from hooks import languages
from hooks.load import Document, KeyPath
from hooks.model import DEPRECATED, Entry, Glossary, Name
from hooks.problems import Message, Problem, msg

T = TypeVar("T")

# Fields of an entry holding prose a deprecated name must not appear in.
_PROSE = {"summary", "definition", "example", "meaning", "pitfalls"}
_PLACEHOLDER = re.compile(
    r"\b(?:TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum|à compléter|to be completed)"
)

WORD = re.compile(r"[^\W_]+")
# What may stand between two words of one name: spaces, a hyphen or an apostrophe.
JOINER = re.compile(r"^(?:[ \u00a0\u202f]+|[ \u00a0\u202f]*[-‐–][ \u00a0\u202f]*|[’'])$")

# Parts of a page or an entry's text that are not prose: a deprecated name there is not used.
_NOT_PROSE = re.compile(
    r"""
      ^(?P<fence>[ ]{0,3}(?:```|~~~))[\s\S]*?^[ ]{0,3}(?P=fence)[^\n]*$  # fenced code
    | <!--\s*glossary-deprecated:\s*off\s*-->[\s\S]*?(?:<!--\s*glossary-deprecated:\s*on\s*-->|\Z)
    | <!--[\s\S]*?-->                                       # comments
    | `+[^`\n]*`+                                           # inline code
    | \]\([^)\n]*\)                                         # link targets (the text is prose)
    | ^[ ]{0,3}\[[^\]\n]+\]:.*$                             # link reference definitions
    | <(?P<tag>code|pre|kbd|script|style)\b[^>]*>[\s\S]*?</(?P=tag)>
    | <[^>\n]+>                                             # HTML tags (their content is prose)
    | \{[:#.][^}\n]*\}                                      # attribute lists
    | \{lang=[^}\n]*\}                                      # foreign word marks
    | https?://[^\s)>\]]+                                   # bare addresses
    """,
    re.MULTILINE | re.VERBOSE | re.IGNORECASE,
)


class NamedFile(Protocol):
    """One entry file as the checker holds it (``hooks.validate._File``)."""

    path: Path
    shown: str
    entry_id: str
    doc: Document | None


@dataclass(frozen=True)
class Declared:
    """A name as written in an entry file, where it is written."""

    entry_id: str
    shown: str  # the file, as shown in messages
    path: KeyPath  # ("fr", "aliases", 0)
    text: str
    status: str
    homonym: str | None
    note: str | None
    line: int
    col: int

    @property
    def field(self) -> str:
        return field_name(self.path)

    @property
    def kind(self) -> str:
        return "term" if self.path[-1] == "term" else str(self.path[1])


def normalise(name: str) -> str:
    """How names are compared: Unicode NFC, case folding, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def field_name(path: KeyPath) -> str:
    """``("fr", "aliases", 0)`` → ``fr.aliases[1]`` (items counted from 1)."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


# --- entries: clashes and homonyms ---------------------------------------------------------------


def declared_names(file: NamedFile, lang: str) -> Iterator[Declared]:
    """Every name ``file`` gives in ``lang``, well-formed or not yet (the schema reports those)."""
    data = file.doc.data if file.doc else None
    text = data.get(lang) if isinstance(data, dict) else None
    if not isinstance(text, dict) or file.doc is None:
        return
    values: list[tuple[KeyPath, Any]] = [((lang, "term"), text.get("term"))]
    values.append(((lang, "abbreviation"), text.get("abbreviation")))
    aliases = text.get("aliases")
    if isinstance(aliases, list):
        values += [((lang, "aliases", index), alias) for index, alias in enumerate(aliases)]
    for path, value in values:
        details = value if isinstance(value, dict) else {}
        name = details.get("text") if details else value
        if not isinstance(name, str) or not normalise(name) or _PLACEHOLDER.search(name):
            continue  # absent, malformed or unfilled: the schema and text rules say so
        homonym = details.get("homonym")
        status = details.get("status")
        note = details.get("note")
        line, col = file.doc.at(path)
        yield Declared(
            file.entry_id,
            file.shown,
            path,
            name,
            status if isinstance(status, str) else ("preferred" if path[1] == "term" else ""),
            (homonym.strip() or None) if isinstance(homonym, str) else None,
            note if isinstance(note, str) else None,
            line,
            col,
        )


def clash_problems(
    files: Sequence[NamedFile], recency: Callable[[Path], tuple[int, int]] | None = None
) -> Iterator[Problem]:
    """Names given twice in one entry, or by two entries that do not both declare a homonym.

    A clash between entries is reported on the file being added or changed, the other file
    given as the place where the name is already used. Which one that is, git says: the file
    it shows as new or modified (untracked, added or changed) when the other is not; else the
    file whose last commit is the most recent (a clean checkout of a pull request). When git
    cannot tell (no repository, same commit), the clash is reported on both files, each naming
    the other. ``recency`` gives a file's (changed, commit time); git is asked only on a clash.
    """
    recency = recency or GitRecency(files)
    paths = {file.shown: file.path for file in files}
    for lang in languages.codes():
        by_name: dict[str, list[Declared]] = {}
        for file in files:
            for name in declared_names(file, lang):
                by_name.setdefault(normalise(name.text), []).append(name)
        for uses in by_name.values():
            if len(uses) > 1:
                yield from _clashes(uses, paths, recency)


def _clashes(
    uses: list[Declared], paths: dict[str, Path], recency: Callable[[Path], tuple[int, int]]
) -> Iterator[Problem]:
    firsts: dict[str, Declared] = {}
    for use in uses:
        if use.entry_id in firsts:  # the same name twice in one entry: the later is reported
            owner = firsts[use.entry_id]
            yield Problem(
                use.shown,
                use.line,
                use.col,
                msg("name-taken-here", field=use.field, name=use.text, owner=owner.field),
            )
        else:
            firsts[use.entry_id] = use
    owners = list(firsts.values())
    if len(owners) < 2:
        return
    if all(owner.homonym for owner in owners):
        seen: dict[str, Declared] = {}
        for owner in owners:
            key = normalise(owner.homonym or "")
            if key in seen:
                other = seen[key]
                message = msg(
                    "homonym-same-qualifier",
                    name=owner.text,
                    qualifier=owner.homonym,
                    other=other.shown,
                )
                yield _at(owner, message)
            else:
                seen[key] = owner
        return
    ages = {owner.shown: recency(paths[owner.shown]) for owner in owners}
    newest = max(ages.values())
    reported = [owner for owner in owners if ages[owner.shown] == newest]
    if len(reported) == len(owners) and any(owner.homonym for owner in owners):
        reported = [owner for owner in owners if not owner.homonym]  # they must add one
    for owner in reported:
        others = [use for use in owners if use is not owner]
        # the other file named: preferably one not reported, then one that differs from this
        others.sort(key=lambda use: (use in reported, bool(use.homonym) == bool(owner.homonym)))
        yield _at(owner, _clash_message(owner, others[0]))


def _clash_message(this: Declared, other: Declared) -> Message:
    where = {"name": this.text, "owner": other.field, "other": other.shown}
    if "term" in (this.kind, other.kind):
        return msg("clash-term", **where)
    if other.homonym and not this.homonym:
        return msg("clash-declare-here", **where, qualifier=other.homonym)
    if this.homonym and not other.homonym:
        return msg("clash-declare-there", **where, other_name=other.text)
    return msg("clash-both", **where)


def _at(name: Declared, message: Message) -> Problem:
    return Problem(
        name.shown, name.line, name.col, msg("in-field", field=name.field, detail=message)
    )


class GitRecency:
    """How recently git saw each file change: (1 if new or modified in the work tree, else 0;
    time of its last commit). (0, 0) for every file when git cannot tell."""

    def __init__(self, files: Sequence[NamedFile]) -> None:
        self.folder = files[0].path.parent if files else Path(".")
        self._changed: set[Path] | None = None

    def __call__(self, path: Path) -> tuple[int, int]:
        changed = self.changed()
        if changed is None:
            return 0, 0  # not in a repository
        try:
            stamp = _git(self.folder, "log", "-1", "--format=%ct", "--", str(path.resolve()))
        except (OSError, subprocess.SubprocessError):
            stamp = None
        return int(path.resolve() in changed), int((stamp or "0").strip() or 0)

    def changed(self) -> set[Path] | None:
        """Files of the folder git shows as new or modified; None when git cannot tell."""
        if self._changed is None:
            self._changed = _changed_files(self.folder)
        return self._changed


def _changed_files(folder: Path) -> set[Path] | None:
    try:
        top = _git(folder, "rev-parse", "--show-toplevel")
        status = _git(folder, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    if top is None or status is None:
        return None
    root = Path(top.strip())
    found: set[Path] = set()
    records = iter(status.split("\0"))
    for record in records:
        if len(record) < 4:
            continue
        code, path = record[:2], record[3:]
        if code[0] in "RC":
            next(records, None)  # the old name of a renamed or copied file
        found.add((root / path).resolve())
    return found


def _git(folder: Path, *args: str) -> str | None:
    result = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=10, check=False
    )
    return result.stdout if result.returncode == 0 else None


# --- entries: deprecated names in their texts ----------------------------------------------------


@dataclass(frozen=True)
class Advice:
    """What to write instead of a deprecated name."""

    name: str
    entry_id: str
    instead: Message  # 'ABM' (Marketing des comptes stratégiques)

    def message(self, written: str) -> Message:
        return msg("deprecated-name", written=written, instead=self.instead)


def deprecated_in_entries(files: Sequence[NamedFile]) -> Iterator[Problem]:
    """A deprecated name of one entry written in another entry's text."""
    finders = {
        lang: NameFinder(
            (advice.name, advice) for file in files for advice in _advice_from_file(file, lang)
        )
        for lang in languages.codes()
    }
    finders = {lang: finder for lang, finder in finders.items() if finder}
    if not finders:
        return
    for file in files:
        data = file.doc.data if file.doc else None
        if file.doc is None or not isinstance(data, dict):
            continue
        langs = [lang for lang in finders if isinstance(data.get(lang), dict)]
        for path, text in _prose_of(file.doc, langs):
            finder = finders[str(path[0])]
            if not finder.may_find(text):
                continue  # masking can only hide names: most texts need neither
            for start, _end, found in finder.find(_masked(text)):
                advice = next((a for a in found if a.entry_id != file.entry_id), None)
                if advice is None:
                    continue  # an entry may name its own deprecated names, to explain them
                line, col = file.doc.inside(path, start)
                written = text[start:_end]
                message = msg("in-field", field=field_name(path), detail=advice.message(written))
                yield Problem(file.shown, line, col, message)


def _advice_from_file(file: NamedFile, lang: str) -> Iterator[Advice]:
    data = file.doc.data if file.doc else None
    text = data.get(lang) if isinstance(data, dict) else None
    if not isinstance(text, dict) or not any(
        isinstance(name, dict) and name.get("status") == DEPRECATED
        for name in (text.get("term"), text.get("abbreviation"), *_listed(text.get("aliases")))
    ):
        return  # the names of most entries are all in use: no advice to give
    names = list(declared_names(file, lang))
    deprecated = [name for name in names if name.status == DEPRECATED]
    if not deprecated:
        return
    term = next((name.text for name in names if name.kind == "term"), file.entry_id)
    abbreviation = next((name.text for name in names if name.kind == "abbreviation"), None)
    instead = _instead(term, abbreviation)
    for name in deprecated:
        yield Advice(name.text, file.entry_id, instead)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _instead(term: str, abbreviation: str | None) -> Message:
    """'ABM' (Marketing des comptes stratégiques), or 'Persona': what to write instead."""
    if abbreviation:
        return msg("instead-abbreviation", abbreviation=abbreviation, term=term)
    return msg("instead-term", term=term)


def _prose_of(doc: Document, langs: list[str]) -> Iterator[tuple[KeyPath, str]]:
    """``_prose`` of some languages of a loaded file, read from its flat list of texts."""
    if not doc.strings:
        for lang in langs:
            yield from _prose(doc.data[lang], (lang,))
        return
    for path, text in doc.strings:
        if path[0] in langs and len(path) > 1 and (path[-1] in _PROSE or path[-2] == "pitfalls"):
            yield path, text


def _prose(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """The prose fields of one language: summary, definition, example, pitfalls, meanings."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _PROSE and isinstance(item, str):
                yield (*path, key), item
            elif isinstance(item, (dict, list)):
                yield from _prose(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if path[-1] == "pitfalls" and isinstance(item, str):
                yield (*path, index), item
            elif isinstance(item, (dict, list)):
                yield from _prose(item, (*path, index))


def _masked(text: str) -> str:
    """``text`` with what is not prose blanked out, every offset kept in place."""
    return _NOT_PROSE.sub(lambda match: " " * len(match.group()), text)


# --- pages ---------------------------------------------------------------------------------------


class Placed(Protocol):
    """A page's title, description or nav label (``hooks.content.PlacedText``)."""

    text: str

    def position(self, offset: int) -> tuple[int, int]: ...


class Page(Protocol):
    """A hand-written page (``hooks.content.ContentPage``)."""

    lang: str
    path: str
    body: str
    body_line: int
    auto_links: bool
    links: tuple[str, ...]
    front_texts: tuple[Placed, ...]


def page_problems(
    pages: Iterable[Page],
    glossary: Glossary,
    shown_dir: str,
    nav: Iterable[tuple[str, Placed]] = (),
    nav_shown: str = "mkdocs.yml",
) -> list[Problem]:
    """Deprecated names written in pages (their text, title and description, and the labels
    of ``nav``, each with its language, written in ``nav_shown``), and homonyms mentioned
    without choosing an entry."""
    from hooks import term_links  # the linker's idea of where a link may go

    problems = []
    advice = {lang: NameFinder(_advice(glossary, lang)) for lang in languages.codes()}
    homonyms = {
        lang: NameFinder(shared_names(glossary, lang).items()) for lang in languages.codes()
    }
    for lang, label in nav:
        problems += _deprecated_in(label, advice[lang], nav_shown)
    for page in pages:
        shown = f"{shown_dir}/{page.lang}/{page.path}"
        for text in page.front_texts:
            problems += _deprecated_in(text, advice[page.lang], shown)

        def at(offset: int, message: Message, page: Page = page, shown: str = shown) -> Problem:
            before = page.body[:offset]
            line = page.body_line + before.count("\n")
            col = offset - (before.rfind("\n") + 1) + 1
            return Problem(shown, line, col, message)

        for start, end, found in advice[page.lang].find(_masked(page.body)):
            problems.append(at(start, found[0].message(page.body[start:end])))
        if not page.auto_links:
            continue
        linked = {
            link.removeprefix(languages.get(page.lang).folder + "/").removesuffix(".md")
            for link in page.links
        }
        told: set[str] = set()
        for span_start, span_end in term_links.free_spans(page.body):
            text = page.body[span_start:span_end]
            for start, end, found in homonyms[page.lang].find(text):
                owners = [owner for group in found for owner in group]
                key = normalise(text[start:end])
                if key in told or any(entry.id in linked for entry, _ in owners):
                    continue
                told.add(key)
                problems.append(
                    at(span_start + start, _choose_message(text[start:end], owners, page))
                )
    return problems


def _deprecated_in(text: Placed, advice: NameFinder[Advice], shown: str) -> Iterator[Problem]:
    for start, end, found in advice.find(_masked(text.text)):
        line, col = text.position(start)
        yield Problem(shown, line, col, found[0].message(text.text[start:end]))


def _choose_message(written: str, owners: list[tuple[Entry, Name]], page: Page) -> Message:
    folder = posixpath.dirname(page.path)
    glossary_folder = languages.get(page.lang).folder
    links = [
        f"[{written}]({posixpath.relpath(f'{glossary_folder}/{entry.id}.md', folder)})"
        + (f" ({name.homonym})" if name.homonym else "")
        for entry, name in owners
    ]
    choices: Message | str = links[-1]
    for link in reversed(links[:-1]):  # "A or B or C", "A ou B ou C"
        choices = msg("or", a=link, b=choices)
    return msg("homonym-choose", written=written, n=len(owners), choices=choices)


def _advice(glossary: Glossary, lang: str) -> Iterator[tuple[str, Advice]]:
    for entry in glossary:
        if not entry.translated(lang):
            continue
        text = entry.text(lang)
        instead = _instead(text.term, text.abbreviation)
        for name in text.deprecated:
            yield name.text, Advice(name.text, entry.id, instead)


def shared_names(glossary: Glossary, lang: str) -> dict[str, list[tuple[Entry, Name]]]:
    """Names of ``lang`` that more than one entry uses (declared homonyms), by name."""
    by_key: dict[str, list[tuple[Entry, Name]]] = {}
    texts: dict[str, str] = {}
    for entry in glossary:
        if not entry.translated(lang):
            continue  # its names are the default language's: not names of ``lang``
        for name in entry.text(lang).labels:
            key = normalise(name.text)
            texts.setdefault(key, name.text)
            owners = by_key.setdefault(key, [])
            if all(owner.id != entry.id for owner, _ in owners):
                owners.append((entry, name))
    return {texts[key]: owners for key, owners in by_key.items() if len(owners) > 1}


# --- finding names in text -----------------------------------------------------------------------


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _is_acronym(name: str) -> bool:
    """``GPA``, ``eNPS``: written with capitals inside, so matched with their exact case."""
    letters = [char for char in name if char.isalpha()]
    return sum(char.isupper() for char in letters) >= 2 or (
        len(letters) > 1 and any(char.isupper() for char in letters[1:])
    )


class NameFinder(Generic[T]):
    """Whole-word occurrences of some names in a text, longest first; acronyms match with
    their exact case, other names in any case."""

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        self.exact: dict[tuple[str, ...], list[T]] = {}
        self.folded: dict[tuple[str, ...], list[T]] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        for name, value in names:
            words = tuple(WORD.findall(name))
            if not words:
                continue
            folded = tuple(_fold(word) for word in words)
            if _is_acronym(name):
                self.exact.setdefault(words, []).append(value)
            else:
                self.folded.setdefault(folded, []).append(value)
            self.prefixes.update(folded[:size] for size in range(1, len(folded) + 1))
        # each name's first and last words, folded: both are in the folded text, or it is not
        self.ends = {(prefix[0], prefix[-1]) for prefix in self.prefixes if self._named(prefix)}
        # any first word, in one search: most texts hold none, and trying each pair was slow
        firsts = sorted({first for first, _ in self.ends}, key=len, reverse=True)
        self.any_first = re.compile("|".join(map(re.escape, firsts))) if firsts else None

    def _named(self, folded: tuple[str, ...]) -> bool:
        return folded in self.folded or any(
            tuple(_fold(word) for word in words) == folded for words in self.exact
        )

    def __bool__(self) -> bool:
        return bool(self.prefixes)

    def may_find(self, text: str) -> bool:
        """False when ``text`` certainly holds none of the names (a quick look)."""
        if not self.prefixes:
            return False
        folded_text = _fold(text)
        if self.any_first is None or not self.any_first.search(folded_text):
            return False
        return any(first in folded_text and last in folded_text for first, last in self.ends)

    def find(self, text: str) -> Iterator[tuple[int, int, list[T]]]:
        """``(start, end, values)`` of each name found, left to right."""
        # most texts hold none of the few deprecated or shared names, and folding every word of
        # every text was a third of `glossary check` at 1,000 entries
        if not self.may_find(text):
            return
        words = list(WORD.finditer(text))
        folded = [_fold(word.group()) for word in words]
        index = 0
        while index < len(words):
            best = longest_at(text, words, folded, index, self.prefixes, self.exact, self.folded)
            if best is None:
                index += 1
                continue
            size, found = best
            yield words[index].start(), words[index + size - 1].end(), found
            index += size


def longest_at(
    text: str,
    words: list[re.Match[str]],
    folded: list[str],
    index: int,
    prefixes: set[tuple[str, ...]],
    exact: dict[tuple[str, ...], T],
    by_folded: dict[tuple[str, ...], T],
) -> tuple[int, T] | None:
    """The longest name starting at word ``index`` of ``text``, as (words it spans, its value):
    grow while the words begin a name and are joined by a space or a hyphen (``JOINER``); an
    ``exact`` name matches with its case, one of ``by_folded`` in any case. The term linker
    (hooks/term_links.py) and the name finder here share it."""
    best = None
    end = index
    while end < len(words) and tuple(folded[index : end + 1]) in prefixes:
        if end > index:
            gap = text[words[end - 1].end() : words[end].start()]
            if not JOINER.match(gap):
                break
        found = exact.get(tuple(match.group() for match in words[index : end + 1]))
        found = found or by_folded.get(tuple(folded[index : end + 1]))
        if found:
            best = (end - index + 1, found)
        end += 1
    return best
