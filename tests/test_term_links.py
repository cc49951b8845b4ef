"""The term linker: boundaries, longest match, case rules, exclusions, opt-outs."""

from __future__ import annotations

import pytest

from hooks.model import Alias, Entry, Glossary, Text
from hooks.term_links import Matcher, link_terms


def entry(entry_id: str, term: str, abbreviation: str | None = None, *aliases: str) -> Entry:
    text = Text(
        term=term,
        summary=f"Summary of {term}.",
        definition="…",
        abbreviation=abbreviation,
        aliases=tuple(Alias(alias) for alias in aliases),
    )
    return Entry(entry_id, f"glossary/{entry_id}.yml", {"fr": text, "en": text})


GLOSSARY = Glossary(
    (
        entry("lead", "Lead"),
        entry("lead-scoring", "Lead scoring", None, "notation des leads"),
        entry("predictive", "Lead scoring prédictif avancé"),
        entry("sla", "Accord de niveau de service", "SLA"),
        entry("roi", "Retour sur investissement", "ROI"),
        entry("crr", "Taux de rétention client", "CRR", "rétention client"),
    )
)
MATCHER = Matcher(GLOSSARY, "fr")
NBSP = "\u00a0"
HREF = {e.id: f"../glossaire/{e.id}/" for e in GLOSSARY}


def linked(entry_id: str, words: str) -> str:
    return f'<a href="../glossaire/{entry_id}/" class="gl-term">{words}</a>'


CASES = [
    (
        "first mention only",
        "Un lead, puis un autre lead.",
        f"Un {linked('lead', 'lead')}, puis un autre lead.",
    ),
    (
        "longest match first",
        "Le lead scoring aide.",
        f"Le {linked('lead-scoring', 'lead scoring')} aide.",
    ),
    (
        "longest complete name",
        "Un lead scoring prédictif avancé.",
        f"Un {linked('predictive', 'lead scoring prédictif avancé')}.",
    ),
    (
        "back to a shorter name",
        "Un lead scoring prédictif simple.",
        f"Un {linked('lead-scoring', 'lead scoring')} prédictif simple.",
    ),
    ("whole words only", "Les leadership et SLAs.", "Les leadership et SLAs."),
    (
        "terms in any case",
        "Un ACCORD DE NIVEAU DE SERVICE.",
        f"Un {linked('sla', 'ACCORD DE NIVEAU DE SERVICE')}.",
    ),
    ("abbreviations with their case", "Le roi et le ROI.", f"Le roi et le {linked('roi', 'ROI')}."),
    ("aliases", "La rétention client compte.", f"La {linked('crr', 'rétention client')} compte."),
    (
        "across a no-break space",
        f"Le taux{NBSP}de rétention client.",
        f"Le {linked('crr', f'taux{NBSP}de rétention client')}.",
    ),
    (
        "not across punctuation",
        "Un lead. Scoring ensuite.",
        f"Un {linked('lead', 'lead')}. Scoring ensuite.",
    ),
    ("not in headings", "## Le SLA\n\nLe SLA.", f"## Le SLA\n\nLe {linked('sla', 'SLA')}."),
    (
        "not in setext headings",
        "Le SLA\n------\n\nLe SLA.",
        f"Le SLA\n------\n\nLe {linked('sla', 'SLA')}.",
    ),
    (
        "not in links",
        "[Le SLA](x.md) puis le SLA.",
        f"[Le SLA](x.md) puis le {linked('sla', 'SLA')}.",
    ),
    ("not in inline code", "`SLA` et SLA.", f"`SLA` et {linked('sla', 'SLA')}."),
    ("not in fenced code", "```\nSLA\n```\nSLA", f"```\nSLA\n```\n{linked('sla', 'SLA')}"),
    (
        "not in HTML",
        '<span title="SLA">ROI</span>',
        f'<span title="SLA">{linked("roi", "ROI")}</span>',
    ),
    (
        "not in admonition titles",
        '!!! note "Le SLA"\n    Le SLA.',
        f'!!! note "Le SLA"\n    Le {linked("sla", "SLA")}.',
    ),
    (
        "passage opt-out",
        "<!-- glossary-links: off -->\nSLA\n<!-- glossary-links: on -->\nSLA",
        f"<!-- glossary-links: off -->\nSLA\n<!-- glossary-links: on -->\n{linked('sla', 'SLA')}",
    ),
    (
        "opt-out to the end",
        "<!-- glossary-links: off -->\nSLA et ROI",
        "<!-- glossary-links: off -->\nSLA et ROI",
    ),
]


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_linking(markdown: str, expected: str) -> None:
    assert link_terms(markdown, MATCHER, HREF.get, skip=set()) == expected


def test_entries_already_linked_or_the_page_own_entry_are_skipped() -> None:
    assert (
        link_terms("Le SLA et le ROI.", MATCHER, HREF.get, skip={"sla", "roi"})
        == "Le SLA et le ROI."
    )


def test_names_that_look_like_html_are_left_alone_and_hrefs_escaped() -> None:
    glossary = Glossary((entry("x", 'Quote "this" <b>'),))
    matcher = Matcher(glossary, "fr")
    out = link_terms('A quote "this" <b>.', matcher, {"x": "x/"}.get, skip=set())
    assert out.count("gl-term") == 0  # the name spans an HTML-looking tag: left alone
    text = Text(term="Lead", summary='Say "hi" & <go>.', definition="…")
    glossary = Glossary((Entry("y", "y.yml", {"fr": text, "en": text}),))
    out = link_terms("A lead.", Matcher(glossary, "fr"), {"y": 'y/?a="b"&c'}.get, skip=set())
    # the tooltip is the HTML step's (hooks/tooltips.py): no title here
    assert out == 'A <a href="y/?a=&quot;b&quot;&amp;c" class="gl-term">lead</a>.'


def test_a_loanword_is_linked_in_its_language() -> None:
    """A French page's "lead scoring" (an English name, {text: …, lang: en}) is linked with
    lang="en"; the French name of the same entry is not marked."""
    text = Text(
        term="Notation des leads",
        summary="Summary.",
        definition="…",
        aliases=(Alias("lead scoring", lang="en"),),
    )
    french_term = Text(term="Lead", summary="S.", definition="…", term_lang="en")
    glossary = Glossary(
        (
            Entry("scoring", "scoring.yml", {"fr": text, "en": text}),
            Entry("lead", "lead.yml", {"fr": french_term, "en": french_term}),
        )
    )
    out = link_terms("Le lead scoring.", Matcher(glossary, "fr"), {"scoring": "s/"}.get, skip=set())
    assert out == 'Le <a href="s/" lang="en" class="gl-term">lead scoring</a>.'
    out = link_terms(
        "La notation des leads.", Matcher(glossary, "fr"), {"scoring": "s/"}.get, skip=set()
    )
    assert out == 'La <a href="s/" class="gl-term">notation des leads</a>.'
    out = link_terms("Un lead.", Matcher(glossary, "fr"), {"lead": "l/"}.get, skip=set())
    assert out == 'Un <a href="l/" lang="en" class="gl-term">lead</a>.'
    # on an English page the same names are not foreign
    out = link_terms("A lead.", Matcher(glossary, "en"), {"lead": "l/"}.get, skip=set())
    assert out == 'A <a href="l/" class="gl-term">lead</a>.'
