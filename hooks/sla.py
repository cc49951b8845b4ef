"""The SLA calculator's arithmetic, exact: the Python twin of overrides/assets/calculator/sla.js.

Numbers are read as people type them in the page's language and kept as fractions, so rounding
up is exact (``21 ÷ 35 %`` is 60 leads, where floats say 60.00000000000001 and so 61: DESIGN.md,
fact 8). Both implementations run the same vectors (tests/data/sla_vectors.json). Formatting
follows what ``Intl.NumberFormat`` prints in Chromium for fr-FR and en-US (DESIGN.md, fact 9).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache, cached_property

FIELDS = (
    "quota",
    "marketing_share",
    "deal_size",
    "close_rate",
    "lead_to_opportunity",
    "opportunity_to_customer",
    "reps",
)
PERCENT_FIELDS = frozenset(
    {"marketing_share", "close_rate", "lead_to_opportunity", "opportunity_to_customer"}
)
CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD")
DEFAULT_CURRENCY = "EUR"
PERIODS = {"year": 12, "quarter": 3, "month": 1}  # months in each period
DEFAULT_PERIOD = "year"
MAX_INTEGER_DIGITS = 15  # beyond that, nobody meant it
MAX_FRACTION_DIGITS = 10

SPACES = " \u00a0\u202f"  # ordinary, no-break, narrow no-break
_QUERY = re.compile(r"(?P<int>[0-9]+)(?:\.(?P<frac>[0-9]+))?")


@dataclass(frozen=True)
class NumberFormat:
    """How numbers are read and written on a page in one language (templates/sla-calculator.yml,
    ``number``), as Chromium's Intl.NumberFormat writes them."""

    decimal: str
    groups: str  # accepted between groups of three digits when reading
    group: str  # written between groups
    percent: str  # "{}\u00a0%"
    money: dict[str, str] = field(hash=False)  # currency → "{}\u00a0€"

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        groups, decimal = re.escape(self.groups), re.escape(self.decimal)
        return re.compile(
            r"(?P<sign>[-\u2212])?"
            rf"(?P<int>[0-9]+|[1-9][0-9]{{0,2}}(?:[{groups}][0-9]{{3}})+)?"
            rf"(?:{decimal}(?P<frac>[0-9]*))?"
            r"(?P<percent>[ \u00a0\u202f]?%)?"
        )


def number_format(lang: str) -> NumberFormat:
    from hooks.calculator import strings  # the calculator's words and formats, per language

    return _number_format(lang, json.dumps(strings(lang)["number"]))


@cache
def _number_format(lang: str, declared: str) -> NumberFormat:
    return NumberFormat(**json.loads(declared))


# --- reading numbers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Parsed:
    """A number read from a field: its value, or why it was refused."""

    value: Fraction | None = None
    error: str | None = None  # "malformed" or "too_long"


def parse_number(text: str, lang: str, *, percent: bool = False) -> Parsed:
    """Read ``text`` as typed on a page in ``lang``; never guess.

    French: ``1 200 000``, ``12 500,50``, ``12,5 %`` (ordinary, no-break or narrow no-break spaces
    between groups of three digits). English: ``1,200,000``, ``12.5%``. A ``%`` sign is accepted
    on percent fields only. Anything else (``12,5,3``, ``1 20 000``, ``1e5``) is malformed.
    """
    match = number_format(lang).pattern.fullmatch(text.strip(SPACES + "\t\n\r"))
    if not match or (match["percent"] and not percent):
        return Parsed(error="malformed")
    integer = "".join(ch for ch in match["int"] or "" if ch.isdigit())
    fraction = match["frac"] or ""
    if not integer and not fraction:
        return Parsed(error="malformed")
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        return Parsed(error="too_long")
    value = Fraction(int(integer or "0") * 10 ** len(fraction) + int(fraction or "0"))
    value /= 10 ** len(fraction)
    return Parsed(-value if match["sign"] else value)


