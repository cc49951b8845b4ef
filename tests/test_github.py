"""The files GitHub and pre-commit read: workflows, templates, hooks.

They are read with ``yaml.BaseLoader``, as GitHub does in spirit: every scalar stays text, so the
workflow key ``on`` is not turned into the boolean ``True`` as ``yaml.safe_load`` would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from hooks.model import CATEGORIES
from tests.conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PULL_REQUEST = GITHUB / "workflows" / "pull-request.yml"
PAGES = GITHUB / "workflows" / "pages.yml"
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "propose-term.yml"
PR_TEMPLATE = GITHUB / "pull_request_template.md"
MATCHER = GITHUB / "glossary-problem-matcher.json"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"

# owner/name[/path]@v1, @v1.2 or @v1.2.3, or a full commit
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40})$")


def load(path: Path) -> Any:
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)


def steps(workflow: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def commands(workflow: dict[str, Any]) -> list[str]:
    """Every command line of every ``run:`` step."""
    return [
        line.strip()
        for step in steps(workflow)
        for line in step.get("run", "").splitlines()
        if line.strip()
    ]


def readme_command(word: str) -> str:
    """The README's quick-start command that runs ``word``, e.g. ``make test``."""
    readme = (ROOT / "README.md").read_text("utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert block, "README.md's quick start has a ```sh block"
    found = [
        line.split("#", 1)[0].strip()
        for line in block.group(1).splitlines()
        if word in line.split("#", 1)[0]
    ]
    assert len(found) == 1, found
    return found[0]


def test_the_readme_quick_start_names_the_test_command() -> None:
    assert readme_command("test") == "make test"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_workflows_parse_and_pin_every_action(path: Path) -> None:
    workflow = load(path)
    assert isinstance(workflow, dict)
    assert {"name", "on", "jobs"} <= set(workflow)
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert uses
    assert [action for action in uses if not PINNED.match(action)] == []


def test_pull_requests_run_the_suite_and_keep_a_preview() -> None:
    workflow = load(PULL_REQUEST)
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    run = commands(workflow)
    # browser tests drive Debian's Chromium, installed with apt-get
    assert any(re.search(r"apt-get install .*\bchromium\b", line) for line in run)
    (job,) = workflow["jobs"].values()
    assert job["container"].endswith("bookworm")  # Debian, whose chromium is a real package
    test, build = readme_command("test"), "make build"
    assert test in run and build in run
    assert run.index(test) < run.index(build)
    (upload,) = [step for step in steps(workflow) if "upload-artifact" in step.get("uses", "")]
    assert upload["with"]["path"].rstrip("/") == "site"
    # the problem matcher points glossary problems at their lines in the pull request
    assert f"::add-matcher::{MATCHER.relative_to(ROOT).as_posix()}" in " ".join(run)
    assert run.index(next(line for line in run if "add-matcher" in line)) < run.index(test)


def test_problem_matcher_reads_glossary_check_output() -> None:
    (matcher,) = json.loads(MATCHER.read_text("utf-8"))["problemMatcher"]
    (pattern,) = matcher["pattern"]
    line = "glossary/sla.yml:3:1: unknown field 'relatd': did you mean 'related'?"
    match = re.match(pattern["regexp"], line)
    assert match
    groups = {key: match.group(pattern[key]) for key in ("file", "line", "column", "message")}
    assert groups == {
        "file": "glossary/sla.yml",
        "line": "3",
        "column": "1",
        "message": "unknown field 'relatd': did you mean 'related'?",
    }
    assert not re.match(pattern["regexp"], "3 problems in 2 files")
    # the French messages the pull request's log shows (make check CHECK_ARGS="--lang fr")
    french = "glossary/sla.yml:3:1: champ inconnu «\u00a0relatd\u00a0»\u00a0: vouliez-vous dire…"
    assert re.match(pattern["regexp"], french).group(pattern["line"]) == "3"
    assert not re.match(pattern["regexp"], "3 problèmes dans 2 fichiers")
    steps = load(PULL_REQUEST)["jobs"]["test"]["steps"]
    assert any('make check CHECK_ARGS="--lang fr"' in step.get("run", "") for step in steps)


def test_pushes_to_main_publish_the_site_on_pages() -> None:
    workflow = load(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert "make build" in commands(workflow)
    uses = {step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step}
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"


def test_issue_form_asks_for_french_and_leaves_english_optional() -> None:
    form = load(ISSUE_FORM)
    assert form["name"] and form["description"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids))
    assert all(re.match(r"^[a-z0-9_-]+$", field_id) for field_id in ids)
    required = {
        item["id"] for item in fields if item.get("validations", {}).get("required") == "true"
    }
    assert {"fr-term", "fr-summary"} <= required  # the default language only (issue 14)
    assert {"en-term", "en-summary"} <= set(ids) - required
    (category,) = [item for item in fields if item["id"] == "category"]
    assert set(CATEGORIES) <= set(category["attributes"]["options"])


def test_pull_request_template_has_a_checklist() -> None:
    text = PR_TEMPLATE.read_text("utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(items) >= 5
    assert any("TODO" in item for item in items)
    assert any("glossary check" in item for item in items)


def test_pre_commit_runs_the_glossary_check_and_ruff() -> None:
    config = load(PRE_COMMIT)
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    entries = {hook["id"]: hook["entry"] for hook in hooks}
    assert entries["glossary-check"].endswith("glossary check --fix")
    assert re.search(r"ruff check\b", entries["ruff-check"])
    assert entries["ruff-format"].endswith("ruff format --check")
    (check,) = [hook for hook in hooks if hook["id"] == "glossary-check"]
    assert re.match(check["files"], "glossary/sla.yml")
    assert check["pass_filenames"] == "false"
