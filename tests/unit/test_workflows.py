"""The GitHub Actions workflows are valid and hardened.

Each rule is a small checking function that returns a list of problems; the tests run
it on the real workflows (expecting none) and on broken snippets (expecting one), so
every rule is shown to be able to fail.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS_DIR = PROJECT_ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])

# owner/repo (optionally /path) @ a full 40-hex commit SHA, then a comment naming the release.
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)(?P<rest>.*)$")
PINNED_REF = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(?:\.\d+){0,2}\b")
# Only the Pages deployment job may hold these.
DEPLOY_ONLY = {"pages": "write", "id-token": "write"}
DEPLOY_JOB = "deploy"
CHECK_WORKFLOW_SCHEMA = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]


def load_workflow(text: str) -> dict[str, Any]:
    document = yaml.safe_load(text)
    assert isinstance(document, dict), "a workflow is a YAML mapping"
    return document


def triggers(workflow: Mapping[Any, Any]) -> Any:
    """YAML 1.1 reads the key `on` as the boolean True."""
    return workflow.get("on", workflow.get(True))


def jobs(workflow: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return workflow.get("jobs") or {}


def steps(workflow: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in jobs(workflow).items():
        for step in job.get("steps") or []:
            yield job_id, step


def steps_using(workflow: Mapping[str, Any], action: str) -> list[tuple[str, dict[str, Any]]]:
    """(job id, step) for every step that runs `action` (for example "actions/checkout")."""
    return [(job_id, step) for job_id, step in steps(workflow) if str(step.get("uses", "")).startswith(f"{action}@")]


def uses_refs(workflow: Mapping[str, Any]) -> list[str]:
    """Every `uses:` of the workflow (steps and reusable-workflow jobs), as parsed."""
    refs = [job["uses"] for job in jobs(workflow).values() if "uses" in job]
    refs += [step["uses"] for _, step in steps(workflow) if "uses" in step]
    return refs


# --- The rules ---------------------------------------------------------------


def pinning_problems(text: str) -> list[str]:
    """Every non-local action must be `owner/repo@<40-hex SHA> # vX.Y.Z`."""
    problems = []
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        match = USES_LINE.match(line)
        if not match:
            continue
        seen += 1
        ref = match["ref"].strip("\"'")
        if ref.startswith("./"):
            continue
        if not PINNED_REF.match(ref):
            problems.append(f"line {number}: `{ref}` is not pinned to a full 40-character commit SHA")
        elif not VERSION_COMMENT.match(match["rest"]):
            problems.append(f"line {number}: `{ref}` lacks a version comment such as `# v4.2.2`")
    parsed = len(uses_refs(load_workflow(text)))
    if parsed != seen:
        problems.append(f"{parsed} `uses:` in the workflow but {seen} on their own line: write one `uses:` per line")
    return problems


def permission_problems(workflow: Mapping[str, Any]) -> list[str]:
    """The token is read-only; only the deploy job may write to Pages and mint an OIDC token."""
    problems = []
    top = workflow.get("permissions")
    if top != {"contents": "read"}:
        problems.append(f"top-level permissions are {top!r}, expected exactly {{'contents': 'read'}}")
    for job_id, job in jobs(workflow).items():
        granted = job.get("permissions")
        if granted is None:
            continue
        if not isinstance(granted, dict):
            problems.append(f"job {job_id}: permissions {granted!r} must be a mapping of scopes")
            continue
        for scope, level in granted.items():
            if level in ("read", "none"):
                continue
            if job_id == DEPLOY_JOB and DEPLOY_ONLY.get(scope) == level:
                continue
            problems.append(f"job {job_id}: `{scope}: {level}` is not allowed (only the deploy job writes, to Pages)")
    return problems


def deploy_job_problems(workflow: Mapping[str, Any]) -> list[str]:
    """A workflow that deploys Pages grants exactly pages/id-token write to its deploy job."""
    deploys = [job_id for job_id, _ in steps_using(workflow, "actions/deploy-pages")]
    if not deploys:
        return ["no job runs actions/deploy-pages"]
    problems = []
    for job_id in deploys:
        if job_id != DEPLOY_JOB:
            problems.append(f"job {job_id} deploys to Pages; only a job named `{DEPLOY_JOB}` may")
        if jobs(workflow)[job_id].get("permissions") != DEPLOY_ONLY:
            problems.append(f"job {job_id}: permissions must be exactly {DEPLOY_ONLY}")
    return problems


def checkout_problems(workflow: Mapping[str, Any]) -> list[str]:
    """Every checkout leaves no token behind and fetches the whole history."""
    problems = []
    for job_id, step in steps_using(workflow, "actions/checkout"):
        options = step.get("with") or {}
        if options.get("persist-credentials") is not False:
            problems.append(f"job {job_id}: checkout lacks `persist-credentials: false`")
        if options.get("fetch-depth") != 0:
            problems.append(f"job {job_id}: checkout lacks `fetch-depth: 0` (git-revision-date needs history)")
    return problems


def setup_python_problems(workflow: Mapping[str, Any]) -> list[str]:
    problems = []
    for job_id, step in steps_using(workflow, "actions/setup-python"):
        options = step.get("with") or {}
        expected = {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements*.txt"}
        for key, value in expected.items():
            if options.get(key) != value:
                problems.append(f"job {job_id}: setup-python needs `{key}: {value}`, has {options.get(key)!r}")
    return problems


def concurrency_problems(workflow: Mapping[str, Any]) -> list[str]:
    """Two Pages deployments never race, and a running one is never cancelled."""
    concurrency = workflow.get("concurrency")
    if not isinstance(concurrency, dict) or not concurrency.get("group"):
        return ["no top-level `concurrency:` group"]
    if concurrency.get("cancel-in-progress") is not False:
        return ["`cancel-in-progress` must be false so a deployment is never cut off"]
    return []


# --- The real workflows ------------------------------------------------------


def read(name: str) -> str:
    return (WORKFLOWS_DIR / name).read_text(encoding="utf-8")


def test_the_two_workflows_exist() -> None:
    assert {path.name for path in WORKFLOW_FILES} >= {"ci.yml", "pages.yml"}


def test_workflows_match_the_github_workflow_schema() -> None:
    """check-jsonschema's vendored copy of the SchemaStore workflow schema: works offline."""
    completed = subprocess.run(
        [*CHECK_WORKFLOW_SCHEMA, *map(str, WORKFLOW_FILES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo hi\n")
    completed = subprocess.run(
        [*CHECK_WORKFLOW_SCHEMA, str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "step" in completed.stdout + completed.stderr


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_sha_with_a_version_comment(path: Path) -> None:
    assert pinning_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_permissions_are_read_only_except_the_deploy_job(path: Path) -> None:
    assert permission_problems(load_workflow(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_checkout_drops_credentials_and_fetches_history(path: Path) -> None:
    assert checkout_problems(load_workflow(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_python_is_311_with_a_pip_cache(path: Path) -> None:
    assert setup_python_problems(load_workflow(path.read_text(encoding="utf-8"))) == []


def test_pages_deploys_from_a_single_concurrency_group() -> None:
    workflow = load_workflow(read("pages.yml"))
    assert concurrency_problems(workflow) == []
    assert workflow["concurrency"]["group"] == "pages"
    assert deploy_job_problems(workflow) == []


def test_pages_runs_on_main_and_by_hand() -> None:
    on = triggers(load_workflow(read("pages.yml")))
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on


def test_pages_site_url_comes_from_configure_pages() -> None:
    workflow = load_workflow(read("pages.yml"))
    configure = [step for _, step in steps_using(workflow, "actions/configure-pages")]
    assert len(configure) == 1 and configure[0].get("id")
    build = [step for _, step in steps(workflow) if step.get("run") == "make site"]
    assert len(build) == 1
    assert build[0]["env"]["CONFIDANT_SITE_URL"] == f"${{{{ steps.{configure[0]['id']}.outputs.base_url }}}}/"


def test_ci_lints_tests_and_builds() -> None:
    workflow = load_workflow(read("ci.yml"))
    on = triggers(workflow)
    assert "pull_request" in on and "push" in on
    assert set(jobs(workflow)) >= {"lint", "test", "build"}
    runs = {
        job_id: " ".join(str(step.get("run", "")) for step in job["steps"]) for job_id, job in jobs(workflow).items()
    }
    assert "make lint" in runs["lint"] or "pre-commit run --all-files" in runs["lint"]
    assert "make test" in runs["test"]
    assert "apt-get install" in runs["test"] and "poppler-utils" in runs["test"] and "chromium" in runs["test"]
    assert "make site" in runs["build"]
    uploads = [step for job_id, step in steps_using(workflow, "actions/upload-artifact") if job_id == "build"]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_build_environment(name: str) -> None:
    env = load_workflow(read(name))["env"]
    assert str(env["NO_MKDOCS_2_WARNING"]) == "1"
    assert env["CONFIDANT_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"


# --- Every rule can fail -----------------------------------------------------

GOOD = """\
name: Example
on: push
permissions:
  contents: read
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: read
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          fetch-depth: 0
          persist-credentials: false
      - uses: ./.github/actions/local
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    steps:
      - uses: actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0
"""

CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"


def all_problems(text: str) -> list[str]:
    workflow = load_workflow(text)
    return [
        *pinning_problems(text),
        *permission_problems(workflow),
        *deploy_job_problems(workflow),
        *checkout_problems(workflow),
        *concurrency_problems(workflow),
    ]


def test_the_good_example_passes_every_rule() -> None:
    assert all_problems(GOOD) == []


BROKEN = {
    "tag instead of sha": (CHECKOUT, "actions/checkout@v4", "not pinned"),
    "short sha": (CHECKOUT, "actions/checkout@3d3c42e # v7.0.1", "not pinned"),
    "branch": (CHECKOUT, "actions/checkout@main # v7.0.1", "not pinned"),
    "no version comment": (CHECKOUT, "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", "version comment"),
    "comment without version": (
        CHECKOUT,
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # latest",
        "version comment",
    ),
    "flow-style uses hides a pin": (
        "      - uses: ./.github/actions/local\n",
        "      - {uses: actions/cache@v4}\n",
        "one `uses:` per line",
    ),
    "write-all": ("permissions:\n  contents: read\nconcurrency", "permissions: write-all\nconcurrency", "top-level"),
    "no top-level permissions": ("permissions:\n  contents: read\nconcurrency", "concurrency", "top-level"),
    "top-level contents write": (
        "permissions:\n  contents: read\nconcurrency",
        "permissions:\n  contents: write\nconcurrency",
        "top-level",
    ),
    "top-level pages write": (
        "permissions:\n  contents: read\nconcurrency",
        "permissions:\n  contents: read\n  pages: write\nconcurrency",
        "top-level",
    ),
    "build job writes pages": ("      pages: read\n", "      pages: write\n", "job build: `pages: write`"),
    "build job mints tokens": ("      pages: read\n", "      id-token: write\n", "job build: `id-token: write`"),
    "deploy job lacks id-token": ("      id-token: write\n", "", "permissions must be exactly"),
    "deploy job writes contents": (
        "      id-token: write\n",
        "      id-token: write\n      contents: write\n",
        "job deploy: `contents: write`",
    ),
    "deploy from another job": ("  deploy:\n", "  publish:\n", "only a job named `deploy`"),
    "credentials kept": ("          persist-credentials: false\n", "", "persist-credentials: false"),
    "credentials true": (
        "          persist-credentials: false\n",
        "          persist-credentials: true\n",
        "persist-credentials: false",
    ),
    "shallow checkout": ("          fetch-depth: 0\n", "", "fetch-depth: 0"),
    "no concurrency": ("concurrency:\n  group: pages\n  cancel-in-progress: false\n", "", "concurrency"),
    "cancelling deployments": ("  cancel-in-progress: false\n", "  cancel-in-progress: true\n", "cancel-in-progress"),
}


@pytest.mark.parametrize(("old", "new", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_each_rule_catches_a_broken_workflow(old: str, new: str, expected: str) -> None:
    assert old in GOOD
    problems = all_problems(GOOD.replace(old, new, 1))
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"python-version": "3.12", "cache": "pip", "cache-dependency-path": "requirements*.txt"}, "python-version"),
        ({"python-version": "3.11", "cache-dependency-path": "requirements*.txt"}, "cache"),
        ({"python-version": "3.11", "cache": "pip"}, "cache-dependency-path"),
    ],
)
def test_setup_python_rule_can_fail(options: dict[str, str], expected: str) -> None:
    step = {"uses": "actions/setup-python@a309ff8b426b58ec0e2a45f0f869d46889d02405", "with": options}
    problems = setup_python_problems({"jobs": {"test": {"steps": [step]}}})
    assert any(f"`{expected}:" in problem for problem in problems), problems


def test_reusable_workflow_jobs_are_checked_too() -> None:
    text = textwrap.dedent(
        """\
        on: push
        permissions:
          contents: read
        jobs:
          call:
            uses: octo-org/shared/.github/workflows/ci.yml@v1
        """
    )
    assert any("not pinned" in problem for problem in pinning_problems(text))
