// The SLA calculator's arithmetic, exact, and nothing of the page: the JavaScript twin of
// hooks/sla.py. Both run the vectors of tests/data/sla_vectors.json.
//
// Numbers are read as people type them in the page's language and kept as fractions of BigInts
// ({n, d}, d > 0, reduced), so rounding up is exact: 21 customers ÷ 35 % is 60 leads, where
// floats give 60.00000000000001 and so 61 (DESIGN.md, fact 8).

export const FIELDS = [
  "quota",
  "marketing_share",
  "deal_size",
  "close_rate",
  "lead_to_opportunity",
  "opportunity_to_customer",
  "reps",
];
export const PERCENT_FIELDS = new Set([
  "marketing_share",
  "close_rate",
  "lead_to_opportunity",
  "opportunity_to_customer",
]);
export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "CAD"];
export const DEFAULT_CURRENCY = "EUR";
export const PERIODS = { year: 12, quarter: 3, month: 1 }; // months in each period
export const DEFAULT_PERIOD = "year";
export const MAX_INTEGER_DIGITS = 15;
export const MAX_FRACTION_DIGITS = 10;

const EDGES = /^[ \t\n\r\u00a0\u202f]+|[ \t\n\r\u00a0\u202f]+$/g;
// How each page language reads and writes numbers: {locale, decimal, groups}, given by the page
// (hooks/templates/sla-calculator.yml, "number") through defineNumbers.
const NUMBERS = new Map();

/** Declare how numbers read on a page in lang: decimal mark, group separators, Intl locale. */
export function defineNumbers(lang, { locale, decimal, groups }) {
  const escape = (text) => text.replace(/[\\^$.*+?()[\]{}|-]/g, "\\$&");
  const pattern = new RegExp(
    `^(?<sign>[-\u2212])?(?<int>[0-9]+|[1-9][0-9]{0,2}(?:[${escape(groups)}][0-9]{3})+)?` +
      `(?:${escape(decimal)}(?<frac>[0-9]*))?(?<percent>[ \u00a0\u202f]?%)?$`,
  );
  NUMBERS.set(lang, { locale, pattern });
}

function numbers(lang) {
  const found = NUMBERS.get(lang);
  if (!found) throw new Error(`no number format for "${lang}": call defineNumbers first`);
  return found;
}
const QUERY = /^(?<int>[0-9]+)(?:\.(?<frac>[0-9]+))?$/;

// --- fractions -------------------------------------------------------------------------------

