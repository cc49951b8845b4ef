"""Every message of ``glossary check`` exists in French and English, in correct French."""

from __future__ import annotations

import re
import string

import pytest

from hooks.problems import Problem, catalogue, language, msg
from hooks.typography import french_problems
from tests.conftest import ROOT

MESSAGES = catalogue()


def _forms(text: str | list[str]) -> list[str]:
    return text if isinstance(text, list) else [text]


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_each_message_has_both_languages_with_the_same_fields(message_id: str) -> None:
    languages = MESSAGES[message_id]
    assert set(languages) == {"fr", "en"}
    fields = {
        lang: {
            name
            for form in _forms(text)
            for _, name, _, _ in string.Formatter().parse(form)
            if name
        }
        for lang, text in languages.items()
    }
    assert fields["fr"] == fields["en"]


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_french_messages_follow_french_typography(message_id: str) -> None:
    for form in _forms(MESSAGES[message_id]["fr"]):
        # fields, quoted code ('x'), YAML keys to type (« fr: ») and URLs are not prose
        bare = re.sub(
            r"«\u00a0[\w-]+: [^»]*»|\{\{.*?\}\}|\{[^{}]*\}|\b\w+:(?=[ \u00a0]»| \||,|$)|https?://\S*|\(id\.md\)",
            "",
            form,
        )
        assert not french_problems(bare), (form, french_problems(bare))
        assert "'" not in bare, form  # the typographic apostrophe


def test_every_x_message_of_the_schema_is_in_the_catalogue() -> None:
    """schema.json's x-messages are English; the catalogue gives each its French."""
    schema = (ROOT / "glossary" / "schema.json").read_text("utf-8")
    texts = set(re.findall(r'"(?:pattern|minLength|maxLength|enum|const|not)": "([^"]+)"', schema))
    custom = {text for text in texts if " " in text}  # messages, not patterns
    known = {languages["en"] for key, languages in MESSAGES.items() if key.startswith("x-")}
    assert custom - known == set()


def test_every_message_id_used_in_the_code_is_in_the_catalogue() -> None:
    used = set()
    for path in (ROOT / "hooks").glob("*.py"):
        used |= set(re.findall(r"\bmsg\(\s*\"([a-z0-9-]+)\"", path.read_text("utf-8")))
    assert used - set(MESSAGES) == set()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": ""}, "fr"),
    ],
)
def test_language_follows_the_locale_as_posix_reads_it(environ: dict, expected: str) -> None:
    assert language(None, environ) == expected
    assert language("fr", environ) == "fr"


def test_a_problem_renders_in_either_language_and_sorts_by_its_english() -> None:
    problem = Problem("glossary/x.yml", 3, 5, msg("duplicate-key", key="term", first=2))
    assert (
        str(problem) == "glossary/x.yml:3:5: duplicate key 'term' (first given on line 2): keep one"
    )
    assert problem.render("fr") == (
        "glossary/x.yml:3:5: clé «\u00a0term\u00a0» en double (déjà donnée ligne 2)\u00a0: "
        "n’en gardez qu’une"
    )
    plain = Problem("glossary/x.yml", 3, 5, "a message written before the catalogue")
    assert plain.render("fr") == str(plain)
    assert sorted([problem, plain]) == [plain, problem]
