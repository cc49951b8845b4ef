"""Lighthouse (mobile) scores of the built site, served as a host would serve it.

    .venv/bin/python benchmarks/lighthouse.py                          # this checkout, 3 runs
    .venv/bin/python benchmarks/lighthouse.py --commit 8efcacf         # and another commit
    .venv/bin/python benchmarks/lighthouse.py --site old=/path/to/site # an already built site
    .venv/bin/python benchmarks/lighthouse.py --runs 5 --serving gzip  # gzip serving only
    .venv/bin/python benchmarks/lighthouse.py --scheme both --page all  # 6 pages, light and dark

Builds each site (this checkout's, and each ``--commit``'s files taken with ``git archive``,
built with this checkout's Python and MkDocs), serves it on 127.0.0.1 and runs Lighthouse's
default mobile audit on the home page, a term page and the calculator, each ``--runs`` times,
sites and pages taken in turn so that a busy moment of the machine falls on all of them. Prints
the median of each category's score and of FCP, LCP, TBT and CLS, with the range of the
performance score.

Two ways of serving (``--serving``):

- ``gzip``: as a static host does (GitHub Pages): text (HTML, CSS, JS, JSON, SVG, XML) gzipped
  for a browser that accepts it, HTTP/1.1 keep-alive, ``Cache-Control: max-age=600``;
- ``plain``: ``python3 -m http.server`` as it is: no compression, a connection per request.

Lighthouse comes from npm (``npx lighthouse``; the one in npx's cache is used first), Chromium
from ``CHROME_PATH`` or ``/usr/bin/chromium``. Runs take ~15 s each, one after another: the
default (2 sites × 2 servings × 3 pages × 3 runs) takes about ten minutes. ``--save DIR`` keeps
every JSON report (render-blocking requests, the main thread's work, the LCP element…).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "home": "/",
    "term": "/glossaire/sla/",
    "calculator": "/outils/calculateur-sla/",
    "home-en": "/en/",
    "term-en": "/en/glossary/sla/",
    "calculator-en": "/en/tools/sla-calculator/",
}
DEFAULT_PAGES = ("home", "term", "calculator")
# Chromium's flag for a dark system preference: the site then opens in its dark scheme
SCHEMES = {"light": "", "dark": " --force-dark-mode"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # audit id → (column, unit divisor, format)
    "first-contentful-paint": ("FCP s", 1000, "{:.2f}"),
    "largest-contentful-paint": ("LCP s", 1000, "{:.2f}"),
    "total-blocking-time": ("TBT ms", 1, "{:.0f}"),
    "cumulative-layout-shift": ("CLS", 1, "{:.3f}"),
}
TEXT_TYPES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map")
SERVINGS = ("gzip", "plain")


@dataclass
class Result:
    scores: dict[str, list[float]] = field(default_factory=dict)
    metrics: dict[str, list[float]] = field(default_factory=dict)

    def add(self, report: dict) -> None:
        for name in CATEGORIES:
            score = report["categories"][name]["score"]
            self.scores.setdefault(name, []).append(round(100 * (score or 0)))
        for audit in METRICS:
            value = report["audits"][audit].get("numericValue")
            if value is not None:
                self.metrics.setdefault(audit, []).append(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--commit", action="append", default=[], help="also build this commit")
    parser.add_argument(
        "--site", action="append", default=[], metavar="LABEL=DIR", help="an already built site"
    )
    parser.add_argument("--no-build", action="store_true", help="leave this checkout out")
    parser.add_argument("--serving", choices=(*SERVINGS, "both"), default="both")
    parser.add_argument(
        "--page",
        action="append",
        choices=(*PAGES, "all"),
        help=f"these pages (default: {', '.join(DEFAULT_PAGES)}; all: in English too)",
    )
    parser.add_argument(
        "--scheme",
        choices=(*SCHEMES, "both"),
        default="light",
        help="the system's colour preference (dark: Chromium's --force-dark-mode)",
    )
    parser.add_argument("--save", type=Path, help="keep every JSON report in this folder")
    args = parser.parse_args()
    lighthouse = _lighthouse()
    if lighthouse is None:
        print("Lighthouse not found: run `npx lighthouse --version` once (needs npm)")
        return 1
    servings = SERVINGS if args.serving == "both" else (args.serving,)
    schemes = tuple(SCHEMES) if args.scheme == "both" else (args.scheme,)
    chosen = args.page or DEFAULT_PAGES
    pages = {name: PAGES[name] for name in (PAGES if "all" in chosen else chosen)}
    with tempfile.TemporaryDirectory() as folder:
        sites: dict[str, Path] = {}
        for commit in args.commit:
            project = Path(folder) / f"project-{commit}"
            _archive(commit, project)
            sites[commit] = _build(project, Path(folder) / f"site-{commit}")
        if not args.no_build:
            sites["this checkout"] = _build(ROOT, Path(folder) / "site")
        for spec in args.site:
            label, _, path = spec.rpartition("=")
            sites[label or path] = Path(path)
        if not sites:
            parser.error("nothing to measure")
        results = _measure(lighthouse, sites, servings, schemes, pages, args.runs, args.save)
    modes = tuple(f"{serving}, {scheme}" for serving in servings for scheme in schemes)
    _print(results, sites, modes, pages, args.runs)
    return 0


def _lighthouse() -> list[str] | None:
    cached = sorted(Path.home().glob(".npm/_npx/*/node_modules/.bin/lighthouse"))
    if cached:
        return [str(cached[-1])]
    if shutil.which("npx"):
        return ["npx", "--yes", "lighthouse"]
    return None


def _archive(commit: str, project: Path) -> None:
    """The files a build reads, as they were at ``commit``."""
    project.mkdir(parents=True)
    parts = ["mkdocs.yml", "glossary", "content", "overrides", "hooks"]
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, *parts],
        check=True,
        capture_output=True,
    )
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive.stdout, check=True)


def _build(project: Path, site: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stdout}{result.stderr}")
    return site


class _Plain(SimpleHTTPRequestHandler):
    """``python3 -m http.server``: HTTP/1.0, nothing compressed."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Host(_Plain):
    """A static host: gzipped text, keep-alive, a ten-minute cache (as GitHub Pages)."""

    protocol_version = "HTTP/1.1"
    compressed: dict[Path, bytes] = {}  # noqa: RUF012 (one cache per server class)

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in TEXT_TYPES):
            return super().send_head()
        body = self.compressed.get(path)
        if body is None:
            body = self.compressed[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)  # written by do_GET, left out by do_HEAD

    def end_headers(self) -> None:
        if not any(line.startswith(b"Cache-Control") for line in self._headers_buffer):
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def _serve(site: Path, serving: str) -> ThreadingHTTPServer:
    handler = _Host if serving == "gzip" else _Plain
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _measure(
    lighthouse: list[str],
    sites: dict[str, Path],
    servings: tuple[str, ...],
    schemes: tuple[str, ...],
    pages: dict[str, str],
    runs: int,
    save: Path | None,
) -> dict[tuple[str, str, str], Result]:
    results: dict[tuple[str, str, str], Result] = {}
    servers = {(label, s): _serve(site, s) for label, site in sites.items() for s in servings}
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    if save:
        save.mkdir(parents=True, exist_ok=True)
    total, done = runs * len(servers) * len(schemes) * len(pages), 0
    try:
        for run, scheme, ((label, serving), server), (page, path) in (
            (run, scheme, served, page)
            for run in range(runs)
            for scheme in schemes
            for served in servers.items()
            for page in pages.items()
        ):
            url = f"http://127.0.0.1:{server.server_address[1]}{path}"
            command = [
                *lighthouse,
                url,
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                f"--chrome-flags=--headless --no-sandbox{SCHEMES[scheme]}",
            ]
            done += 1
            mode = f"{serving}, {scheme}"
            print(f"[{done}/{total}] {label}, {mode}, {page}", file=sys.stderr)
            out = subprocess.run(command, env=env, capture_output=True, text=True)
            if out.returncode != 0:
                print(out.stderr[-2000:], file=sys.stderr)
                continue
            report = json.loads(out.stdout)
            if report.get("runtimeError"):
                print(f"  {report['runtimeError']}", file=sys.stderr)
                continue
            results.setdefault((label, mode, page), Result()).add(report)
            if save:
                name = f"{label}-{serving}-{scheme}-{page}-{run + 1}.json".replace(" ", "-")
                (save / name).write_text(out.stdout, "utf-8")
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
    return results


