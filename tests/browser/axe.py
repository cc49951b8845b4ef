"""axe-core, as shipped by axe-playwright-python, run in the page under test."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path


@cache
def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def violations(page: object) -> list[dict]:
    """WCAG violations axe-core finds in the page as it is now."""
    page.add_script_tag(content=axe_script())  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined]
        """async () => {
          const results = await axe.run(document, { resultTypes: ["violations"] });
          return results.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((node) => node.target.join(" ")),
          }));
        }"""
    )


def report(found: list[dict]) -> str:
    return json.dumps(found, indent=2, ensure_ascii=False)
