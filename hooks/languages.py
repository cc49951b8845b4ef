"""The site's languages, declared once: the i18n languages of mkdocs.yml.

Each language of static-i18n's ``languages:`` list is a language of the glossary. Its
``locale`` is the code entries use as a key (``fr:``), ``default: true`` marks the one every
entry must have, and its ``extra`` carries what the glossary needs besides::

    - locale: fr
      name: Français
      default: true
      extra:
        glossary_folder: glossaire                    # /glossaire/<id>/
        glossary_strings: hooks/templates/strings/fr.yml   # the words of generated pages
        glossary_typography: french                   # the checker's rules (hooks/typography.py)

Every module asks this one (``languages.codes()``, ``languages.default()``…) instead of naming
a language. MkDocs builds call :func:`use_mkdocs_config`; the command line and the tests read
the ``mkdocs.yml`` of the project they work on (:func:`use_project`), else the shipped one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from hooks.problems import Problem, msg

# libyaml's parser when this PyYAML has it: the same data, read several times faster
_SAFE_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

ENGINE = Path(__file__).parent
PROJECT = ENGINE.parent  # the shipped site: its mkdocs.yml is the default declaration
STRINGS = ENGINE / "templates" / "strings"  # <code>.yml when a language names no file


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in itself, as the language menu shows it: "Français"
    folder: str  # the glossary's folder in this language's URLs: /glossaire/<id>/
    strings: Path  # the words of generated pages (templates/strings/<code>.yml)
    default: bool = False
    typography: str | None = None  # rules the checker applies to its text: "french"


@dataclass(frozen=True)
class Languages:
    """The declared languages, the default one first."""

    all: tuple[Language, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    @property
    def default(self) -> str:
        return self.all[0].code

    def get(self, code: str) -> Language:
        for language in self.all:
            if language.code == code:
                return language
        raise KeyError(code)

    def others(self, code: str) -> tuple[str, ...]:
        return tuple(other for other in self.codes if other != code)

    def companion(self, code: str) -> str:
        """The language a reader of ``code`` is shown beside it (a tooltip's "EN : …"): the
        default language, or for the default language the next one declared."""
        return self.codes[1] if code == self.default and len(self.all) > 1 else self.default


def from_declarations(declared: list[dict[str, Any]], base: Path) -> Languages:
    """Languages from static-i18n's ``languages`` list; paths are relative to ``base``."""
    found: list[Language] = []
    for item in declared:
        if not item.get("build", True) or item.get("locale") in (None, "null"):
            continue  # a link-only item of the language menu
        code = str(item["locale"])
        extra = item.get("extra") or {}
        strings = extra.get("glossary_strings")
        found.append(
            Language(
                code=code,
                name=str(item.get("name") or code),
                folder=str(extra.get("glossary_folder") or "glossary"),
                strings=(base / strings) if strings else STRINGS / f"{code}.yml",
                default=bool(item.get("default")),
                typography=extra.get("glossary_typography"),
            )
        )
    if not found:
        raise ValueError("mkdocs.yml declares no language under the i18n plugin")
    found.sort(key=lambda language: not language.default)  # stable: the default first
    return Languages(tuple(found))


def read_mkdocs_yml(path: Path) -> Languages:
    """The languages declared in the ``mkdocs.yml`` at ``path``."""
    return _read(path.resolve(), path.stat().st_mtime_ns)


@cache
def _read(path: Path, mtime: int) -> Languages:
    class Loader(_SAFE_LOADER):  # type: ignore[valid-type,misc]
        pass

    # MkDocs' own tags: their values do not matter here
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load(path.read_text("utf-8"), Loader) or {}
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and "i18n" in plugin:
            return from_declarations((plugin["i18n"] or {}).get("languages") or [], path.parent)
    raise ValueError(f"{path}: no i18n plugin with languages")


_current: list[Languages] = []


def current() -> Languages:
    """The languages of the project being built or checked (the shipped site by default)."""
    if not _current:
        _current.append(read_mkdocs_yml(PROJECT / "mkdocs.yml"))
    return _current[0]


def use(languages: Languages) -> None:
    _current[:] = [languages]
    _mtimes.clear()  # a new build (or command) sees the words files as they are now


def use_project(root: Path) -> None:
    """Follow ``root/mkdocs.yml`` when there is one; else keep the shipped declaration."""
    config = root / "mkdocs.yml"
    try:
        use(read_mkdocs_yml(config))
    except (OSError, ValueError):  # no such file, or a site without languages: the shipped ones
        use(read_mkdocs_yml(PROJECT / "mkdocs.yml"))


def use_mkdocs_config(config: Any) -> None:
    """The languages of a running MkDocs build (its i18n plugin's validated config)."""
    i18n = config.plugins.get("i18n")
    declared = [dict(language) for language in i18n.config.languages] if i18n else []
    use(from_declarations(declared, Path(config.config_file_path).parent))


# Shorthands: what most callers need.


def codes() -> tuple[str, ...]:
    return current().codes


def default() -> str:
    return current().default


def others(code: str) -> tuple[str, ...]:
    return current().others(code)


def companion(code: str) -> str:
    return current().companion(code)


def get(code: str) -> Language:
    return current().get(code)


# Per language by nature, not translations of the default language's: neither compared nor
# borrowed (a French correction of Material's words is no English word).
FREE_WORDS = frozenset({"in_language", "language_names", "theme", "search_rules"})


def words(code: str) -> dict[str, Any]:
    """The words of generated pages in ``code`` (its ``glossary_strings`` file). A word the
    file lacks is the default language's: ``word_problems`` reports it, and a preview keeps
    working meanwhile instead of failing on the first page that needs it."""
    paths = (get(code).strings, get(default()).strings)
    return _words(*paths, *(_mtime(path) for path in paths))


def _mtime(path: Path) -> int:
    """The file's time, read once per build: its pages ask for their words 9,000 times."""
    if path not in _mtimes:
        try:
            _mtimes[path] = path.stat().st_mtime_ns
        except OSError:
            _mtimes[path] = 0
    return _mtimes[path]


_mtimes: dict[Path, int] = {}


@cache
def _words(path: Path, default_path: Path, mtime: int, default_mtime: int) -> dict[str, Any]:
    """Once per version of both files: pages ask for their words thousands of times a build."""
    own = _file_words(path)
    if path == default_path:
        return own
    shared = {k: v for k, v in _file_words(default_path).items() if k not in FREE_WORDS}
    return _merged(shared, own)


def _file_words(path: Path) -> dict[str, Any]:
    try:
        return _read_words(path, path.stat().st_mtime_ns)
    except (OSError, yaml.YAMLError):
        return {}


@cache
def _read_words(path: Path, mtime: int) -> dict[str, Any]:
    """Read once per version of the file, so ``mkdocs serve`` picks up an edit."""
    data = yaml.load(path.read_text("utf-8"), Loader=_SAFE_LOADER)
    return data if isinstance(data, dict) else {}


def _merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in own.items():
        both = isinstance(value, dict) and isinstance(base.get(key), dict)
        merged[key] = _merged(base[key], value) if both else value
    return merged


def word_problems(root: Path) -> list[Problem]:
    """Words files that cannot be read, or lack words the default language's file has."""
    found: list[Problem] = []
    expected = _keys(_file_words(get(default()).strings))
    for language in current().all:
        shown = os.path.relpath(language.strings, root)
        try:
            data = _read_words(language.strings, language.strings.stat().st_mtime_ns)
        except (OSError, yaml.YAMLError) as error:
            found.append(Problem(shown, 1, 1, msg("words-unreadable", reason=_reason(error))))
            continue
        missing = sorted(expected - _keys(data if isinstance(data, dict) else {}))
        if missing:
            message = msg("words-missing", n=len(missing), keys=", ".join(missing))
            found.append(Problem(shown, 1, 1, message))
    return found


def _keys(data: dict[str, Any], prefix: str = "") -> set[str]:
    found = set()
    for key, value in data.items():
        if not prefix and key in FREE_WORDS:
            continue
        name = f"{prefix}{key}"
        found |= _keys(value, name + ".") if isinstance(value, dict) else {name}
    return found


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(getattr(error, "problem", None) or error).strip()
