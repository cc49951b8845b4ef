"""What the hand-written pages of ``content/<lang>/`` say about themselves.

Front matter gives each page a title, a description and its ``twin`` in another language when
the two paths differ (``outils/calculateur-sla.md`` ↔ ``tools/sla-calculator.md``).
static-i18n only pairs identical paths (DESIGN.md, fact 3), so twins are resolved here.
The title and description, and the labels of the ``nav`` of mkdocs.yml, are kept with where
they are written, for the checker's messages (hooks/names.py).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hooks import languages, yaml_mistakes
from hooks.problems import Message, Problem, msg

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_LINK = re.compile(r"\]\(\s*([^)\s#]+)(?:#[^)\s]*)?(?:\s+\"[^\"]*\")?\s*\)")
_STR = "tag:yaml.org,2002:str"
# libyaml composes with the same line and column marks, several times faster
_COMPOSER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
FRONT_TEXTS = ("title", "description")  # front matter read by people: checked as prose


@dataclass(frozen=True)
class PlacedText:
    """A short text naming a page outside its body (its front matter's ``title`` or
    ``description``, its label in the nav of mkdocs.yml), and where it is written."""

    text: str
    line: int
    col: int  # of the text's first character
    exact: bool = False  # each character sits at col + its offset: one line, no escape

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset``; the text's start when it spans lines or
        holds escapes (a folded or escaped YAML string)."""
        return (self.line, self.col + offset) if self.exact else (self.line, self.col)


@dataclass(frozen=True)
class ContentPage:
    lang: str
    path: str  # relative to content/<lang>/, e.g. "articles/smarketing.md"
    title: str
    description: str | None
    twin: str | dict | None  # the twins' paths, from front matter (``twins`` below)
    links: tuple[str, ...]  # link targets resolved relative to content/<lang>/
    body: str = ""  # the Markdown after the front matter
    auto_links: bool = True  # front matter `glossary_links: false` turns term links off
    body_line: int = 1  # the line of the file where ``body`` starts (after the front matter)
    front_texts: tuple[PlacedText, ...] = ()  # title and description, where written

    @property
    def src_uri(self) -> str:
        return f"{self.lang}/{self.path}"


def read_pages(docs_dir: Path) -> tuple[list[ContentPage], list[Problem]]:
    """Every Markdown page under ``content/<lang>/``, and front matter problems.

    MkDocs drops front matter it cannot read without a word (the page then loses its title
    and description), so a broken one is a problem here.
    """
    pages, problems = [], []
    for lang in languages.codes():
        root = docs_dir / lang
        for file in sorted(root.rglob("*.md")):
            path = file.relative_to(root).as_posix()
            page, problem = _read(lang, path, file.read_text("utf-8"))
            pages.append(page)
            if problem:
                problems.append(Problem(f"{docs_dir.name}/{lang}/{path}", *problem))
    return pages, problems


def _read(lang: str, path: str, text: str) -> tuple[ContentPage, tuple[int, int, Message] | None]:
    meta: dict = {}
    problem = None
    body_line = 1
    front_texts: tuple[PlacedText, ...] = ()
    match = _FRONT_MATTER.match(text)
    if match:
        body_line = text[: match.end()].count("\n") + 1
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            line, col = (mark.line + 2, mark.column + 1) if mark else (1, 1)
            quotes = "mapping values" in str(error)
            message_id = "front-matter-colon" if quotes else "front-matter"
            said = yaml_mistakes.pyyaml_problem(error.problem or "")  # French too
            problem = (line, col, msg(message_id, problem=said))
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
        if meta:
            front_texts = _front_texts(match.group(1))
        text = text[match.end() :]
    heading = _HEADING.search(text)
    title = str(meta.get("title") or (heading.group(1) if heading else path))
    folder = posixpath.dirname(path)
    links = tuple(
        posixpath.normpath(posixpath.join(folder, target))
        for target in _LINK.findall(text)
        if target.endswith(".md") and "://" not in target
    )
    description = meta.get("description")
    twin = meta.get("twin")
    page = ContentPage(
        lang,
        path,
        title,
        str(description) if description else None,
        twin if isinstance(twin, dict) else (twin and str(twin)),
        links,
        text,
        meta.get("glossary_links") is not False,
        body_line,
        front_texts,
    )
    return page, problem


def _front_texts(front_matter: str) -> tuple[PlacedText, ...]:
    """The title and description of a front matter (from the file's line 2), where written."""
    try:
        root = yaml.compose(front_matter, Loader=_COMPOSER)
    except yaml.YAMLError:
        return ()
    if not isinstance(root, MappingNode):
        return ()
    lines = front_matter.split("\n")
    return tuple(
        _placed(value, lines, 2)
        for key, value in root.value
        if isinstance(key, ScalarNode) and key.value in FRONT_TEXTS
        if isinstance(value, ScalarNode) and value.tag == _STR
    )


