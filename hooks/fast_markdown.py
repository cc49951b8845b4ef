"""The generated pages' Markdown to HTML, without Python-Markdown.

Python-Markdown is most of a build's time (issue 13): at 1,000 entries it converts about 2,000
term pages. Those pages are written by our templates and use a small part of Markdown, which this
module renders to exactly the HTML Python-Markdown gives with the site's extensions. Anything
else (a table in an example, a pitfall of two paragraphs, a calculator...) returns None and the
page goes through Python-Markdown as any other: the fast path may decline, never differ.
tests/test_fast_markdown.py holds the two to the same output on every generated page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markdown.serializers import _escape_attrib_html

# The extensions this module reproduces; a site adding another one converts every page through
# Python-Markdown. (Those listed but unused by generated pages are declined on sight below.)
EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",  # one of MkDocs's own
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
    }
)


class Declined(Exception):
    """The text uses Markdown this module does not reproduce."""


@dataclass
class Converted:
    html: str
    toc_tokens: list[dict[str, Any]]
    title_html: str | None  # the inner HTML of the h1 the page starts with, if it does
    anchor_ids: set[str] = field(default_factory=set)


def supported(extensions: Iterable[object], configs: dict[str, dict[str, Any]]) -> str | None:
    """The permalink title to use if the site's Markdown setup is one this module reproduces."""
    names = [name for name in extensions if isinstance(name, str)]
    if len(names) != len(list(extensions)) or not {"toc", "attr_list", "md_in_html"} <= set(names):
        return None
    if not set(names) <= EXTENSIONS:
        return None
    for name in names:
        if name != "toc" and configs.get(name):
            return None
    toc = dict(configs.get("toc") or {})
    title = toc.pop("permalink_title", "Permanent link")
    if toc != {"permalink": True} or not isinstance(title, str):
        return None
    return title


def convert(markdown: str, link: Callable[[str], str], permalink_title: str) -> Converted | None:
    """``markdown``'s HTML as Python-Markdown writes it, links passed through ``link`` (as
    MkDocs rewrites them); None when the text leaves the generated pages' dialect."""
    try:
        return _Converter(link, permalink_title).run(markdown)
    except Declined:
        return None


# --- blocks ------------------------------------------------------------------------------------

_HEADING = re.compile(r"(#{1,6}) +(.*?)$")
_HEADING_ATTRS = re.compile(r" +\{:?([^}\n]*)\}$")
_BLOCK_ATTRS = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}$")
_ADMONITION = re.compile(r'!!! ([\w-]+) "([^"\n]*)"$')
_BULLET = re.compile(r"- +(?=\S)")
_NUMBER = re.compile(r"(\d+)\. +(?=\S)")
# Lines that would start something other than a paragraph (or change one).
_NOT_PROSE = re.compile(
    r"[ #>|:=+]|```|~~~|[-*_] |\d+[.)] |!!!|\?\?\?|---|\*\*\*|___|\[\^|\*\["
    r"|<(?!(?:a|abbr|b|code|em|i|s|small|span|strong)[ >])"
)
_RAW_START = re.compile(r"<(dl|form|nav|ol|ul)[ >]")  # block-level: kept as written
_DIV_OPEN = re.compile(r'<div lang="([\w-]+)" markdown>$')
_ATTR = re.compile(r"""#([\w-]+)|\.([\w-]+)|([\w-]+)="([^"\n]*)"|([\w-]+)='([^'\n]*)'""")


