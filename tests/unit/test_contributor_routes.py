"""The routes CONTRIBUTING.md describes hold: the no-install route through GitHub, serving (never
opening from disk) the built site, hooks that run from any git client, and the editor support."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from confidant.questions import AUTHOR_VERDICT

ROOT = Path(__file__).resolve().parents[2]
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
CI = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
OPEN_FROM_DISK = re.compile(r"open\s+`?(?:site/)?index\.html", re.IGNORECASE)


def section(heading: str) -> str:
    start = CONTRIBUTING.index(f"\n## {heading}\n")
    return CONTRIBUTING[start : CONTRIBUTING.index("\n## ", start + 1)]


def test_the_browser_route_goes_from_the_web_editor_to_the_built_site() -> None:
    route = " ".join(section("Contribute from your browser").split())
    for step in (
        "Edit this page",
        "Commit changes",
        "start a pull request",
        "on the line that caused it",
        "How to fix",
        "confidant-site",
        "downloads/confidant-study-guide.pdf",
        "python3 -m http.server -d confidant-site 8000",
    ):
        assert step in route, step


def test_the_artifact_the_route_names_is_the_one_ci_uploads() -> None:
    workflow = yaml.safe_load(CI)
    uploads = [step["with"] for step in workflow["jobs"]["build"]["steps"] if "upload-artifact" in step.get("uses", "")]
    assert [upload["name"] for upload in uploads] == ["confidant-site"]
    assert uploads[0]["path"].rstrip("/") == "site"
    assert 'Path("downloads/confidant-study-guide.pdf")' in (ROOT / "tools" / "pdf.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "README.md", ".github/workflows/ci.yml"])
def test_no_document_says_to_open_the_site_from_disk(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert not OPEN_FROM_DISK.search(text), OPEN_FROM_DISK.search(text)
    assert "http.server" in text


def test_every_pre_commit_hook_calls_the_projects_virtualenv() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert hooks
    for hook in hooks:
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]
    assert ".venv/bin/pre-commit install" in CONTRIBUTING and "make .venv/.dev" in CONTRIBUTING


def test_contributing_explains_editor_support_and_skipped_tests() -> None:
    settings = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert "schemas/questions.schema.json" in settings
    assert ".vscode/settings.json" in CONTRIBUTING and "redhat.vscode-yaml" in CONTRIBUTING
    assert "tests/build/test_own_words.py" in CONTRIBUTING
    own_words = (ROOT / "tests" / "build" / "test_own_words.py").read_text(encoding="utf-8")
    assert "shared/source/confidentiality-article.txt" in CONTRIBUTING
    assert '"shared" / "source" / "confidentiality-article.txt"' in own_words


def test_example_feedback_leaves_the_verdict_to_the_site() -> None:
    blocks = re.findall(r"^```yaml\n(.*?)^```$", CONTRIBUTING, re.MULTILINE | re.DOTALL)
    feedback = [
        choice["feedback"]
        for block in blocks
        for question in (yaml.safe_load(block) or {}).get("questions", [])
        for choice in question.get("choices", [])
        if "feedback" in choice
    ]
    assert len(feedback) >= 4
    assert not [text for text in feedback if AUTHOR_VERDICT.match(text)]
