"""Finding things in real Chromium: search per language, index filters (term tooltips:
test_tooltips.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from hooks import languages, search_index, urls
from hooks.model import Glossary
from hooks.validate import check_glossary

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@cache
def glossary() -> Glossary:
    found, problems = check_glossary(ROOT / "glossary", "glossary")
    assert not problems
    return found


ENTRIES = "items => items.map(item => item.dataset.entry)"
OPTION = "[data-gl-search-results] [role=option]"
SHOWN = 30  # results listed at most (search.js)
STATUS = "[data-gl-search-status]"
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yml").read_text("utf-8"))
# A word glued to the next (the old snippets: "AbréviationSLAAussi appelé"), or a Markdown mark.
GLUED = re.compile(r"[a-zà-ÿ]{2}[A-Z]{2}|[*_`<>]|\b(Missing|Non trouvé)\b")


def open_search(page, site_url: str, start: str) -> None:
    """Load ``start`` and open the search with the "/" shortcut, as a keyboard user would."""
    page.goto(site_url + start)
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement?.matches('[data-gl-search-input]')")


def settled(page, query: str) -> None:
    """Wait for the count of ``query``: written once the full-text shards have answered too."""
    page.wait_for_function(
        f"() => document.querySelector('{STATUS}').dataset.query === {json.dumps(query)}",
        timeout=15000,
    )


def search(page, site_url: str, start: str, query: str) -> list[str]:
    """Type ``query`` in the search on ``start``; the result links, best first."""
    open_search(page, site_url, start)
    page.keyboard.type(query)
    settled(page, query)
    hrefs = page.locator(OPTION).evaluate_all("links => links.map(link => link.href)")
    return [href.removeprefix(site_url) for href in hrefs]


@pytest.fixture(scope="module")
def search_pages(browser, site_url: str) -> Iterator[Callable[[str], object]]:
    """One home page per language with the search open, kept for the whole query table (a page
    load per query would cost a minute); fails on any JavaScript error."""
    context = browser.new_context()
    pages: dict[str, object] = {}
    errors: list[str] = []

    def get(lang: str) -> object:
        if lang not in pages:
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            open_search(page, site_url, urls.prefix(lang))
            pages[lang] = page
        assert not errors, errors
        return pages[lang]

    yield get
    context.close()
    assert not errors, errors


def hint_of(option) -> str:
    """The line under a result's term saying which name it was found by; "" when none."""
    hint = option.locator(".gl-search__hint")
    return hint.inner_text() if hint.count() else ""


def _cases() -> list[tuple[str, dict]]:
    return [(lang, case) for lang in ("fr", "en") for case in QUERIES[lang]]


def test_the_query_table_is_large_and_covers_both_languages() -> None:
    cases = _cases()
    assert len(cases) >= 40
    assert {lang for lang, _ in cases} == {"fr", "en"}
    entries = glossary().by_id()
    for _, case in cases:
        assert case.get("entry") in entries or case.get("page"), case


