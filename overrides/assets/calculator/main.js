// The SLA calculator in the page: mounts on [data-calculator="sla"] (rendered by
// hooks/calculator.py), reads the fields as the user types, shows the results and the steps,
// and keeps the figures in the query string. The arithmetic lives in sla.js.
//
// Safety: nothing the user types or the URL holds is ever inserted as HTML. Texts are set with
// textContent, links are built from the glossary map in data-strings, query values are read as
// plain numbers or ignored.

import * as sla from "./sla.js";

const DASH = "—";
const TOKEN = /\[(?<text>[^\]]+)\]\((?<id>[a-z0-9-]+)\)|\{(?<name>[a-z_]+)\}/g;
const STATE_KEYS = [...sla.FIELDS, "period", "currency"];

for (const root of document.querySelectorAll('[data-calculator="sla"]')) {
  if (root.querySelector("form") && !root.dataset.ready) mount(root);
}

function mount(root) {
  const strings = JSON.parse(root.dataset.strings);
  const lang = root.dataset.lang;
  sla.defineNumbers(lang, strings.numbers);
  const form = root.querySelector("form");
  const control = (name) => form.elements.namedItem(name);
  const copyStatus = root.querySelector("[data-copy-status]");
  const copyFallback = root.querySelector("[data-copy-fallback]");
  const copyField = root.querySelector("[data-copy-field]");

  restore(new URLSearchParams(window.location.search));
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  root.querySelector("[data-copy-link]").addEventListener("click", copyLink);
  update();
  root.dataset.ready = "true";

  /** Fill the form from a shared link: plain numbers only, anything else is ignored. */
  function restore(params) {
    for (const name of sla.FIELDS) {
      const value = sla.parseQueryValue(params.get(name));
      if (value) control(name).value = sla.formatInput(value, lang);
    }
    const currency = params.get("currency");
    if (sla.CURRENCIES.includes(currency)) control("currency").value = currency;
    const period = params.get("period");
    if (Object.hasOwn(sla.PERIODS, period)) control("period").value = period;
  }

  function update(event) {
    const fields = Object.fromEntries(sla.FIELDS.map((name) => [name, control(name).value]));
    fields.period = control("period").value;
    const currency = sla.CURRENCIES.includes(control("currency").value)
      ? control("currency").value
      : sla.DEFAULT_CURRENCY;
    const evaluation = sla.evaluate(fields, lang);
    showErrors(evaluation);
    showResults(evaluation, currency);
    showSteps(evaluation, currency);
    for (const symbol of root.querySelectorAll("[data-currency-symbol]")) {
      setText(symbol, sla.currencySymbol(lang, currency));
    }
    writeUrl(evaluation, currency);
    if (event) {
      setText(copyStatus, "");
      if (!copyFallback.hidden) copyField.value = window.location.href;
    }
  }

  function showErrors({ errors, inputs }) {
    for (const name of sla.FIELDS) {
      const input = control(name);
      const message = document.getElementById(input.getAttribute("aria-describedby"));
      const code = errors[name];
      if (code) {
        input.setAttribute("aria-invalid", "true");
        const format = code === "range" ? "" : strings[code];
        setText(message, [format, strings.errors[name]].filter(Boolean).join(" "));
      } else {
        input.removeAttribute("aria-invalid");
        setText(message, "");
      }
    }
    // With both stage rates given, their product replaces the close rate: it is optional then.
    control("close_rate").setAttribute("aria-required", String(!inputs.split));
  }

  function showResults(evaluation, currency) {
    const { result, errors, inputs } = evaluation;
    const money = (value) => (result ? sla.formatMoney(value, lang, currency) : DASH);
    const count = (value) => (result && value !== null ? sla.formatCount(value, lang) : DASH);
    const shown = {
      marketing_revenue: money(result?.marketing_revenue),
      marketing_revenue_per_month: money(result?.marketing_revenue_per_month),
      customers: count(result?.customers),
      customers_per_month: count(result?.customers_per_month),
      leads: count(result?.leads),
      leads_per_month: count(result?.leads_per_month),
      leads_per_rep_per_month: count(result?.leads_per_rep_per_month ?? null),
    };
    for (const [name, text] of Object.entries(shown)) {
      for (const output of root.querySelectorAll(`[data-output="${name}"]`)) setText(output, text);
    }
    for (const perMonth of root.querySelectorAll("[data-per-month]")) {
      perMonth.hidden = !result || inputs.period === "month"; // no "— a month" under a dash
    }
    const perRep = root.querySelector('[data-result="leads_per_rep_per_month"]');
    perRep.hidden = !(result && result.leads_per_rep_per_month !== null);
    let status = strings.status.empty;
    if (Object.keys(errors).length > 0) status = strings.status.invalid;
    else if (result) status = strings.status.ready.replace("{period}", () => strings.period_phrase[inputs.period]);
    if (evaluation.splitIncomplete) status += " " + strings.status.split_incomplete;
    setText(root.querySelector("[data-status]"), status);
  }

  function showSteps(evaluation, currency) {
    const items = sla.steps(evaluation, lang, currency).map((step) => {
      const item = document.createElement("li");
      item.append(...sentence(step, evaluation.inputs.period));
      return item;
    });
    const list = root.querySelector("[data-steps]");
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    root.querySelector("[data-steps-empty]").hidden = items.length > 0;
  }

  /** A step as DOM nodes: its template from the strings, the numbers as text. */
  function sentence(step, period) {
    let template = strings.steps[step.key];
    const values = { ...step.values, period: strings.period_phrase[period] };
    if (step.outcome) {
      template = template.replace("{outcome}", () => strings.outcome[step.outcome.kind]);
      values.value = step.outcome.value;
      values.approx = step.outcome.approx;
    }
    const nodes = [];
    let position = 0;
    for (const match of template.matchAll(TOKEN)) {
      if (match.index > position) nodes.push(document.createTextNode(template.slice(position, match.index)));
      if (match.groups.name) {
        nodes.push(document.createTextNode(values[match.groups.name] ?? ""));
      } else if (!Object.hasOwn(strings.links, match.groups.id)) {
        nodes.push(document.createTextNode(match.groups.text)); // the page itself: no link
      } else {
        const link = document.createElement("a");
        link.setAttribute("href", strings.links[match.groups.id]);
        link.textContent = match.groups.text;
        nodes.push(link);
      }
      position = match.index + match[0].length;
    }
    if (position < template.length) nodes.push(document.createTextNode(template.slice(position)));
    return nodes;
  }

  /** The valid figures in the query string, in a fixed order; other parameters are kept. */
  function writeUrl({ inputs }, currency) {
    const params = new URLSearchParams(window.location.search);
    for (const key of STATE_KEYS) params.delete(key);
    for (const name of sla.FIELDS) {
      if (inputs[name]) params.set(name, sla.queryValue(inputs[name]));
    }
    if (inputs.period !== sla.DEFAULT_PERIOD) params.set("period", inputs.period);
    if (currency !== sla.DEFAULT_CURRENCY) params.set("currency", currency);
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  async function copyLink() {
    const url = window.location.href;
    setText(copyStatus, "");
    await Promise.resolve(); // let the emptied status be seen, so the same words are announced again
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard here");
      await navigator.clipboard.writeText(url);
      copyFallback.hidden = true;
      setText(copyStatus, strings.copy.done);
    } catch {
      // Fallback: show the link, selected, and try the old copy command.
      copyFallback.hidden = false;
      copyField.value = url;
      copyField.focus();
      copyField.select();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      setText(copyStatus, copied ? strings.copy.selected : strings.copy.manual);
    }
  }
}

/** Change a text only when it differs: live regions then announce real changes only. */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}
