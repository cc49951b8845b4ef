"""A compiled yes/no test of an entry against ``schema.json``, to skip the slow path when valid.

``jsonschema`` explains every error precisely but costs about half a millisecond per entry even
when there is none: 0.6 s of ``glossary check`` at 1,000 entries. This module compiles the
schema once into nested closures that only answer "certainly valid?". It understands the
keywords the entry schema uses; anything else, or any doubt, answers False, and the caller then
asks ``jsonschema`` for the exact errors. So it can only make the check faster, never laxer
(``tests/test_check_fuzz.py`` holds it to that on mangled entries).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Test = Callable[[Any], bool]

_NEVER: Test = lambda value: False  # noqa: E731 - a keyword we do not know: let jsonschema say
_IGNORED = {"$schema", "$id", "$defs", "title", "description", "x-messages", "$comment"}
# JSON Schema's types as the exact Python types YAML gives (a bool is not an integer here)
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def compile_schema(schema: dict[str, Any]) -> Test:
    """A function telling whether a value is certainly valid against ``schema``."""
    return _compile(schema, schema, {})


def _compile(schema: Any, root: dict[str, Any], refs: dict[str, Test]) -> Test:
    if schema is True:
        return lambda value: True
    if not isinstance(schema, dict):
        return _NEVER
    tests: list[Test] = []
    for keyword, argument in schema.items():
        if keyword in _IGNORED or keyword in ("properties", "additionalProperties"):
            continue
        test = _keyword(keyword, argument, schema, root, refs)
        if test is _NEVER:
            return _NEVER
        tests.append(test)
    if "properties" in schema or "additionalProperties" in schema:
        tests.append(_object(schema, root, refs))
    # every keyword must hold; a few tests are chained directly (no generator per value)
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda value: first(value) and second(value)
    if len(tests) == 3:
        first, second, third = tests
        return lambda value: first(value) and second(value) and third(value)
    return lambda value: all(test(value) for test in tests)


def _keyword(
    keyword: str, argument: Any, schema: dict[str, Any], root: dict[str, Any], refs: dict[str, Test]
) -> Test:
    if keyword == "type":
        kinds = argument if isinstance(argument, list) else [argument]
        if any(kind not in _TYPES for kind in kinds):
            return _NEVER
        allowed = frozenset(python for kind in kinds for python in _TYPES[kind])
        return lambda value: type(value) in allowed
    if keyword == "$ref":
        return _ref(argument, root, refs)
    if keyword == "enum":
        options = list(argument)
        return lambda value: type(value) is str and value in options
    if keyword == "pattern":
        search = re.compile(argument).search
        return lambda value: type(value) is not str or search(value) is not None
    if keyword == "minLength":
        return lambda value: type(value) is not str or len(value) >= argument
    if keyword == "maxLength":
        return lambda value: type(value) is not str or len(value) <= argument
    if keyword == "minItems":
        return lambda value: type(value) is not list or len(value) >= argument
    if keyword == "uniqueItems":
        if argument is not True:
            return _NEVER
        return lambda value: type(value) is not list or _all_different(value)
    if keyword in ("minimum", "maximum"):
        low = keyword == "minimum"
        return lambda value: (
            type(value) not in (int, float) or (value >= argument if low else value <= argument)
        )
    if keyword == "required":
        names = list(argument)
        return lambda value: type(value) is not dict or all(name in value for name in names)
    if keyword == "items":
        item = _compile(argument, root, refs)
        return lambda value: type(value) is not list or all(item(entry) for entry in value)
    return _NEVER


def _all_different(items: list[Any]) -> bool:
    """Texts and groups of texts, all different; anything else is left to jsonschema."""
    seen = set()
    for item in items:
        if type(item) is str:
            marker: Any = item
        elif type(item) is dict and all(type(part) is str for part in item.values()):
            marker = tuple(sorted(item.items()))
        else:
            return False
        if marker in seen:
            return False
        seen.add(marker)
    return True


def _object(schema: dict[str, Any], root: dict[str, Any], refs: dict[str, Test]) -> Test:
    properties = {
        name: _compile(sub, root, refs) for name, sub in schema.get("properties", {}).items()
    }
    extra = schema.get("additionalProperties", True)
    if extra is not False and extra is not True:
        return _NEVER

    def test(value: Any) -> bool:
        if type(value) is not dict:
            return True
        for name, item in value.items():
            check = properties.get(name)
            if check is None:
                if extra is False:
                    return False
            elif not check(item):
                return False
        return True

    return test


def _ref(pointer: str, root: dict[str, Any], refs: dict[str, Test]) -> Test:
    if not pointer.startswith("#/"):
        return _NEVER
    if pointer not in refs:
        target: Any = root
        for part in pointer[2:].split("/"):
            if not isinstance(target, dict) or part not in target:
                return _NEVER
            target = target[part]
        refs[pointer] = _NEVER  # a recursive reference compiles to "not sure"
        refs[pointer] = _compile(target, root, refs)
    return refs[pointer]  # _NEVER while a recursive reference is being compiled: "not sure"