def parse_query_value(text: str) -> Fraction | None:
    """A query-string value: a plain number with ``.`` decimals (``12500.5``), or nothing."""
    match = _QUERY.fullmatch(text)
    if not match:
        return None
    integer, fraction = match["int"], match["frac"] or ""
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        return None
    return Fraction(int(integer + fraction), 10 ** len(fraction))


# --- checking and calculating --------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """The calculator's figures, percentages in percent (40 means 40 %)."""

    quota: Fraction | None = None
    marketing_share: Fraction | None = None
    deal_size: Fraction | None = None
    close_rate: Fraction | None = None
    lead_to_opportunity: Fraction | None = None
    opportunity_to_customer: Fraction | None = None
    reps: Fraction | None = None
    period: str = DEFAULT_PERIOD

    @property
    def split(self) -> bool:
        """Both stage rates are given: their product replaces the close rate."""
        return self.lead_to_opportunity is not None and self.opportunity_to_customer is not None


@dataclass(frozen=True)
class Result:
    marketing_revenue: Fraction  # quota × share
    customers_exact: Fraction  # marketing revenue ÷ deal size, before rounding up
    customers: int
    rate: Fraction  # lead-to-customer rate used, in percent
    leads_exact: Fraction
    leads: int
    months: int
    marketing_revenue_per_month: Fraction
    customers_per_month: int
    leads_per_month: int
    leads_per_rep_per_month: int | None


@dataclass(frozen=True)
class Evaluation:
    inputs: Inputs
    errors: dict[str, str] = field(default_factory=dict)  # field → "malformed", "range"...
    result: Result | None = None
    split_incomplete: bool = False  # one stage rate given without the other


def check(name: str, value: Fraction) -> str | None:
    """Why ``value`` does not fit field ``name`` ("range"), or None."""
    if name in PERCENT_FIELDS:
        return None if 0 < value <= 100 else "range"
    if name == "reps":
        return None if value >= 1 and value.denominator == 1 else "range"
    return None if value > 0 else "range"


def evaluate(fields: Mapping[str, str], lang: str) -> Evaluation:
    """Read, check and calculate the fields as typed on a page in ``lang``."""
    values: dict[str, Fraction | None] = {}
    errors: dict[str, str] = {}
    for name in FIELDS:
        text = fields.get(name, "").strip(SPACES + "\t\n\r")
        values[name] = None
        if not text:
            continue
        parsed = parse_number(text, lang, percent=name in PERCENT_FIELDS)
        if parsed.value is None:
            errors[name] = parsed.error or "malformed"
        elif problem := check(name, parsed.value):
            errors[name] = problem
        else:
            values[name] = parsed.value
    period = fields.get("period", DEFAULT_PERIOD)
    inputs = Inputs(**values, period=period if period in PERIODS else DEFAULT_PERIOD)
    stages = (fields.get("lead_to_opportunity", ""), fields.get("opportunity_to_customer", ""))
    split_incomplete = sum(bool(text.strip(SPACES)) for text in stages) == 1
    required = ["quota", "marketing_share", "deal_size"]
    if not inputs.split:
        required.append("close_rate")
    if errors or any(values[name] is None for name in required):
        return Evaluation(inputs, errors, None, split_incomplete)
    return Evaluation(inputs, errors, calculate(inputs), split_incomplete)


