"""What 1,000 entries cost: check, preview and build, each against a floor built in the same run.

    .venv/bin/python benchmarks/build_time.py                  # 1,000 entries, no server
    .venv/bin/python benchmarks/build_time.py --serve          # and the preview (make bench)
    .venv/bin/python benchmarks/build_time.py --project DIR    # another checkout's code

Entries come from ``benchmarks/entries.py`` (as complete as ``glossary/sla.yml``), added to the
real ones in a copy of the project. The floor is plain MkDocs + Material + static-i18n (its
default options, no hooks, no overrides) building the same pages as hand-written Markdown,
kept out of the navigation; a second floor adds Material's search plugin, as a plain Material
site has it and as this site had it when issue 13 measured its floor. Each figure is printed
with its ratio to both: seconds on a shared machine are noisy, ratios much less. ``--runs``
repeats each measure and keeps the median. Every build starts from no output folder, with the
disk's pending writes flushed, both outside the timing: deleting the previous run's site is
not the build's work, and neither is writing back the previous builds' files.

The serve figures drive the real server started by the project's ``make serve`` command, with
an HTTP client: first page served after start, then save → page (an entry's summary changed on
disk, until its page shows the new text) and save → problem panel (an invalid save, until the
page shows the panel).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.entries import entry_id, generate_entries  # noqa: E402

__all__ = ["generate_entries", "make_project"]

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PROJECT_PARTS = ("glossary", "content", "overrides", "hooks")


def make_project(folder: Path, entries: int, source: Path = ROOT) -> Path:
    """A copy of the project at ``source`` with ``entries`` generated entries; returns it."""
    project = folder / "project"
    for name in PROJECT_PARTS:
        shutil.copytree(source / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(source / "mkdocs.yml", project)
    shutil.copy(source / "Makefile", project)
    generate_entries(project / "glossary", entries)
    return project


def time_command(command: list[str], cwd: Path, output: Path | None = None) -> float:
    """Seconds ``command`` takes; ``output`` (its site folder) is removed first, and the disk's
    pending writes flushed, so that each build starts alike."""
    if output is not None:
        shutil.rmtree(output, ignore_errors=True)
    os.sync()
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return elapsed


def strict_build(project: Path) -> float:
    site = project.parent / "site"
    return time_command(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], project, site
    )


def site_figures(project: Path) -> list[str]:
    """Pages, search index sizes and the term-linking pass of the last strict build."""
    from hooks import content
    from hooks.term_links import Matcher, link_terms
    from hooks.validate import check_glossary

    site = project.parent / "site"
    lines = [f"HTML pages: {len(list(site.rglob('*.html'))):,}"]
    for path in ("search/search_index.json", "en/search/search_index.json"):
        if (site / path).is_file():
            lines.append(f"search index {path}: {(site / path).stat().st_size / 1024:,.0f} KiB")
    glossary, _ = check_glossary(project / "glossary", "glossary")
    pages, _ = content.read_pages(project / "content")
    started = time.perf_counter()
    for lang in ("fr", "en"):
        matcher = Matcher(glossary, lang)
        for page in pages:
            if page.lang == lang:
                link_terms(page.body, matcher, lambda entry_id: f"{entry_id}/", skip=set())
    lines.append(
        f"term linking, all content pages: {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    return lines


def glossary_check(project: Path) -> float:
    return time_command([sys.executable, "-m", "hooks.cli", "check", "glossary"], project)


# --- the floor ----------------------------------------------------------------------------------


def make_floor(project: Path, search: bool = False) -> Path:
    """The same pages as hand-written Markdown, built by MkDocs, Material and static-i18n alone;
    with ``search``, Material's search plugin too, as a plain Material site has it and as this
    site had it when issue 13 measured its floor (static-i18n then splits its index per
    language: fact 11 of DESIGN.md)."""
    import yaml

    from hooks import content, languages, render
    from hooks.validate import check_glossary

    floor = project.parent / ("floor-search" if search else "floor")
    shutil.copytree(project / "content", floor / "content")
    glossary, problems = check_glossary(project / "glossary", "glossary")
    if problems:
        raise SystemExit("\n".join(str(problem) for problem in problems[:20]))
    pages, _ = content.read_pages(project / "content")
    mentions = content.glossary_mentions(pages, lambda page: set())
    for lang in languages.codes():
        for page in render.pages(glossary, lang, mentions):
            path = floor / "content" / page.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, "utf-8")

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader)
    for key in ("hooks", "watch", "extra_css", "extra_javascript", "edit_uri", "repo_url"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["strict"] = False
    config["not_in_nav"] = "/fr/glossaire/*.md\n/en/glossary/*.md\n"
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"].pop("reconfigure_search", None)  # static-i18n's default
    if search:
        config["plugins"].insert(0, "search")
    config["validation"] = {"omitted_files": "info", "unrecognized_links": "info"}
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return floor


def floor_build(floor: Path) -> float:
    site = floor.parent / f"{floor.name}-site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    return time_command(command, floor, site)


# --- the preview --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(project: Path, port: int) -> list[str]:
    """The project's ``make serve`` recipe, with this interpreter's folder as ``$(BIN)``."""
    makefile = (project / "Makefile").read_text("utf-8")
    recipe = re.search(r"^serve:.*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe, "no serve target in the Makefile"
    line = recipe.group(1).replace("$(BIN)", str(Path(sys.executable).parent))
    return line.replace("$(PORT)", str(port)).split()


def fetch(url: str, timeout: float = 120) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], limit: float) -> float:
    """Seconds until ``condition()`` holds (polling every 50 ms), or raise after ``limit``."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise TimeoutError(f"not within {limit} s")
        time.sleep(0.05)
    return time.perf_counter() - started


