"""The ``glossary`` command.

- ``glossary check [DIR]``: check every entry; exit 1 when one has a problem.
- ``glossary new ID [--dir DIR]``: write ``DIR/ID.yml``, a new entry to fill in.
- ``glossary status [DIR]``: what one language of each entry has that the other lacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks import status
from hooks.problems import Problem, summary_line
from hooks.scaffold import ScaffoldError, create_entry
from hooks.urls import term_url
from hooks.validate import check_glossary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="glossary", description="Work with the glossary entries (glossary/*.yml)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every entry; exit 1 when one has a problem")
    check.add_argument("directory", nargs="?", default="glossary", help="default: glossary")
    new = commands.add_parser(
        "new", help="write glossary/ID.yml: a new entry, every field to fill in, with guidance"
    )
    new.add_argument("id", help="the entry id: lowercase letters, digits and hyphens")
    new.add_argument("--dir", default="glossary", help="the glossary folder (default: glossary)")
    gaps = commands.add_parser(
        "status", help="per entry, what one language has that the other lacks (for translators)"
    )
    gaps.add_argument("directory", nargs="?", default="glossary", help="default: glossary")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.directory)
    if args.command == "new":
        return _new(args.id, args.dir)
    if args.command == "status":
        return _status(args.directory)
    return 2  # pragma: no cover - argparse already refused


def _shown(directory: str) -> str:
    return directory.rstrip("/") or "/"


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem)
    print(summary_line(problems))


def _check(directory: str) -> int:
    glossary, problems = check_glossary(Path(directory), _shown(directory))
    if problems:
        _print_problems(problems)
        return 1
    print(f"{len(glossary)} entries checked: no problem")
    return 0


def _new(entry_id: str, directory: str) -> int:
    try:
        path = create_entry(entry_id, Path(directory), _shown(directory))
    except ScaffoldError as error:
        print(f"glossary new: {error}", file=sys.stderr)
        return 1
    print(f"Created {path}: replace every TODO in it, in both languages.")
    print(f"Then run `glossary check {_shown(directory)}` until it reports no problem,")
    print(f"and `make serve` to see /{term_url('fr', entry_id)} and /{term_url('en', entry_id)}.")
    return 0


def _status(directory: str) -> int:
    glossary, problems = check_glossary(Path(directory), _shown(directory))
    if problems:
        _print_problems(problems)
        return 1
    print(status.report(glossary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
