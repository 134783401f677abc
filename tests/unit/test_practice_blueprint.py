"""How the practice exam spreads its items over the exam-plan areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from confidant.examplan import load_exam_plan
from confidant.practice import area_shares, items_per_area

ROOT = Path(__file__).resolve().parents[2]
PLAN = load_exam_plan(ROOT / "data/exam-plan.yml", ROOT / "schemas/exam-plan.schema.json", "data/exam-plan.yml")


def test_confirmed_weights_are_used_and_unconfirmed_ones_split_their_part_equally() -> None:
    shares = area_shares(PLAN)
    assert sum(shares.values()) == pytest.approx(1)
    assert shares["law-confidentiality"] == pytest.approx(0.16)
    assert shares["law-practice"] == pytest.approx(0.12)
    ethics = [shares[c] for c in ("ethics-competence", "ethics-relationship", "ethics-business")]
    assert ethics == pytest.approx([0.56 / 3] * 3)


def test_a_full_exam_has_75_items_in_plan_proportions() -> None:
    counts = items_per_area(area_shares(PLAN), 75, dict.fromkeys(PLAN.areas, 100))
    assert sum(counts.values()) == 75
    assert counts["law-confidentiality"] == counts["law-reporting"] == 12
    assert counts["law-practice"] == 9
    assert sorted(counts[c] for c in ("ethics-competence", "ethics-relationship", "ethics-business")) == [14, 14, 14]


def test_a_small_bank_caps_the_exam_instead_of_repeating_questions() -> None:
    available = dict.fromkeys(PLAN.areas, 2)
    counts = items_per_area(area_shares(PLAN), 75, available)
    assert counts == available
