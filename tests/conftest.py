"""Shared fixtures: one real strict build of the site, served on 127.0.0.1, and real Chromium."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(
    destination: Path, config: Path = ROOT / "mkdocs.yml"
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` into ``destination``, as a user would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(destination),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
    )


def git(folder: Path, *args: str) -> None:
    """Run git in ``folder`` as a contributor would, whatever repository the tests run in:
    no GIT_* variable of the caller but the dates (a hook's GIT_DIR would point elsewhere), a
    fixed author, no signing."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    kept = ("GIT_COMMITTER_DATE", "GIT_AUTHOR_DATE")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("GIT_") or name in kept
    }
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    command = ["git", *identity, "-c", "commit.gpgsign=false", *args]
    subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real site, built once per test session, shared by pytest-xdist's workers.

    Under ``pytest -n 2`` each worker is a process with its own session: the first to get here
    builds into the run's shared folder while the other waits on the lock, then reuses it.
    """
    if worker_id == "master":  # not under xdist
        destination = tmp_path_factory.mktemp("site")
        result = build_site(destination)
        assert result.returncode == 0, result.stdout + result.stderr
        return destination
    shared = tmp_path_factory.getbasetemp().parent
    destination = shared / "site"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (shared / "site.built").exists():
                result = build_site(destination)
                assert result.returncode == 0, result.stdout + result.stderr
                (shared / "site.built").write_text("ok", "utf-8")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return destination


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """``glossary check`` speaks the locale's language: tests expect English unless they ask
    ``--lang fr``, on a French machine too (LC_MESSAGES decides before LANG)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_MESSAGES", "C.UTF-8")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the built site are ``build`` tests: ``make quick`` leaves them out."""
    for item in items:
        if {"built_site", "site_url", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Base URL of ``folder`` served on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def sitemap_alternates(sitemap: Path) -> dict[str, dict[str, str]]:
    """Each URL of a sitemap.xml with its alternates: hreflang → href."""
    from lxml import etree

    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    return {
        url.findtext("s:loc", namespaces=namespaces): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link[@rel='alternate']", namespaces)
        }
        for url in etree.parse(str(sitemap)).getroot().findall("s:url", namespaces)
    }


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1 (a free port)."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium from Debian, driven by Playwright."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message + "; browser tests only skip outside CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, site_url: str) -> Iterator[object]:
    """A fresh page on the served site; fails the test if anything leaves 127.0.0.1."""
    context = browser.new_context(base_url=site_url)  # type: ignore[attr-defined]
    page = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []

    def on_request(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1":
            foreign.append(url)

    page.on("request", on_request)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not errors, f"JavaScript errors: {errors}"
