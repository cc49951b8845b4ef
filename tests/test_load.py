"""The YAML loader keeps a contributor's data as written, or says why it cannot."""

from __future__ import annotations

import re
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


PYYAML_PROBLEMS = [
    "expected <block end>, but found '<scalar>'",
    "expected <block end>, but found '?'",
    "expected <block end>, but found '<block mapping start>'",
    "expected ',' or ']', but got ':'",
    "expected ',' or '}', but got '<scalar>'",
    "expected the node content, but found '-'",
    "expected a comment or a line break, but found 'x'",
    "expected alphabetic or numeric character, but found ' '",
    "found character '%' that cannot start any token",
    "found character '\\t' that cannot start any token",
    "found unknown escape character 'q'",
    "found undefined tag handle '!x!'",
    "mapping values are not allowed here",
    "sequence entries are not allowed here",
    "could not find expected ':'",
    "found unexpected end of stream",
    "found unexpected document separator",
    "invalid indentation or unclosed '[' or '{'",
    "did not find expected key",
    "did not find expected '-' indicator",
]


@pytest.mark.parametrize("problem", PYYAML_PROBLEMS)
def test_pyyaml_words_are_french_for_french_readers_and_unchanged_in_english(problem: str) -> None:
    from hooks.problems import Message
    from hooks.yaml_mistakes import pyyaml_problem

    said = pyyaml_problem(problem)
    assert isinstance(said, Message)
    assert said.text("en") == problem
    french = said.text("fr")
    english_words = {"expected", "found", "but", "got", "not", "allowed", "character", "token"}
    assert not english_words & set(re.findall(r"[a-z]+", french)), french


def test_front_matter_problems_speak_french_too(tmp_path: Path) -> None:
    from hooks import content

    page = tmp_path / "content" / "fr" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Titre\ntags: [a, b: c: d]\n---\n\n# Titre\n", "utf-8")
    problems = content.read_pages(tmp_path / "content")[1]
    assert [p.render("en") for p in problems] == [
        "content/fr/page.md:3:15: front matter: expected ',' or ']', but got ':'"
    ]
    assert [p.render("fr").replace("\u00a0", " ") for p in problems] == [
        "content/fr/page.md:3:15: en-tête de page (front matter) : une virgule ou « ] » était "
        "attendue, mais on trouve « : »"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a one-line field written on two lines: YAML joins them without a word
            "fr:\n  summary: Une phrase\n    qui continue.\n",
            "entry.yml:3:5: the text of 'summary' goes on here: YAML silently joins this line to "
            "line 2; write the whole text on line 2",
        ),
        (  # a Markdown text without its "|": its lines (a list, say) would be joined
            "fr:\n  definition: Deux étapes\n    1. la première\n",
            "entry.yml:2:15: a text on several lines is written 'definition: |', then its lines "
            "indented below it",
        ),
        (  # the first item of a list without its dash: the whole list is one text
            "fr:\n  aliases:\n    premier nom\n    - second nom\n",
            "entry.yml:3:5: each item of a list starts with '- ': write '- premier nom'",
        ),
    ],
)
def test_a_plain_text_on_several_lines_is_never_joined_silently(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert [str(p) for p in load(tmp_path, text)[1]] == [expected]


def test_quoted_and_block_texts_may_hold_several_lines(tmp_path: Path) -> None:
    text = 'a: "une phrase\n  sur deux lignes"\nb: |\n  - pas un élément\n  -30 %\n'
    doc, problems = load(tmp_path, text)
    assert problems == []
    assert doc.data == {"a": "une phrase sur deux lignes", "b": "- pas un élément\n-30 %\n"}
