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
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from hooks import languages, render, urls
from hooks.markup import spans
from hooks.model import Entry, Glossary

_OPENING_TAG = re.compile(r"(<a\b([^>]*)>)", re.IGNORECASE)  # the tag, its attributes
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
    target = _href_target(href, site_url)
    return _joined(target, page_url) if target else None


# A site's links are a few thousand different tags and addresses, each on many pages: each
# is read once (bounded: a preview runs for hours).
@lru_cache(maxsize=1 << 16)
def _target(written: str, site_url: str | None) -> str | None:
    """What the link whose attributes are ``written`` leads to, for :func:`_joined`; None for
    none on this site, or attributes this reader does not follow (the link is left alone)."""
    attributes = _attributes(written)
    if attributes is None:
        return None
    return _href_target(attributes.get("href") or "", site_url)


@lru_cache(maxsize=1 << 16)
def _href_target(href: str, site_url: str | None) -> str | None:
    """``href`` without query or fragment, or for the site's own absolute address its path;
    None when it leads nowhere on the site."""
    if "&" in href:
        href = html.unescape(href)
    path = href.strip().partition("#")[0].partition("?")[0]
    if ":" in path or path.startswith("//"):
        path = _on_site(path, site_url)
    return path or None


def _joined(path: str, page_url: str) -> str:
    joined = posixpath.normpath(posixpath.join("/" + page_url, path))
    return joined + "/" if path.endswith("/") and joined != "/" else joined


def _folder(page_url: str) -> str | None:
    """The folder of a page at ``<folder><name>/``, from which its ``../`` links resolve
    alike (``_joined_up``); None for an address of another shape."""
    if not page_url.endswith("/") or page_url.startswith("/"):
        return None
    folder, _, name = page_url[:-1].rpartition("/")
    return None if name in ("", ".", "..") else folder + "/" if folder else ""


@lru_cache(maxsize=1 << 16)
def _joined_up(path: str, folder: str) -> str:
    """``_joined(path, page_url)`` for a ``path`` starting with ``../`` (not ``..//``) and a
    page of ``folder``: ``../sla/`` from glossaire/mql/ is sla/ from glossaire/, so the pages
    of one folder (the term pages) share it."""
    joined = posixpath.normpath(posixpath.join("/" + folder, path[3:]))
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
    term_path = _term_path()
    this_page = ("/" + page_url).rstrip("/")
    folder = _folder(page_url)
    used: dict[str, None] = {}
    # text, then per link its opening tag and attributes, then text...: split in C, and
    # each tag to describe replaced in the list
    parts = _OPENING_TAG.split(page_html)
    for index in range(1, len(parts), 3):
        written, parts[index + 1] = parts[index + 1], ""
        target = _target(written, site_url)
        if target is None:
            continue  # not an address on this site
        if folder is not None and target.startswith("../") and target[3:4] != "/":
            path = _joined_up(target, folder)
        else:
            path = _joined(target, page_url)
        found = term_path.match(path)
        entry_id = found.group("id") if found else None
        if entry_id in by_id and path.rstrip("/") != this_page:  # not an anchor of this page
            used[entry_id] = None
            parts[index] = _described(written, entry_id)
    if not used:
        return page_html
    return "".join(parts) + descriptions(glossary, lang, list(used))


@lru_cache(maxsize=1 << 16)
def _attributes(written: str) -> Mapping[str, str | None] | None:
    """A link's attributes by lower-case name, as written (shared: not to be changed); None
    when some of ``written`` is not attributes this reader follows (left as written)."""
    written = " " + written
    if _ATTRIBUTE.sub("", written).strip() not in ("", "/"):
        return None
    return {found.group(1).lower(): _value(found) for found in _ATTRIBUTE.finditer(written)}


@lru_cache(maxsize=1 << 16)
def _described(written: str, entry_id: str) -> str:
    """The opening tag of a link to ``entry_id`` (attributes ``written``) with its tooltip:
    class ``gl-term``, the description's id, no ``title``."""
    attributes = dict(_attributes(written) or {})
    attributes.pop("title", None)
    classes = (attributes.get("class") or "").split()  # a bare ``class`` is an empty one
    attributes["class"] = " ".join([*classes, *([] if "gl-term" in classes else ["gl-term"])])
    described = (attributes.get("aria-describedby") or "").split()
    attributes["aria-describedby"] = " ".join([*described, PREFIX + entry_id])
    rendered = "".join(
        f' {name}="{value.replace(chr(34), "&quot;")}"' if value is not None else f" {name}"
        for name, value in attributes.items()
    )
    return f"<a{rendered}>"


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
    by_id = glossary.by_id()
    items = [_description(by_id[entry_id], lang, other, words) for entry_id in entry_ids]
    return '\n<div class="gl-tips" hidden>' + "".join(items) + "</div>\n"


# An entry's description is on every page that links to it: written once per entry and pair
# of languages, again when the entry or the words change (other objects: both are read anew).
_DESCRIPTIONS: dict[tuple[str, str, str], tuple[Entry, dict[str, Any], str]] = {}


def _description(entry: Entry, lang: str, other: str, words: dict[str, Any]) -> str:
    cached = _DESCRIPTIONS.get((entry.id, lang, other))
    if cached is not None and cached[0] is entry and cached[1] is words:
        return cached[2]
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
    described = f'<span id="{PREFIX}{entry.id}">{tip}</span>'
    _DESCRIPTIONS[(entry.id, lang, other)] = (entry, words, described)
    return described
