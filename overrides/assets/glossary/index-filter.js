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
  const items = [...document.querySelectorAll(".gl-index__item")].map((element) => ({
    element,
    category: element.dataset.category || "",
    words: fold(element.dataset.search || element.textContent),
  }));
  const letters = [...document.querySelectorAll("dl.gl-index")].map((list) => ({
    list,
    heading: list.previousElementSibling,
    link: document.querySelector(`.gl-letters a[href="#${list.previousElementSibling?.id}"]`),
  }));
  const total = new Set(items.filter((item) => !item.element.classList.contains("gl-index__see")).map((item) => item.element.dataset.entry)).size;

  function apply() {
    const wanted = fold(text.value).split(" ").filter(Boolean);
    const chosen = category.value;
    const shown = new Set();
    for (const item of items) {
      const visible = (!chosen || item.category === chosen) &&
        wanted.every((word) => item.words.split(" ").some((part) => part.startsWith(word)));
      item.element.hidden = !visible;
      if (visible) shown.add(item.element.dataset.entry);
    }
    for (const { list, heading, link } of letters) {
      const any = [...list.querySelectorAll(".gl-index__item")].some((item) => !item.hidden);
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
  text.addEventListener("input", apply);
  category.addEventListener("change", apply);
  form.hidden = false;
  apply();
}

for (const form of document.querySelectorAll("[data-glossary-filter]")) mount(form);
