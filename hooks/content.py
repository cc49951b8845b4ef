"""What the hand-written pages of ``content/<lang>/`` say about themselves.

Front matter gives each page a title, a description and its ``twin`` in another language when
the two paths differ (``outils/calculateur-sla.md`` ↔ ``tools/sla-calculator.md``).
static-i18n only pairs identical paths (DESIGN.md, fact 3), so twins are resolved here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from hooks import languages
from hooks.problems import Message, Problem, msg

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_LINK = re.compile(r"\]\(\s*([^)\s#]+)(?:#[^)\s]*)?(?:\s+\"[^\"]*\")?\s*\)")


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
            problem = (line, col, msg(message_id, problem=error.problem))
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
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
    )
    return page, problem


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