def _placed(node: ScalarNode, lines: list[str], first_line: int) -> PlacedText:
    """A YAML string and where its text starts in the file (``first_line``: where ``lines``
    start); exact when written on one line as it reads (plain, or quoted without escapes)."""
    start, end = node.start_mark, node.end_mark
    quote = 1 if node.style in ("'", '"') else 0
    written = (
        lines[start.line][start.column + quote : end.column - quote]
        if start.line == end.line and start.line < len(lines)
        else None
    )
    return PlacedText(
        node.value, first_line + start.line, start.column + 1 + quote, written == node.value
    )


def nav_texts(config: Path) -> list[tuple[str, PlacedText]]:
    """The labels of the navigation of ``config`` (mkdocs.yml), each with its language: those
    of each static-i18n language's ``nav``, and of the top-level ``nav`` (the default
    language's). Nothing when the file cannot be read: MkDocs says why."""
    try:
        text = config.read_text("utf-8")
        root = yaml.compose(text, Loader=_COMPOSER)  # tags such as !ENV stay unresolved
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    lines = text.split("\n")
    found = [(languages.default(), label) for label in _labels(_get(root, "nav"), lines)]
    plugins = _get(root, "plugins")
    for plugin in plugins.value if isinstance(plugins, SequenceNode) else ():
        declared = _get(_get(plugin, "i18n"), "languages")
        for language in declared.value if isinstance(declared, SequenceNode) else ():
            locale = _get(language, "locale")
            code = locale.value if isinstance(locale, ScalarNode) else None
            if code in languages.codes():
                found += [(code, label) for label in _labels(_get(language, "nav"), lines)]
    return found


def _get(node: Node | None, key: str) -> Node | None:
    """The value of ``key`` in a YAML mapping node."""
    if not isinstance(node, MappingNode):
        return None
    return next(
        (value for name, value in node.value if isinstance(name, ScalarNode) and name.value == key),
        None,
    )


def _labels(nav: Node | None, lines: list[str]) -> list[PlacedText]:
    """``- Label: page.md`` and ``- Section: [...]``: the labels, sections' included."""
    found: list[PlacedText] = []
    for item in nav.value if isinstance(nav, SequenceNode) else ():
        for key, value in item.value if isinstance(item, MappingNode) else ():
            if isinstance(key, ScalarNode) and key.tag == _STR:
                found.append(_placed(key, lines, 1))
            found += _labels(value, lines)
    return found


def twins(pages: list[ContentPage]) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Each page's versions, itself included: ``src_uri`` → ``{lang: src_uri}``.

    Pages with the same path in two languages are twins; so are those a front matter names:
    ``twin: path`` (in the default language, or, on a default-language page, the next one
    declared) or ``twin: {en: path, de: path}``. A page may lack a language: it is then listed
    on that language's "to translate" page. Naming a page that does not exist is a problem.
    """
    by_src = {page.src_uri: page for page in pages}
    group: dict[str, dict[str, str]] = {page.src_uri: {page.lang: page.src_uri} for page in pages}

    def join(first: str, second: str) -> None:
        merged = {**group[first], **group[second]}
        for member in merged.values():
            group[member] = merged

    problems = []
    for page in pages:
        for lang, path in _declared_twins(page).items():
            target = f"{lang}/{path}"
            if target in by_src:
                join(page.src_uri, target)
            else:
                path = f"content/{page.src_uri}"
                problems.append(Problem(path, 1, 1, msg("twin-missing", path=f"content/{target}")))
    for page in pages:
        for lang in languages.others(page.lang):
            same = f"{lang}/{page.path}"
            if same in by_src and lang not in group[page.src_uri]:
                join(page.src_uri, same)
    return group, problems


def _declared_twins(page: ContentPage) -> dict[str, str]:
    if isinstance(page.twin, dict):
        return {str(lang): str(path) for lang, path in page.twin.items()}
    return {languages.companion(page.lang): page.twin} if page.twin else {}


def linked_entries(page: ContentPage) -> set[str]:
    """Ids of the entries the author linked by hand on ``page``."""
    folder = languages.get(page.lang).folder + "/"
    return {
        link.removeprefix(folder).removesuffix(".md")
        for link in page.links
        if link.startswith(folder) and link.count("/") == 1 and link != folder + "index.md"
    }


def glossary_mentions(
    pages: list[ContentPage], mentioned: Callable[[ContentPage], set[str]] | None = None
) -> dict[tuple[str, str], list[ContentPage]]:
    """Pages using each term: ``(lang, entry id)`` → pages, in title order.

    A page uses a term when it links it by hand or, through ``mentioned``, when the term linker
    finds it in the text.
    """
    found: dict[tuple[str, str], list[ContentPage]] = {}
    for page in pages:
        ids = linked_entries(page) | (mentioned(page) if mentioned else set())
        for entry_id in ids:
            found.setdefault((page.lang, entry_id), []).append(page)
    for linked in found.values():
        linked.sort(key=lambda page: page.title.casefold())
    return found
