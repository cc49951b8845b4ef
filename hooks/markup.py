"""Small text transformations between entry fields and the Markdown of generated pages."""

from __future__ import annotations

import html
import re

SPAN = re.compile(r"\[([^\]\n]+)\]\{lang=([a-zA-Z0-9-]+)\}")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]])")


def spans(markdown: str) -> str:
    """``[lead scoring]{lang=en}`` → ``<span lang="en">lead scoring</span>`` (WCAG 3.1.2)."""
    return SPAN.sub(lambda m: f'<span lang="{m.group(2)}">{m.group(1)}</span>', markdown)


def plain(text: str) -> str:
    """Plain text made safe inside Markdown: no markup, no HTML."""
    return _INLINE_MARKUP.sub(r"\\\1", html.escape(text, quote=False))


def unmark(markdown: str) -> str:
    """Markdown reduced to readable plain text (for JSON-LD and search descriptions)."""
    text = SPAN.sub(r"\1", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return " ".join(text.split())
