"""A page not yet translated, in real Chromium, on the three-language test site (issue 14):
readable at 390 px, accessible in both colour schemes, its tooltip and language menu right."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import axe
from tests.conftest import serve_folder
from tests.test_three_languages import project, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def three_url(site: Path) -> Iterator[str]:  # noqa: F811 - the imported fixture
    with serve_folder(site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_untranslated_page_reads_in_its_language_and_passes_axe(
    browser, three_url: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(three_url + "de/glossar/sal/")
        assert page.locator("html").get_attribute("lang") == "de"
        notice = page.locator(".admonition").first
        expect(notice).to_be_visible()
        assert notice.locator(".admonition-title").inner_text() == "Noch nicht übersetzt"
        assert "auf Deutsch verfasst" in notice.inner_text()
        assert (
            notice.locator('a[rel="edit"]')
            .get_attribute("href", timeout=1000)
            .endswith("/glossary/sal.yml")
        )
        assert page.locator("h1").get_attribute("lang") == "fr"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.wait_for_timeout(300)  # the palette's transition, before contrast is measured
        found = axe.violations(page)
        assert found == [], axe.report(found)
    finally:
        context.close()


def test_a_link_to_an_untranslated_entry_shows_its_summary_marked_french(
    page, three_url: str
) -> None:
    page.goto(three_url + "de/glossar/mql/")
    link = page.locator('article a[href$="sal/"]').first
    link.hover()
    tooltip = page.locator(".gl-tooltip")
    expect(tooltip).to_be_visible()
    assert tooltip.locator('[lang="fr"]').first.inner_text().startswith("Lead transmis")
    described = link.get_attribute("aria-describedby") or ""
    assert "gl-tip-sal" in described.split()


def test_the_language_menu_goes_from_the_untranslated_page_to_the_french_one(
    page, three_url: str
) -> None:
    page.goto(three_url + "en/glossary/sal/")
    page.locator(".md-select").first.hover()
    options = page.locator("a.md-select__link")
    assert options.all_inner_texts() == ["Français", "English", "Deutsch"]
    page.locator('a.md-select__link[hreflang="fr"]').click()
    page.wait_for_url(three_url + "glossaire/sal/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".admonition").count() == 0
