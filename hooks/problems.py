"""A problem found in a contributor's file, printed as ``path:line:col: message``.

Messages are data: ``templates/messages.yml`` holds each one in French and English. A problem
keeps its message id and arguments (a :class:`Message`), so the same problem can be shown in
either language on demand (``problem.text("fr")``, ``problem.render("fr")``); its ``message``
field and ``str()`` stay in English, which also fixes the sort order whatever the language.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

# The checker speaks the contributor's language: the languages of its catalogue (independent
# of the site's). Its reference language is the one a machine that names none of them gets
# (C, POSIX, nothing), in which problems sort and the schema's x-messages are written.
CATALOGUE = Path(__file__).parent / "templates" / "messages.yml"
REFERENCE = DEFAULT_LANGUAGE = "en"
ZERO_IS_SINGULAR = frozenset({"fr"})  # CLDR plural rules: "0 problème", "0 problems"


@dataclass(frozen=True)
class Message:
    """A catalogue message id and its arguments; arguments may be messages themselves."""

    id: str
    args: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``fr`` or ``en``)."""
        template = catalogue()[self.id]
        template = template.get(lang) or template[REFERENCE]
        values = {name: _text(value, lang) for name, value in self.args}
        if isinstance(template, list):  # [singular, plural], chosen by {n}
            count = dict(self.args)["n"]
            singular = count <= 1 if lang in ZERO_IS_SINGULAR else count == 1
            template = template[0 if singular else 1]
        return template.format(**values)


def msg(message_id: str, **args: Any) -> Message:
    """``msg("tab")``, ``msg("duplicate-key", key="term", first=3)``."""
    if message_id not in catalogue():
        raise KeyError(f"no message '{message_id}' in {CATALOGUE.name}")
    return Message(message_id, tuple(args.items()))


def _text(value: Any, lang: str) -> Any:
    return value.text(lang) if isinstance(value, Message) else value


def languages() -> tuple[str, ...]:
    """The languages the messages are written in (``fr``, ``en``)."""
    return tuple(catalogue()["tab"])


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    """Every message, by id: ``{"fr": ..., "en": ...}``."""
    return yaml.load(
        CATALOGUE.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, at a 1-based line and column of a file.

    ``message`` may be given as a :class:`Message` (every message of the checker is) or as
    plain text (then the same in both languages); it is kept as English text.
    """

    path: str
    line: int
    col: int
    message: str
    said: Message | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Message):
            object.__setattr__(self, "said", self.message)
            object.__setattr__(self, "message", self.message.text(REFERENCE))

    def text(self, lang: str) -> str:
        """The message alone, in ``lang``."""
        return self.said.text(lang) if self.said is not None else self.message

    def render(self, lang: str) -> str:
        """``path:line:col: message`` in ``lang``: what editors and GitHub read."""
        return f"{self.path}:{self.line}:{self.col}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.render(REFERENCE)


class GlossaryError(Exception):
    """Raised when the glossary has problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summary_line(self.problems))


def summary_line(problems: list[Problem], lang: str = REFERENCE) -> str:
    """``3 problems in 2 files`` — the closing line of a report."""
    return summary_message(problems).text(lang)


def summary_message(problems: list[Problem]) -> Message:
    """The closing line of a report, to show in either language."""
    files = len({p.path for p in problems})
    return msg(
        "summary", problems=msg("n-problems", n=len(problems)), files=msg("n-files", n=files)
    )


def language(requested: str | None = None, environ: Any = None) -> str:
    """``--lang``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as POSIX reads them).

    ``fr_FR.UTF-8``, ``fr_CA``, ``fr`` → French; ``en_US.UTF-8`` → English; a language we do
    not have, ``C`` or nothing → English.
    """
    if requested:
        return requested
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:  # the first one set decides, even if it is C
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return code if code in languages() else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE
