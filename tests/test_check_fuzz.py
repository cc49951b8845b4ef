"""Mangled entries, byte by byte and value by value: the checker answers with problems, never
with an exception, and every problem has a position. Seeds are fixed, so a failure repeats."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
import yaml

from hooks.validate import check_glossary
from tests.conftest import ROOT

SOURCES = sorted((ROOT / "glossary").glob("*.yml"))[:8]
TOKENS = [
    b"\t", b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!str ", b"!!int ", b"---\n",
    b"\n", b"  ", b"'", b'"', b"#", b"\xff", b"\xc3", b"null", b"~", b"yes", b"1e400", b"<b>",
    b"&nbsp;", b"|", b">", b"%", b"@", b"`", b"\x00", b"\x07", b"[x]{lang=}", b"](x.md)",
    b"0x1F", b"?", b"<<: ", b"\r\n", b"\xef\xbb\xbf",
]  # fmt: skip
VALUES = [
    None, True, 0, -1, 3.5, "", " ", "x", [], [None], {}, {"a": 1}, [[]], ["sla"],
    {"text": 1}, {"text": "a", "lang": 5}, "TODO", "<i>", "a" * 300,
]  # fmt: skip


def assert_answers(directory: Path) -> None:
    _, problems = check_glossary(directory, "glossary")
    assert problems, "a mangled entry is never silently accepted as it is"
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message


@pytest.mark.parametrize("seed", range(60))
def test_byte_mutations(seed: int, tmp_path: Path) -> None:
    chance = random.Random(seed)
    for number, source in enumerate(chance.sample(SOURCES, 3)):
        data = bytearray(source.read_bytes())
        for _ in range(chance.randint(1, 6)):
            place = chance.randrange(len(data) + 1)
            if chance.random() < 0.6:
                data[place:place] = chance.choice(TOKENS)
            else:
                del data[place : place + chance.randint(1, 40)]
        (tmp_path / f"entry-{number}.yml").write_bytes(bytes(data))
    # some mutations leave a valid file: add one certain mistake so there is always an answer
    (tmp_path / "broken.yml").write_text("fr: [\n", "utf-8")
    assert_answers(tmp_path)


def _places(value: object, path: tuple = ()) -> list[tuple]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


@pytest.mark.parametrize("seed", range(60))
def test_value_mutations(seed: int, tmp_path: Path) -> None:
    chance = random.Random(seed)
    for number, source in enumerate(chance.sample(SOURCES, 3)):
        data = yaml.safe_load(source.read_text("utf-8"))
        for _ in range(chance.randint(1, 3)):
            *parents, last = chance.choice(_places(data))
            target = data
            for key in parents:
                target = target[key]
            target[last] = copy.deepcopy(chance.choice(VALUES))
        text = yaml.safe_dump(data, allow_unicode=True)
        (tmp_path / f"entry-{number}.yml").write_text(text, "utf-8")
    (tmp_path / "broken.yml").write_text("fr: [\n", "utf-8")
    assert_answers(tmp_path)


@pytest.mark.parametrize("seed", range(60))
def test_compiled_schema_never_passes_what_jsonschema_refuses(seed: int) -> None:
    """The fast yes/no schema test may doubt, never accept an entry jsonschema refuses."""
    from hooks.validate import _schema_path, _validators

    validator, certainly_valid = _validators(_schema_path(ROOT / "glossary"))
    chance = random.Random(seed)
    for source in chance.sample(SOURCES, 3):
        data = yaml.safe_load(source.read_text("utf-8"))
        assert certainly_valid(data) and not list(validator.iter_errors(data))
        for _ in range(chance.randint(1, 3)):
            *parents, last = chance.choice(_places(data))
            target = data
            for key in parents:
                target = target[key]
            target[last] = copy.deepcopy(chance.choice([*VALUES, 2006.0, 1700, "sla", "x y"]))
        if certainly_valid(data):
            assert not list(validator.iter_errors(data)), data
