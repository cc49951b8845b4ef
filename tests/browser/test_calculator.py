"""The SLA calculator in real Chromium, on the built site.

The shared vectors (tests/data/sla_vectors.json) run through overrides/assets/calculator/sla.js,
imported in the served page; then the page itself: typing in both languages, refused input, state
in the query string, copying the link, keyboard only, a 360 px phone, print, and axe-core.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from hooks import calculator, sla
from tests.browser.axe import report, violations

pytestmark = pytest.mark.browser

VECTORS = json.loads(
    (Path(__file__).parent.parent / "data" / "sla_vectors.json").read_text("utf-8")
)
CALCULATORS = {"fr": "outils/calculateur-sla/", "en": "en/tools/sla-calculator/"}
TERM_PAGES = {"fr": "glossaire/sla/", "en": "en/glossary/sla/"}
ALL_PAGES = [*CALCULATORS.items(), *TERM_PAGES.items()]
FIELDS = list(sla.FIELDS)
EXAMPLE = {
    "fr": {"quota": "500 000", "marketing_share": "40", "deal_size": "5 000", "close_rate": "25"},
    "en": {"quota": "500,000", "marketing_share": "40", "deal_size": "5,000", "close_rate": "25"},
}
EXAMPLE_QUERY = "quota=500000&marketing_share=40&deal_size=5000&close_rate=25"
DASH = "—"


def spaces(text: str | None) -> str:
    """No-break and narrow no-break spaces read as spaces (DESIGN.md, fact 9)."""
    return (text or "").replace("\u00a0", " ").replace("\u202f", " ")


def open_calculator(page: Page, path: str) -> Locator:
    """Go to ``path`` and wait until main.js has mounted the calculator."""
    page.goto(path)
    root = page.locator('[data-calculator="sla"]')
    expect(root).to_have_attribute("data-ready", "true")
    return root


def output(root: Locator, name: str) -> str:
    return spaces(root.locator(f'[data-output="{name}"]').text_content())


def field(root: Locator, name: str) -> Locator:
    return root.locator(f'[name="{name}"]')


def fill(root: Locator, values: dict[str, str]) -> None:
    for name, text in values.items():
        field(root, name).fill(text)


def message(root: Locator, name: str) -> Locator:
    """The element the field's aria-describedby points to."""
    described_by = field(root, name).get_attribute("aria-describedby")
    assert described_by and " " not in described_by
    return root.page.locator(f"#{described_by}")


def query(page: Page) -> dict[str, str]:
    return dict(parse_qsl(page.evaluate("location.search").lstrip("?")))


def assert_clean(root: Locator) -> None:
    """Never NaN, Infinity, undefined or a negative count in the calculator."""
    text = root.inner_text()
    for bad in ("NaN", "Infinity", "undefined", "null"):
        assert bad not in text
    for name in ("marketing_revenue", "customers", "leads"):
        shown = output(root, name)
        assert shown == DASH or re.fullmatch(r"[^-−]*\d[^-−]*", shown), shown


