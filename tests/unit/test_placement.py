"""Markers decide where questions go; every marker needs questions and every question a marker."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from confidant.links import report_url
from confidant.placement import find_markers, place_questions, unknown_sections
from confidant.questions import Choice, Question
from tests.unit.factories import make_question


def question(qid: str, section: str) -> Question:
    return make_question(
        qid,
        section=section,
        stem=f"Stem of {qid}?",
        choices=(Choice("Right", "Yes.", True), Choice("Wrong", "No.", False)),
        line=7,
    )


CHAPTER = (
    "# T\n\n## Holder { #holder }\n\nText.\n\n<!-- questions: holder -->\n\n## Other { #other }\n\n<!-- questions -->\n"
)


def test_section_marker_and_review_marker_share_the_questions() -> None:
    result = place_questions(CHAPTER, [question("a", "holder"), question("b", "other")], "docs/c.md", "d.yml").markdown
    holder_part, review_part = result.split("## Check your understanding")
    assert '<p id="q-a"><strong>Question 1.</strong> Stem of a?</p>' in holder_part
    assert "Stem of b" not in holder_part
    assert '<p id="q-b"><strong>Question 2.</strong> Stem of b?</p>' in review_part
    assert review_part.rstrip().endswith("<!-- mkdocs-quiz results -->\n<!-- /confidant:results -->")
    assert "<!-- questions" not in result


def test_results_panel_is_added_when_there_is_no_review_marker() -> None:
    markdown = "## Holder { #holder }\n\n<!-- questions: holder -->\n"
    result = place_questions(markdown, [question("a", "holder")], "docs/c.md", "d.yml").markdown
    assert result.rstrip().endswith("<!-- mkdocs-quiz results -->\n<!-- /confidant:results -->")


def test_marker_with_no_questions_fails_with_page_and_line() -> None:
    with pytest.raises(PluginError) as caught:
        place_questions(CHAPTER, [question("a", "holder")], "docs/c.md", "d.yml", line_offset=5)
    message = str(caught.value)
    assert message.startswith("docs/c.md:16:")
    assert "`<!-- questions -->` has no questions" in message


def test_section_marker_with_no_questions_fails() -> None:
    with pytest.raises(PluginError) as caught:
        place_questions(CHAPTER, [question("b", "other")], "docs/c.md", "d.yml")
    assert "docs/c.md:7:" in str(caught.value)
    assert "questions: holder" in str(caught.value)


def test_questions_with_no_marker_fail_naming_data_file_line_and_id() -> None:
    with pytest.raises(PluginError) as caught:
        place_questions("## Holder { #holder }\n", [question("a", "holder")], "docs/c.md", "d.yml")
    message = str(caught.value)
    assert message.startswith("data/questions/sample.yml:7 [a]")
    assert "questions with no marker in docs/c.md" in message


def test_markers_inside_code_fences_are_ignored() -> None:
    markdown = "```markdown\n<!-- questions -->\n```\n"
    assert find_markers(markdown) == []


def test_unknown_section_is_reported() -> None:
    missing = unknown_sections([question("a", "holder"), question("b", "nowhere")], {"holder"})
    assert [q.id for q in missing] == ["b"]


def test_each_question_offers_a_report_link_and_no_contributor_details() -> None:
    result = place_questions(
        CHAPTER,
        [question("a", "holder"), question("b", "other")],
        "docs/c.md",
        "data/questions/c.yml",
        0,
        lambda question_id: report_url("https://example.invalid/repo", question_id, "https://example.invalid/c/"),
    ).markdown
    review = result.split("## Check your understanding", 1)[1]
    assert "data/questions" not in result and "Question ID" not in result
    link = (
        '<a href="https://example.invalid/repo/issues/new?template=content-error.yml&amp;'
        "title=Content+error%3A+question+b&amp;statement=Question+b&amp;page=https%3A%2F%2Fexample.invalid%2Fc%2F"
        '">Report a problem with this question</a>'
    )
    assert link in review
