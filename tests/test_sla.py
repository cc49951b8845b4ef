"""The SLA calculator's Python side: the shared vectors (tests/data/sla_vectors.json) through
hooks/sla.py, and the server-rendered calculator of hooks/calculator.py.

The same vectors run through overrides/assets/calculator/sla.js in tests/browser/test_calculator.py.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from hooks import calculator, sla

VECTORS = json.loads((Path(__file__).parent / "data" / "sla_vectors.json").read_text("utf-8"))


def spaces(text: str) -> str:
    """No-break and narrow no-break spaces read as spaces (DESIGN.md, fact 9)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def case_id(vector: dict[str, Any]) -> str:
    return vector.get("name") or f"{vector.get('locale', '')}:{vector.get('input', '')!r}"


# --- the shared vectors --------------------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS["parse"], ids=case_id)
def test_parse_vector(vector: dict[str, Any]) -> None:
    parsed = sla.parse_number(
        vector["input"], vector["locale"], percent=vector.get("percent", False)
    )
    if "error" in vector:
        assert parsed == sla.Parsed(error=vector["error"])
    else:
        assert parsed == sla.Parsed(Fraction(vector["expected"]))


@pytest.mark.parametrize("vector", VECTORS["query"], ids=case_id)
def test_query_vector(vector: dict[str, Any]) -> None:
    value = sla.parse_query_value(vector["input"])
    expected = vector["expected"]
    assert value == (None if expected is None else Fraction(expected))


@pytest.mark.parametrize("vector", VECTORS["evaluate"], ids=case_id)
def test_evaluate_vector(vector: dict[str, Any]) -> None:
    evaluation = sla.evaluate(vector["fields"], vector["locale"])
    assert evaluation.errors == vector["errors"]
    assert evaluation.split_incomplete == vector.get("split_incomplete", False)
    if vector["result"] is None:
        assert evaluation.result is None
    else:
        assert evaluation.result is not None
        found = sla.plain(evaluation.result)
        assert {key: found[key] for key in vector["result"]} == vector["result"]
    steps = sla.steps(evaluation, vector["locale"])
    if "steps" in vector:
        assert [step.key for step in steps] == vector["steps"]
    if "outcomes" in vector:
        assert [step.outcome and step.outcome.kind for step in steps] == vector["outcomes"]


@pytest.mark.parametrize("vector", VECTORS["format"], ids=lambda v: f"{v['kind']}-{v['expected']}")
def test_format_vector(vector: dict[str, Any]) -> None:
    lang, kind = vector["locale"], vector["kind"]
    if kind == "symbol":
        text = sla.currency_symbol(lang, vector["currency"])
    else:
        value = Fraction(vector["value"])
        text = {
            "money": lambda: sla.format_money(value, lang, vector["currency"]),
            "percent": lambda: sla.format_percent(value, lang),
            "count": lambda: sla.format_count(int(value), lang),
            "approx": lambda: sla.format_approx(value, lang),
            "number": lambda: sla.format_number(value, lang),
        }[kind]()
    assert spaces(text) == vector["expected"]


def test_vectors_cover_every_field_error_and_step() -> None:
    """The table stays worth running in both languages: every error code, step and locale."""
    evaluations = VECTORS["evaluate"]
    codes = {code for vector in evaluations for code in vector["errors"].values()}
    assert codes == {"malformed", "range", "too_long"}
    fields = {name for vector in evaluations for name in vector["errors"]}
    assert fields == set(sla.FIELDS)
    keys = {key for vector in evaluations for key in vector.get("steps", [])}
    assert keys == set(calculator.strings("fr")["browser"]["steps"])
    assert {vector["locale"] for vector in VECTORS["parse"]} == {"fr", "en"}


# --- properties the vectors cannot show one by one -----------------------------------------------


