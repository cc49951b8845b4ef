"""Build the site with N generated entries on top of the real ones; print what it costs.

    .venv/bin/python benchmarks/build_time.py            # the glossary as it is
    .venv/bin/python benchmarks/build_time.py --entries 1000

Prints the strict build's wall time, the number of pages, the size of each language's search
index, and the time of the term-linking pass over every content page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks import content  # noqa: E402
from hooks.term_links import Matcher, link_terms  # noqa: E402
from hooks.validate import check_glossary  # noqa: E402

NB = "\u00a0"
WORDS_FR = (
    "Cette notion générée décrit un indicateur commercial fictif que les équipes suivent chaque "
    "semaine pour vérifier que le marketing et les ventes avancent au même rythme, avec des "
    "objectifs partagés, des définitions communes et des revues régulières des résultats obtenus "
    "sur la période écoulée"
)
WORDS_EN = (
    "This generated notion describes a made-up sales metric that teams review every week to check "
    "that marketing and sales move at the same pace, with shared goals, common definitions and "
    "regular reviews of the results achieved over the past period"
)


def synthetic_entry(number: int) -> str:
    definition_fr = f"{WORDS_FR}{NB}; elle porte le numéro {number}. " * 2
    definition_en = f"{WORDS_EN}; it is number {number}. " * 2
    return f"""category: metrics
related: [sla, mql]
fr:
  term: Indicateur généré {number:04d}
  abbreviation: IG{number:04d}
  aliases: [mesure fictive {number:04d}]
  summary: Un indicateur généré pour mesurer le coût de construction du site.
  definition: |
    {definition_fr}
en:
  term: Generated metric {number:04d}
  abbreviation: GM{number:04d}
  aliases: [made-up measure {number:04d}]
  summary: A generated metric used to measure what building the site costs.
  definition: |
    {definition_en}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=0, help="generated entries to add")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        for name in ("glossary", "content", "overrides", "hooks"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project)
        for number in range(args.entries):
            (project / "glossary" / f"generated-{number:04d}.yml").write_text(
                synthetic_entry(number), "utf-8"
            )
        glossary, problems = check_glossary(project / "glossary")
        if problems:
            print("\n".join(str(problem) for problem in problems[:20]))
            return 1

        pages, _ = content.read_pages(project / "content")
        started = time.perf_counter()
        for lang in ("fr", "en"):
            matcher = Matcher(glossary, lang)
            hrefs = {entry.id: f"{entry.id}/" for entry in glossary}
            for page in pages:
                if page.lang == lang:
                    text = (project / "content" / page.src_uri).read_text("utf-8")
                    link_terms(text, matcher, hrefs.get, skip=set())
        linking = time.perf_counter() - started

        site = Path(folder) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        build = time.perf_counter() - started
        if result.returncode != 0:
            print(result.stdout + result.stderr)
            return 1
        html_pages = len(list(site.rglob("*.html")))
        print(f"entries: {len(glossary)} ({args.entries} generated)")
        print(f"strict build: {build:.1f} s for {html_pages} HTML pages")
        print(f"term linking, all content pages, both languages: {linking * 1000:.1f} ms")
        for lang, path in (
            ("fr", "search/search_index.json"),
            ("en", "en/search/search_index.json"),
        ):
            index = site / path
            if index.exists():
                print(f"search index {lang}: {index.stat().st_size / 1024:.0f} KiB ({path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
