"""The search index: words, stems and shards (the table search-engine.js is also held to), the
prose a page is found by, and the files written per language."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from hooks import languages, search_index
from hooks.model import Name
from hooks.search_index import (
    Document,
    Rules,
    build,
    keys,
    language_rules,
    rules_of,
    shard_of,
    stem,
    text_weights,
    words,
)

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "tests" / "data" / "search_vectors.json").read_text("utf-8"))


def vector_rules(lang: str) -> Rules:
    """A language's rules in the table: the search_rules of the file it names."""
    path = ROOT / VECTORS["languages"][lang]["rules"]
    return Rules.from_strings(yaml.safe_load(path.read_text("utf-8"))["search_rules"], str(path))


KEY_CASES = [(lang, case) for lang, table in VECTORS["languages"].items() for case in table["keys"]]


@pytest.mark.parametrize(
    ("lang", "case"), KEY_CASES, ids=[f"{lang}-{case['text']}" for lang, case in KEY_CASES]
)
def test_words_and_keys_follow_the_shared_table(lang: str, case: dict) -> None:
    rules = vector_rules(lang)
    assert words(case["text"]) == case["words"]
    assert keys(case["text"], rules) == case["keys"]
    assert keys(case["text"], rules, keep_if_empty=False) == case["keys_without_stop_words_only"]


@pytest.mark.parametrize("lang", list(VECTORS["languages"]))
def test_stems_follow_the_shared_table(lang: str) -> None:
    rules = vector_rules(lang)
    expected = VECTORS["languages"][lang]["stems"]
    assert {word: stem(word, rules) for word in expected} == expected


def test_shards_follow_the_shared_table() -> None:
    for case in VECTORS["shards"]:
        assert shard_of(case["key"], case["shards"]) == case["shard"], case


def test_the_table_covers_every_declared_language_and_a_third_one() -> None:
    assert set(languages.codes()) < set(VECTORS["languages"])
    for code in languages.codes():  # the table reads the files the site is built with
        assert vector_rules(code) == rules_of(code)


