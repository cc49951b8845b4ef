"""Where each generated page lives, per language (DESIGN.md, "URLs")."""

from __future__ import annotations

import posixpath

from hooks import languages


def prefix(lang: str) -> str:
    """Folder of a language in the built site: the default language at the root, another
    under its code (``en/``)."""
    return "" if lang == languages.default() else f"{lang}/"


def glossary_folder(lang: str) -> str:
    """``fr/glossaire/``: where the generated pages of ``lang`` sit among the sources."""
    return f"{lang}/{languages.get(lang).folder}/"


def term_src(lang: str, entry_id: str) -> str:
    """Source path of a generated term page, as if it were ``content/<lang>/...``."""
    return f"{glossary_folder(lang)}{entry_id}.md"


def index_src(lang: str) -> str:
    return f"{glossary_folder(lang)}index.md"


def to_translate_src(lang: str) -> str:
    """The page listing what is not yet translated into ``lang``: ``fr/a-traduire.md``."""
    return f"{lang}/{languages.words(lang)['to_translate_slug']}.md"


def to_translate_url(lang: str) -> str:
    return src_to_url(to_translate_src(lang))


def entry_of(src_uri: str) -> str | None:
    """The entry id a term page's source path names, if it is one: ``fr/glossaire/sla.md``."""
    lang = src_uri.partition("/")[0]
    if lang not in languages.codes() or not src_uri.startswith(glossary_folder(lang)):
        return None
    name = src_uri.removeprefix(glossary_folder(lang)).removesuffix(".md")
    return None if "/" in name or name == "index" else name


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
