"""The machine-readable exports (hooks/exports.py) and ``glossary export``.

Golden files hold the four files rendered from ``tests/data/valid``; after an intended change,
rewrite them with ``UPDATE_GOLDEN=1`` and read the diff before committing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from lxml import etree
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from hooks import exports, structured_data
from hooks.cli import main
from hooks.model import Alias, Entry, Glossary, Text
from hooks.validate import check_glossary
from tests import standards
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden" / "exports"
SITE_URL = "https://example.org/smarketing/"
TBX = {"t": exports.TBX_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def valid_glossary() -> Glossary:
    glossary, problems = check_glossary(DATA / "valid")
    assert problems == []
    return glossary


GLOSSARY = valid_glossary()
FILES = {fmt: render(GLOSSARY, SITE_URL) for fmt, render in exports.RENDERERS.items()}


def text(term: str, summary: str = "Une phrase.", **fields: object) -> Text:
    return Text(term=term, summary=summary, definition="…", **fields)  # type: ignore[arg-type]


def entry(entry_id: str, fr: Text, en: Text, related: tuple[str, ...] = ()) -> Entry:
    return Entry(entry_id, f"glossary/{entry_id}.yml", {"fr": fr, "en": en}, related=related)


# An id starting with a digit, a loanword alias, characters Turtle and XML must escape.
TRICKY = Glossary(
    (
        entry(
            "360-feedback",
            text(
                "Feedback à 360\u00a0degrés",
                abbreviation="360",
                aliases=(
                    Alias("évaluation à 360"),
                    Alias("360-degree feedback", "en"),
                    Alias("feedback 360", "en"),
                    Alias("Rundum-Beurteilung", "de"),
                ),
            ),
            text('The "360" feedback', 'A back\\slash,\na line break and <tags> & "quotes".'),
            related=("abm",),
        ),
        entry("abm", text("Marketing des comptes stratégiques"), text("Account-based marketing")),
    )
)


# --- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(exports.RENDERERS))
def test_export_matches_golden_file(fmt: str) -> None:
    golden = GOLDEN / exports.file_name(fmt)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(FILES[fmt].encode("utf-8"))
    assert FILES[fmt].encode("utf-8") == golden.read_bytes()


def test_golden_exports_have_no_orphans() -> None:
    on_disk = {path.name for path in GOLDEN.iterdir()}
    assert on_disk == {exports.file_name(fmt) for fmt in exports.RENDERERS}


def test_exports_are_deterministic_and_sorted_by_id() -> None:
    shuffled = Glossary(tuple(reversed(GLOSSARY.entries)))
    for fmt, render in exports.RENDERERS.items():
        assert render(shuffled, SITE_URL) == FILES[fmt], fmt


# --- JSON --------------------------------------------------------------------------------------


def test_json_structure_and_one_entry_in_full() -> None:
    data = json.loads(FILES["json"])
    assert {key: data[key] for key in ("version", "generated_from", "languages")} == {
        "version": 1,
        "generated_from": "glossary/*.yml",
        "languages": ["fr", "en"],
    }
    assert [item["id"] for item in data["entries"]] == ["alpha", "beta"]
    beta = data["entries"][1]
    fr_definition = beta["fr"].pop("definition")
    en_definition = beta["en"].pop("definition")
    assert fr_definition.startswith("Ce texte sert de définition d’essai")
    assert en_definition.endswith("each case breaks in its own way.")
    empty = {"formula": None, "example": None}
    # names with their status and homonym qualifier: the test entries share "moteur" / "drive"
    moteur = {"text": "moteur", "lang": "fr", "status": "admitted", "note": None}
    drive = {"text": "drive", "lang": "en", "status": "admitted", "note": "rare"}
    assert beta == {
        "id": "beta",
        "category": "teams",
        "related": ["alpha"],
        "calculator": None,
        "url": {
            "fr": "https://example.org/smarketing/glossaire/beta/",
            "en": "https://example.org/smarketing/en/glossary/beta/",
        },
        "fr": {
            "term": "Œuvre collective",
            "abbreviation": None,
            "aliases": [{**moteur, "homonym": "collectif"}],
            "names": [
                {"text": "Œuvre collective", "kind": "term", "lang": "fr", "status": "preferred"}
                | {"note": None, "homonym": None},
                {**moteur, "kind": "alias", "homonym": "collectif"},
            ],
            **empty,
            "summary": "Une seconde notion d’essai, rangée sous la lettre O.",
            "pitfalls": [],
            "sources": [],
        },
        "en": {
            "term": "Collective work",
            "abbreviation": None,
            "aliases": [{**drive, "homonym": "teamwork"}],
            "names": [
                {"text": "Collective work", "kind": "term", "lang": "en", "status": "preferred"}
                | {"note": None, "homonym": None},
                {**drive, "kind": "alias", "homonym": "teamwork"},
            ],
            **empty,
            "summary": "A second test notion, filed under the letter C.",
            "pitfalls": [],
            "sources": [],
        },
    }


def test_json_keeps_markdown_aliases_formula_and_sources_as_written() -> None:
    alpha = json.loads(FILES["json"])["entries"][0]
    admitted = {"status": "admitted", "note": None, "homonym": None}
    assert alpha["fr"]["aliases"] == [
        {"text": "dynamique commerciale", "lang": "fr", **admitted},
        {"text": "sales momentum", "lang": "en", **admitted},
        {"text": "moteur", "lang": "fr", **admitted, "homonym": "ventes"},
        {"text": "élan des ventes", "lang": "fr", **admitted}
        | {"status": "deprecated", "note": "calque de l’anglais"},
    ]
    assert "[œuvre collective](beta.md)" in alpha["fr"]["definition"]
    assert "[pipeline]{lang=en}" in alpha["fr"]["definition"]
    assert alpha["en"]["formula"] == {
        "expression": "SM = (V − P) / P × 100",
        "variables": [
            {"symbol": "V", "meaning": "sales in the period"},
            {"symbol": "P", "meaning": "sales in the previous period"},
        ],
    }
    assert alpha["en"]["sources"] == [
        {"title": "A test book", "author": None, "publisher": None, "year": 2020, "url": None}
    ]
    assert "\\u00" not in FILES["json"], "UTF-8, not ASCII escapes"


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_reads_back_one_row_per_entry() -> None:
    raw = FILES["csv"].encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel reads UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(GLOSSARY)
    assert list(rows[0]) == list(exports.csv_columns())
    alpha = rows[0]
    assert alpha["id"] == "alpha"
    assert alpha["fr_term"] == "Élan commercial"
    # the names a writer may use, and apart those to avoid; a loanword under the language
    # whose part declares it
    assert alpha["fr_aliases"] == "dynamique commerciale | sales momentum | moteur"
    assert alpha["fr_deprecated"] == "élan des ventes"
    assert (alpha["en_aliases"], alpha["en_deprecated"]) == ("drive", "sales velocity")
    assert alpha["fr_names"] == (
        "Élan commercial (preferred) | EC (admitted) | dynamique commerciale (admitted) | "
        "sales momentum (admitted) | moteur (admitted; homonym: ventes) | "
        "élan des ventes (deprecated; calque de l’anglais)"
    )
    assert alpha["fr_summary"] == (
        "Une notion d’essai qui mesure la vitesse d’une équipe, à 12,5\u00a0% près."
    )
    assert alpha["en_url"] == "https://example.org/smarketing/en/glossary/alpha/"
    assert alpha["related"] == "beta"
    assert rows[1]["fr_abbreviation"] == "" and rows[1]["fr_aliases"] == "moteur"
    assert rows[1]["fr_deprecated"] == ""


# --- TBX ---------------------------------------------------------------------------------------


def parse_tbx(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def test_tbx_has_one_concept_entry_per_entry_with_both_languages() -> None:
    root = parse_tbx(FILES["tbx"])
    assert root.tag == f"{{{exports.TBX_NAMESPACE}}}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "fr")
    assert root.xpath("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p/text()", namespaces=TBX)
    concepts = root.xpath("t:text/t:body/t:conceptEntry", namespaces=TBX)
    assert [concept.get("id") for concept in concepts] == ["alpha", "beta"]
    for concept in concepts:
        langs = [sec.get(XML_LANG) for sec in concept.xpath("t:langSec", namespaces=TBX)]
        assert langs == ["fr", "en"]
    (alpha_fr,) = root.xpath(
        '//t:conceptEntry[@id="alpha"]/t:langSec[@xml:lang="fr"]', namespaces=TBX
    )
    assert alpha_fr.xpath("t:termSec/t:term/text()", namespaces=TBX) == [
        "Élan commercial",
        "EC",
        "dynamique commerciale",
        "sales momentum",  # a loanword French writers use: a French name
        "moteur",
        "élan des ventes",
    ]
    statuses = alpha_fr.xpath(
        't:termSec/t:termNote[@type="administrativeStatus"]/text()', namespaces=TBX
    )
    assert statuses == [
        "preferredTerm-admn-sts",
        *["admittedTerm-admn-sts"] * 4,
        "deprecatedTerm-admn-sts",
    ]
    assert alpha_fr.xpath("t:termSec[last()]/t:note/text()", namespaces=TBX) == [
        "calque de l’anglais"
    ]
    assert alpha_fr.xpath('t:descrip[@type="definition"]/text()', namespaces=TBX) == [
        "Une notion d’essai qui mesure la vitesse d’une équipe, à 12,5\u00a0% près."
    ]
    assert alpha_fr.xpath(
        't:termSec/t:xref[@type="externalCrossReference"]/@target', namespaces=TBX
    ) == ["https://example.org/smarketing/glossaire/alpha/"]


# The real glossary too: its exports are what the site publishes.
PUBLISHED, _ = check_glossary(ROOT / "glossary")
TBX_FILES = {
    "golden": FILES["tbx"],
    "tricky": exports.render_tbx(TRICKY, SITE_URL),
    "published": exports.render_tbx(PUBLISHED, SITE_URL),
}


@pytest.mark.parametrize("name", sorted(TBX_FILES))
def test_tbx_passes_the_tbx_basic_schematron_and_the_core_schema(name: str) -> None:
    assert standards.tbx_basic_failures(TBX_FILES[name]) == []
    assert standards.tbx_core_errors(TBX_FILES[name]) == []


def test_the_tbx_validators_do_fail_on_what_tbx_basic_forbids() -> None:
    bad = FILES["tbx"].replace('type="crossReference"', 'type="relatedConcept"', 1)
    assert bad != FILES["tbx"]
    (failure,) = standards.tbx_basic_failures(bad)
    assert failure.endswith("Permitted type value(s): crossReference")
    broken = FILES["tbx"].replace("<termSec>", "<termSec><note/>", 1)
    assert standards.tbx_core_errors(broken)


def test_tbx_ids_loanwords_and_escaping() -> None:
    root = parse_tbx(exports.render_tbx(TRICKY, SITE_URL))
    concept = root.xpath("//t:conceptEntry", namespaces=TBX)[0]
    assert concept.get("id") == "_360-feedback", "an XML ID cannot start with a digit"
    assert root.xpath('//t:conceptEntry[@id="_360-feedback"]/t:ref/@target', namespaces=TBX) == [
        "abm"
    ]
    names = {
        sec.get(XML_LANG): sec.xpath("t:termSec/t:term/text()", namespaces=TBX)
        for sec in concept.xpath("t:langSec", namespaces=TBX)
    }
    # Loanwords listed in the language of the part that declares them, in its order.
    assert names == {
        "fr": [
            "Feedback à 360\u00a0degrés",
            "360",
            "évaluation à 360",
            "360-degree feedback",
            "feedback 360",
            "Rundum-Beurteilung",
        ],
        "en": ['The "360" feedback'],
    }
    (definition,) = concept.xpath('t:langSec[@xml:lang="en"]/t:descrip/text()', namespaces=TBX)
    assert definition == 'A back\\slash,\na line break and <tags> & "quotes".'


# --- Turtle ------------------------------------------------------------------------------------


def parse_turtle(text: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=text, format="turtle")
    return graph


def test_turtle_parses_into_a_skos_concept_scheme() -> None:
    graph = parse_turtle(FILES["ttl"])
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == [rdflib.URIRef(SITE_URL + "glossaire/")]
    assert set(graph.objects(schemes[0], DCTERMS.title)) == {
        rdflib.Literal("Glossaire de l’alignement ventes–marketing", lang="fr"),
        rdflib.Literal("Sales and marketing alignment glossary", lang="en"),
    }
    alpha = rdflib.URIRef(SITE_URL + "glossaire/alpha/")
    beta = rdflib.URIRef(SITE_URL + "glossaire/beta/")
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == {alpha, beta}
    assert set(graph.objects(alpha, SKOS.prefLabel)) == {
        rdflib.Literal("Élan commercial", lang="fr"),
        rdflib.Literal("Sales momentum", lang="en"),
    }
    assert set(graph.objects(alpha, SKOS.altLabel)) == {
        rdflib.Literal("EC", lang="fr"),
        rdflib.Literal("dynamique commerciale", lang="fr"),
        rdflib.Literal("sales momentum", lang="fr"),
        rdflib.Literal("moteur", lang="fr"),
        rdflib.Literal("SM", lang="en"),
        rdflib.Literal("drive", lang="en"),
    }
    # deprecated names: found by a search, never displayed
    assert set(graph.objects(alpha, SKOS.hiddenLabel)) == {
        rdflib.Literal("élan des ventes", lang="fr"),
        rdflib.Literal("sales velocity", lang="en"),
    }
    assert (alpha, SKOS.related, beta) in graph and (beta, SKOS.related, alpha) in graph
    assert (alpha, SKOS.inScheme, schemes[0]) in graph
    assert (alpha, SKOS.notation, rdflib.Literal("alpha")) in graph
    assert (alpha, RDFS.seeAlso, rdflib.URIRef(SITE_URL + "en/glossary/alpha/")) in graph
    assert rdflib.Literal(
        "A test notion that measures how fast a team moves, to within 12.5%.", lang="en"
    ) in set(graph.objects(alpha, SKOS.definition))


def test_turtle_escapes_and_tags_loanwords() -> None:
    graph = parse_turtle(exports.render_turtle(TRICKY, SITE_URL))
    concept = rdflib.URIRef(SITE_URL + "glossaire/360-feedback/")
    assert rdflib.Literal('The "360" feedback', lang="en") in set(
        graph.objects(concept, SKOS.prefLabel)
    )
    assert rdflib.Literal('A back\\slash,\na line break and <tags> & "quotes".', lang="en") in set(
        graph.objects(concept, SKOS.definition)
    )
    assert {
        rdflib.Literal("360-degree feedback", lang="fr"),
        rdflib.Literal("Rundum-Beurteilung", lang="fr"),
    } <= set(graph.objects(concept, SKOS.altLabel))
    assert {label.language for label in graph.objects(concept, SKOS.altLabel)} == {"fr"}


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("a\\b", '"a\\\\b"'),
        ("two\nlines\r\tand tab", '"two\\nlines\\r\\tand tab"'),
        ("bell\x07 del\x7f", '"bell\\u0007 del\\u007F"'),
        ("accents é « » and U+00A0\u00a0", '"accents é « » and U+00A0\u00a0"'),
    ],
)
def test_turtle_string(value: str, literal: str) -> None:
    assert exports.turtle_string(value) == literal
    graph = parse_turtle(f"<urn:s> <urn:p> {literal} .")
    assert graph.value(rdflib.URIRef("urn:s"), rdflib.URIRef("urn:p")) == rdflib.Literal(value)


def test_turtle_iri_percent_encodes_what_turtle_forbids() -> None:
    assert (
        exports.turtle_iri("https://example.org/a b/<x>") == "<https://example.org/a%20b/%3Cx%3E>"
    )
    assert exports.turtle_iri("https://example.org/glossaire/sla/") == (
        "<https://example.org/glossaire/sla/>"
    )


# The exports write JSON and XML with their own small writers (faster than the standard
# library's at 1,000 entries): the bytes must be those json.dumps and ElementTree give.
@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[], {}], "d": None, "e": 2006, "f": True, "g": False},
        {"controls": "\x00\x01\x1f\x7f\b\f\n\r\t", "quotes": '"\\', "unicode": "é « » \u2028 😀"},
        [{"text": "a", "note": None}, ["x", 1, None, [{"deep": ["y"]}]]],
        {"year": -1, "big": 10**30, "ratio": 0.1},
    ],
)
def test_json_writer_gives_the_bytes_of_json_dumps(value: object) -> None:
    assert exports._json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_xml_writer_gives_the_bytes_of_elementtree() -> None:
    tricky = "a & b < c > d \"e\" 'f' \n\r\t g"
    root = ET.Element("root", {"xml:lang": "fr", "note": tricky})
    ET.SubElement(root, "empty")
    ET.SubElement(root, "blank").text = ""
    parent = ET.SubElement(root, "parent", {"id": "p"})
    ET.SubElement(parent, "leaf", {"type": tricky}).text = tricky
    ET.SubElement(ET.SubElement(parent, "childless", {"k": "v"}), "only").text = "x"
    ET.SubElement(parent, "empty-with-attributes", {"k": "v"})
    ET.indent(root, space="  ")

    xml = exports._XmlWriter()
    with xml.element("root", {"xml:lang": "fr", "note": tricky}):
        with xml.element("empty"):
            pass
        xml.leaf("blank", "")
        with xml.element("parent", {"id": "p"}):
            xml.leaf("leaf", tricky, {"type": tricky})
            with xml.element("childless", {"k": "v"}):
                xml.leaf("only", "x")
            xml.leaf("empty-with-attributes", "", {"k": "v"})
    assert xml.text() == ET.tostring(root, encoding="unicode")


# --- glossary export ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(exports.RENDERERS))
def test_cli_prints_one_format(fmt: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code = main(["export", "--format", fmt, "--site-url", SITE_URL, str(DATA / "valid")])
    out, err = capsysbinary.readouterr()
    assert (code, err) == (0, b"")
    assert out == (GOLDEN / exports.file_name(fmt)).read_bytes()


def test_cli_prints_json_by_default(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--site-url", SITE_URL, str(DATA / "valid")]) == 0
    assert capsysbinary.readouterr().out == (GOLDEN / "glossary.json").read_bytes()


def test_cli_writes_every_format_into_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out" / "exports"
    code = main(["export", "--output", str(out_dir), "--site-url", SITE_URL, str(DATA / "valid")])
    assert code == 0
    for fmt in exports.RENDERERS:
        name = exports.file_name(fmt)
        assert (out_dir / name).read_bytes() == (GOLDEN / name).read_bytes()
    assert capsys.readouterr().out.count("Wrote ") == 4


def test_cli_writes_one_format_into_output(tmp_path: Path) -> None:
    args = ["export", "--format", "ttl", "--output", str(tmp_path), "--site-url", SITE_URL]
    assert main([*args, str(DATA / "valid")]) == 0
    assert [path.name for path in tmp_path.iterdir()] == ["glossary.ttl"]


def test_cli_refuses_all_formats_on_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--format", "all", "--site-url", SITE_URL, str(DATA / "valid")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "--output" in err


def test_cli_reports_problems_and_exports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "glossary"
    shutil.copytree(DATA / "valid", glossary)
    bad = (glossary / "beta.yml").read_text("utf-8").replace("related: [alpha]", "related: [gamma]")
    (glossary / "beta.yml").write_text(bad, "utf-8")
    out_dir = tmp_path / "exports"
    code = main(["export", "--output", str(out_dir), "--site-url", SITE_URL, str(glossary)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert f"{glossary}/beta.yml:3:11: related: no entry 'gamma'" in err
    assert err.rstrip().endswith("1 problem in 1 file")
    assert not out_dir.exists()


def test_cli_takes_the_site_url_from_mkdocs_yml(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    shutil.copytree(DATA / "valid", tmp_path / "glossary")
    (tmp_path / "mkdocs.yml").write_text(
        'site_name: Test\nsite_url: !ENV [SITE_URL, "https://default.example/"]\n'
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITE_URL", raising=False)
    assert main(["export", "--format", "csv"]) == 0
    assert b"https://default.example/glossaire/alpha/" in capsysbinary.readouterr().out
    monkeypatch.setenv("SITE_URL", "https://from-env.example/")
    assert main(["export", "--format", "csv"]) == 0
    assert b"https://from-env.example/glossaire/alpha/" in capsysbinary.readouterr().out


def test_cli_needs_a_site_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(DATA / "valid", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    assert main(["export"]) == 2
    assert "--site-url" in capsys.readouterr().err


# --- SKOS integrity and related both ways ------------------------------------------------------


@pytest.mark.parametrize(
    "glossary", [GLOSSARY, TRICKY, PUBLISHED], ids=["golden", "tricky", "published"]
)
def test_turtle_passes_skos_integrity(glossary: Glossary) -> None:
    graph = parse_turtle(exports.render_turtle(glossary, SITE_URL))
    assert standards.skos_problems(graph) == []
    (scheme,) = graph.subjects(RDF.type, SKOS.ConceptScheme)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == concepts
    assert {label.language for label in graph.objects(scheme, SKOS.prefLabel)} == {"fr", "en"}


def test_skos_checker_finds_a_one_way_relation_and_a_bare_scheme() -> None:
    graph = parse_turtle(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:s> a skos:ConceptScheme .\n"
        "<urn:a> a skos:Concept ; skos:inScheme <urn:s> ; skos:related <urn:b> .\n"
        "<urn:b> a skos:Concept ; skos:inScheme <urn:s> .\n"
    )
    assert standards.skos_problems(graph) == [
        "urn:s: concept scheme without skos:prefLabel",
        "urn:s: concept scheme without skos:hasTopConcept",
        "urn:a: skos:related urn:b is one way only",
    ]


def test_related_is_symmetric_by_construction() -> None:
    fr, en = text("Un"), text("One")
    glossary = Glossary(
        (entry("a", fr, en, related=("c", "b")), entry("b", fr, en), entry("c", fr, en))
    )
    assert [item.related for item in glossary] == [("c", "b"), ("a",), ("a",)]
    for item in PUBLISHED:
        for other in item.related:
            assert item.id in PUBLISHED.get(other).related, (item.id, other)


# --- names: one language rule, the same names in every format ---------------------------------

STATUS = {"preferredTerm-admn-sts": "preferred", "admittedTerm-admn-sts": "admitted"} | {
    "deprecatedTerm-admn-sts": "deprecated"
}


def tbx_names(tbx: str) -> dict[tuple[str, str], list[tuple[str, str, list[str]]]]:
    """(entry id, language) → the TBX terms of that langSec: (term, status, notes)."""
    found = {}
    for concept in parse_tbx(tbx).xpath("//t:conceptEntry", namespaces=TBX):
        entry_id = concept.get("id").removeprefix("_")
        for section in concept.xpath("t:langSec", namespaces=TBX):
            found[entry_id, section.get(XML_LANG)] = [
                (
                    term_sec.xpath("t:term/text()", namespaces=TBX)[0],
                    STATUS[
                        term_sec.xpath(
                            't:termNote[@type="administrativeStatus"]/text()', namespaces=TBX
                        )[0]
                    ],
                    term_sec.xpath("t:note/text()", namespaces=TBX),
                )
                for term_sec in section.xpath("t:termSec", namespaces=TBX)
            ]
    return found


EXPORTED = {"golden": GLOSSARY, "tricky": TRICKY, "published": PUBLISHED}


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_csv_skos_json_and_json_ld_give_each_language_the_names_of_the_tbx(name: str) -> None:
    """One rule everywhere: the CSV name columns, the SKOS labels, the JSON ``names`` and each
    page's JSON-LD hold, language by language, the terms of the TBX ``langSec``."""
    glossary = EXPORTED[name]
    tbx = tbx_names(exports.render_tbx(glossary, SITE_URL))
    raw = exports.render_csv(glossary, SITE_URL).removeprefix("\ufeff")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw, newline=""))}
    graph = parse_turtle(exports.render_turtle(glossary, SITE_URL))
    json_entries = {
        item["id"]: item for item in json.loads(exports.render_json(glossary, SITE_URL))["entries"]
    }
    for entry in glossary:
        concept = rdflib.URIRef(f"{SITE_URL}glossaire/{entry.id}/")
        langs = [lang for lang in ("fr", "en") if (entry.id, lang) in tbx]
        assert langs == list(entry.languages), entry.id  # no langSec for a loanword's language
        for lang in langs:
            terms = tbx[entry.id, lang]
            where = f"{name}: {entry.id} ({lang})"
            row = rows[entry.id]
            split = [part for part in row[f"{lang}_aliases"].split(" | ") if part]
            avoid = [part for part in row[f"{lang}_deprecated"].split(" | ") if part]
            columns = [row[f"{lang}_term"], *filter(None, [row[f"{lang}_abbreviation"]])]
            assert sorted(columns + split + avoid) == sorted(text for text, _, _ in terms), where
            assert avoid == [text for text, status, _ in terms if status == "deprecated"], where
            listed = row[f"{lang}_names"].split(" | ")
            assert len(listed) == len(terms), where
            for shown, (text, status, _) in zip(listed, terms, strict=True):
                assert shown.startswith(f"{text} ({status}"), (where, shown)
            labels = {
                kind: {
                    str(label)
                    for label in graph.objects(concept, predicate)
                    if label.language == lang
                }
                for kind, predicate in (
                    ("pref", SKOS.prefLabel),
                    ("alt", SKOS.altLabel),
                    ("hidden", SKOS.hiddenLabel),
                )
            }
            assert labels["pref"] | labels["alt"] == {
                text for text, status, _ in terms if status != "deprecated"
            }, where
            assert labels["hidden"] == {text for text, status, _ in terms if status == "deprecated"}
            assert [
                (item["text"], item["status"]) for item in json_entries[entry.id][lang]["names"]
            ] == [(text, status) for text, status, _ in terms], where
            page = structured_data.term_jsonld(entry, lang, SITE_URL)
            assert [page["name"], *page.get("alternateName", [])] == [
                text for text, status, _ in terms if status != "deprecated"
            ], where


