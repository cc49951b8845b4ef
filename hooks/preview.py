"""The preview server behind ``make serve``: it follows the contributor and never stalls.

    python -m hooks.preview [--dev-addr 127.0.0.1:8000] [--config-file mkdocs.yml]

MkDocs' own ``serve`` rebuilds both languages from scratch on every save (40–53 s at 1,000
entries) and, when the build raises, stops answering (DESIGN.md, fact 12). This one wraps the
same ``LiveReloadServer`` with two differences:

- **Problems are shown, not raised.** Under ``serve`` the adapter keeps building with the last
  valid version of each entry that has a problem (a page saying so for an entry never valid
  yet), and the server adds a panel listing every problem as ``path:line:col: message`` at the
  top of each HTML page it serves, in the page's language. The page reloads by itself when a
  save changes the problems. ``mkdocs build`` still fails on any problem.
- **Saves rebuild what changed.** Every build after the first is a ``dirty`` one: the adapter
  compares each generated page's Markdown with the one built last time and tells MkDocs to skip
  the pages that did not change; the entry's pages, the indexes and every page whose related
  entries, backlinks or "used in" lists changed differ, so they are rebuilt. A change of the
  theme, the templates, the configuration or of what term links depend on rebuilds all pages.

The state that must outlive one build lives in :data:`session` (MkDocs re-executes the hook
module on each rebuild, not this one).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import logging
import os
import posixpath
import re
import shutil
import socket
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from hooks import languages, render
from hooks.fix import fixable_problems
from hooks.load import load_document
from hooks.model import Entry, Glossary, entry_from_data
from hooks.problems import Problem
from hooks.search_index import Document
from hooks.validate import EXTENSIONS, ID_PATTERN

log = logging.getLogger("mkdocs.plugins.glossary")

Stamp = tuple[int, int]  # size and modification time of a file


@dataclass
class Session:
    """What the preview remembers from one build to the next."""

    serving: bool = False  # under `mkdocs serve` (or this server): problems never raise
    incremental: bool = False  # builds after the first skip the pages that did not change
    problems: list[Problem] = field(default_factory=list)  # shown in the panel
    fixable: frozenset[Problem] = frozenset()  # those ``glossary check --fix`` corrects
    good: dict[str, tuple[Stamp, Entry]] = field(default_factory=dict)  # last valid version
    never_valid: tuple[str, ...] = ()  # ids shown as "entry to fix" pages
    built_markdown: dict[str, str] = field(default_factory=dict)  # src_uri → Markdown built
    pending_markdown: dict[str, str] = field(default_factory=dict)  # this build's, until done
    built_dest: dict[str, Path] = field(default_factory=dict)  # src_uri → its HTML file
    pending_dest: dict[str, Path] = field(default_factory=dict)
    inputs: tuple = ()  # what every page depends on (see mkdocs_glossary._page_inputs)
    faces: dict[str, tuple] = field(default_factory=dict)  # entry id → what links to it show
    faces_changed: bool = True  # this build: some entry's names or summary changed
    new_faces: re.Pattern[str] | None = None  # a link to one of them; None: too many, all
    rebuild_all: bool = True  # this build: every page, as the first one
    rebuilt_urls: set[str] = field(default_factory=set)  # pages written by this build
    search_docs: dict[str, list[Document]] = field(default_factory=dict)  # last full index
    on_new_problems: Callable[[], None] | None = None  # the server reloads the browsers
    sitemap: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    public_site_url: str | None = None  # site_url of mkdocs.yml: the server uses its own
    # The last build's /exports/ files, to write when one is asked for: every save writing
    # four files of the whole glossary was a sixth of its time at 1,000 entries.
    exports_due: Callable[[], object] | None = None
    exports_lock: threading.Lock = field(default_factory=threading.Lock)
    built: threading.Event = field(default_factory=threading.Event)  # no build under way

    def defer_exports(self, write: Callable[[], object]) -> None:
        with self.exports_lock:
            self.exports_due = write

    def write_exports(self) -> None:
        """Bring the /exports/ files up to date with the last build, if they are not; a
        build under way is waited for (its pages may be served already, not its exports)."""
        self.built.wait(timeout=30)  # a build that failed never says it ended
        with self.exports_lock:
            due, self.exports_due = self.exports_due, None
            if due is not None:
                due()

    def show(self, problems: list[Problem], root: Path | None = None) -> None:
        """The problems the panel lists from now on; browsers reload when they changed.

        Paths are relative to ``root`` (the project), where the fixable ones are worked out."""
        entries = [p for p in problems if Path(p.path).suffix in EXTENSIONS]
        self.fixable = frozenset(fixable_problems(entries, root)) if entries else frozenset()
        if problems != self.problems and self.on_new_problems:
            self.problems = problems
            self.on_new_problems()
        self.problems = problems

    def begin(self, inputs: tuple, faces: dict[str, tuple]) -> None:
        """Start a build; everything is rebuilt unless pages can be compared with the last.

        ``faces`` is what a link to each entry shows on any page (names for the term linker,
        summary and other-language term for the tooltip): a page that links to an entry whose
        face changed is rebuilt even when its own Markdown did not change."""
        self.rebuild_all = not self.incremental or inputs != self.inputs
        self.inputs = inputs
        changed = {
            key for key in faces.keys() | self.faces.keys() if faces.get(key) != self.faces.get(key)
        }
        self.faces = faces
        self.faces_changed = bool(changed)
        self.new_faces = _link_pattern(changed) if len(changed) <= 50 else None
        self.pending_markdown, self.pending_dest = {}, {}
        self.rebuilt_urls = set()
        self.built.clear()

    def unchanged(self, src_uri: str, markdown: str, dest: Path) -> bool:
        """True when this generated page was built from the same Markdown and is still there."""
        self.pending_markdown[src_uri], self.pending_dest[src_uri] = markdown, dest
        return (
            not self.rebuild_all
            and self.built_markdown.get(src_uri) == markdown
            and dest.is_file()
            and not self.links_to_new_faces(markdown)
        )

    def links_to_new_faces(self, markdown: str) -> bool:
        """True when ``markdown`` may link to an entry whose names or summary changed."""
        return self.new_faces is None or bool(self.new_faces.search(markdown))

    def finish(self) -> None:
        """The build is written: remember its pages, remove those of deleted entries."""
        for src_uri in self.built_dest.keys() - self.pending_dest.keys():
            self.built_dest[src_uri].unlink(missing_ok=True)
        self.built_markdown, self.built_dest = self.pending_markdown, self.pending_dest

    def complete_search(
        self, documents: dict[str, list[Document]], site_dir: str
    ) -> dict[str, list[Document]]:
        """The search documents of every page, per language: a dirty build indexed only the
        pages it rebuilt, the others keep the documents of the build that last wrote them."""
        if self.incremental and not self.rebuild_all:
            site = Path(site_dir)
            merged: dict[str, list[Document]] = {}
            for lang in documents.keys() | self.search_docs.keys():
                kept = [
                    doc
                    for doc in self.search_docs.get(lang, [])
                    if doc.url not in self.rebuilt_urls
                    and (site / doc.url / "index.html").is_file()
                ]
                merged[lang] = kept + documents.get(lang, [])
            documents = merged
        self.search_docs = documents
        return documents


session = Session()


def _link_pattern(ids: set[str]) -> re.Pattern[str]:
    """A link to one of ``ids`` in generated Markdown (``sla.md``, ``sla/``)."""
    if not ids:
        return re.compile(r"(?!)")  # matches nothing
    names = "|".join(sorted(re.escape(entry_id) for entry_id in ids))
    return re.compile(rf"(?<![\w-])(?:{names})(?:\.md|/)")


# --- what every build would redo ------------------------------------------------------------


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept from one build to the next (Jinja checks each source's
    checksum, so an edited template is compiled again)."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


_template_cache = _TemplateCache()


def reuse_unchanged_entries() -> None:
    """Make the checker read again only the entry files changed since the last build: at
    1,000 entries, reading every file is most of a save's time."""
    from hooks import validate

    read = validate.load_document
    if getattr(read, "reuses_unchanged", False):
        return
    known: dict[str, tuple[Stamp | None, Any]] = {}

    def load_document(path: Path, shown_as: str) -> Any:
        stamp = _stamp(path)
        if known.get(str(path), (None, None))[0] != stamp or stamp is None:
            known[str(path)] = (stamp, read(path, shown_as))
        doc, problems = known[str(path)][1]
        return copy.copy(doc), list(problems)  # the checker may set doc.data to None

    load_document.reuses_unchanged = True  # type: ignore[attr-defined]
    validate.load_document = load_document

    # The rules on one entry, again only for a changed file: its data is then a new object.
    check = validate.file_problems
    checked: dict[str, tuple[Any, tuple, list[Problem]]] = {}

    def file_problems(doc: Any, validator: Any, certainly_valid: Any) -> list[Problem]:
        rules = (validator, languages.current())  # a new schema or language setting: again
        known_check = checked.get(doc.path)
        if known_check is None or known_check[0] is not doc.data or known_check[1] != rules:
            checked[doc.path] = (doc.data, rules, check(doc, validator, certainly_valid))
        return list(checked[doc.path][2])

    validate.file_problems = file_problems


