"""The tooltip of links to entries in real Chromium: hover, keyboard focus, touch."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ARTICLE = "articles/sla-marketing-ventes/"
TOOLTIP = ".gl-tooltip"


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_hover_shows_the_summary_and_the_english_term_beside_the_link(page, site_url) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + ARTICLE)
    # a link written by hand in the article's Markdown, not by the term linker
    link = page.locator('article a[href$="glossaire/sla/"]').first
    link.scroll_into_view_if_needed()
    link.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    text = tooltip.inner_text()
    assert text.startswith("Engagement écrit"), text
    assert re.search(r"EN\s*:\s*Service level agreement", text), text
    assert not boxes_overlap(tooltip.bounding_box(), link.bounding_box())
    # screen readers get the summary as the link's description
    expect(link).to_have_accessible_description(re.compile(r"^Engagement écrit"))
    # the pointer may move onto the tooltip; leaving both hides it
    box = tooltip.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.wait_for_timeout(500)
    expect(tooltip).to_be_visible()
    page.mouse.move(5, 790)
    expect(tooltip).to_be_hidden()


def test_keyboard_focus_shows_it_and_escape_hides_it(page, site_url) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "en/articles/measuring-alignment-kpis/")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('article a.gl-term')"):
            break
    else:
        pytest.fail("no link to an entry reached with Tab")
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    assert re.search(r"FR:\s*\S", tooltip.inner_text())
    focused = page.locator(":focus")
    assert not boxes_overlap(tooltip.bounding_box(), focused.bounding_box())
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    assert page.evaluate("() => document.activeElement.matches('article a.gl-term')")


# Set on the page before a touch: true once a tooltip is shown, however briefly.
WATCH_TOOLTIPS = """() => {
  window.glTooltipShown = false;
  const seen = () => {
    const tip = document.querySelector(".gl-tooltip");
    if (tip && !tip.hidden && tip.getClientRects().length) window.glTooltipShown = true;
  };
  new MutationObserver(seen).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["hidden", "style"],
  });
}"""


def test_a_tap_shows_no_tooltip_and_follows_the_link_at_once(browser, site_url) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(
        base_url=site_url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto(site_url + ARTICLE)
        link = page.locator('article a[href$="glossaire/sla/"]').first
        link.scroll_into_view_if_needed()
        page.evaluate(WATCH_TOOLTIPS)
        # a first tap, kept on the page: nothing appears, not even for an instant
        link.evaluate(
            "link => link.addEventListener('click', e => e.preventDefault(), {once: true})"
        )
        link.tap()
        page.wait_for_timeout(600)  # longer than the tooltip's hiding delay (300 ms)
        expect(page.locator(TOOLTIP)).to_be_hidden()
        assert page.evaluate("() => window.glTooltipShown") is False
        # a tap follows the link at once
        href = link.evaluate("link => link.href")
        link.tap()
        page.wait_for_url(href, timeout=10000)
        assert page.url == href
    finally:
        context.close()
