"""Zero axe-core violations on every kind of page, in both languages."""

from __future__ import annotations

import pytest

from tests.browser.axe import report, violations

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "en/",
    "glossaire/",
    "en/glossary/",
    "glossaire/enps/",
    "en/glossary/ltv/",
    "glossaire/abm/",
    "articles/",
    "articles/ecouter-les-equipes/",
    "en/articles/marketing-sales-sla/",
    "en/articles/measuring-alignment-kpis/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_violation(page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    found = violations(page)
    assert found == [], report(found)


def test_no_violation_with_the_index_filtered(page, site_url: str) -> None:
    page.goto(site_url + "glossaire/?q=taux&category=metrics")
    page.locator("[data-filter-status]").wait_for()
    found = violations(page)
    assert found == [], report(found)


# "phoning": the selected result has a line saying which name matched, a struck one.
@pytest.mark.parametrize("query", ["lead", "phoning"])
def test_no_violation_with_search_results_open(page, site_url: str, query: str) -> None:
    page.goto(site_url + "en/")
    page.locator("[data-gl-search-input]").click()
    page.keyboard.type(query)
    page.wait_for_selector("[data-gl-search-results] [role=option]", timeout=15000)
    page.keyboard.press("ArrowDown")  # an active option too
    # The dialog fades in: colours measured mid-transition are not the ones a reader sees.
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    found = violations(page)
    assert found == [], report(found)