_theme_listing: dict[tuple, list[str]] = {}


def reuse_theme_work(config: Any) -> None:
    """Make each build (each language of a build, each build of the preview) reuse the
    compiled templates and the list of the theme's files (some 10,000 with Material's icons)
    of the previous one: MkDocs builds a new Jinja environment, which compiles and lists
    everything again, for each language."""
    theme = config.theme
    if getattr(theme.get_env, "reuses_theme_work", False):
        return  # the second language's build: its theme already does
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = _template_cache
        list_templates = env.list_templates
        overrides = Path(theme.dirs[0])  # Material's own folders do not change while serving
        key = (tuple(theme.dirs), tuple((str(p), _stamp(p)) for p in sorted(overrides.rglob("*"))))

        def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
            # MkDocs filters with a new function each build, always the same code
            wanted = (key, extensions, getattr(filter_func, "__code__", filter_func))
            if wanted not in _theme_listing:
                _theme_listing[wanted] = list_templates(extensions, filter_func)
            return list(_theme_listing[wanted])

        env.list_templates = listed
        return env

    get_env.reuses_theme_work = True  # type: ignore[attr-defined]
    theme.get_env = get_env


# --- the glossary shown while entries have problems --------------------------------------------


def remember_valid(glossary: Glossary, folder: Path) -> None:
    """Record every entry of a glossary without problems, as the fallback of later saves."""
    session.good = {entry.id: (_stamp(folder / f"{entry.id}.yml"), entry) for entry in glossary}
    session.never_valid = ()


