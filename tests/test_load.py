"""The YAML loader keeps a contributor's data as written, or says why it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.load import MAX_BYTES, load_document
from tests.conftest import ROOT


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "entry.yml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_document(path, "entry.yml")


def test_yaml_1_1_booleans_stay_text(tmp_path: Path) -> None:
    doc, problems = load(
        tmp_path, "a: no\nb: [on, off, yes, y, n]\nc: true\nd: 2024-01-01\ne: 0.5\n"
    )
    assert problems == []
    assert doc.data == {
        "a": "no",
        "b": ["on", "off", "yes", "y", "n"],
        "c": True,
        "d": "2024-01-01",
        "e": 0.5,
    }


def test_byte_order_mark_is_fine(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, b"\xef\xbb\xbfterm: Lead\n")
    assert (doc.data, problems) == ({"term": "Lead"}, [])


def test_every_duplicate_is_reported_and_loading_goes_on(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert [str(p) for p in problems] == [
        "entry.yml:4:3: duplicate key 'c' (first given on line 3): keep one",
        "entry.yml:5:1: duplicate key 'a' (first given on line 1): keep one",
    ]
    assert doc.data == {"a": 1, "b": {"c": 1}}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "a: '" + "x" * MAX_BYTES + "'\n")
    assert doc.data is None
    assert [str(p) for p in problems] == [
        "entry.yml:1:1: the file is 256 KiB; an entry must stay under 256 KiB"
    ]


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    layers = ['a: &a ["lol","lol"]'] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(20)
    ]
    doc, problems = load(tmp_path, "\n".join(layers) + "\n")
    assert doc.data is None
    assert [str(p) for p in problems] == [
        "entry.yml:1:4: anchors (&name) are not allowed: write the value out"
    ]


def test_positions_inside_block_text(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "fr:\n  definition: |\n    first line\n    second <b> line\n")
    offset = doc.data["fr"]["definition"].index("<b>")
    assert doc.inside(("fr", "definition"), offset) == (4, 12)


def _both_paths(path: Path, monkeypatch) -> tuple:
    """The document as libyaml composes it, then as the pure-Python path does."""
    import hooks.load

    fast = load_document(path, "entry.yml")
    with monkeypatch.context() as patch:
        patch.setattr(hooks.load, "CParser", None)
        slow = load_document(path, "entry.yml")
    return fast, slow


SAMPLES = sorted((ROOT / "glossary").glob("*.yml")) + sorted(
    (ROOT / "tests" / "data").rglob("*.y*ml")
)


@pytest.mark.parametrize("path", SAMPLES, ids=[str(p.relative_to(ROOT)) for p in SAMPLES])
def test_libyaml_and_python_paths_give_the_same_document(path: Path, monkeypatch) -> None:
    (fast, fast_problems), (slow, slow_problems) = _both_paths(path, monkeypatch)
    assert fast_problems == slow_problems
    assert fast.data == slow.data
    assert (fast.values, fast.keys, fast.scalars) == (slow.values, slow.keys, slow.scalars)
    assert fast.strings == slow.strings


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: 2\n",  # an anchor in the middle
        "a: [1, *x]\n",
        "a: " + "[" * 13 + "]" * 13 + "\n",
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 14)) + "  " * 14 + "- x\n",
        "a: " + "- " * 14 + "x\n",
        "a: 'R&D, *emphasis* and 3 * 4'\nb: R&D *x*\n",
        "a: 1\na: 2\nb: !!python/name:os.system x\n",
        "a: 99999999999999999999999999999999999999999999e99999\n",
    ],
)
def test_libyaml_path_falls_back_where_the_python_path_explains(text: str, tmp_path, monkeypatch):
    path = tmp_path / "entry.yml"
    path.write_text(text, "utf-8")
    (fast, fast_problems), (slow, slow_problems) = _both_paths(path, monkeypatch)
    assert [str(p) for p in fast_problems] == [str(p) for p in slow_problems]
    assert fast.data == slow.data
