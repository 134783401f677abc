"""Print the question bank's size by exam-plan area, file and topic, and how many fresh exams it holds.

python -m tools.bank_report            # Markdown tables on standard output
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from confidant.examplan import load_exam_plan  # noqa: E402
from confidant.itemaudit import is_vignette  # noqa: E402
from confidant.practice import blueprint  # noqa: E402
from confidant.questions import Question, load_bank  # noqa: E402

# Targets from the law and ethics bank issues: items per area on main.
TARGETS = {
    "law-confidentiality": 86,
    "law-reporting": 86,
    "law-practice": 66,
    "ethics-competence": 90,
    "ethics-relationship": 120,
    "ethics-business": 80,
}


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def report(root: Path) -> str:
    plan = load_exam_plan(root / "data/exam-plan.yml", root / "schemas/exam-plan.schema.json", "data/exam-plan.yml")
    bank = load_bank(
        root / "data/questions", root / "schemas/questions.schema.json", plan.areas.keys(), root, plan.choices_per_item
    )
    questions: list[Question] = [q for qs in bank.values() for q in qs]
    exam = blueprint(plan, questions)
    per_exam = exam["full"]["perArea"]
    lines = [f"# Question bank: {len(questions)} items, {len({q.family for q in questions})} families", ""]
    rows = []
    for code, area in plan.areas.items():
        mine = [q for q in questions if q.area == code]
        families = exam["familiesPerArea"].get(code, 0)
        wanted = per_exam.get(code, 0)
        rows.append(
            [
                f"{code} ({area.title})",
                len(mine),
                TARGETS.get(code, "-"),
                families,
                wanted,
                families // wanted if wanted else "-",
                f"{sum(map(is_vignette, mine)) / len(mine):.0%}" if mine else "-",
            ]
        )
    header = ["area", "items", "target", "families", "per full exam", "fresh exams", "vignettes"]
    lines += _table(header, rows)
    lines += ["", f"Fresh full exams (no family repeated): **{exam['freshFullExams']}**", ""]
    lines += _table(
        ["file", "items", "families"],
        [[name, len(qs), len({q.family for q in qs})] for name, qs in sorted(bank.items())],
    )
    sections = Counter((q.chapter, q.section) for q in questions)
    lines += ["", "Items per chapter section (each section teaches one topic before its questions):", ""]
    lines += _table(
        ["chapter", "section", "items"],
        [[chapter, f"#{section}", count] for (chapter, section), count in sorted(sections.items())],
    )
    topics = Counter(tag for q in questions for tag in q.tags)
    lines += ["", "Items per topic tag (an item can carry several tags):", ""]
    lines += _table(
        ["topic", "items"], [[tag, count] for tag, count in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))]
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project checkout to report on")
    args = parser.parse_args(argv)
    print(report(args.root.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
