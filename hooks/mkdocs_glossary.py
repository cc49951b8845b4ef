"""MkDocs adapter: wires MkDocs events to the glossary engine, and nothing else.

Listed under ``hooks:`` in mkdocs.yml. A later move to another site generator replaces this
module only (DESIGN.md). static-i18n runs one MkDocs build per language; the entries are
checked once per change of the files, before anything is written.
"""

from __future__ import annotations

import functools
import gc
import gzip
import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc
from mkdocs.utils.rendering import _strip_tags

from hooks import (
    calculator,
    content,
    exports,
    fast_markdown,
    languages,
    names,
    preview,
    render,
    search_index,
    structured_data,
    term_links,
    theme_parts,
    tooltips,
    urls,
)
from hooks.model import Entry, Glossary
from hooks.problems import language, msg, summary_message
from hooks.validate import check_glossary

log = logging.getLogger("mkdocs.plugins.glossary")


@dataclass
class _State:
    fingerprint: tuple = ()
    glossary: Glossary = field(default_factory=lambda: Glossary(()))
    pages: dict[str, content.ContentPage] = field(default_factory=dict)  # by src_uri
    twins: dict[str, dict[str, str]] = field(default_factory=dict)  # src_uri → lang → src_uri
    matchers: dict[str, term_links.Matcher] = field(default_factory=dict)
    mentions: dict[tuple[str, str], list[content.ContentPage]] = field(default_factory=dict)
    sitemap: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # URL → alternates
    search: dict[str, list[search_index.Document]] = field(default_factory=dict)  # by language
    search_rules: dict[str, search_index.Rules] = field(default_factory=dict)  # once a build
    links: dict[tuple[str, int, str], str] = field(default_factory=dict)  # resolved, this build
    permalink_title: str | None = None  # for hooks/fast_markdown.py; None: the setup it declines
    shared_parts: theme_parts.Groups = field(default_factory=theme_parts.Groups)  # per language


_state = _State()


