"""``glossary new <id>``: write a new entry from the scaffold, for a contributor to fill in.

The scaffold (``templates/new-entry.yml.j2``) holds every field of both languages with guiding
comments. Its unfilled values are placeholders that ``glossary check`` reports one by one, so an
entry cannot be published half-written.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from hooks.model import CATEGORIES
from hooks.problems import REFERENCE, Message, msg
from hooks.validate import EXTENSIONS, ID_PATTERN, suggested_id

TEMPLATE = Path(__file__).parent / "templates" / "new-entry.yml.j2"


class ScaffoldError(Exception):
    """Why the entry was not written, in words for a contributor (``.message``, any language)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text(REFERENCE))
        self.message = message


def render_scaffold(entry_id: str) -> str:
    """The text of a new entry ``entry_id``, every value a placeholder."""
    environment = jinja2.Environment(
        autoescape=False,  # the output is YAML
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    template = environment.from_string(TEMPLATE.read_text("utf-8"))
    categories = ", ".join(CATEGORIES[:-1]) + f" or {CATEGORIES[-1]}"
    return template.render(entry_id=entry_id, categories=categories)


def create_entry(entry_id: str, directory: Path, shown_dir: str | None = None) -> str:
    """Write ``<directory>/<entry_id>.yml``; return its path as shown to the contributor.

    Raises :class:`ScaffoldError` for an invalid id, a missing folder or an existing entry:
    nothing is overwritten.
    """
    shown_dir = (str(directory) if shown_dir is None else shown_dir).rstrip("/") or "."
    if not ID_PATTERN.match(entry_id):
        raise ScaffoldError(msg("new-bad-id", id=entry_id, suggested=suggested_id(entry_id)))
    if not directory.is_dir():
        raise ScaffoldError(msg("new-no-folder", folder=shown_dir))
    for extension in EXTENSIONS:
        existing = directory / f"{entry_id}{extension}"
        if existing.exists():
            raise ScaffoldError(msg("new-exists", path=f"{shown_dir}/{existing.name}"))
    path = directory / f"{entry_id}.yml"
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(render_scaffold(entry_id))
    except OSError as error:
        message = msg("new-cannot-write", path=f"{shown_dir}/{path.name}", reason=error.strerror)
        raise ScaffoldError(message) from None
    return f"{shown_dir}/{path.name}"