@pytest.fixture
def clipboard_context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A context allowed to use the clipboard; JavaScript errors fail the test."""
    context = browser.new_context(
        base_url=site_url, permissions=["clipboard-read", "clipboard-write"]
    )
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    yield context
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


# --- the shared vectors, through sla.js

RUN_VECTORS = """
async ({ url, vectors, numbers }) => {
  const m = await import(url);
  for (const [lang, format] of Object.entries(numbers)) m.defineNumbers(lang, format);
  const exact = (text) => {
    const [top, bottom] = text.split("/");
    if (bottom) return m.fraction(BigInt(top), BigInt(bottom));
    const [integer, decimals = ""] = top.split(".");
    return m.fraction(BigInt(integer + decimals), 10n ** BigInt(decimals.length));
  };
  const parse = vectors.parse.map((v) => {
    const found = m.parseNumber(v.input, v.locale, { percent: Boolean(v.percent) });
    return found.value ? { value: m.decimalString(found.value) } : { error: found.error };
  });
  const query = vectors.query.map((v) => {
    const found = m.parseQueryValue(v.input);
    return found ? m.decimalString(found) : null;
  });
  const evaluate = vectors.evaluate.map((v) => {
    const evaluation = m.evaluate(v.fields, v.locale);
    const steps = m.steps(evaluation, v.locale);
    return {
      errors: evaluation.errors,
      split_incomplete: evaluation.splitIncomplete,
      result: evaluation.result ? m.plain(evaluation.result) : null,
      steps: steps.map((step) => step.key),
      outcomes: steps.map((step) => (step.outcome ? step.outcome.kind : null)),
    };
  });
  const format = vectors.format.map((v) => {
    if (v.kind === "symbol") return m.currencySymbol(v.locale, v.currency);
    const value = exact(v.value);
    switch (v.kind) {
      case "money": return m.formatMoney(value, v.locale, v.currency);
      case "percent": return m.formatPercent(value, v.locale);
      case "count": return m.formatCount(value.n, v.locale);
      case "approx": return m.formatApprox(value, v.locale);
      case "number": return m.formatNumber(value, v.locale);
    }
    return "unknown kind " + v.kind;
  });
  return { parse, query, evaluate, format };
}
"""


@pytest.fixture(scope="module")
def js_results(browser: Browser, site_url: str) -> dict[str, list[Any]]:
    """Every vector run once through sla.js, imported in the served calculator page."""
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    page.goto(CALCULATORS["fr"])
    results = page.evaluate(
        RUN_VECTORS,
        {
            "url": site_url + "assets/calculator/sla.js",
            "vectors": VECTORS,
            "numbers": {lang: calculator.browser_numbers(lang) for lang in ("fr", "en")},
        },
    )
    context.close()
    return results


def vector_ids(kind: str) -> list[str]:
    return [
        f"{index}-{vector.get('name') or vector.get('input') or vector.get('expected')}"
        for index, vector in enumerate(VECTORS[kind])
    ]


@pytest.mark.parametrize("index", range(len(VECTORS["parse"])), ids=vector_ids("parse"))
def test_js_parse_vector(js_results: dict[str, list[Any]], index: int) -> None:
    vector, found = VECTORS["parse"][index], js_results["parse"][index]
    if "error" in vector:
        assert found == {"error": vector["error"]}
    else:
        assert "value" in found, found
        assert Fraction(found["value"]) == Fraction(vector["expected"])


@pytest.mark.parametrize("index", range(len(VECTORS["query"])), ids=vector_ids("query"))
def test_js_query_vector(js_results: dict[str, list[Any]], index: int) -> None:
    vector, found = VECTORS["query"][index], js_results["query"][index]
    expected = vector["expected"]
    assert (None if found is None else Fraction(found)) == (
        None if expected is None else Fraction(expected)
    )


@pytest.mark.parametrize("index", range(len(VECTORS["evaluate"])), ids=vector_ids("evaluate"))
def test_js_evaluate_vector(js_results: dict[str, list[Any]], index: int) -> None:
    vector, found = VECTORS["evaluate"][index], js_results["evaluate"][index]
    assert found["errors"] == vector["errors"]
    assert found["split_incomplete"] == vector.get("split_incomplete", False)
    if vector["result"] is None:
        assert found["result"] is None
    else:
        assert found["result"] is not None
        assert {key: found["result"][key] for key in vector["result"]} == vector["result"]
    if "steps" in vector:
        assert found["steps"] == vector["steps"]
    if "outcomes" in vector:
        assert found["outcomes"] == vector["outcomes"]


@pytest.mark.parametrize("index", range(len(VECTORS["format"])), ids=vector_ids("format"))
def test_js_format_vector(js_results: dict[str, list[Any]], index: int) -> None:
    assert spaces(js_results["format"][index]) == VECTORS["format"][index]["expected"]


# --- typing


def test_empty_calculator_shows_dashes_and_no_error(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"])
    for name in ("marketing_revenue", "customers", "leads"):
        assert output(root, name) == DASH
    assert root.locator("[aria-invalid]").count() == 0
    assert "Saisissez vos chiffres" in spaces(root.locator("[data-status]").text_content())
    assert root.locator("[data-steps] li").count() == 0
    assert page.evaluate("location.search") == ""


def test_typing_in_french(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"])
    field(root, "quota").press_sequentially("1 200 000")
    field(root, "marketing_share").press_sequentially("12,5 %")
    field(root, "deal_size").fill("12\u00a0500,50")
    field(root, "close_rate").fill("30%")
    assert output(root, "marketing_revenue") == "150 000 €"
    assert output(root, "customers") == "12"  # 150 000 ÷ 12 500,50 = 11,99…
    assert output(root, "leads") == "40"
    assert output(root, "leads_per_month") == "4"
    assert root.locator("[aria-invalid]").count() == 0
    field(root, "quota").fill("1\u202f200\u202f000")  # as Intl.NumberFormat writes it
    assert output(root, "marketing_revenue") == "150 000 €"
    steps = spaces(root.locator("[data-steps]").inner_text())
    assert "1 200 000 € × 12,5 % = 150 000 €" in steps
    assert "arrondi à l’entier supérieur" in steps


def test_typing_in_english(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["en"])
    field(root, "quota").press_sequentially("1,200,000")
    field(root, "marketing_share").press_sequentially("12.5%")
    field(root, "deal_size").fill("12,500.50")
    field(root, "close_rate").fill("30")
    assert output(root, "marketing_revenue") == "€150,000"
    assert output(root, "customers") == "12"
    assert output(root, "leads") == "40"
    steps = root.locator("[data-steps]").inner_text()
    assert "€1,200,000 × 12.5% = €150,000" in steps


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES)
def test_worked_example_typed_on_every_page(page: Page, lang: str, path: str) -> None:
    root = open_calculator(page, path)
    fill(root, EXAMPLE[lang])
    expected = {"fr": "200 000 €", "en": "€200,000"}[lang]
    assert output(root, "marketing_revenue") == expected
    assert output(root, "customers") == "40"
    assert output(root, "leads") == "160"
    assert output(root, "leads_per_month") == "14"
    assert_clean(root)


def test_rounding_up_is_exact_in_the_page(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"])
    fill(root, {"quota": "21 000", "marketing_share": "100", "deal_size": "1 000"})
    field(root, "close_rate").fill("35")
    assert output(root, "customers") == "21"
    assert output(root, "leads") == "60"  # floats say 61
    assert "21 ÷ 35 % = 60" in spaces(root.locator("[data-steps]").inner_text())


def test_stage_rates_reps_and_period(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"])
    fill(root, {**EXAMPLE["fr"], "close_rate": ""})
    field(root, "lead_to_opportunity").fill("40")
    assert "Indiquez les deux taux" in root.locator("[data-status]").text_content()
    assert output(root, "leads") == DASH
    field(root, "opportunity_to_customer").fill("25 %")
    assert output(root, "leads") == "400"
    assert field(root, "close_rate").get_attribute("aria-required") == "false"
    steps = spaces(root.locator("[data-steps]").inner_text())
    assert "40 % × 25 % = 10 %" in steps
    per_rep = root.locator('[data-result="leads_per_rep_per_month"]')
    expect(per_rep).to_be_hidden()
    field(root, "reps").fill("3")
    expect(per_rep).to_be_visible()
    assert output(root, "leads_per_rep_per_month") == "12"  # 400 ÷ 12 ÷ 3 = 11,1…
    field(root, "period").select_option("quarter")
    assert output(root, "leads_per_month") == "134"  # 400 ÷ 3 = 133,3…
    assert output(root, "leads_per_rep_per_month") == "45"
    field(root, "period").select_option("month")
    expect(root.locator("[data-per-month]").first).to_be_hidden()
    assert output(root, "leads_per_rep_per_month") == "134"
    assert query(root.page)["period"] == "month"


def test_currency_choice(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["en"])
    fill(root, EXAMPLE["en"])
    field(root, "currency").select_option("CHF")
    assert output(root, "marketing_revenue") == "CHF 200,000"
    assert root.locator("[data-currency-symbol]").first.text_content() == "CHF"
    assert query(page)["currency"] == "CHF"
    field(root, "currency").select_option("EUR")
    assert "currency" not in query(page)  # the default is left out


# --- refused input

BAD_INPUTS = [
    ("fr", "close_rate", "0", "Le taux de conversion doit être supérieur à 0 et au plus de 100 %"),
    (
        "fr",
        "close_rate",
        "100,5",
        "Le taux de conversion doit être supérieur à 0 et au plus de 100 %",
    ),
    ("fr", "close_rate", "12,5,3", "Nombre non reconnu"),
    ("fr", "quota", "abc", "L’objectif commercial doit être un nombre supérieur à 0"),
    ("fr", "quota", "1e400", "Nombre non reconnu"),
    ("fr", "quota", "1 20 000", "Nombre non reconnu"),
    ("fr", "quota", "12.5", "Nombre non reconnu"),
    ("fr", "deal_size", "-5", "Le panier moyen doit être un nombre supérieur à 0"),
    ("fr", "marketing_share", "140", "La part du marketing doit être supérieure à 0"),
    ("fr", "reps", "2,5", "Le nombre de commerciaux doit être un nombre entier"),
    ("en", "quota", "1.200,5", "Number not recognised"),
    ("en", "quota", "1234567890123456", "Number too long"),
    ("en", "marketing_share", "0", "The marketing share must be greater than 0 and at most 100%"),
    ("en", "close_rate", "abc", "The conversion rate must be greater than 0 and at most 100%"),
    ("en", "lead_to_opportunity", "101", "The lead-to-opportunity rate must be greater than 0"),
]


@pytest.mark.parametrize(
    ("lang", "name", "text", "words"), BAD_INPUTS, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in BAD_INPUTS]
)
def test_bad_input_is_refused_and_explained(
    page: Page, lang: str, name: str, text: str, words: str
) -> None:
    root = open_calculator(page, CALCULATORS[lang])
    fill(root, EXAMPLE[lang])
    assert output(root, "leads") == "160"
    field(root, name).fill(text)
    assert field(root, name).get_attribute("aria-invalid") == "true"
    expect(message(root, name)).to_be_visible()
    assert words in spaces(message(root, name).text_content())
    for output_name in ("marketing_revenue", "customers", "leads"):
        assert output(root, output_name) == DASH
    assert root.locator("[data-steps] li").count() == 0
    assert_clean(root)
    assert name not in query(page)  # a refused value is not kept in the link
    field(root, name).fill("")  # cleared: no error left behind
    assert field(root, name).get_attribute("aria-invalid") is None
    assert message(root, name).text_content() == ""


def test_french_message_uses_no_break_spaces(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"])
    field(root, "close_rate").fill("0")
    assert "100\u00a0%" in message(root, "close_rate").text_content()


# --- state in the query string


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_opening_a_link_shows_its_results(page: Page, lang: str) -> None:
    root = open_calculator(page, CALCULATORS[lang] + "?" + EXAMPLE_QUERY + "&period=quarter&reps=2")
    expected = {
        "fr": ("500 000", "200 000 €", "66 666,67 €"),
        "en": ("500,000", "€200,000", "€66,666.67"),
    }[lang]
    assert spaces(field(root, "quota").input_value()) == expected[0]
    assert field(root, "marketing_share").input_value() == "40"
    assert field(root, "period").input_value() == "quarter"
    assert output(root, "marketing_revenue") == expected[1]
    assert output(root, "marketing_revenue_per_month") == expected[2]
    assert output(root, "leads") == "160"
    assert output(root, "leads_per_month") == "54"
    assert output(root, "leads_per_rep_per_month") == "27"


def test_link_with_decimals_is_formatted_for_the_page(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"] + "?quota=12500.5&marketing_share=12.5")
    assert spaces(field(root, "quota").input_value()) == "12 500,5"
    assert field(root, "marketing_share").input_value() == "12,5"


def test_query_values_are_numbers_or_ignored(page: Page) -> None:
    hostile = (
        "?quota=%3Cimg%20src%3Dx%20onerror%3Dwindow.hacked%3D1%3E&marketing_share=1e5"
        "&deal_size=5000&close_rate=25&currency=XXX&period=%3Cb%3E&keep=me"
    )
    root = open_calculator(page, CALCULATORS["en"] + hostile)
    assert field(root, "quota").input_value() == ""
    assert field(root, "marketing_share").input_value() == ""
    assert field(root, "deal_size").input_value() == "5,000"
    assert field(root, "currency").input_value() == "EUR"
    assert field(root, "period").input_value() == "year"
    assert root.locator("img, b").count() == 0
    assert page.evaluate("window.hacked") is None
    assert output(root, "leads") == DASH
    assert query(page) == {"keep": "me", "deal_size": "5000", "close_rate": "25"}


def test_out_of_range_link_values_are_shown_as_errors(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"] + "?" + EXAMPLE_QUERY.replace("=25", "=250"))
    assert field(root, "close_rate").input_value() == "250"
    assert field(root, "close_rate").get_attribute("aria-invalid") == "true"
    assert output(root, "leads") == DASH


def test_url_follows_typing_without_new_history_entries(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"])
    history = page.evaluate("history.length")
    field(root, "quota").press_sequentially("500 000")
    assert page.evaluate("location.search") == "?quota=500000"
    fill(root, {"marketing_share": "40", "deal_size": "5 000", "close_rate": "25"})
    assert page.evaluate("location.search") == "?" + EXAMPLE_QUERY
    field(root, "deal_size").fill("5 000,5")
    assert query(page)["deal_size"] == "5000.5"
    field(root, "currency").select_option("USD")
    assert query(page)["currency"] == "USD"
    assert page.evaluate("history.length") == history
    page.reload()
    root = page.locator('[data-calculator="sla"]')
    expect(root).to_have_attribute("data-ready", "true")
    assert spaces(field(root, "deal_size").input_value()) == "5 000,5"
    assert spaces(output(root, "marketing_revenue")) == "200 000 $US"


# --- copying the link


def test_copy_link_copies_the_current_url(clipboard_context: BrowserContext) -> None:
    page = clipboard_context.new_page()
    root = open_calculator(page, CALCULATORS["fr"] + "?" + EXAMPLE_QUERY)
    status = root.locator("[data-copy-status]")
    assert status.get_attribute("role") == "status"
    root.locator("[data-copy-link]").click()
    expect(status).to_have_text("Lien copié dans le presse-papiers.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.evaluate("location.href")
    assert urlsplit(copied).query == EXAMPLE_QUERY
    field(root, "reps").fill("2")  # a new figure: the old confirmation goes
    expect(status).to_have_text("")


def test_copy_link_falls_back_without_clipboard(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url)
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    try:
        page = context.new_page()
        root = open_calculator(page, CALCULATORS["en"] + "?" + EXAMPLE_QUERY)
        root.locator("[data-copy-link]").click()
        link = root.locator("[data-copy-field]")
        expect(link).to_be_visible()
        expect(link).to_be_focused()
        assert link.input_value() == page.evaluate("location.href")
        expect(root.locator("[data-copy-status]")).to_have_text(re.compile(r"Link copied|select"))
    finally:
        context.close()


# --- keyboard, phone, zoom, print

TAB_ORDER = ["period", "currency", *FIELDS, "copy"]


def focused(page: Page) -> str:
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          if (!element.closest('[data-calculator="sla"]')) return "";
          return element.matches("[data-copy-link]") ? "copy" : element.name || element.tagName;
        }"""
    )