# --- events ------------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Under ``serve`` a problem shows in the preview instead of stopping it (hooks/preview.py)."""
    preview.session.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the entries and pages before anything is built; stop with every problem, or,
    under ``serve``, build with the last valid version of each entry and show the problems."""
    languages.use_mkdocs_config(config)
    _theme_in_language(config)
    if not _nested_build(config):
        _state.sitemap = preview.session.sitemap if preview.session.serving else {}
        _state.search, _state.search_rules = {}, {}
    root = Path(config.config_file_path).parent
    glossary_dir = root / "glossary"
    docs_dir = Path(config.docs_dir)
    words = (
        (language.strings.parent, language.strings.name) for language in languages.current().all
    )
    fingerprint = _fingerprint((glossary_dir, "*.y*ml"), (docs_dir, "*.md"), *words)
    fingerprint += _stat(Path(config.config_file_path))  # its nav labels are checked too
    if fingerprint != _state.fingerprint:
        # ``sound``: with a broken entry, the others' names still go for the pages' rules
        glossary, problems = check_glossary(glossary_dir, "glossary", sound=True)
        entries_valid = not problems
        pages, page_problems = content.read_pages(docs_dir)
        twins, twin_problems = content.twins(pages)
        problems += page_problems + twin_problems + languages.word_problems(root)
        # names misused in pages and nav labels: deprecated, or homonyms left to chance
        config_file = Path(config.config_file_path)
        nav = content.nav_texts(config_file)
        problems += names.page_problems(pages, glossary, docs_dir.name, nav, config_file.name)
        said = language()  # the terminal speaks the contributor's language, as glossary check
        if problems and not preview.session.serving:
            for problem in sorted(problems):
                log.error(problem.render(said))
            stopped = msg("build-stopped", summary=summary_message(problems))
            raise PluginError(stopped.text(said))
        # A warning would stop a strict preview at the end of the build: inform instead.
        report = log.info if config.strict else log.warning
        for problem in sorted(problems):
            report(problem.render(said))
        if not entries_valid:
            glossary = preview.glossary_despite(problems, glossary_dir, "glossary")
        elif preview.session.serving:
            preview.remember_valid(glossary, glossary_dir)
        preview.session.show(sorted(problems), root)
        _state.fingerprint, _state.glossary = fingerprint, glossary
        _state.pages, _state.twins = {page.src_uri: page for page in pages}, twins
        _state.matchers = {lang: term_links.Matcher(glossary, lang) for lang in languages.codes()}
        _state.mentions = content.glossary_mentions(pages, _mentioned)
    if not _nested_build(config):
        preview.session.begin(_page_inputs(config), _faces(_state.glossary))
    preview.reuse_theme_work(config)
    return config


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """The words of every language, for the theme's templates (404 page, footer, Material's
    words the glossary corrects: overrides/partials/language.html), and the parts of the
    theme's output that pages share, rendered once (hooks/theme_parts.py): each language's
    build starts with none."""
    env.globals["glossary_words"] = {lang: render.strings(lang) for lang in languages.codes()}
    env.globals["glossary_languages"] = languages.codes()
    env.globals["glossary_shared"] = theme_parts.unshared  # pages that share nothing, the 404
    _state.shared_parts = theme_parts.Groups()
    if not preview.session.serving:
        # What is alive now (configuration, files, entries, navigation) lives until the end
        # of the build: the collector's full passes need not walk it again and again while
        # the pages are built (at 1,000 entries its time falls from ~0.5 s to ~0.2 s). Not
        # under serve: a server that runs for hours would keep each build's garbage.
        gc.freeze()
    return env


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> Any:
    """The 404 page's language switcher goes to each home; otherwise it would keep the links
    of the last page built."""
    if template_name == "404.html":
        # Absolute paths: a host serves this page at any depth of the site.
        root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        codes = languages.codes()
        homes = {code: root + urls.prefix(code) for code in codes}
        config.extra.alternate = [
            {"name": languages.get(code).name, "link": homes[code], "lang": code} for code in codes
        ]
        context["glossary_homes"] = homes
        context["glossary_indexes"] = {code: root + urls.index_url(code) for code in codes}
    return context


@event_priority(-100)  # after static-i18n has picked this language's files (DESIGN.md, fact 3)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = _language(config)
    session = preview.session
    # Hand-written pages lacking ``lang``, each once: twins written in two other languages are
    # one page to translate, listed in the first declared language it has (the default's, if any).
    untwinned: dict[str, content.ContentPage] = {}
    for src_uri in _state.pages:
        group = _state.twins.get(src_uri, {lang: ""})
        if lang not in group:
            first = next(group[code] for code in languages.codes() if code in group)
            untwinned[first] = _state.pages[first]
    pages = render.pages(
        _state.glossary, lang, _state.mentions, untwinned.values(), _edit_url(config)
    )
    generated = [(page.src_uri, page.markdown, page.in_nav, page.source) for page in pages] + [
        (urls.term_src(lang, entry_id), preview.never_valid_page(entry_id, lang), False, None)
        for entry_id in session.never_valid
    ]
    if session.incremental and (session.rebuild_all or session.faces_changed):
        for file in files.documentation_pages():  # hand-written pages: a change around them
            file.is_modified = _modified  # (theme, names linked...) rebuilds them too
    _state.links = {}
    for src_uri, markdown, in_nav, source in generated:
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content=markdown, inclusion=inclusion)
        file.dest_uri = urls.src_to_dest(src_uri)
        if source:  # the edit link goes to the entry's YAML, relative to content/
            file.edit_uri = f"../{source}"
        if session.unchanged(src_uri, markdown, Path(file.abs_dest_path)):
            file.is_modified = _unmodified  # a preview's dirty build skips it (hooks/preview.py)
        files.append(file)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Pages are converted by hooks/fast_markdown.py, to the same HTML, when their Markdown
    allows (every generated page, most articles)."""
    # Once per build (per language: the permalinks' title is in its words)
    _state.permalink_title = fast_markdown.supported(config.markdown_extensions, config.mdx_configs)
    for file in files.documentation_pages():
        if file.page is not None and type(file.page) is Page:
            # The page MkDocs made, already in the nav's links, becomes the subclass.
            file.page.__class__ = _FastPage
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Link the first mention of each term in hand-written pages, then server-render the
    in-browser calculators where a page has their marker line."""
    lang = _language(config)
    written = _state.pages.get(page.file.src_uri)
    if written is not None and written.auto_links:

        def href(entry_id: str) -> str:
            return urls.relative(page.url, urls.term_url(lang, entry_id))

        skip = content.linked_entries(written)
        markdown = term_links.link_terms(markdown, _state.matchers[lang], href, skip)
    return calculator.replace_markers(markdown, lang, page.url)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each page's names, summary and prose for its language's search index (before
    the tooltips' hidden summaries are added), then give every link to an entry its tooltip:
    summary and other-language term."""
    lang = _language(config)
    _state.search.setdefault(lang, []).append(_search_document(html, page, lang))
    public = preview.session.public_site_url if preview.session.serving else None
    site_url = public or config.site_url  # (the preview's own is its local address)
    return tooltips.add_tooltips(html, page.url, lang, _state.glossary, site_url)


