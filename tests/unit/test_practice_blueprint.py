"""How the practice exam spreads its items over the exam-plan areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from confidant.examplan import load_exam_plan
from confidant.practice import area_shares, blueprint, families_per_area, fresh_exam_count, items_per_area
from confidant.questions import Question
from tests.unit.factories import make_question

ROOT = Path(__file__).resolve().parents[2]
PLAN = load_exam_plan(ROOT / "data/exam-plan.yml", ROOT / "schemas/exam-plan.schema.json", "data/exam-plan.yml")


def test_confirmed_weights_are_used_and_unconfirmed_ones_split_their_part_equally() -> None:
    shares = area_shares(PLAN)
    assert sum(shares.values()) == pytest.approx(1)
    assert shares["law-confidentiality"] == pytest.approx(0.16)
    assert shares["law-practice"] == pytest.approx(0.12)
    ethics = [shares[c] for c in ("ethics-competence", "ethics-relationship", "ethics-business")]
    # The unconfirmed 2024 ethics split follows the 2016-2023 plan's 18:27:15 proxy, rescaled to 56%.
    assert ethics == pytest.approx([0.56 * 18 / 60, 0.56 * 27 / 60, 0.56 * 15 / 60])


def test_a_full_exam_has_75_items_in_plan_proportions() -> None:
    counts = items_per_area(area_shares(PLAN), 75, dict.fromkeys(PLAN.areas, 100))
    assert sum(counts.values()) == 75
    assert counts["law-confidentiality"] == counts["law-reporting"] == 12
    assert counts["law-practice"] == 9
    ethics = [counts[c] for c in ("ethics-competence", "ethics-relationship", "ethics-business")]
    assert ethics == [13, 19, 10]


def test_a_small_bank_caps_the_exam_instead_of_repeating_questions() -> None:
    available = dict.fromkeys(PLAN.areas, 2)
    counts = items_per_area(area_shares(PLAN), 75, available)
    assert counts == available


def _question(qid: str, area: str, family: str) -> Question:
    return make_question(qid, area=area, family=family)


def test_an_area_offers_one_item_per_family() -> None:
    bank = [_question(f"q{i}", "law-practice", f"fact-{i % 3}") for i in range(9)]
    assert families_per_area(bank) == {"law-practice": 3}


def test_fresh_exams_are_limited_by_the_area_with_fewest_families_per_item() -> None:
    assert fresh_exam_count({"a": 10, "b": 5}, {"a": 65, "b": 40}) == 6
    assert fresh_exam_count({"a": 10, "b": 5}, {"a": 59, "b": 40}) == 5
    assert fresh_exam_count({"a": 10}, {}) == 0


def test_the_bank_blueprint_counts_fresh_full_exams() -> None:
    bank = [_question(f"q{i}", area, f"{area}-{i}") for area in PLAN.areas for i in range(40)]
    plan = blueprint(PLAN, bank)
    per_area = plan["full"]["perArea"]
    assert plan["freshFullExams"] == min(40 // n for n in per_area.values() if n)
