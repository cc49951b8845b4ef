"""The official validators of what the site publishes, run from the copies in
``tests/data/standards/`` (see its README for provenance and licences).

- :func:`tbx_basic_failures`: LTAC-Global's TBX-Basic Schematron (DCA style), compiled to XSLT
  by SchXslt and run on Saxon (``saxonche``); every failed assertion or successful report.
- :func:`tbx_core_errors`: the TBX core structure RELAX NG schema, with lxml.
- :func:`schema_org_problems`: each property of a JSON-LD node checked against the published
  schema.org vocabulary (``schema:domainIncludes``, with the type's ancestors).
- :func:`skos_problems`: SKOS integrity of an rdflib graph.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import rdflib
from lxml import etree
from rdflib.namespace import RDF, RDFS, SKOS

STANDARDS = Path(__file__).parent / "data" / "standards"
SCHEMA = rdflib.Namespace("https://schema.org/")
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


# --- TBX ---------------------------------------------------------------------------------------


@functools.cache
def _saxon() -> tuple[Any, Any]:
    """A Saxon processor and the TBX-Basic Schematron compiled once to an XSLT executable."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    xslt = processor.new_xslt30_processor()
    compiler = xslt.compile_stylesheet(
        stylesheet_file=str(STANDARDS / "schxslt-xslt2" / "pipeline-for-svrl.xsl")
    )
    compiled = compiler.transform_to_string(source_file=str(STANDARDS / "TBX-Basic_DCA.sch"))
    return processor, xslt.compile_stylesheet(stylesheet_text=compiled)


def tbx_basic_failures(tbx: str) -> list[str]:
    """Every failed assertion of the TBX-Basic Schematron on ``tbx``: ``location: message``."""
    processor, validator = _saxon()
    document = processor.parse_xml(xml_text=tbx)
    report = etree.fromstring(validator.transform_to_string(xdm_node=document).encode("utf-8"))
    failures = report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=SVRL)
    messages = [node.xpath("string(svrl:text)", namespaces=SVRL) for node in failures]
    return [
        f"{node.get('location')}: {' '.join(message.split())}"
        for node, message in zip(failures, messages, strict=True)
    ]


@functools.cache
def _tbx_core() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(STANDARDS / "TBXcoreStructV03.rng")))


def tbx_core_errors(tbx: str) -> list[str]:
    """Errors of the TBX core structure RELAX NG schema on ``tbx``."""
    schema = _tbx_core()
    if schema.validate(etree.fromstring(tbx.encode("utf-8"))):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]


# --- schema.org --------------------------------------------------------------------------------


@functools.cache
def _schema_org() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(STANDARDS / "schemaorg-current-https.ttl", format="turtle")
    return graph


def schema_org_problems(node: Any, where: str = "$") -> list[str]:
    """Properties schema.org does not allow on the ``@type`` of each JSON-LD node, types it
    does not define, and properties it does not define at all."""
    return list(_node_problems(node, where))


def _node_problems(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _node_problems(item, f"{where}[{index}]")
        return
    if not isinstance(node, dict):
        return
    graph = _schema_org()
    kind = node.get("@type")
    if kind is not None:
        if (SCHEMA[kind], RDF.type, RDFS.Class) not in graph:
            yield f"{where}: schema.org has no type {kind!r}"
            return
        types = set(graph.transitive_objects(SCHEMA[kind], RDFS.subClassOf))
        for key in node:
            if key.startswith("@"):
                continue
            prop = SCHEMA[key]
            if (prop, RDF.type, RDF.Property) not in graph:
                yield f"{where}.{key}: schema.org has no property {key!r}"
                continue
            domains = set(graph.objects(prop, SCHEMA.domainIncludes))
            if not domains & types:
                allowed = ", ".join(sorted(str(d).removeprefix(str(SCHEMA)) for d in domains))
                yield f"{where}.{key}: not a property of {kind} (schema.org allows it on {allowed})"
    for key, value in node.items():
        if not key.startswith("@"):
            yield from _node_problems(value, f"{where}.{key}")


# --- SKOS --------------------------------------------------------------------------------------


def skos_problems(graph: rdflib.Graph) -> list[str]:
    """SKOS integrity: each scheme labelled with top concepts stated both ways, each concept
    in a scheme with one preferred label per language, no one-way ``skos:related``, no concept
    both related and broader/narrower, and labels disjoint (S13, S14, S27 of the SKOS reference)."""
    problems = []
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        if not list(graph.objects(scheme, SKOS.prefLabel)):
            problems.append(f"{scheme}: concept scheme without skos:prefLabel")
        tops = set(graph.objects(scheme, SKOS.hasTopConcept))
        if not tops:
            problems.append(f"{scheme}: concept scheme without skos:hasTopConcept")
        backwards = set(graph.subjects(SKOS.topConceptOf, scheme))
        for concept in tops ^ backwards:
            problems.append(f"{concept}: hasTopConcept and topConceptOf disagree on {scheme}")
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        if not list(graph.objects(concept, SKOS.inScheme)):
            problems.append(f"{concept}: not in a concept scheme")
        languages: dict[str | None, int] = {}
        for label in graph.objects(concept, SKOS.prefLabel):
            languages[label.language] = languages.get(label.language, 0) + 1
        problems += [
            f"{concept}: {count} skos:prefLabel in {lang!r}"
            for lang, count in languages.items()
            if count > 1
        ]
        pref = set(graph.objects(concept, SKOS.prefLabel))
        for label in pref & set(graph.objects(concept, SKOS.altLabel)):
            problems.append(f"{concept}: {label!r} is both prefLabel and altLabel")
        for other in graph.objects(concept, SKOS.related):
            if (other, SKOS.related, concept) not in graph:
                problems.append(f"{concept}: skos:related {other} is one way only")
            if (concept, SKOS.broaderTransitive, other) in graph or (
                concept,
                SKOS.broader,
                other,
            ) in graph:
                problems.append(f"{concept}: related to and broader than {other}")
    return problems
