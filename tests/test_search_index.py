"""The search index: words, stems and shards (the table search-engine.js is also held to), the
prose a page is found by, and the files written per language."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from hooks import search_index
from hooks.search_index import Document, build, keys, shard_of, stem, text_weights, words

VECTORS = json.loads((Path(__file__).parent / "data" / "search_vectors.json").read_text("utf-8"))


@pytest.mark.parametrize("case", VECTORS["keys"], ids=lambda case: case["text"])
def test_words_and_keys_follow_the_shared_table(case: dict) -> None:
    assert words(case["text"]) == case["words"]
    assert keys(case["text"]) == case["keys"]
    assert keys(case["text"], keep_if_empty=False) == case["keys_without_stop_words_only"]


def test_stems_and_shards_follow_the_shared_table() -> None:
    assert {word: stem(word) for word in VECTORS["stems"]} == VECTORS["stems"]
    for case in VECTORS["shards"]:
        assert shard_of(case["key"], case["shards"]) == case["shard"], case


def test_prose_only_with_headings_weighted() -> None:
    html = (
        '<h1 id="sla">Accord de niveau de service<a class="headerlink" href="#sla">¶</a></h1>'
        '<dl class="gl-facts"><dt>Abréviation</dt><dd>SLA</dd><dt>Aussi appelé</dt>'
        "<dd>contrat</dd></dl>"
        "<p>Un <em>engagement</em> écrit entre <a href='#'>marketing</a> et ventes.</p>"
        '<div data-calculator="sla"><form><label>Devise</label><select><option>Euro'
        "</option></select></form><p>Exemple chiffré</p></div>"
        '<nav class="gl-letters"><a>A</a></nav><pre><code>x = 1</code></pre>'
        "<h2>Pièges</h2><p>Trop de leads<br>non qualifiés.</p>"
    )
    weights = text_weights("Accord de niveau de service", html)
    assert weights["engagement"] == 1 and weights["ecrit"] == 1 and weights["marketing"] == 1
    assert weights["accord"] == 2 * search_index.HEADING_WEIGHT  # page title and h1
    assert weights["piege"] == search_index.HEADING_WEIGHT
    assert weights["lead"] == 1 and weights["qualifie"] == 1
    for left_out in ("abreviation", "sla", "aussi", "contrat", "devise", "euro", "exemple", "x"):
        assert left_out not in weights, left_out
    assert "de" not in weights and "un" not in weights  # article words


def _documents(count: int) -> list[Document]:
    return [
        Document(
            url=f"glossaire/terme-{number}/",
            title=f"Terme {number}",
            summary="Une phrase.",
            names=(f"Terme {number}",),
            other_names=(f"Term {number}",),
            weights=Counter({f"mot{number}": 1, f"autre{number % 97}": 2, "commun": 1}),
        )
        for number in range(count)
    ]


def test_every_key_is_in_its_shard_and_the_names_file_lists_every_page() -> None:
    documents = _documents(40)
    files = build(documents, "fr", "en")
    names = json.loads(files["names.json"])
    assert names["lang"] == "fr" and names["other_lang"] == "en"
    assert sorted(names["stop_words"]) == sorted(search_index.STOP_WORDS)
    assert [row[0] for row in names["docs"]] == [doc.url for doc in documents]
    assert names["docs"][3] == [
        "glossaire/terme-3/",
        "Terme 3",
        "",
        "Une phrase.",
        ["Terme 3"],
        ["Term 3"],
    ]
    shards = [json.loads(files[f"text-{n}.json"]) for n in range(names["shards"])]
    assert len(files) == names["shards"] + 1
    for number, shard in enumerate(shards):
        assert all(shard_of(key, names["shards"]) == number for key in shard)
    (holder,) = [shard for shard in shards if "commun" in shard]
    assert holder["commun"][::2] == list(range(40))  # document numbers, then weights


def test_shards_grow_in_number_not_in_size() -> None:
    small = build(_documents(30), "fr", "en")
    large = build(_documents(6000), "fr", "en")
    count = json.loads(large["names.json"])["shards"]
    assert json.loads(small["names.json"])["shards"] == 1 and count > 4
    assert count & (count - 1) == 0  # a power of two
    biggest = max(len(gzip.compress(data)) for name, data in large.items() if name != "names.json")
    assert biggest < 3 * search_index.SHARD_TARGET
