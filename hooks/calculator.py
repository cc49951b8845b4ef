"""The SLA calculator, rendered on the server: the HTML that replaces each marker line.

A page asks for the calculator with the line ``<div data-calculator="sla"></div>`` (hand-written
pages, and term pages whose entry has ``calculator: sla``). The form, the empty results and a
worked example computed by :mod:`hooks.sla` are written into the page, so it reads right without
JavaScript; overrides/assets/calculator/main.js then mounts on ``[data-calculator="sla"]``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import yaml

from hooks import languages, sla, urls

MARKER = '<div data-calculator="sla"></div>'
TEMPLATES = Path(__file__).parent / "templates"
GLOSSARY_LINKS = ("sla", "mql", "conversion-rate", "close-rate", "average-deal-size", "sales-quota")
EXAMPLE = {"quota": "500000", "marketing_share": "40", "deal_size": "5000", "close_rate": "25"}
REQUIRED = ("quota", "marketing_share", "deal_size", "close_rate")
GROUPS = {
    "goal": ("period", "currency", "quota", "marketing_share"),
    "funnel": ("deal_size", "close_rate"),
    "refine": ("lead_to_opportunity", "opportunity_to_customer", "reps"),
}

_HEADING = re.compile(r"(#{1,6})[ \t]")
_FENCE = re.compile(r"(```|~~~)")
_TOKEN = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<id>[a-z0-9-]+)\)|\{(?P<name>[a-z_]+)\}")


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence: text, linked when ``href`` is set."""

    text: str
    href: str | None = None


def replace_markers(markdown: str, lang: str, page_url: str) -> str:
    """Each marker line of ``markdown`` replaced by the calculator, headed one level below the
    heading it sits under."""
    lines = markdown.splitlines(keepends=True)
    level, fenced, count = 1, False, 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _FENCE.match(stripped):
            fenced = not fenced
        elif fenced:
            continue
        elif heading := _HEADING.match(line):
            level = len(heading.group(1))
        elif stripped == MARKER:
            count += 1
            prefix = "sla" if count == 1 else f"sla-{count}"
            ending = line[len(line.rstrip("\r\n")) :]
            lines[index] = render(lang, page_url, min(level + 1, 5), prefix) + ending
    return "".join(lines)


def render(lang: str, page_url: str, heading_level: int = 2, prefix: str = "sla") -> str:
    """The calculator's HTML for a page at ``page_url`` (site-relative, e.g. ``outils/x/``)."""
    s = strings(lang)
    links = {
        entry_id: urls.relative(page_url, urls.term_url(lang, entry_id))
        for entry_id in GLOSSARY_LINKS
        if urls.term_url(lang, entry_id) != page_url  # no link from a term's page to itself
    }
    example = sla.evaluate(EXAMPLE, lang)
    assert example.result is not None
    inputs = example.inputs
    assert inputs.quota and inputs.marketing_share and inputs.deal_size and inputs.close_rate
    browser = s["browser"]
    period = browser["period_phrase"][inputs.period]
    intro = fill(
        s["example_intro"],
        {
            "quota": sla.format_money(inputs.quota, lang),
            "share": sla.format_percent(inputs.marketing_share, lang),
            "deal_size": sla.format_money(inputs.deal_size, lang),
            "rate": sla.format_percent(inputs.close_rate, lang),
            "period": period,
        },
        links,
    )
    html = (
        _environment()
        .get_template("sla-calculator.html.j2")
        .render(
            s=s,
            lang=lang,
            prefix=prefix,
            h=heading_level,
            groups=GROUPS,
            required=REQUIRED,
            percent_fields=sla.PERCENT_FIELDS,
            periods=sla.PERIODS,
            currencies=sla.CURRENCIES,
            symbol=sla.currency_symbol(lang, sla.DEFAULT_CURRENCY),
            per_month=s["per_month"].split("{value}"),
            example_intro=intro,
            example_steps=[
                step_segments(step, lang, links, inputs.period) for step in sla.steps(example, lang)
            ],
            example_query="?" + urlencode(EXAMPLE),
            browser_strings=json.dumps(
                {**browser, "links": links, "numbers": browser_numbers(lang)}, ensure_ascii=False
            ),
        )
    )
    # One raw HTML block for Markdown: no blank line, no indented line that could read as code.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def step_segments(
    step: sla.Step, lang: str, links: dict[str, str], period: str = sla.DEFAULT_PERIOD
) -> list[Segment]:
    """A worked step as a sentence, from its template in the strings (same rules as main.js)."""
    browser = strings(lang)["browser"]
    template = browser["steps"][step.key]
    values = dict(step.values)
    if step.outcome:
        template = template.replace("{outcome}", browser["outcome"][step.outcome.kind])
        values.update(value=step.outcome.value, approx=step.outcome.approx)
    values.setdefault("period", browser["period_phrase"][period])
    return fill(template, values, links)


def fill(template: str, values: dict[str, str], links: dict[str, str]) -> list[Segment]:
    """``[words](id)`` becomes a link to that glossary entry (plain words when ``links`` has none:
    the page itself), ``{name}`` the value, as text."""
    found: list[Segment] = []
    position = 0
    for match in _TOKEN.finditer(template):
        if match.start() > position:
            found.append(Segment(template[position : match.start()]))
        if match["name"]:
            found.append(Segment(values[match["name"]]))
        else:
            found.append(Segment(match["text"], links.get(match["id"])))
        position = match.end()
    if position < len(template):
        found.append(Segment(template[position:]))
    return found


def browser_numbers(lang: str) -> dict[str, str]:
    """What sla.js needs to read and write numbers on a page in ``lang``."""
    words = strings(lang)
    return {"locale": words["locale"], **{k: words["number"][k] for k in ("decimal", "groups")}}


def strings(lang: str) -> dict[str, Any]:
    """The calculator's words in ``lang`` (templates/sla-calculator.yml); a language that has
    none yet gets the default language's."""
    data = _words()
    return data.get(lang) or data[languages.default()]


@cache
def _words() -> dict[str, Any]:
    return yaml.safe_load((TEMPLATES / "sla-calculator.yml").read_text("utf-8"))


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