def test_keyboard_only(clipboard_context: BrowserContext) -> None:
    page = clipboard_context.new_page()
    root = open_calculator(page, CALCULATORS["fr"])
    for _ in range(300):  # from the top of the page, Tab until the calculator
        page.keyboard.press("Tab")
        if focused(page):
            break
    order = [focused(page)]
    for _ in range(len(TAB_ORDER) - 1):
        page.keyboard.press("Tab")
        order.append(focused(page))
    assert order == TAB_ORDER
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    for _ in range(len(TAB_ORDER) - 3):  # back to the quota, then type everything
        page.keyboard.press("Shift+Tab")
    assert focused(page) == "quota"
    for text in ("500 000", "40", "5 000", "25"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    assert output(root, "leads") == "160"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "currency"
    page.keyboard.press("ArrowDown")
    assert field(root, "currency").input_value() == "USD"
    assert output(root, "marketing_revenue") == "200 000 $US"
    root.locator("[data-copy-link]").focus()
    page.keyboard.press("Enter")
    expect(root.locator("[data-copy-status]")).to_have_text("Lien copié dans le presse-papiers.")


@pytest.mark.parametrize("width", [360, 640], ids=["phone-360px", "zoom-200pc"])
@pytest.mark.parametrize(("lang", "path"), ALL_PAGES)
def test_no_horizontal_scroll(
    browser: Browser, site_url: str, width: int, lang: str, path: str
) -> None:
    """A 360 px phone, and 1280 px at 200 % zoom (640 CSS px): one column, nothing cut."""
    context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        root = open_calculator(page, path)
        fill(root, {**EXAMPLE[lang], "reps": "3"})
        field(root, "quota").fill("999 999 999 999 999" if lang == "fr" else "999,999,999,999,999")
        field(root, "deal_size").fill("0,01" if lang == "fr" else "0.01")
        field(root, "close_rate").fill("0,0000000001" if lang == "fr" else "0.0000000001")
        assert output(root, "leads") != DASH
        field(root, "lead_to_opportunity").fill("not a number")  # a long error message too
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for control in root.locator("input:visible, select:visible, button:visible").all():
            box = control.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
    finally:
        context.close()


def test_print_shows_figures_and_results_without_buttons(page: Page) -> None:
    root = open_calculator(page, CALCULATORS["fr"] + "?" + EXAMPLE_QUERY)
    page.emulate_media(media="print")
    expect(root.locator("[data-copy-link]")).to_be_hidden()
    expect(root.locator('[data-output="leads"]')).to_be_visible()
    expect(root.locator("[data-steps]")).to_be_visible()
    expect(field(root, "quota")).to_be_visible()


def test_worked_example_reads_right_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(CALCULATORS["fr"])
        example = page.locator(".sla-calc__example")
        text = spaces(example.inner_text())
        for figure in ("500 000 € × 40 % = 200 000 €", "= 40", "40 ÷ 25 % = 160", "14 par mois"):
            assert figure in text
        expect(page.locator(".sla-calc__noscript")).to_be_visible()
    finally:
        context.close()


# --- the steps link the glossary

GLOSSARY_IDS = ("sla", "mql", "conversion-rate", "close-rate", "average-deal-size", "sales-quota")


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES)
def test_steps_link_the_glossary_entries(page: Page, site_url: str, lang: str, path: str) -> None:
    root = open_calculator(page, path)
    fill(root, EXAMPLE[lang])
    links = root.locator("[data-steps] a")
    hrefs = {link.evaluate("a => a.href") for link in links.all()}
    folder = {"fr": "glossaire", "en": "en/glossary"}[lang]
    for entry_id in GLOSSARY_IDS:
        target = f"{site_url}{folder}/{entry_id}/"
        if path == f"{folder}/{entry_id}/":
            assert target not in hrefs  # no link from the SLA page to itself
        else:
            assert target in hrefs
    first = links.first.evaluate("a => a.href")
    response = page.goto(first)
    assert response is not None and response.ok


# --- axe-core


@pytest.mark.parametrize("state", ["empty", "results", "errors"])
@pytest.mark.parametrize(("lang", "path"), ALL_PAGES)
def test_axe_finds_no_violation(page: Page, lang: str, path: str, state: str) -> None:
    root = open_calculator(page, path)
    if state != "empty":
        fill(root, {**EXAMPLE[lang], "reps": "3"})
    if state == "errors":
        fill(root, {"quota": "abc", "close_rate": "0", "lead_to_opportunity": "40"})
    found = violations(page)
    assert found == [], report(found)
