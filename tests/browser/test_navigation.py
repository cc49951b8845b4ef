"""Real Chromium on the built site: language switching, twins, nothing loaded from elsewhere."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAIRS = [
    ("", "en/"),
    ("glossaire/", "en/glossary/"),
    ("glossaire/sla/", "en/glossary/sla/"),
    ("glossaire/enps/", "en/glossary/enps/"),
    ("articles/smarketing/", "en/articles/what-is-smarketing/"),
    ("outils/calculateur-sla/", "en/tools/sla-calculator/"),
]


@pytest.mark.parametrize(("french", "english"), PAIRS)
def test_language_selector_goes_to_the_twin(page, site_url: str, french: str, english: str) -> None:
    for start, target, lang in ((french, english, "en"), (english, french, "fr")):
        page.goto(site_url + start)
        page.locator(".md-select").first.hover()
        page.locator(f'a.md-select__link[hreflang="{lang}"]').click()
        page.wait_for_url(site_url + target)
        assert page.locator("html").get_attribute("lang") == lang


def test_term_page_links_its_twin_and_related_entries(page, site_url: str) -> None:
    page.goto(site_url + "glossaire/sla/")
    assert page.locator("h1").inner_text().startswith("Accord de niveau de service")
    page.get_by_role("link", name="Service level agreement (SLA)").click()
    page.wait_for_url(site_url + "en/glossary/sla/")
    page.locator("h2#see-also + ul").get_by_role("link", name="Marketing qualified lead").click()
    page.wait_for_url(site_url + "en/glossary/mql/")


def test_index_letter_bar_jumps_to_its_letter(page, site_url: str) -> None:
    page.goto(site_url + "glossaire/")
    page.get_by_role("navigation", name="Aller à la lettre").get_by_role("link", name="S").click()
    page.wait_for_url(site_url + "glossaire/#lettre-s")
    assert page.locator("h2#lettre-s").is_visible()
    assert page.get_by_role("link", name="Smarketing").first.is_visible()