@event_priority(-150)  # after static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Write the sitemap of both languages, the exports (/exports/glossary.*) and each
    language's search index."""
    if _nested_build(config):
        return  # a nested language build: the final index is not written yet
    preview.session.finish()
    site = Path(config.site_dir)
    # static-i18n's sitemap knows neither generated pages nor twins with different paths.
    sitemap = render.render_sitemap(_state.sitemap).encode("utf-8")
    (site / "sitemap.xml").write_bytes(sitemap)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=0))
    sitemap_url = urls.absolute(config.site_url or "/", "sitemap.xml")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {sitemap_url}\n", "utf-8")
    write = functools.partial(
        exports.write_exports, _state.glossary, config.site_url or "/", site / "exports"
    )
    if preview.session.serving and preview.session.incremental:
        preview.session.defer_exports(write)  # written when asked for: a save need not wait
    else:
        write()
    documents = _state.search
    if preview.session.serving:  # a dirty build indexed only the pages it rebuilt
        documents = preview.session.complete_search(documents, config.site_dir)
    for lang, docs in documents.items():
        folder = site / urls.prefix(lang) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in search_index.build(docs, lang, languages.companion(lang)).items():
            (folder / name).write_bytes(data)
    preview.session.built.set()
    gc.unfreeze()  # what on_env kept from the collector goes back to it


@event_priority(-50)  # after static-i18n, which resets the language switcher per page
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    lang = _language(config)
    site_url = config.site_url or "/"
    twins, written = _versions(page.file.src_uri, lang)
    # The language switcher reads config.extra.alternate; static-i18n sets it as an attribute.
    config.extra.alternate = [
        {"name": languages.get(code).name, "link": twins[code] or "./", "lang": code}
        for code in languages.codes()
    ]
    # hreflang and the sitemap: real translations only; a page not yet translated is noindex.
    real = [code for code in languages.codes() if code in written]
    alternates = [
        {"hreflang": code, "href": urls.absolute(site_url, twins[code])} for code in real
    ] + [{"hreflang": "x-default", "href": urls.absolute(site_url, twins[real[0]])}]
    context["glossary_alternates"] = alternates
    if lang in written:
        _state.sitemap[urls.absolute(site_url, twins[lang])] = alternates
    context["glossary_jsonld"] = _jsonld(page.file.src_uri, lang, site_url)
    preview.session.rebuilt_urls.add(page.url)
    is_entry = (page.file.edit_uri or "").startswith("../glossary/")
    label = (
        "edit_page" if not is_entry else "edit_entry" if lang in written else "untranslated_edit"
    )
    context["glossary_edit_label"] = render.strings(lang)[label]
    root = urls.relative(page.url, "") if page.url else "."
    context["glossary_search"] = {
        "root": root.rstrip("/") + "/",
        "index": urls.relative(page.url, urls.prefix(lang) + "search/") if page.url else "search/",
        "words": render.strings(lang)["search"],
    }
    in_nav = any(item is page for item in nav.pages)
    context["glossary_shared"] = _state.shared_parts.for_page(page.url, in_nav, lang)
    return context


