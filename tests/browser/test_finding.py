"""Finding things in real Chromium: search per language, index filters (term tooltips:
test_tooltips.py)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

RESULT = ".md-search-result__item > a"
ENTRIES = "items => items.map(item => item.dataset.entry)"


def search(page, site_url: str, start: str, query: str) -> list[str]:
    """Type ``query`` in Material's search on ``start``; the result links, best first."""
    page.goto(site_url + start)
    page.locator(".md-search__input").click()
    # Wait until the worker has loaded the index ("Initializing search" is gone).
    page.wait_for_function(
        "() => /Taper|Type/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=15000,
    )
    page.keyboard.type(query)
    page.wait_for_selector(RESULT, timeout=15000)
    page.wait_for_timeout(250)  # the list settles once the last keystroke is searched
    hrefs = page.locator(RESULT).evaluate_all("links => links.map(link => link.href)")
    return [re.sub(r"\?.*$", "", href.removeprefix(site_url)) for href in hrefs]


SEARCHES = [
    # (page, query, first result)
    ("", "SLA", "glossaire/sla/"),
    ("", "rétention", "glossaire/crr/"),
    ("", "retention", "glossaire/crr/"),
    ("", "accords de niveau de service", "glossaire/sla/"),
    ("", "contrat de niveau de service", "glossaire/sla/"),
    ("", "lead", "glossaire/lead/"),
    ("", "MQL", "glossaire/mql/"),
    ("", "taux d’attrition", "glossaire/churn/"),
    ("", "eNPS", "glossaire/enps/"),
    ("en/", "SLA", "en/glossary/sla/"),
    ("en/", "service level agreements", "en/glossary/sla/"),
    ("en/", "retention", "en/glossary/crr/"),
    ("en/", "lead", "en/glossary/lead/"),
    ("en/", "customer lifetime value", "en/glossary/ltv/"),
]


@pytest.mark.parametrize(("start", "query", "first"), SEARCHES)
def test_search_finds_the_entry_first_in_the_page_language(
    page, site_url: str, start: str, query: str, first: str
) -> None:
    results = search(page, site_url, start, query)
    assert results[0] == first, results[:5]
    english = [result for result in results if result.startswith("en/")]
    assert english == results if start == "en/" else english == [], results


def test_term_page_lists_the_articles_using_it(page, site_url: str) -> None:
    page.goto(site_url + "en/glossary/lead/")
    used_in = page.locator("h2#used-in + ul a").all_inner_texts()
    assert "Measuring sales and marketing alignment: the KPIs that matter" in used_in


def test_index_text_filter_is_instant_accented_and_announced(page, site_url: str) -> None:
    page.goto(site_url + "glossaire/")
    status = page.locator("[data-filter-status]")
    assert status.get_attribute("role") == "status"
    total = int(status.inner_text().split()[0])
    field = page.get_by_label("Filtrer les termes")
    field.focus()
    page.keyboard.type("retention")
    visible = page.locator(".gl-index__item:visible dt")
    assert "Taux de rétention client (CRR)" in visible.all_inner_texts()
    shown = len(set(page.locator(".gl-index__item:visible").evaluate_all(ENTRIES)))
    assert 0 < shown < total
    assert status.inner_text() == f"{shown} termes sur {total}"
    assert "?q=retention" in page.url
    assert page.locator("h2#lettre-a").is_hidden()
    field.fill("zzzz")
    assert page.locator("[data-filter-empty]").is_visible()
    assert status.inner_text() == f"0 termes sur {total}"


def test_index_category_filter_with_the_keyboard(page, site_url: str) -> None:
    page.goto(site_url + "en/glossary/")
    category = page.get_by_label("Category", exact=True)
    category.focus()
    category.select_option("revenue")
    entries = set(page.locator(".gl-index__item:visible").evaluate_all(ENTRIES))
    assert {"ltv", "churn", "crr"} <= entries and "sla" not in entries
    status = page.locator("[data-filter-status]").inner_text()
    assert re.fullmatch(rf"{len(entries)} of \d+ terms", status), status
    assert "category=revenue" in page.url
    page.reload()
    assert page.get_by_label("Category", exact=True).input_value() == "revenue"
