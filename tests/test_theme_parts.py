"""The theme's parts rendered once for the pages that share them (hooks/theme_parts.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hooks import theme_parts
from tests.conftest import ROOT

# The real build with every page rendering every part itself (Material's own output): the
# hook module imports the same hooks.theme_parts, patched here to share nothing.
UNSHARED_BUILD = """
import atexit
from hooks import theme_parts

pages = []

def unshared(self, url, in_nav, *key):
    pages.append(url)
    return theme_parts.unshared

theme_parts.Groups.for_page = unshared
atexit.register(lambda: print(f"pages rendered unshared: {len(pages)}"))
from mkdocs.__main__ import cli
cli()
"""


def test_the_site_is_byte_for_byte_what_material_renders_page_by_page(
    built_site: Path, tmp_path: Path
) -> None:
    unshared = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    command = [sys.executable, "-c", UNSHARED_BUILD, "build", "--strict", "-d", str(unshared)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    rendered = re.search(r"pages rendered unshared: (\d+)", result.stdout)
    pages = sorted(built_site.rglob("index.html"))
    assert rendered and int(rendered.group(1)) == len(pages)  # the patch did take effect
    files = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(unshared) for p in unshared.rglob("*") if p.is_file())
    different = [
        str(f) for f in files if (built_site / f).read_bytes() != (unshared / f).read_bytes()
    ]
    assert different == []


def test_a_part_is_rendered_once_for_its_group() -> None:
    parts = theme_parts.SharedParts()
    calls: list[str] = []

    def render(text: str):
        return lambda: calls.append(text) or text

    assert parts("nav", render("<nav>A</nav>")) == "<nav>A</nav>"
    assert parts("nav", render("<nav>B</nav>")) == "<nav>A</nav>"
    assert parts("footer", render("<footer>")) == "<footer>"
    assert calls == ["<nav>A</nav>", "<footer>"]
    assert theme_parts.unshared("nav", lambda: "<nav>B</nav>") == "<nav>B</nav>"


@pytest.mark.parametrize(
    ("first", "second", "shared"),
    [
        (("glossaire/sla/", False, "fr"), ("glossaire/mql/", False, "fr"), True),
        (("en/glossary/sla/", False, "en"), ("en/glossary/mql/", False, "en"), True),
        # another folder or depth: its relative links differ
        (("glossaire/sla/", False, "fr"), ("outils/sla/", False, "fr"), False),
        (("glossaire/sla/", False, "fr"), ("glossaire/sla/detail/", False, "fr"), False),
        (("glossaire/sla/", False, "fr"), ("glossaire/sla/", False, "en"), False),
        # a page of the navigation marks itself and its section active, and has neighbours
        (("articles/smarketing/", True, "fr"), ("articles/smarketing/", True, "fr"), False),
        (("articles/smarketing/", True, "fr"), ("articles/sla/", False, "fr"), False),
        # a page without directory URL is not grouped
        (("glossaire/sla.html", False, "fr"), ("glossaire/mql.html", False, "fr"), False),
    ],
)
def test_pages_share_parts_out_of_the_navigation_in_one_folder_and_language(
    first: tuple[str, bool, str], second: tuple[str, bool, str], shared: bool
) -> None:
    groups = theme_parts.Groups()
    calls: list[str] = []
    for url, in_nav, lang in (first, second):
        part = groups.for_page(url, in_nav, lang)
        part("nav", lambda url=url: calls.append(url) or url)
    assert len(calls) == (1 if shared else 2)
