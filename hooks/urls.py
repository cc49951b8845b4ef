"""Where each generated page lives, per language (DESIGN.md, "URLs")."""

from __future__ import annotations

import posixpath

DEFAULT_LANGUAGE = "fr"
GLOSSARY_FOLDER = {"fr": "glossaire", "en": "glossary"}


def prefix(lang: str) -> str:
    """Folder of a language in the built site: French at the root, English under ``en/``."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def term_src(lang: str, entry_id: str) -> str:
    """Source path of a generated term page, as if it were ``content/<lang>/...``."""
    return f"{lang}/{GLOSSARY_FOLDER[lang]}/{entry_id}.md"


def index_src(lang: str) -> str:
    return f"{lang}/{GLOSSARY_FOLDER[lang]}/index.md"


def src_to_url(src_uri: str) -> str:
    """``fr/glossaire/sla.md`` → ``glossaire/sla/``; ``en/index.md`` → ``en/``."""
    lang, _, rest = src_uri.partition("/")
    stem = rest.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return prefix(lang) + stem


def src_to_dest(src_uri: str) -> str:
    return src_to_url(src_uri) + "index.html"


def term_url(lang: str, entry_id: str) -> str:
    return src_to_url(term_src(lang, entry_id))


def index_url(lang: str) -> str:
    return src_to_url(index_src(lang))


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative directories)."""
    link = posixpath.relpath("/" + to_url, "/" + from_url)
    return "./" if link == "." else link + ("/" if to_url.endswith("/") else "")


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url
