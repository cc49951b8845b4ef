"""Generated glossary entries as complete as the real ones, for benchmarks.

    from benchmarks.entries import generate_entries
    generate_entries(Path("glossary"), 1000)   # writes glossary/generated-0000.yml, …

Each entry fills every field the way ``glossary/sla.yml`` does: a category, related entries
(two real ones and its generated neighbours, so backlinks exist), both languages with a term,
an abbreviation, aliases, a one-sentence summary, a two-paragraph definition of about 150 words
with links to other entries, a worked example, pitfalls and sources; one entry in four has a
formula. The entries pass ``glossary check`` (French no-break spaces included) next to the real
ones, whatever their number.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

NB = "\u00a0"  # French typography: before ; : ? ! % and inside « »
PREFIX = "generated"

# Varied words so names, search entries and pages do not all look alike.
_FR_NOUNS = (
    "taux",
    "indice",
    "score",
    "ratio",
    "volume",
    "délai",
    "coût",
    "rendement",
    "niveau",
    "seuil",
)
_FR_TOPICS = (
    "d’engagement des comptes",
    "de couverture du pipeline",
    "de réactivité commerciale",
    "de qualification partagée",
    "de rétention des clients",
    "d’adoption du CRM",
    "de contribution marketing",
    "de maturité des leads",
    "de vélocité des affaires",
    "de satisfaction des équipes",
)
_EN_NOUNS = ("rate", "index", "score", "ratio", "volume", "lag", "cost", "yield", "level", "mark")
_EN_TOPICS = (
    "account engagement",
    "pipeline coverage",
    "sales responsiveness",
    "shared qualification",
    "customer retention",
    "CRM adoption",
    "marketing contribution",
    "lead maturity",
    "deal velocity",
    "team satisfaction",
)
# The YAML of an entry, with ${...} for what varies (string.Template).
_ENTRY = Template((Path(__file__).parent / "entry.yml.template").read_text("utf-8"))
_FORMULA_FR = Template("""  formula:
    expression: R = T ÷ L
    variables:
      - {symbol: R, meaning: part des leads traités à temps (indicateur $n)}
      - {symbol: T, meaning: leads rappelés dans le délai convenu}
      - {symbol: L, meaning: leads livrés sur la période}
""")
_FORMULA_EN = Template("""  formula:
    expression: R = T ÷ L
    variables:
      - {symbol: R, meaning: share of leads worked on time (metric $n)}
      - {symbol: T, meaning: leads called back within the agreed time}
      - {symbol: L, meaning: leads delivered over the period}
""")
_REAL_RELATED = ("sla", "mql", "sql", "pipeline", "close-rate", "lead-scoring")


def entry_id(number: int) -> str:
    return f"{PREFIX}-{number:04d}"


def generate_entries(
    folder: Path, count: int, categories: tuple[str, ...] | None = None
) -> list[Path]:
    """Write ``count`` complete entries into ``folder`` (a glossary folder); return their paths.

    ``categories`` defaults to the project's list (``hooks.model.CATEGORIES``).
    """
    if categories is None:
        from hooks.model import CATEGORIES as categories
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"{entry_id(number)}.yml"
        path.write_text(entry_yaml(number, count, categories), "utf-8")
        paths.append(path)
    return paths


def entry_yaml(number: int, count: int, categories: tuple[str, ...] = ("metrics",)) -> str:
    """The YAML of generated entry ``number`` among ``count``."""
    n = f"{number:04d}"
    noun_fr, topic_fr = _FR_NOUNS[number % 10], _FR_TOPICS[number // 10 % 10]
    noun_en, topic_en = _EN_NOUNS[number % 10], _EN_TOPICS[number // 10 % 10]
    term_fr = f"{noun_fr.capitalize()} {topic_fr} {n}"
    term_en = f"{topic_en[0].upper()}{topic_en[1:]} {noun_en} {n}"
    neighbours = sorted({entry_id((number + step) % count) for step in (1, 2)} - {entry_id(number)})
    real = [_REAL_RELATED[number % 6], _REAL_RELATED[(number + 3) % 6]]
    related = ", ".join(real + neighbours)
    link = neighbours[0] if neighbours else real[1]
    formula = number % 4 == 0
    values = {
        "n": n,
        "category": categories[number % len(categories)],
        "related": related,
        "link": link,
        "term_fr": term_fr,
        "term_en": term_en,
        "topic_fr_tail": topic_fr.split(" ", 1)[1],
        "topic_en": topic_en,
        "noun_en": noun_en,
        "formula_fr": _FORMULA_FR.substitute(n=n) if formula else "",
        "formula_en": _FORMULA_EN.substitute(n=n) if formula else "",
    }
    return _ENTRY.substitute(values)