function gcd(a, b) {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The fraction n/d, reduced, with a positive denominator. */
export function fraction(n, d = 1n) {
  n = BigInt(n);
  d = BigInt(d);
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const mul = (a, b) => fraction(a.n * b.n, a.d * b.d);
export const div = (a, b) => fraction(a.n * b.d, a.d * b.n);
export const equal = (a, b) => a.n === b.n && a.d === b.d;
export const isWhole = (a) => a.d === 1n;

/** Smallest integer ≥ a (a BigInt), with integer division only. */
export function ceil(a) {
  return a.n >= 0n ? (a.n + a.d - 1n) / a.d : a.n / a.d;
}

/** Largest integer ≤ a (a BigInt). */
export function floor(a) {
  return a.n >= 0n ? a.n / a.d : -((-a.n + a.d - 1n) / a.d);
}

function compare(a, b) {
  const difference = a.n * b.d - b.n * a.d;
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

// --- reading numbers -------------------------------------------------------------------------

function build(sign, integer, fractionDigits) {
  if (integer.replace(/^0+/, "").length > MAX_INTEGER_DIGITS) return { error: "too_long" };
  if (fractionDigits.length > MAX_FRACTION_DIGITS) return { error: "too_long" };
  const value = fraction(BigInt((integer || "0") + fractionDigits), 10n ** BigInt(fractionDigits.length));
  return { value: sign ? fraction(-value.n, value.d) : value };
}

/**
 * Read text as typed on a page in lang (its format given by defineNumbers); never guess.
 * Returns {value} (a fraction) or {error: "malformed" | "too_long"}.
 */
export function parseNumber(text, lang, { percent = false } = {}) {
  const match = numbers(lang).pattern.exec(String(text).replace(EDGES, ""));
  if (!match || (match.groups.percent && !percent)) return { error: "malformed" };
  const integer = (match.groups.int || "").replace(/[^0-9]/g, "");
  const fractionDigits = match.groups.frac || "";
  if (!integer && !fractionDigits) return { error: "malformed" };
  return build(Boolean(match.groups.sign), integer, fractionDigits);
}

/** A query-string value: a plain number with "." decimals ("12500.5"), or null. */
export function parseQueryValue(text) {
  const match = QUERY.exec(String(text ?? ""));
  if (!match) return null;
  const result = build(false, match.groups.int, match.groups.frac || "");
  return result.value ?? null;
}

// --- checking and calculating ----------------------------------------------------------------

/** Why value does not fit field name ("range"), or null. */
export function check(name, value) {
  const positive = compare(value, fraction(0n)) > 0;
  if (PERCENT_FIELDS.has(name)) return positive && compare(value, fraction(100n)) <= 0 ? null : "range";
  if (name === "reps") return isWhole(value) && value.n >= 1n ? null : "range";
  return positive ? null : "range";
}

/**
 * Read, check and calculate fields ({name: text}) as typed on a page in lang.
 * Returns {inputs, errors: {name: code}, result | null, splitIncomplete}.
 */
export function evaluate(fields, lang) {
  const inputs = {};
  const errors = {};
  for (const name of FIELDS) {
    const text = String(fields[name] ?? "").replace(EDGES, "");
    inputs[name] = null;
    if (!text) continue;
    const parsed = parseNumber(text, lang, { percent: PERCENT_FIELDS.has(name) });
    if (!parsed.value) errors[name] = parsed.error;
    else if (check(name, parsed.value)) errors[name] = check(name, parsed.value);
    else inputs[name] = parsed.value;
  }
  inputs.period = Object.hasOwn(PERIODS, fields.period) ? fields.period : DEFAULT_PERIOD;
  inputs.split = inputs.lead_to_opportunity !== null && inputs.opportunity_to_customer !== null;
  const stages = ["lead_to_opportunity", "opportunity_to_customer"];
  const given = stages.filter((name) => String(fields[name] ?? "").replace(EDGES, "") !== "");
  const splitIncomplete = given.length === 1;
  const required = ["quota", "marketing_share", "deal_size", ...(inputs.split ? [] : ["close_rate"])];
  const complete = required.every((name) => inputs[name] !== null);
  const result = Object.keys(errors).length === 0 && complete ? calculate(inputs) : null;
  return { inputs, errors, result, splitIncomplete };
}

/** The figures, from inputs that passed evaluate's checks. */
export function calculate(inputs) {
  const hundred = fraction(100n);
  const revenue = div(mul(inputs.quota, inputs.marketing_share), hundred);
  const customersExact = div(revenue, inputs.deal_size);
  const customers = ceil(customersExact);
  const rate = inputs.split
    ? div(mul(inputs.lead_to_opportunity, inputs.opportunity_to_customer), hundred)
    : inputs.close_rate;
  const leadsExact = div(fraction(customers), div(rate, hundred));
  const leads = ceil(leadsExact);
  const months = BigInt(PERIODS[inputs.period]);
  return {
    marketing_revenue: revenue,
    customers_exact: customersExact,
    customers,
    rate,
    leads_exact: leadsExact,
    leads,
    months,
    marketing_revenue_per_month: div(revenue, fraction(months)),
    customers_per_month: ceil(fraction(customers, months)),
    leads_per_month: ceil(fraction(leads, months)),
    leads_per_rep_per_month: inputs.reps ? ceil(div(fraction(leads, months), inputs.reps)) : null,
  };
}

/** The result as plain strings, as the test vectors write it (money per month to the cent). */
export function plain(result) {
  return {
    marketing_revenue: decimalString(result.marketing_revenue),
    customers: String(result.customers),
    rate: decimalString(result.rate),
    leads: String(result.leads),
    months: String(result.months),
    marketing_revenue_per_month: decimalString(result.marketing_revenue_per_month, 2),
    customers_per_month: String(result.customers_per_month),
    leads_per_month: String(result.leads_per_month),
    leads_per_rep_per_month:
      result.leads_per_rep_per_month === null ? null : String(result.leads_per_rep_per_month),
  };
}

/** A query-string value for a fraction that came from a field: "12500.5". */
export function queryValue(value) {
  return decimalString(value);
}

// --- the worked steps ------------------------------------------------------------------------

/**
 * How the result was reached, with the user's numbers formatted for lang:
 * [{key, values: {name: text}, outcome: {kind, value, approx} | null}].
 */
export function steps(evaluation, lang, currency = DEFAULT_CURRENCY) {
  const { inputs, result } = evaluation;
  if (!result) return [];
  const money = (value) => formatMoney(value, lang, currency);
  const percent = (value) => formatPercent(value, lang);
  const count = (value) => formatCount(value, lang);
  const found = [
    {
      key: "revenue",
      values: { quota: money(inputs.quota), share: percent(inputs.marketing_share) },
      outcome: {
        kind: equal(roundPlaces(result.marketing_revenue, 2), result.marketing_revenue) ? "exact" : "approx",
        value: money(result.marketing_revenue),
        approx: "",
      },
    },
    {
      key: "customers",
      values: { revenue: money(result.marketing_revenue), deal_size: money(inputs.deal_size) },
      outcome: roundedUp(result.customers_exact, result.customers, lang),
    },
  ];
  if (inputs.split) {
    found.push({
      key: "rate",
      values: {
        lead_to_opportunity: percent(inputs.lead_to_opportunity),
        opportunity_to_customer: percent(inputs.opportunity_to_customer),
      },
      outcome: {
        kind: equal(roundPlaces(result.rate, 4), result.rate) ? "exact" : "approx",
        value: percent(result.rate),
        approx: "",
      },
    });
  }
  found.push({
    key: inputs.split ? "leads_split" : "leads",
    values: { customers: count(result.customers), rate: percent(result.rate) },
    outcome: roundedUp(result.leads_exact, result.leads, lang),
  });
  if (result.months > 1n) {
    const months = count(result.months);
    found.push({
      key: "customers_per_month",
      values: { customers: count(result.customers), months },
      outcome: roundedUp(fraction(result.customers, result.months), result.customers_per_month, lang),
    });
    found.push({
      key: "leads_per_month",
      values: { leads: count(result.leads), months },
      outcome: roundedUp(fraction(result.leads, result.months), result.leads_per_month, lang),
    });
  }
  if (inputs.reps && result.leads_per_rep_per_month !== null) {
    found.push({
      key: "per_rep",
      values: { leads: count(result.leads), months: count(result.months), reps: count(inputs.reps.n) },
      outcome: roundedUp(div(fraction(result.leads, result.months), inputs.reps), result.leads_per_rep_per_month, lang),
    });
  }
  found.push({
    key: result.months > 1n ? "sla" : "sla_month",
    values: { leads: count(result.leads), leads_per_month: count(result.leads_per_month) },
    outcome: null,
  });
  return found;
}

function roundedUp(exact, value, lang) {
  if (equal(exact, fraction(value))) return { kind: "exact", value: formatCount(value, lang), approx: "" };
  return { kind: "rounded_up", value: formatCount(value, lang), approx: formatApprox(exact, lang) };
}

// --- writing numbers -------------------------------------------------------------------------

/** value rounded half away from zero to places decimals, exactly. */
export function roundPlaces(value, places) {
  const scale = 10n ** BigInt(places);
  const magnitude = value.n < 0n ? -value.n : value.n;
  const rounded = (2n * magnitude * scale + value.d) / (2n * value.d);
  return fraction(value.n < 0n ? -rounded : rounded, scale);
}

/** {n: 25n, d: 2n} → "12.5": exact for decimals, else rounded to places. */
export function decimalString(value, places = null) {
  if (places === null) {
    places = 0;
    while (!isWhole(mul(value, fraction(10n ** BigInt(places)))) && places < MAX_FRACTION_DIGITS * 4) places += 1;
  }
  const scaled = mul(roundPlaces(value, places), fraction(10n ** BigInt(places)));
  const negative = scaled.n < 0n;
  const digits = String(negative ? -scaled.n : scaled.n).padStart(places + 1, "0");
  const integer = digits.slice(0, digits.length - places);
  const decimals = digits.slice(digits.length - places).replace(/0+$/, "");
  return (negative ? "-" : "") + integer + (decimals ? "." + decimals : "");
}

const formats = new Map();
function numberFormat(lang, options) {
  const key = lang + JSON.stringify(options);
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(numbers(lang).locale, options));
  return formats.get(key);
}

/** Grouped digits and the locale's decimal mark, at most places decimals. */
export function formatNumber(value, lang, places = MAX_FRACTION_DIGITS) {
  // Intl formats a decimal string exactly (no trip through floating point).
  return numberFormat(lang, { maximumFractionDigits: places }).format(decimalString(value, places));
}

/** A whole number (BigInt). */
export function formatCount(value, lang) {
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(BigInt(value));
}

/** Whole amounts without decimals, others to the cent: "360 000 €", "€1,234.50". */
export function formatMoney(value, lang, currency = DEFAULT_CURRENCY) {
  const cents = roundPlaces(value, 2);
  const digits = isWhole(cents) ? 0 : 2;
  const options = { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits };
  return numberFormat(lang, options).format(decimalString(cents, 2));
}

/** A percentage given in percent (12.5 → "12,5 %"), at most four decimals. */
export function formatPercent(value, lang) {
  const share = div(roundPlaces(value, 4), fraction(100n));
  return numberFormat(lang, { style: "percent", maximumFractionDigits: 4 }).format(decimalString(share, 6));
}

/** A quotient that is not whole, with enough decimals not to look whole ("33,33"). */
export function formatApprox(value, lang) {
  let places = 2;
  while (isWhole(roundPlaces(value, places)) && places < MAX_FRACTION_DIGITS) places += 1;
  return formatNumber(value, lang, places);
}

/** The sign shown beside money fields: "€", "$US", "CA$"… */
export function currencySymbol(lang, currency) {
  const parts = numberFormat(lang, { style: "currency", currency }).formatToParts(0);
  return parts.find((part) => part.type === "currency")?.value ?? currency;
}

/** A number for an input, as the page's language writes it ("500 000", "12,5"). */
export function formatInput(value, lang) {
  return formatNumber(value, lang, MAX_FRACTION_DIGITS);
}
