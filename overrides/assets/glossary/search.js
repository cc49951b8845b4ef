/* The search dialog in the header: an ARIA combobox (the field) that controls a listbox of
 * results (WAI-ARIA APG). Mounts on [data-gl-search] (overrides/partials/search.html).
 *
 * Nothing is downloaded before the reader uses the search: the engine and the names file on
 * focus, then only the full-text shards of the words typed. Opens with "/" or "s" anywhere, and with the header
 * button; ↓/↑ move through the results, Enter opens one, Escape closes. The status line says
 * how many pages match (role="status", announced by screen readers). */

const SHOWN = 30; // results listed at most; the status line gives the full count
const SHORTCUTS = new Set(["/", "s", "S"]);
const TEXT_DELAY = 250; // ms without a keystroke before the full-text shards are fetched
const KIND_OTHER_LANGUAGE = 3; // search-engine.js, KIND: loaded with the engine, not before
const KIND_TITLE = 4;

/* ``element`` with lang="…" when its language is not the one around it. */
function inLanguage(element, lang, around) {
  if (lang && lang !== around) element.lang = lang;
  return element;
}

/* A sentence of the page's words with its {placeholders} replaced by the nodes given. */
function fill(template, nodes) {
  return template.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? nodes[part] : part));
}

function mount(dialog) {
  const input = dialog.querySelector("[data-gl-search-input]");
  const list = dialog.querySelector("[data-gl-search-results]");
  const status = dialog.querySelector("[data-gl-search-status]");
  const toggle = document.getElementById("__search");
  const words = JSON.parse(dialog.dataset.words);
  const indexUrl = new URL(dialog.dataset.index, location.href);
  const siteRoot = new URL(dialog.dataset.root, location.href);
  let index = null;
  let active = -1;
  let run = 0;
  let announce = 0;
  let dismissed = false; // Escape closed the list: results arriving later keep it closed

  function load() {
    if (!index) {
      index = import("./search-engine.js").then(({ loadIndex }) => loadIndex(indexUrl));
      index.catch(() => {
        index = null; // try again on the next keystroke
        say(words.offline);
      });
    }
    return index;
  }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
    if (!open) setExpanded(false);
  }

  function setExpanded(expanded) {
    input.setAttribute("aria-expanded", String(expanded && list.children.length > 0));
    if (!expanded) select(-1);
  }

  function say(text, query = "") {
    clearTimeout(announce);
    // Wait for typing to pause, so a screen reader reads the count once, not per keystroke.
    announce = setTimeout(() => {
      status.textContent = text;
      status.dataset.query = query; // the query the line answers (tests wait for it)
    }, 350);
  }

  function count(n) {
    if (n === 0) return words.none;
    if (n === 1) return words.one;
    const all = words.other.replace("{n}", n);
    return n > SHOWN ? words.more.replace("{shown}", SHOWN).replace("{n}", n) : all;
  }

  async function update() {
    const query = input.value;
    const mine = ++run;
    if (!query.trim()) {
      list.replaceChildren();
      setExpanded(false);
      say(words.hint);
      return;
    }
    let engine;
    try {
      engine = await load();
    } catch {
      return;
    }
    if (mine !== run) return;
    const named = engine.byName(query);
    show(named, engine, null, query); // names answer at once; full text follows
    // Full text once typing pauses: no shard is fetched for a word still being typed.
    await new Promise((resolve) => setTimeout(resolve, TEXT_DELAY));
    if (mine !== run) return;
    let results;
    try {
      results = await engine.search(query);
    } catch {
      results = named;
    }
    if (mine !== run) return;
    show(results, engine, results.length, query);
  }

  function show(results, engine, total, query) {
    const items = results.slice(0, SHOWN).map((result, position) =>
      option(result, position, engine),
    );
    list.replaceChildren(...items);
    select(items.length && active >= 0 ? Math.min(active, items.length - 1) : -1);
    setExpanded(!dismissed);
    if (total !== null) say(count(total), query);
  }

  function option(result, position, engine) {
    const { doc, name } = result;
    const item = document.createElement("li");
    item.setAttribute("role", "none");
    const link = document.createElement("a");
    link.className = "gl-search__option";
    link.id = `gl-search-option-${position}`;
    link.href = new URL(doc.url, siteRoot).href;
    link.tabIndex = -1;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    const title = document.createElement("span");
    title.className = "gl-search__term";
    const term = document.createElement("span");
    term.textContent = doc.title;
    if (doc.titleLang) term.lang = doc.titleLang;
    title.append(term);
    if (doc.abbreviation) {
      const abbreviation = document.createElement("span");
      abbreviation.className = "gl-search__abbr";
      abbreviation.textContent = ` (${doc.abbreviation})`;
      title.append(abbreviation);
    }
    link.append(title);
    const hint = name && nameHint(name, doc, engine);
    if (hint) link.append(" ", hint);
    if (doc.summary) {
      const summary = document.createElement("span");
      summary.className = "gl-search__summary";
      summary.textContent = doc.summary;
      link.append(" ", summary);
    }
    item.append(link);
    return item;
  }

  /* The line under the term that says which name the result was found by, when the reader
   * needs it: a name of the other language ("en anglais : attrition rate"), a homonym with its
   * qualifier ("ICP (indicateur)"), a name to avoid ("GPA — à éviter"; one of the other
   * language: "in French: Prospection à froid, not “phoning”"). Null when the term says it. */
  function nameHint(name, doc, engine) {
    const other = name.kind === KIND_OTHER_LANGUAGE;
    // A name in the language of its part, a loanword in its own, struck when it is to avoid.
    const say = (text, lang, spelt, avoided) => {
      const outer = inLanguage(document.createElement("span"), lang, engine.lang);
      const word = inLanguage(document.createElement("span"), spelt, lang);
      word.textContent = text;
      if (avoided) word.className = "gl-search__avoided";
      outer.append(word);
      return outer;
    };
    const named = say(name.text, name.lang, name.spelt, name.avoid);
    if (name.homonym) named.append(` (${name.homonym})`);
    let parts;
    if (name.avoid && other) {
      const term = say(doc.otherTerm, name.lang, doc.otherTermSpelt, false);
      parts = fill(words.other_language_avoid, { term, name: named });
    } else if (name.avoid) {
      parts = fill(words.avoid, { name: named });
    } else if (other && (name.homonym || name.text !== doc.title)) {
      parts = fill(words.other_language, { name: named });
    } else if (name.homonym && name.kind !== KIND_TITLE) {
      parts = [named];
    } else {
      return null;
    }
    const hint = document.createElement("span");
    hint.className = "gl-search__hint";
    hint.append(...parts);
    return hint;
  }

  function options() {
    return [...list.querySelectorAll("[role=option]")];
  }

  function select(position) {
    const all = options();
    active = position;
    all.forEach((element, i) => element.setAttribute("aria-selected", String(i === position)));
    if (position >= 0 && all[position]) {
      input.setAttribute("aria-activedescendant", all[position].id);
      all[position].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  input.addEventListener("focus", () => {
    setOpen(true);
    load().catch(() => {});
    if (input.value.trim()) setExpanded(true);
  });
  input.addEventListener("input", () => {
    active = -1;
    dismissed = false;
    update();
  });
  input.addEventListener("keydown", (event) => {
    const all = options();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        dismissed = false;
        setExpanded(true);
        if (all.length) select(active < all.length - 1 ? active + 1 : 0);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (all.length) select(active > 0 ? active - 1 : all.length - 1);
        break;
      case "Enter": {
        event.preventDefault();
        const chosen = all[active >= 0 ? active : 0];
        if (chosen) chosen.click();
        break;
      }
      case "Escape":
        event.preventDefault();
        if (input.getAttribute("aria-expanded") === "true") {
          dismissed = true;
          setExpanded(false);
        } else {
          setOpen(false);
          input.blur();
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  });
  dialog.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  dialog.querySelector("form").addEventListener("reset", () => {
    setTimeout(() => {
      input.focus();
      update();
    });
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) setOpen(false);
  });
  if (toggle) {
    toggle.addEventListener("change", () => {
      if (!toggle.checked) setExpanded(false);
    });
  }
  // The header's magnifier (a label of #__search) opens the dialog: bring the keyboard up.
  for (const label of document.querySelectorAll(".md-header__button[for=__search]")) {
    label.addEventListener("click", () => setTimeout(() => input.focus()));
  }
  document.addEventListener("keydown", (event) => {
    if (!SHORTCUTS.has(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    event.preventDefault();
    setOpen(true);
    input.focus();
    input.select();
  });
}

for (const dialog of document.querySelectorAll("[data-gl-search]")) mount(dialog);
