"""The category list: one set of ids everywhere, labelled and described in both languages."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml

from hooks import languages, typography
from hooks.model import CATEGORIES
from hooks.render import strings
from hooks.validate import check_glossary
from tests.conftest import ROOT


def test_the_schema_offers_the_same_categories_in_the_same_order() -> None:
    schema = json.loads((ROOT / "glossary" / "schema.json").read_text("utf-8"))
    category = schema["properties"]["category"]
    assert tuple(category["enum"]) == CATEGORIES
    assert category["description"] == ", ".join(CATEGORIES[:-1]) + f" or {CATEGORIES[-1]}."


@pytest.mark.parametrize("lang", languages.codes())
def test_every_category_has_a_label_and_a_one_sentence_description(lang: str) -> None:
    words = strings(lang)
    assert list(words["categories"]) == list(CATEGORIES)
    assert list(words["category_descriptions"]) == list(CATEGORIES)
    labels = list(words["categories"].values())
    assert len(set(labels)) == len(labels), "two categories share a label"
    for category, description in words["category_descriptions"].items():
        assert description.endswith(".") and description.count(". ") == 0, category
        assert 40 <= len(description) <= 160, (category, len(description))
        if lang == "fr":
            assert list(typography.french_problems(description)) == [], category


def test_the_contributor_guides_and_the_form_list_every_category() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/propose-term.yml").read_text("utf-8"))
    (field,) = [item for item in form["body"] if item.get("id") == "category"]
    assert field["attributes"]["options"][: len(CATEGORIES)] == list(CATEGORIES)
    for category in CATEGORIES:
        assert f"| `{category}` |" in readme, category
        assert contributing.count(f"| `{category}` |") == 2, category  # French and English


def test_no_category_holds_more_than_a_quarter_of_the_entries() -> None:
    glossary, _ = check_glossary(ROOT / "glossary", "glossary")
    counts = Counter(entry.category for entry in glossary)
    assert set(counts) == set(CATEGORIES), "every category is used, and only those"
    crowded = {c: n for c, n in counts.items() if n * 4 > len(glossary)}
    assert crowded == {}, f"more than a quarter of {len(glossary)} entries: split or refile"
