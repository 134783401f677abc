"""The timed practice exam: how many items each exam-plan area gets, and the bank as page data."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .examplan import ExamPlan
from .questions import Question

FULL_EXAM = "full"
SHORT_EXAM = "short"
SHORT_ITEMS = 25
SHORT_MINUTES = 30


def area_shares(plan: ExamPlan) -> dict[str, float]:
    """Each area's share of the exam (fractions summing to 1).

    Areas with a confirmed weight use it. A part whose areas have no confirmed weight (the
    2024 ethics sub-areas) splits what is left of the part's weight in proportion to the areas'
    proxy weights (the 2016-2023 plan's 18/27/15), or equally when any area lacks one: an explicit
    assumption, shown to the reader, not a claim about the official plan.
    """
    shares: dict[str, float] = {}
    for part, part_weight in plan.part_weights.items():
        areas = [a for a in plan.areas.values() if a.part == part]
        known = {a.code: a.weight for a in areas if a.confirmed and a.weight is not None}
        unknown = [a.code for a in areas if a.code not in known]
        remaining = (part_weight or 0) - sum(known.values())
        shares.update({code: weight / 100 for code, weight in known.items()})
        proxies = {code: plan.areas[code].proxy_weight for code in unknown}
        if unknown and all(proxies.values()):
            total_proxy = sum(proxies.values())
            shares.update({code: remaining * proxies[code] / total_proxy / 100 for code in unknown})
        else:
            shares.update({code: remaining / len(unknown) / 100 for code in unknown})
    total = sum(shares.values()) or 1
    return {code: share / total for code, share in shares.items()}


def items_per_area(shares: Mapping[str, float], items: int, available: Mapping[str, int]) -> dict[str, int]:
    """Largest-remainder rounding of `items` over the shares, capped by what the bank holds."""
    exact = {code: share * items for code, share in shares.items()}
    counts = {code: min(int(value), available.get(code, 0)) for code, value in exact.items()}
    by_remainder = sorted(exact, key=lambda code: exact[code] - int(exact[code]), reverse=True)
    while sum(counts.values()) < items:
        grown = False
        for code in by_remainder:
            if sum(counts.values()) >= items:
                break
            if counts[code] < available.get(code, 0):
                counts[code] += 1
                grown = True
        if not grown:
            break  # the bank is smaller than the exam
    return counts


def families_per_area(questions: Sequence[Question]) -> dict[str, int]:
    """How many distinct families (facts tested) each area holds: an exam draws one item per family."""
    families: dict[str, set[str]] = {}
    for question in questions:
        families.setdefault(question.area, set()).add(question.family)
    return {area: len(found) for area, found in families.items()}


def fresh_exam_count(per_area: Mapping[str, int], families: Mapping[str, int]) -> int:
    """How many exams of this blueprint can be drawn one after another with no family repeated."""
    counts = [families.get(area, 0) // wanted for area, wanted in per_area.items() if wanted > 0]
    return min(counts) if counts else 0


def blueprint(plan: ExamPlan, questions: Sequence[Question]) -> dict[str, Any]:
    # An exam takes at most one item per family, so an area can give as many items as it has families.
    available = families_per_area(questions)
    shares = area_shares(plan)
    full = items_per_area(shares, plan.items, available)
    return {
        # The exam-plan areas in the plan's order: the results table follows it.
        "areas": [{"code": area.code, "title": area.title} for area in plan.areas.values()],
        "familiesPerArea": available,
        "freshFullExams": fresh_exam_count(full, available),
        FULL_EXAM: {
            "items": plan.items,
            "minutes": plan.minutes,
            "perArea": full,
        },
        SHORT_EXAM: {
            "items": SHORT_ITEMS,
            "minutes": SHORT_MINUTES,
            "perArea": items_per_area(shares, SHORT_ITEMS, available),
        },
    }


def bank_for_page(
    questions: Sequence[Question],
    plan: ExamPlan,
    chapter_link: Callable[[Question], tuple[str, str]],
) -> list[dict[str, Any]]:
    """Every question as the practice exam's script needs it: its safe HTML, rendered once per build."""
    rows = []
    for question in questions:
        title, href = chapter_link(question)
        rows.append(
            {
                "id": question.id,
                "area": question.area,
                "areaTitle": plan.areas[question.area].title,
                "family": question.family,
                "chapter": title,
                "href": href,
                "stem": question.html.stem,
                "choices": list(question.html.choices),
                "correct": [i for i, choice in enumerate(question.choices) if choice.correct],
                "rationale": question.html.rationale,
                "citations": list(question.html.citations),
            }
        )
    return rows
