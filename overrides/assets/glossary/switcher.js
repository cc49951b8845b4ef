/* The language switcher keeps the reader's place.
 *
 * Going to the twin page (Material's language menu, or a term page's "In English" link) keeps
 * the query string (the calculator's values, the index filter) and the section being read.
 * Twins' headings have different ids (#exemple, #example): a term page's sections carry a
 * language-neutral data-section name; other pages map a heading by its position when both
 * twins have as many. The place travels in sessionStorage, for the next page only.
 */
const KEY = "glossary.place";
const LINKS = "a.md-select__link[hreflang], a[data-twin-link]";

function headings() {
  return Array.from(document.querySelectorAll(".md-content h2[id], .md-content h3[id]"));
}

/* The heading of the section on screen: the address's #fragment, else the last heading
   scrolled past the top of the window (none at the top of the page). */
function currentHeading(all) {
  const fromHash = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (fromHash && all.includes(fromHash)) return fromHash;
  let found = null;
  for (const heading of all) {
    if (heading.getBoundingClientRect().top <= 100) found = heading;
  }
  return found;
}

function leave(event) {
  const link = event.target.closest(LINKS);
  if (!link) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  url.search = location.search;
  url.hash = "";
  link.href = url.href;
  const all = headings();
  const heading = currentHeading(all);
  try {
    if (heading) {
      sessionStorage.setItem(KEY, JSON.stringify({
        path: url.pathname,
        section: heading.dataset.section || null,
        index: all.indexOf(heading),
        count: all.length,
      }));
    } else {
      sessionStorage.removeItem(KEY);
    }
  } catch (error) {
    /* storage refused (private mode): the twin opens at its top */
  }
}

function arrive() {
  let place = null;
  try {
    place = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
  } catch (error) {
    return;
  }
  if (!place || place.path !== location.pathname || location.hash) return;
  const all = headings();
  let target = null;
  if (place.section) {
    target = all.find((heading) => heading.dataset.section === place.section) || null;
  } else if (place.count === all.length) {
    target = all[place.index] || null;
  }
  if (!target) return;
  history.replaceState(history.state, "", `${location.pathname}${location.search}#${target.id}`);
  target.scrollIntoView();
}

document.addEventListener("click", leave, true);
document.addEventListener("auxclick", leave, true);
arrive();
