from __future__ import annotations

import sys

import pytest

from hooks.collate import fold, letter, sort_key


def test_french_order_ignores_accents_case_and_ligatures() -> None:
    words = ["Œuvre", "zèle", "École", "eNPS", "Entonnoir", "oeil", "Écart", "ecole", "3D", "Lead"]
    assert sorted(words, key=sort_key) == [
        "3D",
        "Écart",
        "ecole",
        "École",
        "eNPS",
        "Entonnoir",
        "Lead",
        "oeil",
        "Œuvre",
        "zèle",
    ]


@pytest.mark.parametrize(
    ("term", "expected"),
    [("Élan", "E"), ("œil", "O"), ("« Lead »", "L"), ("3D", "0–9"), ("Ça", "C"), ("", "0–9")],
)
def test_letter(term: str, expected: str) -> None:
    assert letter(term) == expected


def test_sort_key_keeps_exactly_the_characters_isalnum_keeps() -> None:
    # sort_key drops the others with one regex scan: the same ones, over all of Unicode
    for start in range(0, sys.maxunicode + 1, 1024):
        text = "".join(map(chr, range(start, min(start + 1024, sys.maxunicode + 1))))
        folded = fold(text).casefold()
        expected = "".join(char for char in folded if char.isalnum())
        assert sort_key.__wrapped__(text)[0] == expected, hex(start)
