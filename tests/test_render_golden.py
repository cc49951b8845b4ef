"""Golden files: the whole Markdown of each generated page for the test entries.

After an intended change of the templates, rewrite them with ``UPDATE_GOLDEN=1 make test``
and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hooks import content, render
from hooks.validate import check_glossary

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
ARTICLE = content.ContentPage(
    "fr", "articles/essai.md", "Un article d’essai", None, None, ("glossaire/alpha.md",)
)


def generated_pages() -> dict[str, str]:
    glossary, problems = check_glossary(DATA / "valid")
    assert problems == []
    mentions = content.glossary_mentions([ARTICLE])
    pages = {
        page.src_uri: page.markdown
        for lang in ("fr", "en")
        for page in render.pages(glossary, lang, mentions)
    }
    # gamma is written in French only; the article has no English twin
    partial, problems = check_glossary(DATA / "partial", "glossary")
    assert problems == []
    for lang in ("fr", "en"):
        untwinned = [ARTICLE] if lang == "en" else []
        for page in render.pages(partial, lang, mentions, untwinned, _edit_url):
            pages[f"partial/{page.src_uri}"] = page.markdown
    return pages


def _edit_url(source: str) -> str:
    return f"https://example.org/edit/main/{source}"


PAGES = generated_pages()


@pytest.mark.parametrize("src_uri", sorted(PAGES))
def test_page_matches_golden_file(src_uri: str) -> None:
    golden = GOLDEN / src_uri
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(PAGES[src_uri], "utf-8")
    assert PAGES[src_uri] == golden.read_text("utf-8")


def test_golden_files_have_no_orphans() -> None:
    on_disk = {path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.md")}
    assert on_disk == set(PAGES)
