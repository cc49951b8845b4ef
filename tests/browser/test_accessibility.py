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


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["glossaire/sla/", "en/glossary/sla/"])
def test_no_violation_with_the_preview_problem_panel(
    browser, built_site, site_url: str, tmp_path, path: str, color_scheme: str
) -> None:
    """The panel ``make serve`` adds to every page (hooks/preview.py), with a problem that
    ``--fix`` corrects (marked) and one it does not, on the built page, in both schemes."""
    from hooks import preview
    from tests.test_fix import _broken_sla

    problems = _broken_sla(tmp_path, fixable=True)
    preview.session.show(problems, tmp_path)
    try:
        fixable = preview.session.fixable
    finally:
        preview.session.show([])
    assert len(fixable) == 1
    html = (built_site / path / "index.html").read_bytes()
    with_panel = preview.add_panel(html, "/" + path, problems, fixable)
    context = browser.new_context(base_url=site_url, color_scheme=color_scheme)
    try:
        page = context.new_page()
        page.route(
            site_url + path,
            lambda route: route.fulfill(body=with_panel, content_type="text/html; charset=utf-8"),
        )
        page.goto(site_url + path)
        assert page.locator("[data-glossary-problems] .gl-problems-fixable").count() == 1
        expected = "slate" if color_scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        page.screenshot(path=str(tmp_path / f"panel-{color_scheme}.png"))
        found = violations(page)
        assert found == [], report(found)
    finally:
        context.close()