def test_rounding_up_is_exact_where_floats_add_one() -> None:
    for customers in range(1, 200):
        for rate in range(1, 101):
            fields = {
                "quota": str(customers * 1000),
                "marketing_share": "100",
                "deal_size": "1000",
                "close_rate": str(rate),
            }
            result = sla.evaluate(fields, "en").result
            assert result is not None
            assert result.leads == -((-customers * 100) // rate)  # integer ceiling


def test_floats_really_are_wrong_there() -> None:
    """The vectors' traps are real: the float version gives one too many."""
    assert math.ceil(21 / 0.35) == 61
    assert math.ceil(100_000 * 0.07 / 1000) == 8


def test_results_never_negative_nor_empty_for_valid_inputs() -> None:
    for text in ("0,01", "1", "99,99", "100"):
        fields = {"quota": "1", "marketing_share": text, "deal_size": "1", "close_rate": text}
        result = sla.evaluate(fields, "fr").result
        assert result is not None
        assert result.customers >= 1 and result.leads >= result.customers


def test_percent_sign_only_on_percent_fields() -> None:
    assert sla.parse_number("40 %", "fr", percent=True).value == 40
    assert sla.parse_number("40 %", "fr").error == "malformed"


# --- the server-rendered calculator --------------------------------------------------------------


def render(lang: str, page_url: str, level: int = 2) -> html.HtmlElement:
    return html.fragment_fromstring(calculator.render(lang, page_url, level))


@pytest.mark.parametrize(
    ("lang", "page_url", "prefix"),
    [
        ("fr", "outils/calculateur-sla/", "../../glossaire/"),
        ("fr", "glossaire/sla/", "../"),
        ("en", "en/tools/sla-calculator/", "../../glossary/"),
        ("en", "en/glossary/sla/", "../"),
    ],
)
def test_worked_example_is_rendered_with_glossary_links(
    lang: str, page_url: str, prefix: str
) -> None:
    root = render(lang, page_url)
    example = root.find_class("sla-calc__example")[0]
    text = spaces(example.text_content())
    figures = {
        "fr": ("200 000 €", "= 40", "= 160", "14"),
        "en": ("€200,000", "= 40", "= 160", "14"),
    }
    for figure in figures[lang]:
        assert figure in text
    hrefs = {link.get("href") for link in example.iter("a")}
    strings = json.loads(root.get("data-strings"))
    for entry_id in (
        "sla",
        "mql",
        "conversion-rate",
        "close-rate",
        "average-deal-size",
        "sales-quota",
    ):
        if page_url.endswith(f"/{entry_id}/"):  # no link from a term's page to itself
            assert entry_id not in strings["links"]
            assert not any(href in ("./", "") for href in hrefs)
        else:
            assert f"{prefix}{entry_id}/" in hrefs
            assert strings["links"][entry_id] == f"{prefix}{entry_id}/"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_form_contract(lang: str) -> None:
    root = render(lang, "outils/calculateur-sla/")
    assert root.get("data-calculator") == "sla"
    names = [element.get("name") for element in root.iter("input", "select") if element.get("name")]
    assert names == ["period", "currency", *sla.FIELDS]
    for name in sla.FIELDS:
        (field,) = root.xpath(f'.//input[@name="{name}"]')
        assert field.get("type") == "text"
        assert root.xpath(f'.//label[@for="{field.get("id")}"]')
        assert root.xpath(f'.//*[@id="{field.get("aria-describedby")}"]')
    for output in ("marketing_revenue", "customers", "leads"):
        (element,) = root.xpath(f'.//*[@data-output="{output}"]')
        assert element.text == "—"
        assert element.xpath('ancestor::*[@aria-live="polite"]')
    assert len(root.xpath(".//fieldset/legend")) == 3
    assert [option.get("value") for option in root.xpath('.//select[@name="currency"]/option')] == [
        "EUR",
        "USD",
        "GBP",
        "CHF",
        "CAD",
    ]


def test_markers_are_replaced_under_the_right_heading_level() -> None:
    markdown = (
        "# Title\n\nText.\n\n"
        f"{calculator.MARKER}\n\n"
        "## Section\n\n```\n# not a heading\n```\n\n"
        f"{calculator.MARKER}\n"
    )
    output = calculator.replace_markers(markdown, "fr", "outils/calculateur-sla/")
    assert calculator.MARKER not in output
    assert re.findall(r'<h(\d) id="(sla(?:-2)?)-results-title"', output) == [
        ("2", "sla"),
        ("3", "sla-2"),
    ]
    assert "\n\n" not in output.split("Text.\n\n")[1].split("\n\n## Section")[0]


def test_marker_inside_a_code_block_is_left_alone() -> None:
    markdown = f"# T\n\n```html\n{calculator.MARKER}\n```\n"
    assert calculator.replace_markers(markdown, "en", "en/tools/sla-calculator/") == markdown


def test_strings_have_the_same_keys_in_both_languages() -> None:
    def keys(data: Any, path: str = "") -> set[str]:
        if isinstance(data, dict):
            return {k for key, value in data.items() for k in keys(value, f"{path}/{key}")} | {path}
        return {path}

    assert keys(calculator.strings("fr")) == keys(calculator.strings("en"))


def test_french_messages_use_no_break_spaces() -> None:
    errors = calculator.strings("fr")["browser"]["errors"]
    assert "100\u00a0%" in errors["close_rate"]
    assert errors["close_rate"].startswith(
        "Le taux de conversion doit être supérieur à 0 et au plus de 100\u00a0%"
    )