def measure_serve(project: Path, saves: int) -> dict[str, list[float]]:
    """Start the preview; first page served, then ``saves`` edits of one entry → its page."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    entry = entry_id(500 if len(list((project / "glossary").glob("generated-*.yml"))) > 500 else 0)
    path = project / "glossary" / f"{entry}.yml"
    original = path.read_text("utf-8")
    log = (project.parent / "serve.log").open("w")
    started = time.perf_counter()
    server = subprocess.Popen(
        serve_command(project, port),
        cwd=project,
        env=ENV,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    figures: dict[str, list[float]] = {"first page": [], "save → page": [], "save → panel": []}
    try:
        wait_for(lambda: fetch(f"{base}/glossaire/", timeout=300) is not None, 600)
        figures["first page"].append(time.perf_counter() - started)
        page = f"{base}/glossaire/{entry}/"
        for _ in range(saves):
            time.sleep(1.5)  # past the watcher's polling and the previous reload
            # letters only: a long number without French digit grouping is itself a problem
            marker = "Mesure " + "".join(chr(97 + int(d)) for d in str(time.time_ns())[-10:])
            path.write_text(
                re.sub(
                    r"(?m)^  summary: Indicateur fictif", f"  summary: {marker}", original, count=1
                ),
                "utf-8",
            )
            saved = time.perf_counter()
            wait_for(lambda marker=marker: marker in (fetch(page) or ""), 300)
            figures["save → page"].append(time.perf_counter() - saved)
        time.sleep(1.5)
        path.write_text(
            original.replace("  summary: Indicateur", "  summary: TODO Indicateur", 1), "utf-8"
        )
        saved = time.perf_counter()
        try:
            wait_for(lambda: "data-glossary-problems" in (fetch(page, timeout=60) or ""), 60)
            figures["save → panel"].append(time.perf_counter() - saved)
        except TimeoutError:
            pass  # a preview without a problem panel
    finally:
        path.write_text(original, "utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    return figures


# --- report -------------------------------------------------------------------------------------

# The figures of issue 13, measured before the work on it (same machine, one run).
TODAY = {
    "glossary check": 5.7,
    "serve: save → page": 46.5,
    "serve: first page served": 32.5,
    "strict build": 24.7,
    "floor": 27.6,
    "build 1,000 / build 200": 3.6,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="generated entries (1000)")
    parser.add_argument("--small", type=int, default=200, help="the smaller build for linearity")
    parser.add_argument("--runs", type=int, default=1, help="repeat each measure, keep the median")
    parser.add_argument("--serve", action="store_true", help="also measure the preview server")
    parser.add_argument("--saves", type=int, default=3, help="saves measured under the preview")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to measure")
    args = parser.parse_args()
    source = args.project.resolve()
    sys.path.insert(0, str(source))
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as folder:
        big = make_project(Path(folder) / "big", args.entries, source)
        small = make_project(Path(folder) / "small", args.small, source)
        floor = make_floor(big)
        floor_search = make_floor(big, search=True)
        runs: dict[str, list[float]] = {}
        for _ in range(args.runs):
            runs.setdefault("floor", []).append(floor_build(floor))
            runs.setdefault("floor with Material's search", []).append(floor_build(floor_search))
            runs.setdefault("glossary check", []).append(glossary_check(big))
            runs.setdefault("strict build", []).append(strict_build(big))
            runs.setdefault("strict build (small)", []).append(strict_build(small))
        if args.serve:
            figures = measure_serve(big, args.saves)
            runs["serve: first page served"] = figures["first page"]
            runs["serve: save → page"] = figures["save → page"]
            if figures["save → panel"]:
                runs["serve: save → problem panel"] = figures["save → panel"]
        report(runs, args)
        print("\n".join(site_figures(big)))
    return 0


def report(runs: dict[str, list[float]], args: argparse.Namespace) -> None:
    median = {name: statistics.median(values) for name, values in runs.items()}
    floor = median["floor"]
    median["build 1,000 / build 200"] = median["strict build"] / median["strict build (small)"]
    print(f"{args.entries} generated entries on top of the real ones; median of {args.runs} run(s)")
    searching = median["floor with Material's search"]
    print("| what | issue 13 (before) | now | ratio to the floor | to the floor with search |")
    print("| --- | --- | --- | --- | --- |")
    for name in (
        "glossary check",
        "serve: save → page",
        "serve: save → problem panel",
        "serve: first page served",
        "strict build",
        "floor",
        "floor with Material's search",
    ):
        if name in median:
            spread = ", ".join(f"{value:.1f}" for value in runs[name])
            before = f"{TODAY[name]} s" if name in TODAY else "—"
            ratio = median[name] / floor
            other = median[name] / searching
            print(
                f"| {name} | {before} | {median[name]:.2f} s ({spread}) | {ratio:.2f} "
                f"| {other:.2f} |"
            )
    print(
        f"| build {args.entries} / build {args.small} | {TODAY['build 1,000 / build 200']} "
        f"| {median['build 1,000 / build 200']:.2f} | | |"
    )


if __name__ == "__main__":
    sys.exit(main())