def calculate(inputs: Inputs) -> Result:
    """The figures, from inputs that passed :func:`evaluate`'s checks."""
    assert inputs.quota and inputs.marketing_share and inputs.deal_size
    revenue = inputs.quota * inputs.marketing_share / 100
    customers_exact = revenue / inputs.deal_size
    customers = math.ceil(customers_exact)
    if inputs.split:
        assert inputs.lead_to_opportunity and inputs.opportunity_to_customer
        rate = inputs.lead_to_opportunity * inputs.opportunity_to_customer / 100
    else:
        assert inputs.close_rate
        rate = inputs.close_rate
    leads_exact = customers / (rate / 100)
    leads = math.ceil(leads_exact)
    months = PERIODS[inputs.period]
    per_rep = math.ceil(Fraction(leads, months) / inputs.reps) if inputs.reps else None
    return Result(
        marketing_revenue=revenue,
        customers_exact=customers_exact,
        customers=customers,
        rate=rate,
        leads_exact=leads_exact,
        leads=leads,
        months=months,
        marketing_revenue_per_month=revenue / months,
        customers_per_month=math.ceil(Fraction(customers, months)),
        leads_per_month=math.ceil(Fraction(leads, months)),
        leads_per_rep_per_month=per_rep,
    )


def plain(result: Result) -> dict[str, str | None]:
    """The result as plain strings, as the test vectors write it (money per month to the cent)."""
    return {
        "marketing_revenue": decimal_string(result.marketing_revenue),
        "customers": str(result.customers),
        "rate": decimal_string(result.rate),
        "leads": str(result.leads),
        "months": str(result.months),
        "marketing_revenue_per_month": decimal_string(result.marketing_revenue_per_month, 2),
        "customers_per_month": str(result.customers_per_month),
        "leads_per_month": str(result.leads_per_month),
        "leads_per_rep_per_month": (
            None if result.leads_per_rep_per_month is None else str(result.leads_per_rep_per_month)
        ),
    }


# --- the worked steps ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The right-hand side of a step: ``= 40``, ``≈ 33.33 → 34`` (rounded up) or ``≈ 16,666.67``."""

    kind: str  # "exact", "rounded_up" or "approx"
    value: str
    approx: str = ""


@dataclass(frozen=True)
class Step:
    key: str
    values: dict[str, str]
    outcome: Outcome | None = None


def steps(evaluation: Evaluation, lang: str, currency: str = DEFAULT_CURRENCY) -> list[Step]:
    """How the result was reached, with the user's numbers formatted for ``lang``."""
    inputs, result = evaluation.inputs, evaluation.result
    if result is None:
        return []

    def money(value: Fraction) -> str:
        return format_money(value, lang, currency)

    def percent(value: Fraction) -> str:
        return format_percent(value, lang)

    def count(value: int) -> str:
        return format_count(value, lang)

    assert inputs.quota and inputs.marketing_share and inputs.deal_size
    revenue_shown = round_places(result.marketing_revenue, 2)
    found = [
        Step(
            "revenue",
            {"quota": money(inputs.quota), "share": percent(inputs.marketing_share)},
            Outcome(
                "exact" if revenue_shown == result.marketing_revenue else "approx",
                money(result.marketing_revenue),
            ),
        ),
        Step(
            "customers",
            {"revenue": money(result.marketing_revenue), "deal_size": money(inputs.deal_size)},
            _rounded_up(result.customers_exact, result.customers, lang),
        ),
    ]
    if inputs.split:
        assert inputs.lead_to_opportunity and inputs.opportunity_to_customer
        rate_shown = round_places(result.rate, 4)
        found.append(
            Step(
                "rate",
                {
                    "lead_to_opportunity": percent(inputs.lead_to_opportunity),
                    "opportunity_to_customer": percent(inputs.opportunity_to_customer),
                },
                Outcome("exact" if rate_shown == result.rate else "approx", percent(result.rate)),
            )
        )
    found.append(
        Step(
            "leads_split" if inputs.split else "leads",
            {"customers": count(result.customers), "rate": percent(result.rate)},
            _rounded_up(result.leads_exact, result.leads, lang),
        )
    )
    if result.months > 1:
        months = count(result.months)
        found.append(
            Step(
                "customers_per_month",
                {"customers": count(result.customers), "months": months},
                _rounded_up(
                    Fraction(result.customers, result.months), result.customers_per_month, lang
                ),
            )
        )
        found.append(
            Step(
                "leads_per_month",
                {"leads": count(result.leads), "months": months},
                _rounded_up(Fraction(result.leads, result.months), result.leads_per_month, lang),
            )
        )
    if inputs.reps and result.leads_per_rep_per_month is not None:
        exact = Fraction(result.leads, result.months) / inputs.reps
        found.append(
            Step(
                "per_rep",
                {
                    "leads": count(result.leads),
                    "months": count(result.months),
                    "reps": count(int(inputs.reps)),
                },
                _rounded_up(exact, result.leads_per_rep_per_month, lang),
            )
        )
    found.append(
        Step(
            "sla" if result.months > 1 else "sla_month",
            {"leads": count(result.leads), "leads_per_month": count(result.leads_per_month)},
        )
    )
    return found


