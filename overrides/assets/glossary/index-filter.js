/* The A–Z index: filter terms by text and by category, instantly, in the browser.
 * Mounts on [data-glossary-filter]; the list is the .gl-index items that follow it. */

function fold(text) {
  return String(text)
    .replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function mount(form) {
  const text = form.querySelector("[data-filter-text]");
  const category = form.querySelector("[data-filter-category]");
  const status = form.querySelector("[data-filter-status]");
  const empty = form.querySelector("[data-filter-empty]");
  // Read the list once: at 1,000 entries the index holds some 4,000 items (aliases included),
  // and a phone must answer each keystroke without walking the DOM again.
  const groups = new Map();
  for (const list of document.querySelectorAll("dl.gl-index")) {
    const heading = list.previousElementSibling;
    const link = document.querySelector(`.gl-letters a[href="#${heading?.id}"]`);
    groups.set(list, { list, heading, link, count: 0, any: true });
  }
  const items = [...document.querySelectorAll(".gl-index__item")].map((element) => ({
    element,
    entry: element.dataset.entry,
    category: element.dataset.category || "",
    words: fold(element.dataset.search || element.textContent).split(" "),
    group: groups.get(element.closest("dl.gl-index")),
    visible: !element.hidden,
  }));
  const total = new Set(items.filter((item) => !item.element.classList.contains("gl-index__see")).map((item) => item.entry)).size;

  function apply() {
    const wanted = fold(text.value).split(" ").filter(Boolean);
    const chosen = category.value;
    const shown = new Set();
    for (const group of groups.values()) group.count = 0;
    for (const item of items) {
      const visible = (!chosen || item.category === chosen) &&
        wanted.every((word) => item.words.some((part) => part.startsWith(word)));
      if (visible !== item.visible) {  // only touch what changes: each change costs a layout
        item.element.hidden = !visible;
        item.visible = visible;
      }
      if (visible) {
        shown.add(item.entry);
        if (item.group) item.group.count += 1;
      }
    }
    for (const group of groups.values()) {
      const any = group.count > 0;
      if (any === group.any) continue;
      group.any = any;
      const { list, heading, link } = group;
      list.hidden = !any;
      if (heading) heading.hidden = !any;
      if (link) {
        link.classList.toggle("gl-letters__link--empty", !any);
        if (any) link.removeAttribute("aria-disabled");
        else link.setAttribute("aria-disabled", "true");
      }
    }
    const filtered = Boolean(wanted.length || chosen);
    status.textContent = filtered
      ? form.dataset.countFiltered.replace("{shown}", shown.size).replace("{total}", total)
      : form.dataset.countAll.replace("{total}", total);
    empty.hidden = shown.size > 0;
    const params = new URLSearchParams(location.search);
    for (const [name, value] of [["q", text.value.trim()], ["category", chosen]]) {
      if (value) params.set(name, value);
      else params.delete(name);
    }
    const query = params.toString();
    history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  }

  const params = new URLSearchParams(location.search);
  text.value = params.get("q") || "";
  const fromUrl = params.get("category") || "";
  category.value = [...category.options].some((option) => option.value === fromUrl) ? fromUrl : "";
  form.addEventListener("submit", (event) => event.preventDefault());
  text.addEventListener("input", apply);  // at once: the count and the list answer each key
  category.addEventListener("change", apply);
  form.hidden = false;
  apply();
}

for (const form of document.querySelectorAll("[data-glossary-filter]")) mount(form);