class _Converter:
    def __init__(self, link: Callable[[str], str], permalink_title: str) -> None:
        self.link = link
        self.permalink_title = permalink_title
        self.headings: list[_Heading] = []
        self.ids: set[str] = set()

    def run(self, markdown: str) -> Converted:
        if any(char in markdown for char in "\t\r\x00\x02\x03") or _ODD_ANCHOR.search(markdown):
            raise Declined
        # MkDocs knows the anchors of raw HTML (links to them are checked) from every tag
        self.ids.update(_TAG_ID.findall(markdown))
        parts = self.blocks(markdown.split("\n"))
        # Headings' ids, as the toc extension gives them once the whole page is read.
        counters: dict[str, int] = {}
        tokens = []
        for heading in self.headings:
            name = strip_tags(heading.inner)
            attributes = heading.attributes
            if "id" not in attributes:
                attributes["id"] = unique(slugify(html.unescape(name), "-"), self.ids, counters)
            tokens.append(
                {
                    "level": heading.level,
                    "id": html.unescape(attributes["id"]),
                    "name": name,
                    "html": heading.inner,
                    "data-toc-label": "",
                }
            )
        text = "\n".join(
            self.heading_html(part) if isinstance(part, _Heading) else part for part in parts
        ).strip()
        first = parts[0] if parts else None
        title = first.inner if isinstance(first, _Heading) and first.level == 1 else None
        return Converted(text, nest_toc_tokens(tokens), title, set(self.ids))

    def heading_html(self, heading: _Heading) -> str:
        anchor = _escape_attrib_html(heading.attributes["id"])
        title = _escape_attrib_html(self.permalink_title)
        permalink = f'<a class="headerlink" href="#{anchor}" title="{title}">&para;</a>'
        tag = f"h{heading.level}"
        return f"<{tag}{_attributes(heading.attributes)}>{heading.inner}{permalink}</{tag}>"

    def blocks(self, lines: list[str], top: bool = True) -> list[str | _Heading]:
        parts: list[str | _Heading] = []
        index, count = 0, len(lines)
        last_was_list = False
        while index < count:
            line = lines[index]
            if not line.strip():
                if line:
                    raise Declined  # spaces alone: Python-Markdown's rules differ by context
                index += 1
                continue
            end = index
            while end < count and lines[end]:
                end += 1
            block = lines[index:end]
            is_list = bool(_BULLET.match(line) or _NUMBER.match(line))
            if is_list and last_was_list:
                raise Declined  # lists a blank line apart are one loose list
            last_was_list = is_list
            if line.startswith("#"):
                parts.append(self.heading(block, top))
            elif line.startswith("!!! "):
                end = self.admonition_end(lines, index)
                parts.append(self.admonition(lines[index:end]))
            elif _DIV_OPEN.match(line):
                end = self.div_end(lines, index)
                inner = self.blocks(lines[index + 2 : end - 2], top=False)
                lang = _DIV_OPEN.match(line).group(1)  # type: ignore[union-attr]
                blocks = "\n".join(part for part in inner if isinstance(part, str))
                parts.append(f'<div lang="{lang}">\n{blocks}\n</div>')
                last_was_list = False
            elif line.startswith("<") and _RAW_START.match(line):
                parts.append(_raw(block) + "\n")
            elif is_list:
                parts.append(self.list(block))
            elif line.startswith("|"):
                parts.append(self.table(block))
            else:
                parts.append(self.paragraph(block))
            index = end
        return parts

    def heading(self, block: list[str], top: bool) -> _Heading:
        """An ATX heading alone in its block, at the page's top level (the toc numbers those)."""
        match = _HEADING.match(block[0])
        if len(block) != 1 or not top or not match or match.group(2).endswith("#"):
            raise Declined
        text = match.group(2)
        attributes: dict[str, str] = {}
        found = _HEADING_ATTRS.search(text)
        if found:
            attributes = _parse_attributes(found.group(1))
            text = text[: found.start()]
        if "{" in text or not text.strip():
            raise Declined
        if "id" in attributes:
            if attributes["id"] in self.ids:
                raise Declined
            self.ids.add(attributes["id"])
        heading = _Heading(len(match.group(1)), attributes, self.inline(text.strip()))
        self.headings.append(heading)
        return heading

    def admonition_end(self, lines: list[str], index: int) -> int:
        end = index + 1
        while end < len(lines) and (not lines[end] or lines[end].startswith("    ")):
            end += 1
        while lines[end - 1] == "":
            end -= 1
        return end

    def admonition(self, lines: list[str]) -> str:
        match = _ADMONITION.match(lines[0])
        if not match or len(lines) < 3 or lines[1]:
            raise Declined
        body = [line[4:] for line in lines[2:]]
        inner = self.blocks(body, top=False)
        if not all(isinstance(part, str) and part.startswith("<p>") for part in inner):
            raise Declined
        kind, title = match.groups()
        head = f'<div class="admonition {kind}">\n<p class="admonition-title">'
        return head + self.inline(title) + "</p>\n" + "\n".join(inner) + "\n</div>"

    def div_end(self, lines: list[str], index: int) -> int:
        """The line after ``</div>``: the wrapper holds blocks between two blank lines."""
        for end in range(index + 1, len(lines)):
            if lines[end] == "</div>":
                if lines[index + 1] or lines[end - 1] or end - index < 3:
                    raise Declined
                if end + 1 < len(lines) and lines[end + 1]:
                    raise Declined
                return end + 1
            if lines[end].startswith("<div") or lines[end].startswith("</"):
                raise Declined
        raise Declined

    def list(self, block: list[str]) -> str:
        ordered = bool(_NUMBER.match(block[0]))
        pattern = _NUMBER if ordered else _BULLET
        items = []
        for number, line in enumerate(block, start=1):
            match = pattern.match(line)
            if not match or (ordered and number == 1 and match.group(1) != "1"):
                raise Declined  # a continuation line, another kind of item, a start number
            text = line[match.end() :]
            _check_prose_line(text)
            items.append(f"<li>{self.inline(text)}</li>")
        tag = "ol" if ordered else "ul"
        return f"<{tag}>\n" + "\n".join(items) + f"\n</{tag}>"

    def table(self, block: list[str]) -> str:
        """A table with a border of pipes on every row (the tables extension's output)."""
        rows = [_table_cells(line) for line in block]
        if len(rows) < 3 or any(row is None for row in rows):
            raise Declined
        head, separator, *body = rows  # type: ignore[misc]
        if len(head) != len(separator) or len(head) < 2:
            raise Declined
        aligns = []
        for cell in separator:
            rule = cell.strip(" ")
            if not _TABLE_RULE.match(rule):
                raise Declined
            left, right = rule.startswith(":"), rule.endswith(":")
            side = "center" if left and right else "left" if left else "right" if right else ""
            aligns.append(f' style="text-align: {side};"' if side else "")
        lines = ["<table>", "<thead>", "<tr>"]
        lines += [
            f"<th{align}>{self.inline(cell.strip(' '))}</th>"
            for cell, align in zip(head, aligns, strict=True)
        ]
        lines += ["</tr>", "</thead>", "<tbody>"]
        for row in body:
            cells = [*row[: len(aligns)], *[""] * (len(aligns) - len(row))]
            lines.append("<tr>")
            lines += [
                f"<td{align}>{self.inline(cell.strip(' '))}</td>"
                for cell, align in zip(cells, aligns, strict=True)
            ]
            lines.append("</tr>")
        return "\n".join([*lines, "</tbody>", "</table>"])

    def paragraph(self, block: list[str]) -> str:
        attributes = ""
        if len(block) > 1 and block[-1].startswith("{"):
            found = _BLOCK_ATTRS.match(block[-1])
            if not found:
                raise Declined
            attributes = _attributes(_parse_attributes(found.group(1)))
            block = block[:-1]
        for line in block:
            _check_prose_line(line)
        if sum("|" in line for line in block) > 1:
            raise Declined  # a table needs two lines with pipes: its head and its separator
        return f"<p{attributes}>{self.inline(chr(10).join(block))}</p>"

    # --- inline ---------------------------------------------------------------------------------

    def inline(self, text: str, in_link: bool = False) -> str:
        out: list[str] = []
        position = 0
        for special in _SPECIAL.finditer(text):
            start = special.start()
            if start < position:
                continue
            out.append(text[position:start])
            char = text[start]
            if char == "\\":
                escaped = text[start + 1 : start + 2]
                if escaped not in _ESCAPABLE:
                    raise Declined
                out.append(escaped)
                position = start + 2
            elif char == "&":
                entity = _ENTITY.match(text, start)
                out.append(entity.group(0) if entity else "&amp;")
                position = entity.end() if entity else start + 1
            elif char == ">":
                out.append("&gt;")
                position = start + 1
            elif char == "<":
                tag = _INLINE_TAG.match(text, start)
                if not tag:
                    raise Declined
                out.append(tag.group(0))
                position = tag.end()
            elif char == "`":
                end = text.find("`", start + 1)
                code = text[start + 1 : end]
                if end < 0 or not code.strip() or "\n" in code or "\\" in code:
                    raise Declined
                if text[end + 1 : end + 2] in ("`", "{"):
                    raise Declined
                out.append(f"<code>{_code_escape(code.strip())}</code>")
                position = end + 1
            elif char == "*":
                html_text, position = self.emphasis(text, start)
                out.append(html_text)
            elif char == "[" and not in_link:
                html_text, position = self.anchor(text, start)
                out.append(html_text)
            else:  # _ ] { ![: emphasis, images, attributes... left to Python-Markdown
                raise Declined
        out.append(text[position:])
        return "".join(out)

    def emphasis(self, text: str, start: int) -> tuple[str, int]:
        """``*em*`` or ``**strong**`` at ``start``: its HTML and where it ends."""
        strong = text.startswith("**", start)
        mark = "**" if strong else "*"
        begin = start + len(mark)
        end = text.find(mark, begin)
        inner = text[begin:end]
        if end < 0 or not inner or "*" in inner or inner != inner.strip():
            raise Declined
        if text[end + len(mark) : end + len(mark) + 1] in ("*", "{"):
            raise Declined
        tag = "strong" if strong else "em"
        return f"<{tag}>{self.inline(inner)}</{tag}>", end + len(mark)

    def anchor(self, text: str, start: int) -> tuple[str, int]:
        """``[label](url)``, with its ``{: attributes }`` if any: its HTML and where it ends."""
        match = _LINK.match(text, start)
        if not match:
            raise Declined
        label, url = match.group(1), match.group(2)
        attributes = {"href": self.link(url)}
        end = match.end()
        extra = _INLINE_ATTRS.match(text, end)
        if extra:
            for key, value in _parse_attributes(extra.group(1)).items():
                if key == "href":
                    raise Declined
                attributes[key] = value
            end = extra.end()
        elif text.startswith("{", end):
            raise Declined
        inner = self.inline(label, in_link=True)
        return f"<a{_attributes(attributes)}>{inner}</a>", end