def test_the_shipped_languages_keep_the_stop_words_of_both_and_their_own_plurals() -> None:
    """One list of stop words in every index (today's, which mixed both languages), and each
    language's stemmer: French plurals in -aux are not English ones."""
    union = frozenset().union(*(rules_of(code).stop_words for code in languages.codes()))
    assert {"le", "les", "de", "the", "of", "a"} <= union
    for code in languages.codes():
        assert language_rules(code).stop_words == union
        assert language_rules(code).plurals == rules_of(code).plurals
    assert stem("commerciaux", rules_of("fr")) == "commercial"
    assert stem("commerciaux", rules_of("en")) == "commerciaux"
    assert stem("leads", rules_of("en")) == "lead" == stem("leads", rules_of("fr"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("stop_words: [le, la]", "one string of words"),
        ("plurals: [{to: al}]", "plural 1 has no suffix"),
        ("plurals: [{suffix: s, replace: x}]", "plural 1: unknown replace"),
        ("plurals: [{suffix: ''}]", "empty suffix"),
        ("stemmer: light", "a mapping of stop_words, shortest and plurals"),
    ],
)
def test_a_mistake_in_search_rules_is_named(data: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rules.from_strings(yaml.safe_load(data), "de.yml: search_rules")


def test_no_search_rules_means_no_stop_words_and_no_stemming() -> None:
    rules = Rules.from_strings(None)
    assert keys("Les accords de niveaux", rules) == ["les", "accords", "de", "niveaux"]


def test_rules_are_folded_when_read() -> None:
    rules = Rules.from_strings(
        yaml.safe_load("stop_words: Für DIE\nplurals: [{suffix: ÄS, to: É}]"), "test"
    )
    assert rules.stop_words == {"fur", "die"}
    assert stem("blas", rules) == "ble" and stem("blas", Rules()) == "blas"


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
    weights = text_weights("Accord de niveau de service", html, language_rules("fr"))
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
    assert names["stop_words"] == sorted(language_rules("fr").stop_words)  # both languages'
    assert names["stemming"] == {
        "fr": {
            "shortest": 4,
            "plurals": [
                ["eaux", "eau", 0, ""],
                ["aux", "al", 5, ""],
                ["s", "", 0, "ss"],
                ["ux", "u", 0, ""],
            ],
        },
        "en": {"shortest": 4, "plurals": [["s", "", 0, "ss"]]},
    }
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


def test_names_carry_their_homonym_qualifier_and_status_only_when_they_have_one() -> None:
    """The search tells "ICP (indicateur)" from "ICP (profil client)", says "GPA — à éviter"
    and marks a loanword's language: names.json gives such a name as [text, qualifier, 1 if to
    avoid, the loanword's language], any other as its text (no bytes for the plain names)."""
    labels = (
        Name("Indicateur clé de performance", status="preferred", kind="term"),
        Name("KPI", kind="abbreviation"),
        Name("ICP", homonym="indicateur", note="usage surtout québécois"),
        Name("GPA", status="deprecated", note="sigle fautif"),
        Name("phoning", lang="en", status="deprecated", homonym="appel"),
        Name("key performance indicator", lang="en"),
        Name("indicateur", lang="fr"),  # its part's language: nothing to say
    )
    document = Document(
        url="glossaire/kpi/",
        title="Indicateur clé de performance",
        names=labels,
        other_names=(Name("Key performance indicator", status="preferred", kind="term"),),
    )
    names = json.loads(build([document], "fr", "en")["names.json"])
    assert names["version"] == search_index.FORMAT_VERSION == 3
    assert names["docs"][0][4:] == [
        [
            "Indicateur clé de performance",
            "KPI",
            ["ICP", "indicateur", 0],
            ["GPA", "", 1],
            ["phoning", "appel", 1, "en"],
            ["key performance indicator", "", 0, "en"],
            "indicateur",
        ],
        ["Key performance indicator"],
    ]


def test_shards_grow_in_number_not_in_size() -> None:
    small = build(_documents(30), "fr", "en")
    large = build(_documents(6000), "fr", "en")
    count = json.loads(large["names.json"])["shards"]
    assert json.loads(small["names.json"])["shards"] == 1 and count > 4
    assert count & (count - 1) == 0  # a power of two
    biggest = max(len(gzip.compress(data)) for name, data in large.items() if name != "names.json")
    assert biggest < 3 * search_index.SHARD_TARGET


def test_a_third_language_is_indexed_with_its_own_rules_and_those_of_its_names() -> None:
    """German rules from a test file, with no code of its own: names.json carries the stemming
    of the index's languages, and a page not yet translated says its names are French."""
    german, french = vector_rules("de"), vector_rules("fr")
    stop_words = german.stop_words | french.stop_words
    rules = {"de": german.with_stop_words(stop_words), "fr": french.with_stop_words(stop_words)}
    prose = "<p>Die Rechnungen der Kundinnen</p>"
    documents = [
        Document(
            url="de/glossar/rechnung/",
            title="Rechnung",
            names=("Rechnung",),
            other_names=("Facture",),
            weights=text_weights("Rechnung", prose, rules["de"]),
        ),
        Document(
            url="de/glossar/sla/",
            title="Accord de niveau de service",
            names=("Accord de niveau de service", "SLA"),
            other_names=("Accord de niveau de service", "SLA"),
            names_lang="fr",
        ),
    ]
    files = build(documents, "de", "fr", rules)
    names = json.loads(files["names.json"])
    assert names["stop_words"] == sorted(stop_words) and "der" in stop_words
    assert names["stemming"] == {"de": german.stemming_json(), "fr": french.stemming_json()}
    assert ["innen", "in", 0, ""] in names["stemming"]["de"]["plurals"]
    assert len(names["docs"][0]) == 6  # names in German and French: nothing more to say
    assert names["docs"][1][6] == ["fr", "fr"]
    (shard,) = [json.loads(data) for name, data in files.items() if name != "names.json"]
    assert shard["rechnung"] == [0, 5 + 1] and shard["kundin"] == [0, 1] and "der" not in shard
    with pytest.raises(ValueError, match="no search rules for fr"):
        build(documents, "de", "fr", {"de": german})


# Text where folding or entities could join or split words differently at a run's edge.
WEIGHT_CASES = [
    "<p>ac<b>cord</b> &amp; d\u00e9<em>lai</em>s</p><h2>Les <code>x</code> accords</h2>",
    "<p>a&nbsp;b\u202fc \ufb01n \u0152uvre \u00bd e\u0301t\u00e9 l\u2019\u00e9quipe</p>",
    "<p>\u039f\u0394\u039f\u03a3 \u0130stanbul STRASSE stra\u00dfe x&amp</p><p>&#233;t&eacute;</p>",
    "<h1>Le <a href='#'>lead</a></h1><p>le de la les</p><p>de</p><h3>des</h3>",
]


@pytest.mark.parametrize("html", WEIGHT_CASES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_text_weights_count_the_keys_of_each_run(html: str, lang: str) -> None:
    """Whatever way text_weights takes, it counts the keys of the title and of each run of
    prose, a heading's five times (stop words dropped, even from a run that has nothing else)."""
    rules = language_rules(lang)
    expected: Counter[str] = Counter()
    for text, heading in [("Accords de l\u2019\u00e9t\u00e9", True), *search_index.prose(html)]:
        for key in keys(text, rules, keep_if_empty=False):
            expected[key] += search_index.HEADING_WEIGHT if heading else 1
    assert text_weights("Accords de l\u2019\u00e9t\u00e9", html, rules) == expected
    assert text_weights("Accords de l\u2019\u00e9t\u00e9", html, rules) == expected  # known


def test_rules_with_other_stop_words_key_words_anew() -> None:
    """Each token's keys are kept per rules: dropping a stop word's rules keeps none of it."""
    rules = Rules(stop_words=frozenset({"de"}))
    assert text_weights("", "<p>de mots</p>", rules) == Counter({"mots": 1})
    assert text_weights("", "<p>de mots</p>", rules.with_stop_words(frozenset())) == Counter(
        {"de": 1, "mots": 1}
    )


PROSE_CASES = [
    ("<p>Le <em>lead</em> scoring</p>", [("Le ", False), ("lead", False), (" scoring", False)]),
    (
        '<h2 id=\'a\'>Exemple<a class="headerlink" href="#a">¶</a></h2><p>Un &amp; deux</p>',
        [("Exemple", True), ("Un & deux", False)],
    ),
    ('<dl class="gl-facts"><dt>Abréviation</dt><dd>SLA</dd></dl><p>après</p>', [("après", False)]),
    ("<div class='x gl-index'><div><p>liste</p></div></div>fin", [("fin", False)]),
    ('<div data-calculator="sla"><form><p>champ</p></form></div><p>texte</p>', [("texte", False)]),
    (
        "a<br>b<br/>c<img src='x.png' alt='y'>d",
        [("a", False), ("b", False), ("c", False), ("d", False)],
    ),
    ("<!-- note <p>cachée</p> --><p>vue</p><span/>fin", [("vue", False), ("fin", False)]),
    (
        "<pre><code>x = 1</code></pre><h3>Titre <code>y</code> suite</h3>",
        [("Titre ", True), (" suite", True)],
    ),
]


@pytest.mark.parametrize(("html", "expected"), PROSE_CASES)
def test_prose_is_the_text_a_reader_reads(html: str, expected: list[tuple[str, bool]]) -> None:
    """Tags split runs, entities are decoded, headings are marked, and facts, lists, forms,
    code, the calculator and comments are left out, with everything inside them."""
    assert search_index.prose(html) == expected
