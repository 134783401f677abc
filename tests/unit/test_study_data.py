"""The study pages' data: the bank's metadata for My progress and the safe HTML for review sessions."""

from __future__ import annotations

from pathlib import Path

from confidant.examplan import load_exam_plan
from confidant.questions import Choice, Question
from confidant.study import ChapterInfo, bank_metadata, review_bank
from tests.unit.factories import make_question

ROOT = Path(__file__).resolve().parents[2]
PLAN = load_exam_plan(ROOT / "data/exam-plan.yml", ROOT / "schemas/exam-plan.schema.json", "data/exam-plan.yml")


CHOICES = (Choice("A", "a", False), Choice("*B*", "b", True), Choice("C", "c", False), Choice("D", "d", False))


def question(qid: str, area: str, chapter: str, section: str, stem: str = "Stem?") -> Question:
    return make_question(
        qid, area=area, section=section, stem=stem, choices=CHOICES, source=f"data/questions/{chapter}.yml"
    )


QUESTIONS = [
    question("q1", "law-reporting", "abuse", "deadlines"),
    question("q2", "law-confidentiality", "conf", "breach"),
]
CHAPTERS = [
    ChapterInfo(
        "conf", "Confidentiality &amp; you", "../chapters/conf/", {"breach": "When &lt;not&gt; to tell", "x": "X"}
    ),
    ChapterInfo("abuse", "Child abuse", "../chapters/abuse/", {"deadlines": "Deadlines"}),
    ChapterInfo("empty", "No questions", "../chapters/empty/", {}),
]


def test_metadata_keeps_plan_and_reading_order_and_only_sections_with_questions() -> None:
    meta = bank_metadata(QUESTIONS, PLAN, CHAPTERS)
    assert [a["code"] for a in meta["areas"]] == list(PLAN.areas)
    assert [c["id"] for c in meta["chapters"]] == ["conf", "abuse"]
    assert meta["chapters"][0]["title"] == "Confidentiality & you"  # plain text: the page inserts it as text
    assert meta["sections"] == {
        "conf#breach": {"title": "When <not> to tell", "href": "../chapters/conf/#breach"},
        "abuse#deadlines": {"title": "Deadlines", "href": "../chapters/abuse/#deadlines"},
    }
    assert meta["questions"][0] == {
        "id": "q1",
        "area": "law-reporting",
        "chapter": "abuse",
        "section": "deadlines",
        "family": "q1",
    }
    assert "stem" not in meta["questions"][0]


def test_review_bank_carries_the_safe_render_and_the_feedback_of_every_choice() -> None:
    unsafe = question("q3", "law-reporting", "abuse", "deadlines", stem="Is <script>alert(1)</script> *here*?")
    bank = review_bank([*QUESTIONS, unsafe], lambda q: f"../chapters/{q.chapter}/#{q.section}")
    assert bank["q1"]["correct"] == 1
    assert bank["q1"]["choices"][1] == QUESTIONS[0].html.choices[1]
    assert bank["q1"]["feedback"][1].startswith("<strong>Correct.</strong>")
    assert bank["q1"]["href"] == "../chapters/abuse/#deadlines"
    assert "<script" not in bank["q3"]["stem"] and "<em>here</em>" in bank["q3"]["stem"]
