"""A problem found in a contributor's file, printed as ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class GlossaryError(Exception):
    """Raised when the glossary has problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summary_line(self.problems))


def summary_line(problems: list[Problem]) -> str:
    """``3 problems in 2 files`` — the closing line of a report."""
    files = len({p.path for p in problems})
    return (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}"
    )