@pytest.mark.parametrize(
    ("lang", "case"), _cases(), ids=[f"{lang}-{case['query']}" for lang, case in _cases()]
)
def test_search_puts_the_expected_page_first(
    search_pages, site_url: str, lang: str, case: dict
) -> None:
    page = search_pages(lang)
    expected = case.get("page") or urls.term_url(lang, case["entry"])
    page.locator("[data-gl-search-input]").fill(case["query"])  # typing is tested below
    settled(page, case["query"])
    hrefs = page.locator(OPTION).evaluate_all("links => links.map(link => link.href)")
    results = [href.removeprefix(site_url) for href in hrefs]
    assert results and results[0] == expected, f"{case['why']}: {results[:5]}"
    # only pages of the site's language
    assert all(result.startswith("en/") == (lang == "en") for result in results), results
    first = page.locator(OPTION).first
    text = first.inner_text()
    assert not GLUED.search(text), text
    assert first.locator("del, s").count() == 0
    if "entry" in case:  # a term page shows its term, abbreviation and one-sentence summary
        entry = glossary().get(case["entry"]).text(lang)
        term = entry.term + (f" ({entry.abbreviation})" if entry.abbreviation else "")
        assert first.locator(".gl-search__term").inner_text() == term
        assert first.locator(".gl-search__summary").inner_text() == entry.summary
    # the name it was found by, when the reader needs it: another language's, a homonym's
    # qualifier, a name to avoid
    if "hint" in case:
        assert hint_of(first) == case["hint"], case["why"]
    for entry_id, hint in case.get("also", {}).items():
        other = urls.term_url(lang, entry_id)
        assert other in results, (case["why"], results[:5])
        assert hint_of(page.locator(OPTION).nth(results.index(other))) == hint, case["why"]
    # the status line counts the pages that match: all of them while they fit in the list
    numbers = [int(n) for n in re.findall(r"\d+", page.locator(STATUS).inner_text())]
    assert numbers == [len(results)] if len(results) < SHOWN else numbers[0] == SHOWN, numbers


def test_a_name_to_avoid_is_struck_and_said_and_foreign_names_carry_their_language(
    page, site_url: str
) -> None:
    """« phoning » typed on the English site (a French false anglicism, to avoid): the result
    offers the French term instead, both French names marked lang="fr" (« phoning » itself
    read as English, its spelling), « phoning » struck through; on the French site « GPA » is
    struck and followed by « à éviter », and a loanword term is marked as English."""
    search(page, site_url, "en/", "phoning")
    hint = page.locator(OPTION).first.locator(".gl-search__hint")
    assert hint.locator('[lang="fr"]').all_inner_texts() == ["Prospection à froid", "phoning"]
    avoided = hint.locator(".gl-search__avoided")
    assert avoided.inner_text() == "phoning" and avoided.get_attribute("lang") == "en"
    assert avoided.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    search(page, site_url, "", "GPA")
    first = page.locator(OPTION).first
    assert first.locator(".gl-search__avoided").inner_text() == "GPA"
    assert first.locator(".gl-search__hint [lang]").count() == 0  # French on a French page
    assert "GPA — à éviter" in (first.get_attribute("aria-label") or first.inner_text())
    search(page, site_url, "", "lead scoring")
    term = page.locator(OPTION).first.locator(".gl-search__term [lang]")
    assert (term.inner_text(), term.get_attribute("lang")) == ("Lead scoring", "en")


def test_the_browser_engine_follows_the_shared_word_table(page, site_url: str) -> None:
    """search-engine.js folds, stems and shards words as hooks/search_index.py does, for each
    language of the table (a German one too) from the rules as names.json carries them."""
    vectors = json.loads((ROOT / "tests" / "data" / "search_vectors.json").read_text("utf-8"))
    tables = {
        lang: {**table, "rules": _vector_rules(table["rules"]).to_json()}
        for lang, table in vectors["languages"].items()
    }
    page.goto(site_url)
    found = page.evaluate(
        """async ({ tables, shards }) => {
            const engine = await import("./assets/glossary/search-engine.js");
            const languages = {};
            for (const [lang, table] of Object.entries(tables)) {
                const rules = engine.rules(table.rules.stop_words, table.rules);
                languages[lang] = {
                    keys: table.keys.map(({ text }) => ({
                        text,
                        words: engine.words(text),
                        keys: engine.keys(text, rules),
                        keys_without_stop_words_only: engine.keys(text, rules, false),
                    })),
                    stems: Object.fromEntries(
                        Object.keys(table.stems).map((word) => [word, engine.stem(word, rules)])),
                };
            }
            return {
                languages,
                shards: shards.map(({ key, shards }) =>
                    ({ key, shards, shard: engine.shardOf(key, shards) })),
            };
        }""",
        {"tables": tables, "shards": vectors["shards"]},
    )
    assert found["shards"] == vectors["shards"]
    for lang, table in vectors["languages"].items():
        assert found["languages"][lang] == {"keys": table["keys"], "stems": table["stems"]}, lang


