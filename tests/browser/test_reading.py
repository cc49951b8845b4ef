"""Reading as a person would, in real Chromium: the dark scheme, printing, and the language
switcher that keeps the reader's place (section, calculator values, index filter)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import report, violations

pytestmark = pytest.mark.browser

DARK_PAGES = [
    "",
    "en/",
    "glossaire/",
    "glossaire/sla/",
    "en/glossary/sla/",
    "glossaire/enps/",
    "outils/calculateur-sla/",
    "en/tools/sla-calculator/",
    "articles/sla-marketing-ventes/",
    "404.html",
]
SLA_QUERY = "quota=500000&marketing_share=40&deal_size=5000&close_rate=25"


@pytest.fixture
def dark(browser: Browser, site_url: str) -> Iterator[Page]:
    """A page whose system asks for the dark scheme."""
    context = browser.new_context(base_url=site_url, color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def scheme(page: Page) -> str | None:
    return page.locator("body").get_attribute("data-md-color-scheme")


# --- dark scheme -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DARK_PAGES)
def test_dark_scheme_follows_the_system_without_a_violation(dark: Page, path: str) -> None:
    dark.goto(path)
    assert scheme(dark) == "slate"
    found = violations(dark)
    assert found == [], report(found)


def test_dark_scheme_with_calculator_results_and_search_open(dark: Page) -> None:
    dark.goto("glossaire/sla/?" + SLA_QUERY)
    expect(dark.locator('[data-output="leads"]')).not_to_have_text("—")
    found = violations(dark)
    assert found == [], report(found)
    dark.locator("[data-gl-search-input]").click()
    dark.keyboard.type("lead")
    dark.wait_for_selector("[data-gl-search-results] [role=option]", timeout=15000)
    # The dialog fades in: colours measured mid-transition are not the ones a reader sees.
    dark.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    found = violations(dark)
    assert found == [], report(found)


def test_the_toggle_switches_scheme_in_the_pages_language_and_is_remembered(
    page: Page,
) -> None:
    page.goto("glossaire/")
    assert scheme(page) == "default"
    toggle = page.get_by_title("Passer au thème sombre")
    toggle.click()
    assert scheme(page) == "slate"
    page.goto("en/glossary/sla/")
    assert scheme(page) == "slate", "the choice holds on the next page"
    page.get_by_title("Switch to the light theme").click()
    assert scheme(page) == "default"


# --- print -------------------------------------------------------------------------------------


def printed(page: Page) -> tuple[int, str]:
    """Pages and text of the A4 PDF Chromium prints of the page; no page is blank."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    texts = [sheet.extract_text().strip() for sheet in reader.pages]
    assert all(texts), f"blank pages: {[n + 1 for n, text in enumerate(texts) if not text]}"
    return len(reader.pages), " ".join(" ".join(texts).split())


def test_a_printed_term_page_has_its_text_without_navigation_or_empty_form(page: Page) -> None:
    page.goto("glossaire/sla/")
    pages, text = printed(page)
    assert pages <= 4, f"{pages} A4 pages (7 without the print stylesheet)"
    for wanted in ("Accord de niveau de service", "Définition", "Exemple", "Sources"):
        assert wanted in text
    for unwanted in (
        "Calculez le vôtre",  # the empty calculator and its heading
        "Objectif de chiffre d’affaires",
        "Table des matières",
        "Rechercher",
        "Retour au glossaire",
        "Proposer une modification",
        "Site construit avec",
    ):
        assert unwanted not in text, unwanted
    assert page.locator(".md-header").is_visible(), "the screen keeps its header"


def test_a_filled_calculator_prints_its_results(page: Page) -> None:
    page.goto("glossaire/sla/?" + SLA_QUERY)
    expect(page.locator('[data-output="leads"]')).not_to_have_text("—")
    _, text = printed(page)
    assert "Calculez le vôtre" in text


def test_a_printed_article_keeps_its_text_without_navigation(page: Page) -> None:
    page.goto("articles/sla-marketing-ventes/")
    headings = page.locator(".md-content h2").all_inner_texts()
    pages, text = printed(page)
    assert pages <= 5
    assert all(" ".join(heading.strip("¶").split()) in text for heading in headings), headings
    for unwanted in ("Aller au dépôt", "Articles Le smarketing", "Proposer une modification"):
        assert unwanted not in text, unwanted


def test_printed_sources_give_their_addresses(page: Page) -> None:
    page.goto("glossaire/enps/")
    link = page.locator('h2[data-section="sources"] + ol a[href^="http"]').first
    address = link.get_attribute("href")
    _, text = printed(page)
    assert f"<{address}>" in text.replace(" ", "")


# --- the switcher keeps the reader's place -----------------------------------------------------


