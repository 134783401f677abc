"""Print the item audit of the question bank and exit non-zero when a limit is not met.

    python -m tools.audit_items            # the bank in data/questions/
    python -m tools.audit_items --root DIR # another checkout

See hooks/confidant/itemaudit.py for what is measured and why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from mkdocs.exceptions import PluginError  # noqa: E402

from confidant import itemaudit  # noqa: E402
from confidant.examplan import load_exam_plan  # noqa: E402
from confidant.questions import Question, load_bank  # noqa: E402


def load_questions(root: Path) -> list[Question]:
    plan = load_exam_plan(root / "data/exam-plan.yml", root / "schemas/exam-plan.schema.json", "data/exam-plan.yml")
    bank = load_bank(
        root / "data/questions", root / "schemas/questions.schema.json", plan.areas.keys(), root, plan.choices_per_item
    )
    return [question for questions in bank.values() for question in questions]


def _file(source: str) -> str:
    return Path(source).stem


def report(result: itemaudit.AuditResult) -> str:
    lines = ["Item audit: surface cues and a leave-one-file-out guesser (chance = 25%)", ""]
    header = f"{'file':<28}{'items':>6}{'guesser':>9}{'vignette':>10}{'key longest':>13}{'key shortest':>14}"
    lines += [header, "-" * len(header)]
    for source, cues in result.cues_by_file.items():
        lines.append(
            f"{_file(source):<28}{cues.items:>6}{result.guesser_by_file.get(source, 0):>9.0%}"
            f"{result.vignette_by_file.get(source, 0):>10.0%}{cues.key_longest:>13.0%}{cues.key_shortest:>14.0%}"
        )
    bank = result.cues_bank
    lines.append(
        f"{'whole bank':<28}{bank.items:>6}{result.guesser_bank:>9.0%}{result.vignette_bank:>10.0%}"
        f"{bank.key_longest:>13.0%}{bank.key_shortest:>14.0%}"
    )
    lines += ["", "Cue rates, keys vs distractors (shares of options; clauses and overlaps are means):"]
    names = list(bank.key_vs_distractor)
    lines.append(f"{'file':<28}" + "".join(f"{name:>22}" for name in names))
    for source, cues in [*result.cues_by_file.items(), ("whole bank", bank)]:
        cells = "".join(f"{k:>10.2f} vs {d:<8.2f}" for k, d in cues.key_vs_distractor.values())
        lines.append(f"{_file(source) if source != 'whole bank' else source:<28}{cells}")
    lines += ["", "Single-cue rules over the whole bank (pick the option with the most / least of it):"]
    for name, (rule, accuracy) in sorted(result.features.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"  {accuracy:>5.0%}  {rule:<5} {name}")
    lines += ["", "Vignette stems (45+ words) by area:"]
    lines += [f"  {share:>5.0%}  {area}" for area, share in result.vignette_by_area.items()]
    familied = [pair for pair in result.duplicates if pair.first.family == pair.second.family]
    lines += ["", f"Near-duplicate pairs: {len(result.duplicates)} ({len(familied)} inside one family)"]
    lines += [
        f"  {pair.similarity:.2f}  {pair.first.id} / {pair.second.id}"
        + ("" if pair.first.family == pair.second.family else "  <- no shared family")
        for pair in result.duplicates
    ]
    lines.append("")
    if result.passed:
        lines.append("PASSED: every limit of the item audit is met.")
    else:
        lines.append(f"FAILED: {len(result.problems)} problem(s)")
        lines += [f"  - {problem}" for problem in result.problems]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project checkout to audit")
    args = parser.parse_args(argv)
    try:
        questions = load_questions(args.root.resolve())
    except PluginError as error:
        print(error, file=sys.stderr)
        return 2
    result = itemaudit.audit(questions)
    print(report(result))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