# --- helpers -----------------------------------------------------------------------------------


class _FastPage(Page):
    """A page whose Markdown is turned into the HTML Python-Markdown would give by
    hooks/fast_markdown.py, ten times faster, when it keeps to the part of Markdown our
    templates write (and most articles do); a page it declines (the calculator, a grid of
    cards...) is converted by MkDocs as any other."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        title = _state.permalink_title
        if title is None or self.markdown is None or "title" not in self.meta:
            return super().render(config, files)
        found: list[str] = []  # links are resolved once the page is known to be converted

        def later(url: str) -> str:
            found.append(url)
            return f"\x00{len(found) - 1}\x00"

        converted = fast_markdown.convert(self.markdown, later, title)
        if converted is None:
            return super().render(config, files)
        # MkDocs's own resolution: the same URLs, the same warnings for a link to nowhere.
        links = _RelativePathTreeprocessor(self.file, files, config)
        folder = posixpath.dirname(self.file.src_uri)
        depth = self.file.url.count("/")

        def resolve(url: str) -> str:
            # The same link from pages of one folder and depth gives the same URL, unless it
            # leads to the page itself: 2,000 term pages share their links' resolution.
            if not _PLAIN_LINK.match(url) or posixpath.basename(url) == self.file.name + ".md":
                return links.path_to_url(url)
            key = (folder, depth, url)
            if key not in _state.links:
                resolved = links.path_to_url(url)
                if resolved == url:
                    return url  # not found: MkDocs warned, as it will for each page
                _state.links[key] = resolved
            return _state.links[key]

        self.content = _PLACEHOLDER.sub(
            lambda match: fast_markdown.escape_attribute(resolve(found[int(match[1])])),
            converted.html,
        )
        self.toc = get_toc(converted.toc_tokens)
        title_html = converted.title_html
        self._title_from_render = _strip_tags(title_html) if title_html is not None else None
        self.present_anchor_ids = converted.anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = links.links_to_anchors
        return None


_PLACEHOLDER = re.compile("\x00([0-9]+)\x00")
_PLAIN_LINK = re.compile(r"[\w-]+\.md$")  # a link to a page of the same folder


def _theme_in_language(config: MkDocsConfig) -> None:
    """Per language build: heading anchors titled in that language (toc's ``permalink_title``
    does not follow ``theme.language``, DESIGN.md fact 15), and one 404 page, written by the
    default language's build (each build would otherwise overwrite /404.html)."""
    lang = _language(config)
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = render.strings(lang)["permalink_title"]
    if lang == languages.default():
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")


def _nested_build(config: MkDocsConfig) -> bool:
    """True inside static-i18n's build of a second language."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or languages.default()


def _mentioned(page: content.ContentPage) -> set[str]:
    """Entries the term linker will link on ``page``."""
    if not page.auto_links:
        return set()
    found = term_links.first_mentions(
        page.body, _state.matchers[page.lang], content.linked_entries(page)
    )
    return {mention.target.entry_id for mention in found}


def _search_document(html: str, page: Page, lang: str) -> search_index.Document:
    """A term page is found by its entry's names in both languages and shown with its summary;
    another page by its title, shown with its description. The A–Z index and the "to
    translate" page are lists of names, not prose: found by their titles only."""
    url = page.url
    entry = _entry_of(page.file.src_uri)
    rules = _state.search_rules.get(lang) or _state.search_rules.setdefault(
        lang, search_index.language_rules(lang)
    )
    if entry is not None:
        text = entry.text(lang)  # not yet translated: found by its default-language names
        names_lang = lang if entry.translated(lang) else languages.default()
        companion = languages.companion(lang)
        other_lang = companion if entry.translated(companion) else names_lang
        return search_index.Document(
            url=url,
            title=text.term,
            summary=text.summary,
            abbreviation=text.abbreviation or "",
            names=text.labels,  # with homonym qualifiers and usage status
            other_names=entry.text(other_lang).labels,
            weights=search_index.text_weights(text.term, html, rules),
            names_lang="" if names_lang == lang else names_lang,
            other_names_lang="" if other_lang == companion else other_lang,
        )
    title = page.title or ""
    description = (page.meta or {}).get("description") or ""
    is_index = page.file.src_uri in (urls.index_src(lang), urls.to_translate_src(lang))
    return search_index.Document(
        url=url,
        title=title,
        summary=str(description),
        names=(title,),
        weights=search_index.text_weights(title, "" if is_index else html, rules),
    )


