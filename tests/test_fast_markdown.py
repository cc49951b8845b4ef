"""The fast path renders generated pages exactly as Python-Markdown does, or declines.

Every generated page of the real glossary and of the test entries is converted both ways; so are
random texts built from the pieces where Markdown is subtle (emphasis, escapes, entities,
links with attributes, lists a blank line apart, pipes...). A page the fast path declines goes
through Python-Markdown: the only cost is time, so the pages it declines are listed here.
"""

from __future__ import annotations

import random
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor, _RawHTMLPreprocessor
from mkdocs.utils.meta import get_data

from hooks import content, fast_markdown, render
from hooks.validate import check_glossary

ROOT = Path(__file__).parent.parent
CONFIG = ROOT / "mkdocs.yml"
SITE = load_config(str(CONFIG))  # the site's Markdown setup, MkDocs's own extensions included
EXTENSIONS = list(SITE.markdown_extensions)
TITLE = "Lien permanent vers cette section"  # hooks/mkdocs_glossary.py sets it per language
CONFIGS = {**SITE.mdx_configs, "toc": {**SITE.mdx_configs["toc"], "permalink_title": TITLE}}
# Declined on purpose: the calculator's marker.
DECLINED = {"fr/glossaire/sla.md", "en/glossary/sla.md"}


def _generated(folder: Path, prefix: str, pages_dir: Path | None = None) -> dict[str, str]:
    glossary, problems = check_glossary(folder, "glossary")
    assert problems == []
    written = content.read_pages(pages_dir)[0] if pages_dir else []
    mentions = content.glossary_mentions(written, lambda page: set())
    return {
        prefix + page.src_uri: get_data(page.markdown)[0]
        for lang in ("fr", "en")
        for page in render.pages(
            glossary, lang, mentions, [], lambda source: f"https://example.org/{source}"
        )
    }


PAGES = {
    **_generated(ROOT / "glossary", "", ROOT / "content"),
    **_generated(ROOT / "tests" / "data" / "valid", "valid/"),
    **_generated(ROOT / "tests" / "data" / "partial", "partial/"),
}


WRITTEN = {
    path.relative_to(ROOT).as_posix(): get_data(path.read_text("utf-8"))[0]
    for path in sorted((ROOT / "content").rglob("*.md"))
}