def test_a_deprecated_french_loanword_is_a_french_name_to_avoid_not_an_english_term() -> None:
    """« phoning » (cold-calling.yml: a French false anglicism, ``lang: en``, deprecated) is in
    the French part of the entry: French in every export, never offered as English."""
    (entry,) = [item for item in PUBLISHED if item.id == "cold-calling"]
    tbx = tbx_names(TBX_FILES["published"])
    assert ("phoning", "deprecated", ["faux anglicisme, inconnu en anglais"]) in tbx[
        "cold-calling", "fr"
    ]
    everything_english = [
        text.casefold() for (_, lang), terms in tbx.items() if lang == "en" for text, _, _ in terms
    ]
    assert "phoning" not in everything_english
    graph = parse_turtle(exports.render_turtle(PUBLISHED, SITE_URL))
    concept = rdflib.URIRef(SITE_URL + "glossaire/cold-calling/")
    assert rdflib.Literal("phoning", lang="fr") in set(graph.objects(concept, SKOS.hiddenLabel))
    assert not [
        o
        for o in graph.objects()
        if isinstance(o, rdflib.Literal) and str(o) == "phoning" and o.language != "fr"
    ]
    row = next(
        row
        for row in csv.DictReader(io.StringIO(exports.render_csv(PUBLISHED, SITE_URL)[1:]))
        if row["id"] == "cold-calling"
    )
    assert row["fr_deprecated"] == "phoning" and "phoning" not in row["fr_aliases"]
    assert "phoning" not in row["en_aliases"] + row["en_names"]
    assert "phoning" not in structured_data.term_jsonld(entry, "en", SITE_URL)["alternateName"]
    # an admitted loanword is a French name French writers may use, in the French part
    assert ("account-based marketing", "admitted", []) in tbx["abm", "fr"]