def test_each_index_carries_the_rules_of_its_languages(built_site: Path) -> None:
    """names.json of each language: every declared language's stop words, and the stemming of
    the index's languages as their strings files declare it."""
    for lang in languages.codes():
        index = json.loads((built_site / urls.prefix(lang) / "search" / "names.json").read_bytes())
        expected = search_index.language_rules(lang)
        assert index["stop_words"] == sorted(expected.stop_words)
        assert index["stemming"][lang] == expected.stemming_json()
        assert set(index["stemming"]) == {lang, languages.companion(lang)}


def test_a_third_language_index_finds_names_by_the_rules_of_their_language(
    page, site_url: str
) -> None:
    """A German index built in Python with the test's German rules, ranked by search-engine.js:
    a German plural finds the German name, a French plural the French name of a page not yet
    translated, and the full text is keyed with German rules."""
    german, french = _vector_rules(_GERMAN), _vector_rules("hooks/templates/strings/fr.yml")
    stop_words = german.stop_words | french.stop_words
    rules = {"de": german.with_stop_words(stop_words), "fr": french.with_stop_words(stop_words)}
    documents = [
        search_index.Document(
            url="de/glossar/rechnung/",
            title="Rechnung",
            names=("Rechnung",),
            other_names=("Facture",),
        ),
        search_index.Document(
            url="de/glossar/kanal/",
            title="Canal commercial",
            names=("Canal commercial",),
            other_names=("Canal commercial",),
            names_lang="fr",
            other_names_lang="fr",
        ),
    ]
    names = json.loads(search_index.build(documents, "de", "fr", rules)["names.json"])
    page.goto(site_url)
    found = page.evaluate(
        """async (names) => {
            const engine = await import("./assets/glossary/search-engine.js");
            const index = new engine.SearchIndex(names, location.href);
            const first = (query) => index.byName(query).map((result) =>
                [result.doc.url, result.tier, result.name.lang]);
            return {
                rechnungen: first("die Rechnungen "),
                commerciaux: first("canaux commerciaux "),
                stem: engine.stem("kundinnen", index.languages.de),
            };
        }""",
        names,
    )
    assert found == {
        "rechnungen": [["de/glossar/rechnung/", 0, "de"]],
        "commerciaux": [["de/glossar/kanal/", 0, "fr"]],
        "stem": "kundin",
    }


_GERMAN = "tests/data/search_rules_de.yml"


def _vector_rules(path: str) -> search_index.Rules:
    data = yaml.safe_load((ROOT / path).read_text("utf-8"))
    return search_index.Rules.from_strings(data["search_rules"], path)


