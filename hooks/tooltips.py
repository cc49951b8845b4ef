"""One tooltip for every link to an entry, wherever the link comes from.

The term linker, a link written by hand in an article or in an entry, "See also", backlinks and
the A–Z index all end up as ``<a href>`` in a page's HTML. Each one whose address is a term page
gets, at build time, the class ``gl-term`` and ``aria-describedby`` naming a hidden description
placed once per page: the entry's summary and its term in the other language ("EN : Service
level agreement"). Screen readers read it as the link's description with no script at all;
``overrides/assets/glossary/tooltips.js`` shows the same text on hover and keyboard focus.
A ``title`` on such a link is dropped: one tooltip, not two.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import cache
from urllib.parse import urlsplit

from hooks import languages, render, urls
from hooks.markup import spans
from hooks.model import Glossary

_OPENING_TAG = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
# name, then its value double-quoted, single-quoted or bare (raw HTML written by hand)
_ATTRIBUTE = re.compile(
    r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
PREFIX = "gl-tip-"


def _term_path() -> re.Pattern[str]:
    """``/glossaire/<id>/`` or ``/en/glossary/<id>/`` → id, in any declared language."""
    return _term_path_of(languages.current())


@cache
def _term_path_of(declared: languages.Languages) -> re.Pattern[str]:
    choices = "|".join(
        re.escape("/" + urls.prefix(lang) + declared.get(lang).folder) for lang in declared.codes
    )
    return re.compile(rf"^(?:{choices})/(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?:/|/index\.html)?$")


def linked_entry(href: str, page_url: str, site_url: str | None = None) -> str | None:
    """The id of the entry whose page (in either language) ``href`` leads to, from the page at
    ``page_url``; None for any other address. An absolute address leads to the site when it
    starts with ``site_url`` (``https://example.org/glossaire/sla/``)."""
    path = _path(href, page_url, site_url)
    match = _term_path().match(path) if path else None
    return match.group("id") if match else None


def _path(href: str, page_url: str, site_url: str | None = None) -> str | None:
    """The site path ``href`` leads to from ``page_url`` (both directory URLs), without query
    or fragment; None for an address on another site or a bare fragment."""
    if "&" in href:
        href = html.unescape(href)
    path = href.strip().partition("#")[0].partition("?")[0]
    if ":" in path or path.startswith("//"):
        path = _on_site(path, site_url)
        if path is None:
            return None
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join("/" + page_url, path))
    return joined + "/" if path.endswith("/") and joined != "/" else joined


def _on_site(address: str, site_url: str | None) -> str | None:
    """``https://example.org/base/glossaire/sla/`` → ``/glossaire/sla/`` when the site is at
    ``https://example.org/base/`` (either scheme, or none: ``//example.org/...``); None for
    an address elsewhere."""
    if not site_url:
        return None
    site, found = urlsplit(site_url), urlsplit(address)
    if found.scheme not in ("http", "https", "") or not found.netloc:
        return None
    if found.netloc.lower() != site.netloc.lower():
        return None
    base = site.path.rstrip("/") + "/"
    if not (found.path + "/").startswith(base):
        return None
    return "/" + found.path[len(base) :]


def add_tooltips(
    page_html: str, page_url: str, lang: str, glossary: Glossary, site_url: str | None = None
) -> str:
    """``page_html`` with every link to an entry described, and the descriptions it needs
    (``site_url``: the site's own absolute address, which a link may start with)."""
    by_id = glossary.by_id()
    used: dict[str, None] = {}

    def describe(match: re.Match[str]) -> str:
        written = " " + match.group(1)
        if _ATTRIBUTE.sub("", written).strip() not in ("", "/"):
            return match.group(0)  # attributes this reader does not follow: left as written
        attributes = {
            found.group(1).lower(): _value(found) for found in _ATTRIBUTE.finditer(written)
        }
        href = attributes.get("href") or ""
        entry_id = linked_entry(href, page_url, site_url)
        if entry_id not in by_id or _is_self(href, page_url, site_url):
            return match.group(0)  # not an entry, or an anchor of this very page
        used[entry_id] = None
        attributes.pop("title", None)
        classes = attributes.get("class", "").split()
        attributes["class"] = " ".join([*classes, *([] if "gl-term" in classes else ["gl-term"])])
        described = attributes.get("aria-describedby", "").split()
        attributes["aria-describedby"] = " ".join([*described, PREFIX + entry_id])
        rendered = "".join(
            f' {name}="{value.replace(chr(34), "&quot;")}"' if value is not None else f" {name}"
            for name, value in attributes.items()
        )
        return f"<a{rendered}>"

    page_html = _OPENING_TAG.sub(describe, page_html)
    if not used:
        return page_html
    return page_html + descriptions(glossary, lang, list(used))


def _value(attribute: re.Match[str]) -> str | None:
    """An attribute's value as written, whatever its quotes; None for a bare name."""
    quoted = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
    return quoted if quoted is not None else attribute.group(4)


def _is_self(href: str, page_url: str, site_url: str | None = None) -> bool:
    path = _path(href, page_url, site_url)
    return path is None or path.rstrip("/") == ("/" + page_url).rstrip("/")


def descriptions(glossary: Glossary, lang: str, entry_ids: list[str]) -> str:
    """The hidden descriptions the links point to, one per entry: its summary (in the default
    language, marked so, while the entry is not translated) and its term in the companion
    language when the entry has one."""
    other = languages.companion(lang)
    words = render.strings(lang)
    items = []
    for entry_id in entry_ids:
        entry = glossary.get(entry_id)
        summary = spans(html.escape(entry.text(lang).summary, quote=False))
        if not entry.translated(lang):
            summary = f'<span lang="{entry.languages[0]}">{summary}</span>'
        tip = f'<span class="gl-tip__summary">{summary}</span>'
        if entry.translated(other) and entry.translated(lang):
            term = html.escape(entry.text(other).term, quote=False)
            tip += (
                f' <span class="gl-tip__other">{words["tip_other_language"]} '
                f'<span lang="{other}">{term}</span></span>'
            )
        items.append(f'<span id="{PREFIX}{entry_id}">{tip}</span>')
    return '\n<div class="gl-tips" hidden>' + "".join(items) + "</div>\n"