def switch(page: Page, lang: str) -> None:
    page.locator(".md-select").first.hover()
    page.locator(f'a.md-select__link[hreflang="{lang}"]').click()


def test_switching_keeps_the_section_of_a_term_page(page: Page, site_url: str) -> None:
    page.goto("glossaire/sla/#exemple")
    switch(page, "en")
    page.wait_for_url(site_url + "en/glossary/sla/#example")
    switch(page, "fr")
    page.wait_for_url(site_url + "glossaire/sla/#exemple")


def test_switching_keeps_the_section_scrolled_to(page: Page, site_url: str) -> None:
    page.goto("en/glossary/mql/")
    # Instant scrolls: Material scrolls smoothly, and a click during the animation would
    # take the place of a heading scrolled past on the way. On a loaded machine the page may
    # still move after the first scroll (late layout): scroll again until it holds 300 ms.
    settled = False
    for _ in range(5):
        page.locator('h2[data-section="related"]').evaluate(
            "(h) => h.scrollIntoView({behavior: 'instant'})"
        )
        page.evaluate("window.scrollBy({top: 30, behavior: 'instant'})")
        settled = page.evaluate(
            """() => new Promise((resolve) => {
              const top = () => document.querySelector('h2#see-also').getBoundingClientRect().top;
              const first = top();
              setTimeout(() => resolve(first < 100 && Math.abs(top() - first) < 1), 300);
            })"""
        )
        if settled:
            break
    assert settled, "the page kept moving"
    switch(page, "fr")
    page.wait_for_url(site_url + "glossaire/mql/#voir-aussi")
    # the heading is scrolled to; a loaded machine may lay the page out late: give it 5 s
    page.wait_for_function(
        "() => { const top = document.querySelector('h2#voir-aussi').getBoundingClientRect().top;"
        " return 0 <= top && top < 200; }",
        timeout=5000,
    )


def test_switching_from_the_term_pages_twin_link_keeps_the_section(
    page: Page, site_url: str
) -> None:
    page.goto("glossaire/sla/#sources")
    page.locator("a[data-twin-link]").click()
    page.wait_for_url(site_url + "en/glossary/sla/#sources")


def test_switching_keeps_the_calculators_values(page: Page, site_url: str) -> None:
    page.goto("outils/calculateur-sla/?" + SLA_QUERY)
    leads = page.locator('[data-output="leads"]')
    expect(leads).not_to_have_text("—")
    french = leads.inner_text()
    switch(page, "en")
    page.wait_for_url(f"{site_url}en/tools/sla-calculator/?{SLA_QUERY}")
    expect(page.locator('input[name="quota"]')).to_have_value("500,000")
    expect(page.locator('[data-output="leads"]')).to_have_text(french)


@pytest.mark.parametrize(
    ("french", "english"), [("lettre-m", "letter-m"), ("categorie-metrics", "category-metrics")]
)
def test_switching_keeps_the_place_in_the_index(
    page: Page, site_url: str, french: str, english: str
) -> None:
    """The indexes have different numbers of letters: places map by letter and category."""
    page.goto(f"glossaire/#{french}")
    switch(page, "en")
    page.wait_for_url(f"{site_url}en/glossary/#{english}")
    switch(page, "fr")
    page.wait_for_url(f"{site_url}glossaire/#{french}")


def test_switching_keeps_the_index_filter(page: Page, site_url: str) -> None:
    page.goto("glossaire/")
    page.locator("[data-filter-category]").select_option("metrics")
    expect(page.locator("[data-filter-status]")).not_to_be_empty()
    switch(page, "en")
    page.wait_for_url(lambda url: urlsplit(url).path == "/en/glossary/")
    assert "category=metrics" in urlsplit(page.url).query
    expect(page.locator("[data-filter-category]")).to_have_value("metrics")


def test_an_article_section_maps_by_position(page: Page, site_url: str) -> None:
    page.goto("articles/sla-marketing-ventes/")
    french = page.locator(".md-content h2[id], .md-content h3[id]")
    english_page = page.context.new_page()
    english_page.goto("en/articles/marketing-sales-sla/")
    english = english_page.locator(".md-content h2[id], .md-content h3[id]")
    assert french.count() == english.count(), "twins with as many headings"
    second_fr, second_en = french.nth(1).get_attribute("id"), english.nth(1).get_attribute("id")
    english_page.close()
    page.goto(f"articles/sla-marketing-ventes/#{second_fr}")
    switch(page, "en")
    page.wait_for_url(f"{site_url}en/articles/marketing-sales-sla/#{second_en}")


def test_switching_from_the_top_opens_the_twin_at_its_top(page: Page, site_url: str) -> None:
    page.goto("glossaire/sla/")
    switch(page, "en")
    page.wait_for_url(site_url + "en/glossary/sla/")
    assert page.evaluate("window.scrollY") == 0