def _rounded_up(exact: Fraction, value: int, lang: str) -> Outcome:
    if exact == value:
        return Outcome("exact", format_count(value, lang))
    return Outcome("rounded_up", format_count(value, lang), format_approx(exact, lang))


# --- writing numbers -----------------------------------------------------------------------------


def round_places(value: Fraction, places: int) -> Fraction:
    """``value`` rounded half away from zero to ``places`` decimals, exactly."""
    scale = 10**places
    scaled = abs(value) * scale
    rounded = math.floor(scaled + Fraction(1, 2))
    return Fraction(rounded if value >= 0 else -rounded, scale)


def decimal_string(value: Fraction, places: int | None = None) -> str:
    """``Fraction(25, 2)`` → ``12.5``: exact for decimals, else rounded to ``places`` (10)."""
    if places is None:
        places = 0
        while (value * 10**places).denominator != 1 and places < MAX_FRACTION_DIGITS * 4:
            places += 1
    scaled = round_places(value, places) * 10**places
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    integer, fraction = digits[: len(digits) - places], digits[len(digits) - places :]
    fraction = fraction.rstrip("0")
    return ("-" if scaled < 0 else "") + integer + ("." + fraction if fraction else "")


def format_number(value: Fraction, lang: str, places: int = MAX_FRACTION_DIGITS) -> str:
    """Grouped digits and the locale's decimal mark, at most ``places`` decimals."""
    text = decimal_string(value, places)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    integer, _, fraction = text.partition(".")
    groups = []
    while len(integer) > 3:
        integer, group = integer[:-3], integer[-3:]
        groups.insert(0, group)
    numbers = number_format(lang)
    grouped = numbers.group.join([integer, *groups])
    return sign + grouped + (numbers.decimal + fraction if fraction else "")


def format_count(value: int, lang: str) -> str:
    return format_number(Fraction(value), lang, 0)


def format_money(value: Fraction, lang: str, currency: str = DEFAULT_CURRENCY) -> str:
    """Whole amounts without decimals, others to the cent: ``360 000 €``, ``€1,234.50``."""
    cents = round_places(value, 2)
    number = format_number(cents, lang, 2)
    decimal = number_format(lang).decimal
    if cents.denominator != 1 and decimal in number:
        whole, _, fraction = number.partition(decimal)
        number = whole + decimal + fraction.ljust(2, "0")
    return number_format(lang).money[currency].format(number)


def currency_symbol(lang: str, currency: str) -> str:
    """``€``, ``$US``, ``CA$``…: the sign shown beside money fields."""
    return number_format(lang).money[currency].replace("{}", "").strip("\u00a0")


def format_percent(value: Fraction, lang: str) -> str:
    """A percentage given in percent (``12.5`` → ``12,5 %``), at most four decimals."""
    return number_format(lang).percent.format(format_number(value, lang, 4))


def format_approx(value: Fraction, lang: str) -> str:
    """A quotient that is not whole, with enough decimals not to look whole (``33,33``)."""
    places = 2
    while round_places(value, places).denominator == 1 and places < MAX_FRACTION_DIGITS:
        places += 1
    return format_number(value, lang, places)
