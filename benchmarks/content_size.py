"""How much the glossary says: the figures of README's "What is in it", measured.

    .venv/bin/python benchmarks/content_size.py

Words are runs of letters, those joined by an apostrophe or a hyphen counting as one
(« l’entreprise », « sales-marketing »), in the prose a reader sees: Markdown link targets,
``{lang=en}`` marks, HTML comments and tags, code and front matter are left out.

- entries: every text field of each language part (names, summary, definition, formula,
  example, pitfalls, sources), and the definitions alone;
- articles: the body of each page under ``content/<lang>/articles/`` but their index.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks import content, languages  # noqa: E402
from hooks.validate import check_glossary  # noqa: E402

WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
NOT_PROSE = re.compile(
    r"^(```|~~~).*?^\1[^\n]*$"  # fenced code
    r"|<!--.*?-->"  # comments
    r"|`[^`\n]*`"  # inline code
    r"|\]\([^)]*\)"  # link targets
    r"|\{[:.#]?[^}\n]*=[^}\n]*\}"  # attribute lists: {lang=en}, {: .class }
    r"|<[^>\n]+>"  # HTML tags
    r"|https?://\S+",
    re.MULTILINE | re.DOTALL,
)


def words(text: str) -> int:
    return len(WORD.findall(NOT_PROSE.sub(" ", text)))


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key != "url" for text in _texts(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    return []


def main() -> int:
    languages.use_project(ROOT)
    glossary, problems = check_glossary(ROOT / "glossary", "glossary")
    if problems:
        print(f"glossary check finds {len(problems)} problems: fix them first")
        return 1
    print("| | " + " | ".join(languages.codes()) + " |")
    print("| --- |" + " --- |" * len(languages.codes()))
    data = {
        path.stem: yaml.safe_load(path.read_text("utf-8"))
        for path in sorted((ROOT / "glossary").glob("*.yml"))
    }
    entries, all_words, definitions = [], [], []
    for code in languages.codes():
        parts = [entry[code] for entry in data.values() if isinstance(entry.get(code), dict)]
        entries.append(str(len(parts)))
        all_words.append(sum(words(text) for part in parts for text in _texts(part)))
        definitions.append(sum(words(part.get("definition", "")) for part in parts))
    print("| entries | " + " | ".join(entries) + " |")
    print(
        "| words in entries, of which in definitions | "
        + " | ".join(f"{a:,} / {d:,}" for a, d in zip(all_words, definitions, strict=True))
        + " |"
    )
    pages, _ = content.read_pages(ROOT / "content")
    cells = []
    for code in languages.codes():
        counts = [
            words(page.body)
            for page in pages
            if page.lang == code
            and page.path.startswith("articles/")
            and page.path != "articles/index.md"
        ]
        cells.append(f"{len(counts)}: {sum(counts):,}, {min(counts):,} – {max(counts):,}")
    print("| articles, words in all, shortest – longest | " + " | ".join(cells) + " |")
    categories = Counter(entry.category for entry in glossary)
    print(
        "\nEntries by category: "
        + ", ".join(f"{name} {count}" for name, count in categories.most_common())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