def test_homonyms_keep_their_qualifier_in_tbx_and_skos() -> None:
    """A shared name is told apart by its qualifier in the words of its language: a TBX
    ``note`` of its termSec (TBX-Basic permits it) and a ``skos:scopeNote``; both files still
    pass their validators (above)."""
    graph = parse_turtle(FILES["ttl"])
    notes = {
        str(note): note.language
        for note in graph.objects(rdflib.URIRef(SITE_URL + "glossaire/alpha/"), SKOS.scopeNote)
    }
    assert notes == {"homonyme\u00a0: moteur (ventes)": "fr", "homonym: drive (sales)": "en"}
    tbx = tbx_names(FILES["tbx"])
    assert ("drive", "admitted", ["rare", "homonym: drive (teamwork)"]) in tbx["beta", "en"]
    # the published ICPs: « ICP (indicateur) » for KPI, « ICP (profil client) » for the ICP
    published = tbx_names(TBX_FILES["published"])
    icp = {
        entry_id: [notes for text, _, notes in published[entry_id, "fr"] if text == "ICP"]
        for entry_id in ("kpi", "ideal-customer-profile")
    }
    assert icp == {
        "kpi": [["usage surtout québécois", "homonyme\u00a0: ICP (indicateur)"]],
        "ideal-customer-profile": [["homonyme\u00a0: ICP (profil client)"]],
    }
    graph = parse_turtle(exports.render_turtle(PUBLISHED, SITE_URL))
    for entry in PUBLISHED:
        concept = rdflib.URIRef(f"{SITE_URL}glossaire/{entry.id}/")
        expected = {
            (
                exports.strings(lang)["homonym_note"].format(
                    name=name.text, qualifier=name.homonym
                ),
                lang,
            )
            for lang in entry.languages
            for name in entry.text(lang).labels
            if name.homonym
        }
        found = {(str(note), note.language) for note in graph.objects(concept, SKOS.scopeNote)}
        assert found == expected, entry.id
