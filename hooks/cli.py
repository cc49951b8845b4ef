"""The ``glossary`` command.

- ``glossary check [PATH ...] [--fix] [--lang fr|en]``: check every entry of the folder (or of
  the folder of each file named: cross-entry rules need them all, only the named files'
  problems are shown); exit 1 when one has a problem. ``--fix`` first makes the corrections that
  are certain (French typography, trailing spaces, final newline), in place. Messages are in
  ``--lang``, else the language of the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
- ``glossary new ID [--dir DIR]``: write ``DIR/ID.yml``, a new entry to fill in.
- ``glossary status [DIR]``: what one language of each entry has that the other lacks.
- ``glossary export [--format json|csv|tbx|ttl|all] [--output DIR] [--site-url URL] [DIR]``:
  the machine-readable files of the site's ``/exports/``; one format on standard output, or
  ``glossary.<ext>`` files written into ``--output``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from hooks import content, exports, languages, names
from hooks.fix import fix_file, fixable_problems
from hooks.model import Glossary
from hooks.problems import Problem, language, msg, summary_message
from hooks.problems import languages as message_languages
from hooks.urls import term_url
from hooks.validate import EXTENSIONS, check_glossary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="glossary", description="Work with the glossary entries (glossary/*.yml)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every entry; exit 1 when one has a problem")
    check.add_argument(
        "paths",
        nargs="*",
        default=["glossary"],
        metavar="PATH",
        help="the glossary folder (default: glossary) or entry files in it",
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="first correct what is certain: French typography, trailing spaces, final newline",
    )
    check.add_argument(
        "--lang",
        choices=message_languages(),
        help="language of the messages (default: from LC_ALL, LC_MESSAGES or LANG)",
    )
    new = commands.add_parser(
        "new", help="write glossary/ID.yml: a new entry, every field to fill in, with guidance"
    )
    new.add_argument("id", help="the entry id: lowercase letters, digits and hyphens")
    new.add_argument("--dir", default="glossary", help="the glossary folder (default: glossary)")
    new.add_argument(
        "--lang",
        choices=message_languages(),
        help="language of the messages (default: from LC_ALL, LC_MESSAGES or LANG)",
    )
    gaps = commands.add_parser(
        "status",
        help="what is not yet translated, and per entry what one language lacks (for translators)",
    )
    gaps.add_argument("directory", nargs="?", default="glossary", help="default: glossary")
    export = commands.add_parser(
        "export", help="the glossary as JSON, CSV, TBX or Turtle (the site's /exports/ files)"
    )
    export.add_argument(
        "--format",
        choices=[*exports.RENDERERS, "all"],
        help="default: all with --output, json on standard output",
    )
    export.add_argument("--output", metavar="DIR", help="write DIR/glossary.<ext> files")
    export.add_argument(
        "--site-url",
        metavar="URL",
        help="base of the page URLs (default: site_url of ./mkdocs.yml, as the build uses)",
    )
    export.add_argument("directory", nargs="?", default="glossary", help="default: glossary")
    args = parser.parse_args(argv)
    languages.use_project(Path.cwd())  # the languages of ./mkdocs.yml, as the build uses
    if args.command == "check":
        return _check(args.paths, args.fix, language(args.lang))
    if args.command == "new":
        return _new(args.id, args.dir, language(args.lang))
    if args.command == "status":
        return _status(args.directory)
    if args.command == "export":
        return _export(args.directory, args.format, args.output, args.site_url)
    return 2  # pragma: no cover - argparse already refused


def _shown(directory: str) -> str:
    return directory.rstrip("/") or "/"


def _print_problems(problems: list[Problem], file: Any = None, lang: str | None = None) -> None:
    lang = lang or language()
    for problem in problems:
        print(problem.render(lang), file=file)
    print(summary_message(problems).text(lang), file=file)


def _check(paths: list[str], fix: bool, lang: str) -> int:
    """Check each folder, or the folder of each file (showing that file's problems only)."""
    folders: dict[str, set[str] | None] = {}  # folder → files to show (None: all)
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            if not path.name.lower().endswith(EXTENSIONS):
                problems.append(Problem(given, 1, 1, msg("not-an-entry-file")))
                continue
            folder = os.path.dirname(given) or "."
            shown = folders.setdefault(folder, set())
            if shown is not None:
                shown.add(os.path.join(_shown(folder), path.name) if folder != "." else path.name)
        else:
            folders[given] = None
    fixed: list[Problem] = []
    checked = 0
    for folder, only in folders.items():
        shown_dir = _shown(folder) if folder != "." else ""
        if fix:
            fixed += _fix_folder(Path(folder), shown_dir, only)
        # ``sound``: with a broken entry, the others' names still go for the pages' rules
        glossary, found = check_glossary(Path(folder), shown_dir, sound=True)
        checked += len(glossary) if not found else _entry_files(Path(folder))
        found += page_problems(folder, glossary)  # names misused in the pages beside it
        problems += [problem for problem in found if only is None or problem.path in only]
    for problem in fixed:
        print(problem.render(lang))
    if fixed:
        print(
            msg(
                "fixed-summary", n=len(fixed), files=msg("n-files", n=len({p.path for p in fixed}))
            ).text(lang)
        )
    if (Path.cwd() / "mkdocs.yml").is_file():  # the words of each declared language
        problems += languages.word_problems(Path.cwd())
    if problems:
        problems = sorted(set(problems))
        _print_problems(problems, lang=lang)
        fixable = len(fixable_problems(problems)) if not fix else 0
        if fixable:
            print(msg("fix-hint", n=fixable).text(lang))
        return 1
    named = sorted(file for only in folders.values() if only for file in only)
    if named:
        print(msg("files-good", n=checked, files=", ".join(named)).text(lang))
    else:
        print(msg("all-good", n=checked).text(lang))
    return 0


def page_problems(directory: str, glossary: Glossary) -> list[Problem]:
    """Names misused in the pages of ``content/`` beside the glossary folder, if there is one,
    and in the nav labels of the ``mkdocs.yml`` beside it: deprecated names, and homonyms
    mentioned without a link to the entry meant."""
    folder = Path(directory).parent / "content"
    if not folder.is_dir():
        return []
    pages, _ = content.read_pages(folder)  # front matter problems are the build's to report
    beside = os.path.dirname(_shown(directory))
    config = Path(directory).parent / "mkdocs.yml"
    nav = content.nav_texts(config) if config.is_file() else []
    shown = os.path.join(beside, "content")
    return sorted(
        names.page_problems(pages, glossary, shown, nav, os.path.join(beside, "mkdocs.yml"))
    )


def _entry_files(folder: Path) -> int:
    return sum(1 for path in folder.glob("*") if path.suffix.lower() in EXTENSIONS)


def _fix_folder(folder: Path, shown_dir: str, only: set[str] | None) -> list[Problem]:
    if not folder.is_dir():
        return []
    fixed: list[Problem] = []
    for path in sorted(folder.glob("*")):
        shown = os.path.join(shown_dir, path.name) if shown_dir else path.name
        if path.suffix in EXTENSIONS and (only is None or shown in only) and path.is_file():
            fixed += fix_file(path, shown)[0]
    return fixed


def _new(entry_id: str, directory: str, lang: str) -> int:
    from hooks.scaffold import ScaffoldError, create_entry  # not needed by `check`

    try:
        path = create_entry(entry_id, Path(directory), _shown(directory))
    except ScaffoldError as error:
        print(f"glossary new: {error.message.text(lang)}", file=sys.stderr)
        return 1
    pages = ", ".join(f"/{term_url(code, entry_id)}" for code in languages.codes())
    print(msg("new-created", path=path).text(lang))
    print(msg("new-next", folder=_shown(directory), pages=pages).text(lang))
    return 0


def _status(directory: str) -> int:
    glossary, problems = check_glossary(Path(directory), _shown(directory))
    if problems:
        _print_problems(problems)
        return 1
    from hooks import status  # not needed by `check`

    print(status.report(glossary))
    return 0


def _export(directory: str, fmt: str | None, output: str | None, site_url: str | None) -> int:
    fmt = fmt or ("all" if output else "json")
    if fmt == "all" and not output:
        print("glossary export: --format all writes four files: give --output DIR", file=sys.stderr)
        return 2
    site_url = site_url or _configured_site_url(Path("mkdocs.yml"))
    if not site_url:
        print("glossary export: no site_url in ./mkdocs.yml: give --site-url URL", file=sys.stderr)
        return 2
    glossary, problems = check_glossary(Path(directory), _shown(directory))
    if problems:  # on standard error: standard output may be the export's file
        _print_problems(problems, file=sys.stderr)
        return 1
    formats = tuple(exports.RENDERERS) if fmt == "all" else (fmt,)
    if output is None:
        sys.stdout.flush()
        try:
            sys.stdout.buffer.write(exports.RENDERERS[fmt](glossary, site_url).encode("utf-8"))
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # `glossary export | head`: the reader left; no traceback
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        return 0
    for path in exports.write_exports(glossary, site_url, Path(output), formats):
        print(f"Wrote {path} ({len(glossary)} entries)")
    return 0


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: ``!ENV`` resolved as MkDocs does, any other tag ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # !ENV NAME, or !ENV [NAME, OTHER_NAME, default]: the first variable set, else the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = (items, None) if len(items) == 1 else (items[:-1], items[-1])
    return next((os.environ[name] for name in names if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _configured_site_url(config: Path) -> str | None:
    """``site_url`` of mkdocs.yml, so that ``glossary export`` matches the built site's files."""
    if not config.is_file():
        return None
    data = yaml.load(config.read_text("utf-8"), Loader=_ConfigLoader)
    url = data.get("site_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


if __name__ == "__main__":
    sys.exit(main())
