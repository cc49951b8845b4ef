"""French-aware ordering for the A–Z index: É files under E, œ reads as oe."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


class _Marks(dict[int, int | None]):
    """``str.translate`` table dropping combining marks, filled as characters are met: the
    search index folds every text of every page, and a per-character Python loop cost 5 % of
    a 1,000-entry build."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold(text: str) -> str:
    """Text without accents or ligatures: « Rétention » → « Retention », œ → oe."""
    if text.isascii():
        return text  # nothing to decompose or drop
    return unicodedata.normalize("NFKD", text.translate(_LIGATURES)).translate(_MARKS)


# What ``str.isalnum`` rejects (the same characters, checked over all of Unicode), in one scan
_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)  # a build sorts by the same few thousand names 40,000 times
def sort_key(text: str) -> tuple[str, str]:
    """Accents and case only break ties; punctuation and spaces are ignored."""
    letters = _NOT_ALNUM.sub("", fold(text).casefold())
    return letters, text.casefold()


OTHERS = "0–9"  # the group of terms that start with a digit or another sign


def letter(text: str) -> str:
    """The index letter a term files under: A–Z, or ``0–9`` for digits and others."""
    first = sort_key(text)[0][:1].upper()
    return first if "A" <= first <= "Z" else OTHERS