def _entry_of(src_uri: str) -> Entry | None:
    entry_id = urls.entry_of(src_uri)
    return _state.glossary.by_id().get(entry_id) if entry_id else None


def _versions(src_uri: str, lang: str) -> tuple[dict[str, str], set[str]]:
    """Site-relative URL of this page in each language, and the languages it is written in.

    Every language has each entry's page (not yet translated, it says so), the index and the
    "to translate" page; a hand-written page lacking a language sends that language's readers
    to the "to translate" page, where it is listed.
    """
    codes = languages.codes()
    entry = _entry_of(src_uri)
    if entry is not None:
        return {code: urls.term_url(code, entry.id) for code in codes}, set(entry.languages)
    for generated in (urls.index_src, urls.to_translate_src):
        if src_uri == generated(lang):
            return {code: urls.src_to_url(generated(code)) for code in codes}, set(codes)
    group = _state.twins.get(src_uri)
    if group:
        found = {
            code: urls.src_to_url(group[code]) if code in group else urls.to_translate_url(code)
            for code in codes
        }
        return found, set(group)
    # theme pages such as 404.html: each language's home
    return {
        code: urls.src_to_url(src_uri) if code == lang else urls.prefix(code) for code in codes
    }, set(codes)


def _edit_url(config: MkDocsConfig) -> Callable[[str], str | None]:
    """Where a contributor edits a file of the repository (an entry's YAML), as MkDocs's edit
    links do; nothing when the site names no repository."""
    if not config.repo_url or not config.edit_uri:
        return lambda source: None
    docs = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    return lambda source: urljoin(docs, f"../{source}")


def _jsonld(src_uri: str, lang: str, site_url: str) -> str | None:
    glossary = _state.glossary
    if src_uri == urls.index_src(lang):
        return structured_data.script_text(structured_data.index_jsonld(glossary, lang, site_url))
    entry = _entry_of(src_uri)
    if entry is not None and entry.translated(lang):  # a page not yet translated is noindex
        return structured_data.script_text(structured_data.term_jsonld(entry, lang, site_url))
    return None


def _page_inputs(config: MkDocsConfig) -> tuple:
    """What every page depends on besides its own source: when it changes, the preview
    rebuilds all pages rather than the changed ones."""
    root = Path(config.config_file_path).parent
    theme = _fingerprint(*((Path(folder), "*") for folder in config.theme.dirs[:1]))
    templates = _fingerprint((render.TEMPLATES, "*"), (root, "mkdocs.yml"))
    pages = tuple((page.src_uri, page.title) for page in _state.pages.values())  # the nav
    twins = tuple(
        sorted((src, tuple(sorted(group.items()))) for src, group in _state.twins.items())
    )
    return (theme, templates, pages, twins)


def _faces(glossary: Glossary) -> dict[str, tuple]:
    """What a link to each entry shows on any page: the names the term linker finds, the
    tooltip's summary and term in the other language."""
    return {
        entry.id: tuple(
            (lang, entry.text(lang).names, entry.text(lang).summary) for lang in entry.languages
        )
        for entry in glossary
    }


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False


def _stat(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return ((str(path), stat.st_size, stat.st_mtime_ns),)


def _fingerprint(*sources: tuple[Path, str]) -> tuple:
    """Names, sizes and times of every input file: unchanged means nothing to re-check."""
    found = []
    for folder, pattern in sources:
        for path in sorted(folder.rglob(pattern)) if folder.is_dir() else []:
            stat = path.stat()
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)
