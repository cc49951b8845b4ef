"""Small text transformations between entry fields and the Markdown of generated pages."""

from __future__ import annotations

import html
import re

SPAN = re.compile(r"\[([^\]\n]+)\]\{lang=([a-zA-Z0-9-]+)\}")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]])")
_UNSAFE = re.compile(r"[\\`*_\[\]&<>]")  # what ``plain`` escapes: markup and HTML
# The only HTML an entry's prose may hold: a passage quoting a deprecated name is put between
# the two (hooks/names.py); they are for the checker, and no page or export shows them.
OPT_OUT = re.compile(r"<!--\s*glossary-deprecated:\s*(?:off|on)\s*-->")
_OPT_OUT_LINE = re.compile(rf"^[ \t]*{OPT_OUT.pattern}[ \t]*(?:\n|\Z)", re.MULTILINE)


def spans(markdown: str) -> str:
    """``[lead scoring]{lang=en}`` → ``<span lang="en">lead scoring</span>`` (WCAG 3.1.2)."""
    if "]{lang=" not in markdown:  # most texts: no span, no regex scan
        return markdown
    return SPAN.sub(lambda m: f'<span lang="{m.group(2)}">{m.group(1)}</span>', markdown)


def plain(text: str) -> str:
    """Plain text made safe inside Markdown: no markup, no HTML."""
    if not _UNSAFE.search(text):  # most names and summaries: nothing to escape
        return text
    return _INLINE_MARKUP.sub(r"\\\1", html.escape(text, quote=False))


def unmark(markdown: str) -> str:
    """Markdown reduced to readable plain text (for JSON-LD and search descriptions)."""
    text = SPAN.sub(r"\1", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return " ".join(text.split())


def without_opt_outs(markdown: str) -> str:
    """``markdown`` without the checker's ``<!-- glossary-deprecated: off|on -->`` comments: a
    line holding only one goes whole, so the text around it keeps its paragraphs."""
    if "<!--" not in markdown:
        return markdown
    return OPT_OUT.sub("", _OPT_OUT_LINE.sub("", markdown))