@dataclass
class _Heading:
    """A heading, written once every heading's id is known (ids are unique per page)."""

    level: int
    attributes: dict[str, str]
    inner: str


_SPECIAL = re.compile(r"[\\&<>`*_\[\]{}]|!\[")
_ESCAPABLE = frozenset("\\`*_[]")  # what hooks/markup.plain escapes
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.IGNORECASE)
_TAG_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"&]*)"')
_ODD_ANCHOR = re.compile(r'\sid=(?!"[^"&]*")|\sname=')  # read otherwise by an HTML parser
# Inline tags, written as they are; attributes double-quoted, as our templates write them.
_INLINE_TAG = re.compile(
    r'</?(?:a|abbr|b|code|em|i|s|small|span|strong)(?: [\w-]+(?:="[^"<>]*")?)*>'
)
_LINK = re.compile(r"\[((?:\\[\[\]]|[^\[\]\n!])+)\]\(([^\s()<>\"'\\]+)\)")
_INLINE_ATTRS = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}")


_TABLE_RULE = re.compile(r":?-+:?$")


def _table_cells(line: str) -> list[str] | None:
    """A bordered row's cells; None for a row this module leaves to the tables extension
    (no border, an escaped pipe, a pipe in code...)."""
    row = line.strip(" ")
    if len(row) < 2 or not row.startswith("|") or not row.endswith("|") or "\\" in row:
        return None
    cells = row[1:-1].split("|")
    if any(cell.count("`") % 2 for cell in cells):
        return None  # a pipe inside a code span
    return cells


