from __future__ import annotations

import pytest

from hooks.collate import letter, sort_key


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
