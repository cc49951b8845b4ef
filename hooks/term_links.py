"""Link the first mention of each glossary term in a page to its entry.

One matcher per language, built once per build: every name (term, abbreviation, alias) is a
tuple of words in a dictionary, and a page is scanned once, word by word, trying the longest
name first. Cost grows with the page's length, not with the number of entries.

Rules: whole words only; abbreviations match with their exact case, terms and aliases in any
case; a deprecated name, or a name homonyms share, is never linked (hooks/names.py); never
inside headings, links, code, HTML or admonition titles; a page opts out with
``glossary_links: false`` in its front matter, a passage between
``<!-- glossary-links: off -->`` and ``<!-- glossary-links: on -->``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hooks import names
from hooks.model import DEPRECATED, Glossary

# Names are cut into words, and joined across a gap, as names.py does for deprecated names.
_WORD = names.WORD

_PROTECTED = re.compile(
    r"""
      ^(?P<fence>[ ]{0,3}(?:```|~~~))[\s\S]*?^[ ]{0,3}(?P=fence)[^\n]*$  # fenced code
    | <!--\s*glossary-links:\s*off\s*-->[\s\S]*?(?:<!--\s*glossary-links:\s*on\s*-->|\Z)
    | <!--[\s\S]*?-->                                       # comments
    | ^[ ]{0,3}\#{1,6}[ \t].*$                              # ATX headings
    | ^.+\n[ ]{0,3}(?:=+|-+)[ \t]*$                         # setext headings
    | ^[ ]*[!?]{3}\+?[ ].*$                                 # admonition and details titles
    | ^[ ]{0,3}\[[^\]\n]+\]:.*$                             # link reference definitions
    | `+[^`\n]*`+                                           # inline code
    | !?\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\([^)\n]*\)          # links and images
    | !?\[[^\]\n]*\]\[[^\]\n]*\]                            # reference links
    | <a\b[^>]*>[\s\S]*?</a>                                # HTML links
    | <(?P<tag>code|pre|abbr|kbd|script|style)\b[^>]*>[\s\S]*?</(?P=tag)>
    | <[^>\n]+>                                             # any other HTML tag
    | \{[:#.][^}\n]*\}                                      # attribute lists
    | https?://[^\s)>\]]+                                   # bare addresses
    | \[\^[^\]\n]+\]                                        # footnote markers
    """,
    re.MULTILINE | re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Target:
    entry_id: str
    summary: str
    lang: str | None = None  # the name's language when it is a loanword ({…, lang: en})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    target: Target


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


class Matcher:
    """All names of one language, ready to find mentions in any text."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.exact: dict[tuple[str, ...], Target] = {}  # abbreviations: case matters
        self.folded: dict[tuple[str, ...], Target] = {}  # terms and aliases: any case
        self.prefixes: set[tuple[str, ...]] = set()  # every beginning of a name, folded
        shared = {names.normalise(name) for name in names.shared_names(glossary, lang)}
        for entry in glossary:
            if not entry.translated(lang):
                continue  # its page says "not yet translated": linked only by hand
            text = entry.text(lang)
            for name in text.labels:
                if name.status == DEPRECATED or names.normalise(name.text) in shared:
                    continue  # never a link text; a shared name is linked by hand
                loanword = name.lang if name.lang and name.lang != lang else None
                target = Target(entry.id, text.summary, loanword)
                if name.kind == "abbreviation":
                    self._add(self.exact, tuple(_WORD.findall(name.text)), target)
                else:
                    words = tuple(_fold(word) for word in _WORD.findall(name.text))
                    self._add(self.folded, words, target)

    def _add(
        self, table: dict[tuple[str, ...], Target], words: tuple[str, ...], target: Target
    ) -> None:
        if words:
            table.setdefault(words, target)
            folded = tuple(_fold(word) for word in words)
            self.prefixes.update(folded[:size] for size in range(1, len(folded) + 1))

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every mention in ``text``, left to right, longest name first at each place."""
        words = list(_WORD.finditer(text))
        folded = [_fold(word.group()) for word in words]
        index = 0
        while index < len(words):
            found = self._longest_at(text, words, folded, index)
            if found is None:
                index += 1
                continue
            size, target = found
            yield Mention(words[index].start(), words[index + size - 1].end(), target)
            index += size

    def _longest_at(
        self, text: str, words: list[re.Match[str]], folded: list[str], index: int
    ) -> tuple[int, Target] | None:
        """The longest name starting at word ``index`` (names.longest_at)."""
        return names.longest_at(text, words, folded, index, self.prefixes, self.exact, self.folded)


def first_mentions(markdown: str, matcher: Matcher, skip: set[str]) -> list[Mention]:
    """The first mention of each entry in the linkable parts of ``markdown``.

    Entries in ``skip`` (already linked by the author, or the page's own entry) are left out.
    """
    seen = set(skip)
    found = []
    for start, end in free_spans(markdown):
        for mention in matcher.mentions(markdown[start:end]):
            if mention.target.entry_id in seen:
                continue
            seen.add(mention.target.entry_id)
            found.append(Mention(start + mention.start, start + mention.end, mention.target))
    return found


def link_terms(markdown: str, matcher: Matcher, href: Callable[[str], str], skip: set[str]) -> str:
    """``markdown`` with the first mention of each term made a link to its entry; the link's
    tooltip is added with every other link to an entry, in the HTML (hooks/tooltips.py)."""
    result, last = [], 0
    for mention in first_mentions(markdown, matcher, skip):
        words = markdown[mention.start : mention.end]
        link = html.escape(href(mention.target.entry_id))
        # a loanword ("lead scoring" in French) is said in its language by screen readers
        lang = f' lang="{mention.target.lang}"' if mention.target.lang else ""
        result += [
            markdown[last : mention.start],
            f'<a href="{link}"{lang} class="gl-term">{words}</a>',
        ]
        last = mention.end
    return "".join([*result, markdown[last:]])


def free_spans(markdown: str) -> Iterator[tuple[int, int]]:
    """Stretches of ``markdown`` where a link may be added."""
    last = 0
    for match in _PROTECTED.finditer(markdown):
        if match.start() > last:
            yield last, match.start()
        last = max(last, match.end())
    if last < len(markdown):
        yield last, len(markdown)
