"""The five mistakes contributors make most often, each pinned to the message that tells them
what they did and where: the build of a copy of the small test site, broken in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_mkdocs_build

NEW_ENTRY = """\
      - id: sample-new
        area: law-reporting
        section: reporting
        stem: Who makes the report?
        choices:
          - text: The reporter
            correct: true
            feedback: The duty is personal.
          - text: The supervisor
            feedback: Not the supervisor.
          - text: The agency
            feedback: Not the agency.
          - text: The family
            feedback: Not the family.
        rationale: The duty is personal.
        citations:
          - Pen. Code § 11166(a)
"""

MISTAKES = {
    # A new entry pasted with its `- id:` under the last field of the entry above it.
    "wrong-indentation": (
        "data/questions/sample.yml",
        None,
        NEW_ENTRY,
        "data/questions/sample.yml:36 [sample-new]: this entry is indented inside the one above it (sample-report), "
        "so it became part of that entry's `citations`\n"
        "    36 |       - id: sample-new\n"
        "       |       ^\n"
        "  How to fix: start its `- id:` line with 2 spaces before it, like the other entries' `- id:` lines",
    ),
    "two-correct-answers": (
        "data/questions/sample.yml",
        "      - text: The court\n",
        "      - text: The court\n        correct: true\n",
        "data/questions/sample.yml:2 [sample-holder]: a single-answer item needs exactly one correct choice, found 2 "
        "correct choices (B and C)\n  How to fix: mark exactly one choice `correct: true`: keep it only on the best "
        "answer (now on B and C)",
    ),
    "misspelled-area": (
        "data/questions/sample.yml",
        "area: law-reporting",
        "area: law-reportng",
        "data/questions/sample.yml:19 [sample-report]: unknown area 'law-reportng'\n"
        "  How to fix: Did you mean `law-reporting`? Use an area code from data/exam-plan.yml:",
    ),
    "capitalised-key": (
        "data/questions/sample.yml",
        "        correct: true\n        feedback: Right, the patient holds it.",
        "        Correct: true\n        feedback: Right, the patient holds it.",
        "data/questions/sample.yml:2 [sample-holder]: choice B has the key `Correct`; keys are lower case\n"
        "  How to fix: write `correct:`",
    ),
    "missing-section": (
        "data/questions/sample.yml",
        "section: reporting",
        "section: reportng",
        "data/questions/sample.yml:19 [sample-report]: unknown section 'reportng': docs/chapters/sample.md has no "
        "heading with that id\n  How to fix: Did you mean `reporting`? Set `section:` to one of the chapter's "
        "heading ids: holder, reporting.",
    ),
    "no-section-line": (
        "data/questions/sample.yml",
        "    section: reporting\n",
        "",
        "data/questions/sample.yml:19 [sample-report]: `section` is missing\n  How to fix: add a `section:` line",
    ),
    "removed-heading-id": (
        "docs/chapters/sample.md",
        "## Reporting { #reporting }",
        "## Reporting",
        "docs/chapters/sample.md:18: the heading `## Reporting` has no `{ #id }`",
    ),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_a_common_mistake_gets_a_message_that_says_what_to_do(make_minisite, name: str) -> None:
    target, old, new, expected = MISTAKES[name]
    root = make_minisite()
    path: Path = root / target
    text = path.read_text(encoding="utf-8")
    if old is None:
        text += new
    else:
        assert old in text, f"fixture changed: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode != 0
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert "{'" not in result.output, "no entry printed as a Python dict"
