"""The rendering engine's own behaviour (hooks/render.py), beside the golden pages."""

from __future__ import annotations

import json

import jinja2
import pytest

from hooks import render


def test_templates_read_a_dictionary_as_jinja_does() -> None:
    # The environment looks a key up before an attribute (faster); a key named like a
    # dictionary's method still gives the method, as in Jinja, and a missing key fails.
    env = render._environment()
    template = env.from_string("{{ d.word }} {{ d.items is callable }} {{ d.get('x') }}")
    assert template.render(d={"word": "mot", "items": "value", "x": 1}) == "mot True 1"
    assert env.from_string("{{ t.count('a') }}").render(t="banana") == "3"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ d.missing }}").render(d={})
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ t.missing }}").render(t="text")


@pytest.mark.parametrize("value", ["plain", 'quote " and \\ and \n and é', 3, None, ["a", 1]])
def test_tojson_filter_is_json_dumps(value: object) -> None:
    env = render._environment()
    expected = json.dumps(value, ensure_ascii=False)
    assert env.from_string("{{ v | tojson }}").render(v=value) == expected