def _check_prose_line(line: str) -> None:
    if line != line.strip() or _NOT_PROSE.match(line) or _PROSE_ONLY_BREAK.search(line):
        raise Declined


_PROSE_ONLY_BREAK = re.compile(r"^\d+\.$|^[-=]+$")


def _parse_attributes(text: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    classes: list[str] = []
    rest = _ATTR.sub("", text).strip()
    if rest:
        raise Declined
    for match in _ATTR.finditer(text):
        if match.group(1):
            attributes["id"] = match.group(1)
        elif match.group(2):
            classes.append(match.group(2))
        else:
            key = match.group(3) or match.group(5)
            value = match.group(4) if match.group(3) else match.group(6)
            if key in attributes or key == "class":
                raise Declined
            attributes[key] = value
    if classes:
        attributes["class"] = " ".join(classes)
    return attributes


def escape_attribute(value: str) -> str:
    """As Python-Markdown's serializer writes an attribute's value."""
    return _escape_attrib_html(value)


def _attributes(attributes: dict[str, str]) -> str:
    """Sorted, as Python-Markdown's serializer writes them."""
    return "".join(
        f' {key}="{_escape_attrib_html(value)}"' for key, value in sorted(attributes.items())
    )


def _raw(block: list[str]) -> str:
    """A raw HTML block (the facts, the A–Z index...), written as it is: the element must end
    the block, with nothing Python-Markdown would read inside (``markdown``, comments...)."""
    text = "\n".join(block)
    tag = _RAW_START.match(text).group(1)  # type: ignore[union-attr]
    if not text.endswith(f"</{tag}>") or "markdown" in text or "<!" in text or "<?" in text:
        raise Declined
    depth = 0
    for found in re.finditer(rf"<(/?){tag}[ >]", text):
        depth += -1 if found.group(1) else 1
        if depth == 0 and found.end() != len(text):
            raise Declined  # the element closes before the block ends
    if depth != 0:
        raise Declined
    return text


def _code_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