def glossary_despite(problems: list[Problem], folder: Path, shown_dir: str) -> Glossary:
    """The glossary to preview while ``problems`` exist.

    An entry whose file has a problem keeps its last valid version, or becomes an "entry to
    fix" page when it never had one; the other entries are shown as they are now.
    """
    with_problems = {
        Path(problem.path).stem
        for problem in problems
        if Path(problem.path).parent.as_posix() == shown_dir
    }
    entries: dict[str, Entry] = {}
    never_valid = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        entry_id = path.stem
        if path.suffix not in EXTENSIONS or not ID_PATTERN.match(entry_id):
            continue
        stamp, good = session.good.get(entry_id, (None, None))
        if entry_id not in with_problems and stamp == _stamp(path):
            entries[entry_id] = good
            continue
        entry = None if entry_id in with_problems else _read_entry(path, f"{shown_dir}/{path.name}")
        entry = entry or good
        if entry is None:
            never_valid.append(entry_id)
        else:
            entries[entry_id] = entry
    # Related ids that are not shown would be dropped by the template; keep them out of the way.
    known = set(entries)
    shown = [
        dataclasses.replace(entry, related=tuple(r for r in entry.related if r in known))
        for entry in entries.values()
    ]
    session.never_valid = tuple(never_valid)
    return Glossary(tuple(sorted(shown, key=lambda entry: entry.id)))


