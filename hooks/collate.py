"""French-aware ordering for the A–Z index: É files under E, œ reads as oe."""

from __future__ import annotations

import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def sort_key(text: str) -> tuple[str, str]:
    """Accents and case only break ties; punctuation and spaces are ignored."""
    base = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    base = "".join(char for char in base if not unicodedata.combining(char))
    letters = "".join(char for char in base.casefold() if char.isalnum())
    return letters, text.casefold()


OTHERS = "0–9"  # the group of terms that start with a digit or another sign


def letter(text: str) -> str:
    """The index letter a term files under: A–Z, or ``0–9`` for digits and others."""
    first = sort_key(text)[0][:1].upper()
    return first if "A" <= first <= "Z" else OTHERS