def _print(
    results: dict[tuple[str, str, str], Result],
    sites: dict[str, Path],
    servings: tuple[str, ...],
    pages: dict[str, str],
    runs: int,
) -> None:
    metric_heads = [column for column, _, _ in METRICS.values()]
    heads = ["site", "serving, scheme", "page", "perf (range)", "a11y", "BP", "SEO", *metric_heads]
    rows = []
    for serving in servings:
        for page in pages:
            for label in sites:
                result = results.get((label, serving, page))
                if result is None:
                    rows.append([label, serving, page, "failed"] + [""] * (len(heads) - 4))
                    continue
                perf = result.scores["performance"]
                row = [
                    label,
                    serving,
                    page,
                    f"{statistics.median(perf):.0f} ({min(perf)}–{max(perf)})",
                    *(f"{statistics.median(result.scores[c]):.0f}" for c in CATEGORIES[1:]),
                ]
                for audit, (_, divisor, fmt) in METRICS.items():
                    values = result.metrics.get(audit)
                    row.append(fmt.format(statistics.median(values) / divisor) if values else "")
                rows.append(row)
    print(f"\nLighthouse mobile (default throttling), median of {runs} runs")
    widths = [max(len(str(row[i])) for row in [heads, *rows]) for i in range(len(heads))]
    for row in [heads, ["-" * w for w in widths], *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