def test_keyboard_moves_through_the_results_and_enter_opens_one(page, site_url: str) -> None:
    open_search(page, site_url, "en/glossary/")
    field = page.locator("[data-gl-search-input]")
    assert field.get_attribute("role") == "combobox"
    page.keyboard.type("lead")
    page.locator(OPTION).first.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    listbox = page.locator("#" + field.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    options = page.locator(OPTION)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    assert field.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    assert options.first.get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert page.evaluate("document.activeElement.id") == "gl-search-input"  # focus stays
    target = options.first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.url.endswith("en/glossary/lead/")


def test_escape_closes_and_s_reopens(page, site_url: str) -> None:
    open_search(page, site_url, "")
    page.keyboard.type("churn")
    page.locator(OPTION).first.wait_for()
    page.keyboard.press("Escape")  # first the list, then the dialog
    settled(page, "churn")  # full-text results arriving later leave the list closed
    assert page.locator("[data-gl-search-input]").get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.id") == "gl-search-input"


def test_the_count_is_announced_and_says_how_many_pages_match(page, site_url: str) -> None:
    results = search(page, site_url, "", "entonnoir de vente")
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    numbers = [int(number) for number in re.findall(r"\d+", status.inner_text())]
    if len(results) < SHOWN:
        assert status.inner_text() == f"{len(results)} résultats"
    else:  # the list stops at SHOWN; the line still gives every match
        assert numbers[0] == SHOWN and numbers[1] >= SHOWN, numbers
    assert 1 < numbers[-1] < len(glossary())  # not "every document found"
    page.locator("[data-gl-search-input]").fill("zzzzqqq")
    page.wait_for_function(
        f"() => document.querySelector('{STATUS}').textContent === 'Aucun résultat'"
    )
    assert page.locator(OPTION).count() == 0


def test_search_works_at_360_px(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(site_url + "glossaire/sla/")
        page.locator(".md-header__button[for=__search]").click()
        page.wait_for_function("() => document.activeElement?.id === 'gl-search-input'")
        page.keyboard.type("taux de conversion")
        settled(page, "taux de conversion")  # the list is final: full-text results included
        first = page.locator(OPTION).first
        box = first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert first.locator(".gl-search__summary").is_visible()
        first.click()
        page.wait_for_url("**/glossaire/conversion-rate/")
    finally:
        context.close()


def test_nothing_is_downloaded_for_search_before_it_is_used(page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.removeprefix(site_url)))
    page.goto(site_url + "en/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/search/" in "/" + url], requested
    assert not [url for url in requested if url.endswith("search-engine.js")], requested
    # networkidle is already reached here, so waiting for it again would not wait: wait for
    # the names themselves, which come after search-engine.js is imported
    with page.expect_response(lambda response: response.url.endswith("/search/names.json")):
        page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement?.id === 'gl-search-input'")
    assert [url for url in requested if "/search/" in "/" + url] == ["en/search/names.json"]
    # one input event: a loaded machine's typing pauses would fetch shards of "f", "fu"…
    page.locator("[data-gl-search-input]").fill("funnel")
    settled(page, "funnel")
    shards = [url for url in requested if "/search/text-" in "/" + url]
    assert len(shards) == 1 and shards[0].startswith("en/search/"), shards


def test_a_shared_index_filter_link_opens_the_filtered_index(page, site_url: str) -> None:
    """?q= belongs to the A–Z index filter; the search never reads or writes it (fact 14)."""
    page.goto(site_url + "glossaire/?q=lead&category=leads")
    page.locator("[data-filter-status]").wait_for()
    assert page.get_by_label("Filtrer les termes").input_value() == "lead"
    assert page.get_by_label("Catégorie", exact=True).input_value() == "leads"
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.locator("[data-gl-search-input]").input_value() == ""
    assert page.locator("[data-gl-search-input]").evaluate("el => el !== document.activeElement")
    # and searching leaves the filter's state alone
    page.keyboard.press("/")
    page.keyboard.type("churn")
    page.locator(OPTION).first.wait_for()
    assert page.url.endswith("glossaire/?q=lead&category=leads")
    assert page.get_by_label("Filtrer les termes").input_value() == "lead"


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
    # the whole word filtered (a loaded machine may still be on "retentio")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('q') === 'retention'"
        " && document.querySelector('[data-filter-status]').textContent.includes(' sur ')"
    )
    visible = page.locator(".gl-index__item:visible dt")
    assert "Taux de rétention client (CRR)" in visible.all_inner_texts()
    shown = len(set(page.locator(".gl-index__item:visible").evaluate_all(ENTRIES)))
    assert 0 < shown < total
    # the count is written once typing pauses: wait for it rather than read it at once
    expect(status).to_have_text(f"{shown} termes sur {total}")
    assert "?q=retention" in page.url
    expect(page.locator("h2#lettre-a")).to_be_hidden()
    field.fill("zzzz")
    expect(page.locator("[data-filter-empty]")).to_be_visible()
    expect(status).to_have_text(f"0 termes sur {total}")


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
