"""The ``glossary`` command: ``glossary check [DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.problems import summary_line
from hooks.validate import check_glossary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="glossary", description="Work with the glossary entries (glossary/*.yml)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every entry; exit 1 when one has a problem")
    check.add_argument("directory", nargs="?", default="glossary", help="default: glossary")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.directory)
    return 2  # pragma: no cover - argparse already refused


def _check(directory: str) -> int:
    glossary, problems = check_glossary(Path(directory), directory.rstrip("/") or "/")
    for problem in problems:
        print(problem)
    if problems:
        print(summary_line(problems))
        return 1
    print(f"{len(glossary)} entries checked: no problem")
    return 0


if __name__ == "__main__":
    sys.exit(main())
