"""Parts of the theme's output rendered once and reused on the pages that share them.

Material renders its whole navigation, header, footer and configuration into every page. A
page out of the navigation (a term page: DESIGN.md, fact 1) gets the same navigation as any
other page out of it in its folder: no item is active, and every link is relative to the
folder. The ~2,000 term pages of a 1,000-entry glossary sit in two folders, so they share
those parts. The templates wrap each such part in ``{% call glossary_shared("name") %}``:
the first page of a group renders it, the next ones reuse that text. A page that shares
nothing (in the navigation, the 404 page) renders every part itself.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any


class SharedParts:
    """The parts already rendered for one group of pages, by name."""

    def __init__(self) -> None:
        self._parts: dict[str, Any] = {}

    def __call__(self, name: str, caller: Callable[[], Any]) -> Any:
        """``caller`` renders the part (the body of the template's ``{% call %}``)."""
        if name not in self._parts:
            self._parts[name] = caller()
        return self._parts[name]


def unshared(name: str, caller: Callable[[], Any]) -> Any:
    """The part rendered for this page alone."""
    return caller()


class Groups:
    """One :class:`SharedParts` per group of pages, for one build (one language)."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, ...], SharedParts] = {}

    def for_page(self, url: str, in_nav: bool, *key: str) -> Callable[[str, Callable], Any]:
        """The parts a page at ``url`` shares: those of the pages out of the navigation in
        its folder, for the same ``key`` (its language); nothing when it is in the navigation
        (its items are marked active, its neighbours are in the footer)."""
        if in_nav or not url.endswith("/"):
            return unshared
        folder = posixpath.dirname(url.rstrip("/"))
        return self._groups.setdefault((folder, *key), SharedParts())
