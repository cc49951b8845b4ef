"""MkDocs adapter: wires MkDocs events to the glossary engine, and nothing else.

Listed under ``hooks:`` in mkdocs.yml. A later move to another site generator replaces this
module only (DESIGN.md). static-i18n runs one MkDocs build per language; the entries are
checked once per change of the files, before anything is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks import calculator, content, render, structured_data, urls
from hooks.model import LANGUAGES, Glossary
from hooks.problems import summary_line
from hooks.validate import check_glossary

log = logging.getLogger("mkdocs.plugins.glossary")

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


@dataclass
class _State:
    fingerprint: tuple = ()
    glossary: Glossary = field(default_factory=lambda: Glossary(()))
    pages: list[content.ContentPage] = field(default_factory=list)
    twins: dict[str, str] = field(default_factory=dict)


_state = _State()


# --- events ------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the entries and pages before anything is built; stop with every problem."""
    root = Path(config.config_file_path).parent
    glossary_dir = root / "glossary"
    docs_dir = Path(config.docs_dir)
    fingerprint = _fingerprint((glossary_dir, "*.y*ml"), (docs_dir, "*.md"))
    if fingerprint != _state.fingerprint:
        glossary, problems = check_glossary(glossary_dir, "glossary")
        pages, page_problems = content.read_pages(docs_dir)
        twins, twin_problems = content.twins(pages)
        problems += page_problems + twin_problems
        if problems:
            for problem in sorted(problems):
                log.error(str(problem))
            raise PluginError(f"glossary: {summary_line(problems)}; nothing was built")
        _state.fingerprint, _state.glossary = fingerprint, glossary
        _state.pages, _state.twins = pages, twins
    return config


@event_priority(-100)  # after static-i18n has picked this language's files (DESIGN.md, fact 3)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = _language(config)
    mentions = content.glossary_mentions(_state.pages)
    for page in render.pages(_state.glossary, lang, mentions):
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        file.dest_uri = urls.src_to_dest(page.src_uri)
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Server-render the in-browser calculators where a page has their marker line."""
    return calculator.replace_markers(markdown, _language(config), page.url)


@event_priority(-50)  # after static-i18n, which resets the language switcher per page
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    lang = _language(config)
    site_url = config.site_url or "/"
    twins = _twin_urls(page.file.src_uri, lang)
    # The language switcher reads config.extra.alternate; static-i18n sets it as an attribute.
    config.extra.alternate = [
        {"name": LANGUAGE_NAMES[code], "link": twins[code] or "./", "lang": code}
        for code in LANGUAGES
    ]
    context["glossary_alternates"] = [
        {"hreflang": code, "href": urls.absolute(site_url, twins[code])} for code in LANGUAGES
    ] + [{"hreflang": "x-default", "href": urls.absolute(site_url, twins[urls.DEFAULT_LANGUAGE])}]
    context["glossary_jsonld"] = _jsonld(page.file.src_uri, lang, site_url)
    return context


# --- helpers -----------------------------------------------------------------------------------


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or urls.DEFAULT_LANGUAGE


def _twin_urls(src_uri: str, lang: str) -> dict[str, str]:
    """Site-relative URL of this page in each language."""
    result = {lang: urls.src_to_url(src_uri)}
    other = render.OTHER[lang]
    glossary_folder = f"{lang}/{urls.GLOSSARY_FOLDER[lang]}/"
    if src_uri.startswith(glossary_folder):
        name = src_uri.removeprefix(glossary_folder)
        result[other] = urls.src_to_url(f"{other}/{urls.GLOSSARY_FOLDER[other]}/{name}")
    elif src_uri in _state.twins:
        result[other] = urls.src_to_url(_state.twins[src_uri])
    else:  # theme pages such as 404.html: the other language's home
        result[other] = urls.prefix(other)
    return result


def _jsonld(src_uri: str, lang: str, site_url: str) -> str | None:
    glossary = _state.glossary
    if src_uri == urls.index_src(lang):
        return structured_data.script_text(structured_data.index_jsonld(glossary, lang, site_url))
    folder = f"{lang}/{urls.GLOSSARY_FOLDER[lang]}/"
    entry_id = src_uri.removeprefix(folder).removesuffix(".md")
    if src_uri.startswith(folder) and entry_id in glossary.by_id():
        entry = glossary.get(entry_id)
        return structured_data.script_text(structured_data.term_jsonld(entry, lang, site_url))
    return None


def _fingerprint(*sources: tuple[Path, str]) -> tuple:
    """Names, sizes and times of every input file: unchanged means nothing to re-check."""
    found = []
    for folder, pattern in sources:
        for path in sorted(folder.rglob(pattern)) if folder.is_dir() else []:
            stat = path.stat()
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)