def _python_markdown(text: str) -> tuple[str, list, set[str]]:
    """HTML, toc and anchors as MkDocs's conversion of a page gives them."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    raw = _RawHTMLPreprocessor()
    raw._register(md)
    anchors = _ExtractAnchorsTreeprocessor(None, None, None)  # type: ignore[arg-type]
    anchors._register(md)
    html = md.convert(text)
    return html, md.toc_tokens, anchors.present_anchor_ids | raw.present_anchor_ids  # type: ignore[attr-defined]


def _fast(text: str) -> fast_markdown.Converted | None:
    return fast_markdown.convert(text, lambda url: url, TITLE)


@pytest.mark.parametrize("src_uri", sorted(PAGES))
def test_generated_page_is_rendered_as_python_markdown_does(src_uri: str) -> None:
    got = _fast(PAGES[src_uri])
    if src_uri.split("/", 1)[-1] in DECLINED or src_uri in DECLINED:
        assert got is None
        return
    assert got is not None, "the fast path declined a page it should render"
    expected, toc, anchors = _python_markdown(PAGES[src_uri])
    assert got.html == expected
    assert got.toc_tokens == toc
    assert got.anchor_ids == anchors


@pytest.mark.parametrize("path", sorted(WRITTEN))
def test_hand_written_page_is_rendered_as_python_markdown_does_or_declined(path: str) -> None:
    got = _fast(WRITTEN[path])
    if got is not None:
        assert (got.html, got.toc_tokens, got.anchor_ids) == _python_markdown(WRITTEN[path])


def test_most_hand_written_pages_take_the_fast_path() -> None:
    accepted = [path for path, text in WRITTEN.items() if _fast(text) is not None]
    assert len(accepted) >= 0.6 * len(WRITTEN)  # the articles with tables, links, lists


def test_links_go_through_the_link_function() -> None:
    got = fast_markdown.convert(
        'Un [MQL](mql.md){: lang="en" } et [l’article](../articles/a.md#b).',
        lambda url: url.upper(),
        TITLE,
    )
    assert got is not None
    assert got.html == (
        '<p>Un <a href="MQL.MD" lang="en">MQL</a> et '
        '<a href="../ARTICLES/A.MD#B">l’article</a>.</p>'
    )


def test_the_page_title_is_its_leading_h1() -> None:
    got = _fast('# Taux de *churn* {: lang="en" }\n\nTexte.\n\n## Définition\n\nTexte.\n')
    assert got is not None and got.title_html == "Taux de <em>churn</em>"
    assert got.anchor_ids == {"taux-de-churn", "definition"}
    untitled = _fast("Texte.\n\n# Titre\n")
    assert untitled is not None and untitled.title_html is None


def test_the_site_setup_is_one_it_reproduces() -> None:
    assert fast_markdown.supported(SITE.markdown_extensions, SITE.mdx_configs) == "Permanent link"


@pytest.mark.parametrize(
    ("extensions", "configs", "title"),
    [
        (EXTENSIONS, CONFIGS, TITLE),
        (EXTENSIONS, {"toc": {"permalink": True}}, "Permanent link"),
        ([*EXTENSIONS, "pymdownx.smartsymbols"], CONFIGS, None),  # an extension it ignores
        (EXTENSIONS, {"toc": {"permalink": True, "toc_depth": 2}}, None),
        (EXTENSIONS, {**CONFIGS, "admonition": {"x": 1}}, None),
        ([e for e in EXTENSIONS if e != "attr_list"], CONFIGS, None),
    ],
)
def test_only_a_markdown_setup_it_reproduces_is_accepted(
    extensions: list[str], configs: dict, title: str | None
) -> None:
    assert fast_markdown.supported(extensions, configs) == title


# --- random texts -------------------------------------------------------------------------------

WORDS = ["lead", "MQL", "taux", "d’affaires", "B2B", "12,5\u00a0%", "«\u00a0R2\u00a0»", "x", "deux"]
PIECES = [
    "*",
    "**",
    "_",
    "`",
    "`code`",
    "*em*",
    "**fort**",
    "* a *",
    "[lien](mql.md)",
    '[lien](mql.md){: lang="en" }',
    "[lien](https://example.org/a_b?c=1&d=2)",
    "[*em* lien](mql.md#ancre)",
    "[x]",
    "![x](y.png)",
    "&",
    "&amp;",
    "&eacute;",
    "<",
    ">",
    '<span lang="en">',
    "</span>",
    "<b>",
    '<a href="x.md" id="i">',
    "</a>",
    '<span id="j">',
    "<div>",
    '<dl class="gl-facts"><dt>a</dt></dl>',
    "\\*",
    "\\_",
    "\\[",
    "\\\\",
    "\\#",
    "|",
    "!",
    "#",
    "{",
    "}",
    "{: .c }",
    ":",
    "  ",
    "\u00a0",
    "1.",
    "-",
    "'",
    '"',
    "~",
    "=",
]
STARTS = [
    *["", "", "", '<a href="y">', "<span>", "<nav>", "<dl>", "- ", "1. ", "2. ", "# ", "## "],
    *["> ", "    ", ": ", "* ", "+ ", "---", "***"],
]
ENDS = ["", "", "", "  ", " {: .c }", ' {: lang="en" }', " #"]


def _line(rng: random.Random) -> str:
    tokens = [rng.choice(WORDS if rng.random() < 0.9 else PIECES) for _ in range(rng.randint(1, 9))]
    start = rng.choice(STARTS) if rng.random() < 0.25 else ""
    end = rng.choice(ENDS) if rng.random() < 0.2 else ""
    return start + rng.choice(["", " "]).join(tokens) + end


def _table(rng: random.Random) -> str:
    width = rng.randint(1, 4)

    def row(count: int) -> str:
        cells = [rng.choice(WORDS if rng.random() < 0.8 else PIECES) for _ in range(count)]
        return "|" + "|".join(f" {cell} " if rng.random() < 0.8 else cell for cell in cells) + "|"

    rules = [rng.choice(["---", ":--", "--:", ":-:", "-", "x", ""]) for _ in range(width)]
    body = [row(rng.choice([width, width, width - 1, width + 1])) for _ in range(rng.randint(0, 3))]
    return "\n".join([row(width), "|" + "|".join(rules) + "|", *body])


def _text(rng: random.Random) -> str:
    blocks = []
    for _ in range(rng.randint(1, 5)):
        if rng.random() < 0.15:
            blocks.append(_table(rng))
            continue
        lines = [_line(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            lines.append(rng.choice(["{: .gl-summary }", '{: .gl-formula lang="en" }', "{: x }"]))
        blocks.append("\n".join(lines))
    separator = rng.choice(["\n\n", "\n\n", "\n\n", "\n"])
    return separator.join(blocks) + "\n"


def test_random_texts_are_rendered_as_python_markdown_does_or_declined() -> None:
    rng = random.Random(13)
    accepted = 0
    for _ in range(8000):
        text = _text(rng)
        got = _fast(text)
        if got is None:
            continue
        accepted += 1
        assert (got.html, got.toc_tokens, got.anchor_ids) == _python_markdown(text), text
    assert accepted > 800  # the comparison means something only if many are accepted
