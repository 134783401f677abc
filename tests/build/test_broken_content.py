"""Broken content fails `mkdocs build` with a clear message: file, line, entry, fix. Never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_mkdocs_build


def build(root: Path):
    return run_mkdocs_build(root / "mkdocs.yml", root / "site")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_the_minisite_builds_cleanly(make_minisite) -> None:
    root = make_minisite()
    result = build(root)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    html = (root / "site/chapters/sample/index.html").read_text()
    assert html.count('<div class="quiz"') == 2


@pytest.mark.parametrize(
    ("target", "old", "new", "expected"),
    [
        (
            "data/questions/sample.yml",
            "        correct: true\n        feedback: Right, the patient holds it.",
            "        feedback: Right, the patient holds it.",
            "data/questions/sample.yml:2 [sample-holder]: a single-answer item needs exactly one correct choice",
        ),
        (
            "data/questions/sample.yml",
            "section: reporting",
            "section: nowhere",
            "data/questions/sample.yml:19 [sample-report]: unknown section anchor 'nowhere'",
        ),
        (
            "docs/chapters/sample.md",
            "<!-- questions -->",
            "",
            "data/questions/sample.yml:19 [sample-report]: questions with no marker in docs/chapters/sample.md",
        ),
        (
            "docs/chapters/other.md",
            "Nothing to check",
            "<!-- questions -->\n\nNothing to check",
            "docs/chapters/other.md:9: question marker on a page that has no questions",
        ),
        (
            "data/glossary.yml",
            "    slug: canra",
            "    slug: privilege",
            "data/glossary.yml:11 [Child Abuse and Neglect Reporting Act]: duplicate slug 'privilege'",
        ),
        (
            "docs/chapters/sample.md",
            "last_reviewed: 2026-11-26",
            "last_reviewed: soon",
            "docs/chapters/sample.md:1: `last_reviewed: soon` is not a date",
        ),
        (
            "docs/chapters/sample.md",
            "## Reporting { #reporting }",
            "## Reporting { #reporting }\n\nSee [missing](missing.md).",
            "contains a link 'missing.md', but the target 'chapters/missing.md' is not found",
        ),
    ],
    ids=[
        "no-correct-answer",
        "unknown-section",
        "no-marker",
        "marker-without-questions",
        "duplicate-slug",
        "bad-review-date",
        "broken-link",
    ],
)
def test_broken_content_fails_with_a_clear_message(make_minisite, target, old, new, expected) -> None:
    root = make_minisite()
    edit(root / target, old, new)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
