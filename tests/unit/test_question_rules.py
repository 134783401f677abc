"""One test per question-bank rule: each error names the file, the line, the question id and a fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from confidant.questions import load_bank, load_question_file, quiz_markdown

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "questions.schema.json"
AREAS = ["law-confidentiality", "law-reporting"]

GOOD_QUESTION = """\
  - id: q-good
    area: law-confidentiality
    section: holder
    stem: Who holds the privilege?
    choices:
      - text: The therapist
        feedback: No, the therapist never holds it.
      - text: The patient
        correct: true
        feedback: Yes.
      - text: The court
        feedback: No.
      - text: The supervisor
        feedback: No.
    rationale: The patient holds it.
    citations: [Evid. Code § 1013]
"""


def write(tmp_path: Path, body: str, name: str = "chapter.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return path


def error_for(tmp_path: Path, body: str) -> str:
    path = write(tmp_path, body)
    with pytest.raises(PluginError) as caught:
        load_question_file(path, "data/questions/chapter.yml", SCHEMA, AREAS)
    return str(caught.value)


def second_question(**changes: str) -> str:
    """The good question as the second item (line 18), with some lines replaced."""
    text = GOOD_QUESTION.replace("q-good", "q-bad")
    for old, new in changes.items():
        text = text.replace(old, new)
    return "questions:\n" + GOOD_QUESTION + text


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "questions:\n" + GOOD_QUESTION)
    [question] = load_question_file(path, "data/questions/chapter.yml", SCHEMA, AREAS)
    assert question.id == "q-good"
    assert question.correct_letters == "B"
    assert question.line == 2


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, "questions:\n  - id: x\n    stem: [unclosed\n    area: law\n")
    assert message.startswith("data/questions/chapter.yml:3: a list in square brackets `[…]` is not closed")
    assert "    3 |     stem: [unclosed\n      |           ^\n" in message
    assert "How to fix" in message


def test_schema_violation_names_line_id_and_field(tmp_path: Path) -> None:
    message = error_for(tmp_path, second_question(**{"    stem:": "    colour: blue\n    stem:"}))
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "unknown key `colour` in the entry" in message
    assert "the keys allowed here are `id`, `area`, `section`" in message


def test_no_correct_answer(tmp_path: Path) -> None:
    message = error_for(tmp_path, second_question(**{"        correct: true\n": ""}))
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "exactly one correct choice, found no correct choice" in message


def test_two_correct_answers_in_single_answer_item(tmp_path: Path) -> None:
    body = second_question(**{"      - text: The court\n": "      - text: The court\n        correct: true\n"})
    message = error_for(tmp_path, body)
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "found 2 correct choices" in message


def test_correct_false_on_a_wrong_choice_is_refused(tmp_path: Path) -> None:
    body = second_question(**{"      - text: The court\n": "      - text: The court\n        correct: false\n"})
    message = error_for(tmp_path, body)
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]: choice C has `correct: false`")


def test_select_all_items_are_refused_because_the_exam_has_one_best_answer(tmp_path: Path) -> None:
    message = error_for(tmp_path, second_question(**{"    stem:": "    multiple: true\n    stem:"}))
    assert "[q-bad]" in message and "select-all items (`multiple: true`) are not used" in message


def test_fewer_than_two_choices(tmp_path: Path) -> None:
    body = second_question()
    head, tail = body.rsplit("      - text: The therapist", 1)
    tail = tail.split("    rationale:", 1)[1]
    one_choice = "      - text: The patient\n        correct: true\n        feedback: Yes.\n    rationale:"
    message = error_for(tmp_path, head + one_choice + tail)
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "fewer than 2 choices" in message


def test_missing_rationale(tmp_path: Path) -> None:
    message = error_for(tmp_path, second_question(**{"    rationale: The patient holds it.\n": ""}))
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "missing rationale" in message


def test_missing_citation(tmp_path: Path) -> None:
    message = error_for(tmp_path, second_question(**{"    citations: [Evid. Code § 1013]\n": "    citations: []\n"}))
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "missing citation" in message


def test_unknown_area(tmp_path: Path) -> None:
    message = error_for(tmp_path, second_question(**{"area: law-confidentiality": "area: law-bogus"}))
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "unknown area 'law-bogus'" in message and "law-reporting" in message


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "click [here](javascript:alert(1))"],
)
def test_raw_html_and_script_urls_are_rejected(tmp_path: Path, payload: str) -> None:
    message = error_for(tmp_path, second_question(**{"Who holds the privilege?": f"'Who? {payload}'"}))
    assert message.startswith("data/questions/chapter.yml:18 [q-bad]")
    assert "stem:" in message and ("not allowed" in message or "must be full https://" in message)


def test_html_in_feedback_is_rejected(tmp_path: Path) -> None:
    message = error_for(tmp_path, second_question(**{"feedback: Yes.": "feedback: Yes <b>bold</b>."}))
    assert "choices[1].feedback" in message


def test_less_than_sign_in_prose_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "questions:\n" + GOOD_QUESTION.replace("Who holds", "For a child < 14, who holds"))
    assert load_question_file(path, "x.yml", SCHEMA, AREAS)


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, "questions:\n" + GOOD_QUESTION, "alpha.yml")
    write(tmp_path, "questions:\n" + GOOD_QUESTION, "beta.yml")
    with pytest.raises(PluginError) as caught:
        load_bank(tmp_path, SCHEMA, AREAS, tmp_path.parent)
    message = str(caught.value)
    assert f"{tmp_path.name}/beta.yml:2 [q-good]" in message
    assert f"already used at {tmp_path.name}/alpha.yml:2" in message


def test_quiz_markdown_marks_the_correct_choice_and_keeps_feedback(tmp_path: Path) -> None:
    path = write(tmp_path, "questions:\n" + GOOD_QUESTION)
    [question] = load_question_file(path, "x.yml", SCHEMA, AREAS)
    block = quiz_markdown(question, 3)
    assert block.startswith('<quiz>\n<p id="q-q-good"><strong>Question 3.</strong> Who holds the privilege?</p>')
    assert "- [x] The patient\n> <strong>Correct.</strong>" in block
    assert "- [ ] The therapist\n> <strong>Not the best answer.</strong> The therapist never holds it." in block
    # The explanation and sources follow the choices as HTML, one line each (one raw block for Markdown).
    assert (
        "\n\n<p><strong>Why:</strong> The patient holds it.</p>\n<p><strong>Sources:</strong> Evid. Code § 1013</p>\n"
        in block
    )
    assert block.endswith("</quiz>")
