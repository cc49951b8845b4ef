"""What a first visit downloads, before and after its first search, in real Chromium.

    .venv/bin/python benchmarks/search_weight.py                      # the glossary as it is
    .venv/bin/python benchmarks/search_weight.py --entries 1000       # with 1,000 generated ones
    .venv/bin/python benchmarks/search_weight.py --project /path/to/another/checkout

Builds the site (with N entries from the build benchmark's generator), serves it on
127.0.0.1, opens the French home page in a fresh Chromium profile, then opens the search and
types a query as a person would (one key every 120 ms). Every response is counted twice:

- ``raw``: the bytes Chromium received (body and headers) from this plain, uncompressed server;
- ``gzip``: what a host that gzips text (HTML, CSS, JS, JSON, SVG, XML) would send: each file
  of the built site compressed at level 6, images and fonts as they are, plus the headers.

"First load" is everything the home page fetches until the network is idle; "first search"
everything fetched from the moment the search field takes focus until the results of the query
are complete. Works with Material's search too (the checkout before issue 9), for comparison.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

try:  # the build benchmark's generator: entries as complete as the real ones (issue 13)
    from benchmarks.entries import generate_entries
except ImportError:  # an older checkout: its simpler generated entries
    from benchmarks.build_time import synthetic_entry

    def generate_entries(folder: Path, count: int) -> None:
        for number in range(count):
            path = folder / f"generated-{number:04d}.yml"
            path.write_text(synthetic_entry(number), "utf-8")


CHROMIUM = "/usr/bin/chromium"
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
QUERIES = ("taux de conversion", "entonoir de vente", "indicateurs clés de performance")


# Time to rank every name for a query in the browser, as on each keystroke (median of 21).
RANKING = """async ({ query, index }) => {
    const engine = await import("./assets/glossary/search-engine.js");
    const loaded = await engine.loadIndex(new URL(index, location.href));
    const times = [];
    for (let i = 0; i < 21; i++) {
        const started = performance.now();
        loaded.byName(query);
        times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[10];
}"""


@dataclass
class Phase:
    name: str
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path → (raw, gzip)
    ranking_ms: float | None = None

    def add(self, path: str, body: int, headers: int, site: Path) -> None:
        self.files[path] = (body + headers, _gzip_size(site, path, body) + headers)

    def total(self) -> tuple[int, int]:
        return sum(raw for raw, _ in self.files.values()), sum(gz for _, gz in self.files.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=0, help="generated entries to add")
    parser.add_argument("--project", type=Path, default=ROOT, help="checkout to build")
    parser.add_argument("--verbose", action="store_true", help="list every file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = _build(args.project, args.entries, Path(folder))
        if site is None:
            return 1
        html_pages = len(list(site.rglob("*.html")))
        print(f"{args.project.name}: {html_pages} HTML pages ({args.entries} generated entries)")
        for query in QUERIES:
            load, search = _measure(site, query)
            for phase in (load, search) if query == QUERIES[0] else (search,):
                raw, gz = phase.total()
                label = phase.name if phase is load else f"{phase.name} «{query}»"
                ranking = f", names ranked in {phase.ranking_ms:.1f} ms" if phase.ranking_ms else ""
                sizes = f"{_kib(raw)} raw, {_kib(gz)} gzip"
                print(f"  {label}: {len(phase.files)} files, {sizes}{ranking}")
                if args.verbose:
                    for path, (raw, gz) in sorted(phase.files.items()):
                        print(f"      {path}: {_kib(raw)} raw, {_kib(gz)} gzip")
        for index in sorted(site.glob("**/search/*.json")):
            if index.name in ("names.json", "search_index.json"):
                size = index.stat().st_size
                gz = len(gzip.compress(index.read_bytes(), compresslevel=6))
                print(f"  {index.relative_to(site)}: {_kib(size)} raw, {_kib(gz)} gzip")
        shards = list(site.glob("search/text-*.json"))
        if shards:
            sizes = [len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in shards]
            print(f"  search/text-*.json: {len(shards)} shards, largest {_kib(max(sizes))} gzip")
    return 0


def _build(project: Path, entries: int, folder: Path) -> Path | None:
    copy = folder / "project"
    for name in ("glossary", "content", "overrides", "hooks"):
        shutil.copytree(project / name, copy / name)
    shutil.copy(project / "mkdocs.yml", copy)
    generate_entries(copy / "glossary", entries)
    site = folder / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(copy)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr)
        return None
    return site


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _measure(site: Path, query: str) -> tuple[Phase, Phase]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    load, search = Phase("first load of /"), Phase("first search")
    current = load
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def finished(request: object) -> None:
                response = request.response()  # type: ignore[attr-defined]
                if response is None or not request.url.startswith(base):  # type: ignore[attr-defined]
                    return
                sizes = request.sizes()  # type: ignore[attr-defined]
                path = unquote(urlsplit(request.url).path)  # type: ignore[attr-defined]
                # The favicon arrives late, whenever the browser asks: it belongs to the load.
                phase = load if path.endswith("favicon.png") else current
                phase.add(path, sizes["responseBodySize"], sizes["responseHeadersSize"], site)

            page.on("requestfinished", finished)
            page.goto(base)
            page.wait_for_load_state("networkidle")
            current = search
            ours = page.locator("[data-gl-search-input]").count() > 0
            field = page.locator("[data-gl-search-input]" if ours else ".md-search__input")
            field.click()
            page.keyboard.type(query, delay=120)
            if ours:
                page.wait_for_function(
                    "q => document.querySelector('[data-gl-search-status]').dataset.query === q",
                    arg=query,
                    timeout=30000,
                )
            else:
                page.wait_for_selector(".md-search-result__item", timeout=30000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            if ours:
                search.ranking_ms = page.evaluate(
                    RANKING, {"query": query, "index": base + "search/"}
                )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return load, search


def _gzip_size(site: Path, path: str, raw: int) -> int:
    """Body bytes a gzip-serving host would send for ``path``."""
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return raw
    data = file.read_bytes()
    if file.suffix in TEXT_TYPES:
        return len(gzip.compress(data, compresslevel=6))
    return len(data)


def _kib(size: int) -> str:
    return f"{size / 1024:,.1f} KiB"


if __name__ == "__main__":
    sys.exit(main())
