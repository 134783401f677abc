"""Every rule CONTRIBUTING.md states says who checks it, and every rule it says the build checks is
mapped here to the tests that break that rule and expect the build to refuse it."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
# The sections that state rules, each up to the next one (the chapter example holds `##` headings itself).
SECTIONS = ("## Add or fix a chapter", "## Add or fix a question", "## Add or fix a glossary term", "## Citation style")
RULE = re.compile(r"^- \*\*(?P<label>[^*]+?)\*\*(?P<body>.*?)(?=^- |^\S|\Z)", re.MULTILINE | re.DOTALL)
BUILD, REVIEWERS = "*Checked by the build", "*Checked by reviewers"

# Rule label -> the tests (file, the test's name or parametrize id) that break the rule and expect the
# build (or the loader the build calls) to refuse it with its message.
CHECKS: dict[str, list[tuple[str, str]]] = {
    "Front matter": [
        ("tests/build/test_broken_content.py", "bad-review-date"),
        ("tests/build/test_broken_content.py", "future-review-date"),
    ],
    "Heading ids": [
        ("tests/build/test_common_mistakes.py", "removed-heading-id"),
        ("tests/build/test_common_mistakes.py", "missing-section"),
    ],
    "Links between chapters": [("tests/build/test_broken_content.py", "broken-link")],
    "Web-only text": [("tests/build/test_pdf.py", "test_no_web_only_phrases_in_the_pdf")],
    "Question markers": [
        ("tests/build/test_broken_content.py", "no-marker"),
        ("tests/build/test_broken_content.py", "marker-without-questions"),
    ],
    "Four choices, one correct": [
        ("tests/build/test_broken_content.py", "three-choices"),
        ("tests/build/test_common_mistakes.py", "two-correct-answers"),
        ("tests/unit/test_question_rules.py", "test_no_correct_answer"),
        ("tests/unit/test_question_rules.py", "test_correct_false_on_a_wrong_choice_is_refused"),
        ("tests/build/test_broken_content.py", "select-all-item"),
    ],
    "Lower-case keys": [
        ("tests/build/test_common_mistakes.py", "capitalised-key"),
        ("tests/unit/test_question_rules.py", "test_schema_violation_names_line_id_and_field"),
    ],
    "Feedback on every choice": [("tests/unit/test_yaml_messages.py", "test_schema_errors_name_the_field")],
    "Rationale and citation": [
        ("tests/unit/test_question_rules.py", "test_missing_rationale"),
        ("tests/unit/test_question_rules.py", "test_missing_citation"),
    ],
    "Area and section": [
        ("tests/build/test_common_mistakes.py", "misspelled-area"),
        ("tests/build/test_common_mistakes.py", "missing-section"),
        ("tests/build/test_common_mistakes.py", "no-section-line"),
    ],
    "No raw HTML": [
        ("tests/unit/test_question_rules.py", "test_raw_html_and_script_urls_are_rejected"),
        ("tests/unit/test_question_rules.py", "test_html_in_feedback_is_rejected"),
    ],
    "Quoting": [("tests/unit/test_yaml_messages.py", "colon-in-text")],
    "Vignettes": [("tests/unit/test_item_audit.py", "test_the_question_bank_meets_every_limit_of_the_item_audit")],
    "Unique ids": [("tests/unit/test_question_rules.py", "test_duplicate_id_across_files")],
    "Required fields and slugs": [
        ("tests/unit/test_glossary_rules.py", "test_schema_error_names_entry_and_line"),
        ("tests/unit/test_glossary_rules.py", "test_duplicate_slug"),
        ("tests/unit/test_glossary_rules.py", "test_unknown_see_also"),
        ("tests/unit/test_glossary_rules.py", "test_empty_definition"),
    ],
    "One entry per spelling": [
        ("tests/unit/test_glossary_rules.py", "test_alias_equal_to_another_entrys_alias"),
        ("tests/unit/test_glossary_rules.py", "test_alias_equal_to_another_entrys_term"),
    ],
    "No HTML in definitions": [("tests/unit/test_glossary_rules.py", "test_raw_html_in_definition")],
}


def rules() -> dict[str, str]:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for heading, following in itertools.pairwise(SECTIONS):
        section = text[text.index(f"\n{heading}\n") : text.index(f"\n{following}\n")]
        for match in RULE.finditer(section):
            found[match["label"].rstrip(":. ")] = " ".join(match["body"].split())
    return found


RULES = rules()


def test_contributing_states_the_rules_of_chapters_questions_and_glossary() -> None:
    assert len(RULES) >= 20, sorted(RULES)


@pytest.mark.parametrize("label", sorted(RULES))
def test_every_rule_says_who_checks_it(label: str) -> None:
    body = RULES[label]
    assert (BUILD in body) != (REVIEWERS in body), f"{label!r}: mark it {BUILD}* or {REVIEWERS}*"


def build_rules() -> list[str]:
    return sorted(label for label, body in RULES.items() if BUILD in body)


def test_every_rule_the_build_checks_is_mapped_to_its_tests_and_only_those() -> None:
    assert sorted(CHECKS) == build_rules()


@pytest.mark.parametrize("label", build_rules())
def test_the_tests_of_a_build_rule_exist(label: str) -> None:
    for path, name in CHECKS[label]:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert f"def {name}" in source or f'"{name}"' in source, f"{label}: no test {name!r} in {path}"