def _read_entry(path: Path, shown: str) -> Entry | None:
    """An entry of a file without problems of its own, read again; None when it cannot be."""
    doc, problems = load_document(path, shown)
    if problems or not isinstance(doc.data, dict):
        return None
    try:
        return entry_from_data(path.stem, shown, doc.data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _stamp(path: Path) -> Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


# --- what the server adds to each page ---------------------------------------------------------


def never_valid_page(entry_id: str, lang: str) -> str:
    """The Markdown of an entry's page while it has never been valid."""
    words = render.strings(lang)
    return (
        f"---\ntitle: {entry_id}\nsearch:\n  exclude: true\n---\n\n"
        f"# {words['entry_problems_title']}{words['colon']} {entry_id}\n\n"
        f"{words['entry_problems_text']}\n"
    )


def panel(problems: list[Problem], lang: str, fixable: frozenset[Problem] = frozenset()) -> str:
    """The HTML panel listing ``problems`` in ``lang``, marking those ``--fix`` corrects (and
    then only advising it)."""
    template = render._environment().get_template("problems.html.j2")
    lines = [(problem.render(lang), problem in fixable) for problem in sorted(problems)]
    entries = any(Path(problem.path).suffix in EXTENSIONS for problem in problems)
    return template.render(
        problems=lines,
        lang=lang,
        s=render.strings(lang),
        fix=any(f for _, f in lines),
        entries=entries,  # "the last valid version of the entries": only when some are
    )


@cache
def _panel_style() -> bytes:
    return (Path(render.TEMPLATES) / "problems.css").read_bytes()


def language_of(path: str) -> str:
    """The language of the page at site path ``path``: ``/en/…`` is English, ``/…`` the default."""
    first = path.lstrip("/").partition("/")[0]
    return first if first in languages.others(languages.default()) else languages.default()


def add_panel(
    html: bytes, path: str, problems: list[Problem], fixable: frozenset[Problem] = frozenset()
) -> bytes:
    """``html`` with the problem panel first in its body and its style in its head."""
    if not problems:
        return html
    lang = language_of(path)
    head_end = html.find(b"</head>")
    if head_end != -1:
        html = b"%b<style>%b</style>%b" % (html[:head_end], _panel_style(), html[head_end:])
    body = html.find(b"<body")
    body_end = html.find(b">", body) + 1 if body != -1 else 0
    block = panel(problems, lang, fixable).encode("utf-8")
    return html[:body_end] + block + html[body_end:]


# --- the server ---------------------------------------------------------------------------------


def serve(config_file: str | None, dev_addr: str | None) -> None:
    """``mkdocs serve``, with the problem panel and incremental rebuilds (module docstring)."""
    from urllib.parse import urlsplit

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    class PreviewServer(LiveReloadServer):
        def _serve_request(self, environ: dict, start_response: Any) -> Any:
            """Pages of the last complete build, with the problem panel, at once: MkDocs
            holds every request until the build under way ends (seconds at 1,000 entries)."""
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            if path.startswith("/livereload/") or not (path + "/").startswith(self.mount_path):
                return super()._serve_request(environ, start_response)
            relative = path[len(self.mount_path) :] + ("index.html" if path.endswith("/") else "")
            if "exports/" in relative:
                session.write_exports()
            file_path = os.path.join(self.root, posixpath.normpath("/" + relative).lstrip("/"))
            epoch, status = self._visible_epoch, "200 OK"
            try:
                data = Path(file_path).read_bytes()
            except OSError:
                if not path.endswith("/") and os.path.isfile(os.path.join(file_path, "index.html")):
                    start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
                    return []
                # The site's 404 page, with the panel and the reload: a page being built
                # or an entry being written shows up by itself.
                file_path, status = os.path.join(self.root, "404.html"), "404 Not Found"
                if not os.path.isfile(file_path):
                    return None
                data = Path(file_path).read_bytes()
            if file_path.endswith(".html"):
                data = add_panel(data, path, session.problems, session.fixable)
                data = self._inject_js_into_html(data, epoch)
            headers = [("Content-Type", self._guess_type(file_path))]
            start_response(status, [*headers, ("Content-Length", str(len(data)))])
            return [data]

        def reload_now(self) -> None:
            """Reload the browsers before the build ends: the problems changed."""
            with self._epoch_cond:
                if self._wanted_epoch - 1 > self._visible_epoch:
                    # one less than the build's epoch, so its end reloads them once more
                    self._visible_epoch = self._wanted_epoch - 1
                    self._epoch_cond.notify_all()

    # static-i18n builds its other languages "dirty" only when it sees this flag on the command
    # line (mkdocs_static_i18n/plugin.py); without it the second language is always rebuilt.
    if "--dirty" not in sys.argv:
        sys.argv.append("--dirty")
    site_dir = tempfile.mkdtemp(prefix="glossary-preview-")

    def get_config():  # a fresh configuration per build, as `mkdocs serve` does
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
        config.strict = False  # a warning must not stop the preview; `make build` is strict
        session.public_site_url = config.site_url  # links written with it are the site's too
        config.site_url = serve_url
        return config

    config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
    config.plugins.on_startup(command="serve", dirty=True)
    session.serving = True
    reuse_unchanged_entries()
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(config=None):
        log.info("Building documentation...")
        build(config or get_config(), serve_url=serve_url, dirty=True)
        session.incremental = True  # the next builds compare pages with this one

    _check_port(host, port)
    server = PreviewServer(
        builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path
    )

    def error_handler(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_handler
    try:
        builder(get_config())
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        for path in [*config.watch, *config.theme.dirs[:1]]:
            server.watch(path)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _check_port(host: str, port: int) -> None:
    """One clear line, before the first build, when the port is taken."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, port))
        except OSError as error:
            raise SystemExit(
                f"cannot serve on {host}:{port} ({error.strerror}): "
                f"choose another port, e.g. PORT={port + 1} make serve"
            ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.preview", description=__doc__.splitlines()[0]
    )
    parser.add_argument("-a", "--dev-addr", default=None, help="IP:PORT (default 127.0.0.1:8000)")
    parser.add_argument("-f", "--config-file", default=None, help="default: mkdocs.yml")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.__main__ import State, _enable_warnings

    state = State()  # noqa: F841  (kept alive: it removes its handler when collected); MkDocs' own log format and level, as `mkdocs serve` prints
    _enable_warnings()
    serve(args.config_file, args.dev_addr)
    return 0


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy: the adapter shares its `session`.
    from hooks.preview import main as imported_main

    sys.exit(imported_main())
