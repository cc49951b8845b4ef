"""The A–Z index page at 1,000 entries on a phone: weight, DOM size, time until usable.

    .venv/bin/python benchmarks/index_page.py                 # builds 1,000 entries, measures
    .venv/bin/python benchmarks/index_page.py --site DIR      # an already built site

Real Chromium (Playwright) at 390 × 844 px, 4× CPU slowdown (a mid-range phone), against the
built site served on 127.0.0.1: the HTML's bytes (raw and gzip), the DOM's element count, the
time to DOMContentLoaded and to the filter's first count (the page's script has run: "usable"),
and how long the filter takes to answer a typed word. Saves a screenshot beside the site.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.build_time import make_project, strict_build  # noqa: E402

PAGES = {"fr": "glossaire/", "en": "en/glossary/"}


def measure(site: Path, screenshot: Path) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            for lang, path in PAGES.items():
                html = (site / path / "index.html").read_bytes()
                started = time.perf_counter()
                page.goto(base + path, wait_until="domcontentloaded")
                loaded = time.perf_counter() - started
                page.wait_for_function(
                    "document.querySelector('[data-filter-status]')?.textContent.length > 0"
                )
                usable = time.perf_counter() - started
                nodes = page.evaluate("document.getElementsByTagName('*').length")
                items = page.evaluate("document.querySelectorAll('.gl-index__item').length")
                field = page.locator("[data-filter-text]")
                started = time.perf_counter()
                field.fill("pipeline")
                page.wait_for_function(
                    "document.querySelector('[data-filter-status]').textContent.match(/\\d+\\D+\\d+/)"
                )
                filtered = time.perf_counter() - started
                if lang == "fr":
                    field.fill("")
                    page.screenshot(path=str(screenshot))
                results[lang] = {
                    "KiB": len(html) / 1024,
                    "KiB gzip": len(gzip.compress(html)) / 1024,
                    "elements": nodes,
                    "items": items,
                    "DOMContentLoaded s": loaded,
                    "usable s": usable,
                    "filter s": filtered,
                }
            browser.close()
    finally:
        server.shutdown()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--site", type=Path, help="a built site (skips the build)")
    parser.add_argument("--screenshot", type=Path, default=Path("index-390px.png"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="glossary-index-") as folder:
        site = args.site
        if site is None:
            project = make_project(Path(folder), args.entries)
            strict_build(project)
            site = Path(folder) / "site"
        results = measure(site, args.screenshot)
    print(f"A–Z index, 390 px, CPU ×4 slower; screenshot: {args.screenshot}")
    print("| page | HTML | gzip | elements | items | DOMContentLoaded | usable | filter |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for lang, r in results.items():
        print(
            f"| {PAGES[lang]} | {r['KiB']:.0f} KiB | {r['KiB gzip']:.0f} KiB | {r['elements']:,} "
            f"| {r['items']:,} | {r['DOMContentLoaded s']:.2f} s | {r['usable s']:.2f} s "
            f"| {r['filter s']:.2f} s |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
