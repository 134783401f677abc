"""List the California code sections the guide cites that no one has checked against primary text.

    python -m tools.authorities_report         # sections never checked, checked over a year ago,
                                               # any citation of a repealed or renumbered section, and
                                               # authorities cited in questions but taught in no chapter

Exit status 1 when a citation uses a section that data/authorities.yml marks repealed or renumbered.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from confidant import authorities, citations  # noqa: E402
from confidant.glossary import load_glossary  # noqa: E402
from tools.audit_items import load_questions  # noqa: E402


def all_citations(root: Path) -> list[authorities.CitedSection]:
    questions = load_questions(root)
    terms = load_glossary(root / "data/glossary.yml", "data/glossary.yml", root / "schemas/glossary.schema.json")
    entries = [
        (f"{q.source}: {q.id}", [*q.citations, q.rationale, q.stem, *(c.feedback for c in q.choices)])
        for q in questions
    ]
    entries += [(f"data/glossary.yml: {t.term}", [*t.citations, t.definition]) for t in terms]
    return [
        *authorities.cited_in_entries(entries),
        *authorities.cited_in_chapters(root / "docs/chapters", root),
        *authorities.cited_in_chapters(root / "docs/about", root),
    ]


def only_in_questions(root: Path) -> dict[citations.Authority, list[str]]:
    """Authorities a question cites that no chapter cites: the question tests what the guide never taught."""
    taught: list[tuple[citations.Citation, authorities.Place]] = []
    for path in sorted((root / "docs/chapters").glob("*.md")):
        source = path.read_text(encoding="utf-8")
        markdown, offset = authorities.page_markdown(source)
        taught += authorities.page_places(f"chapters/{path.name}", source, citations.read_markdown(markdown, offset))
    asked = authorities.question_places(load_questions(root))
    registry = citations.Registry(c for c, _ in taught + asked)
    in_chapters = {registry.resolve(c.authority) for c, _ in taught}
    result: dict[citations.Authority, list[str]] = {}
    for citation, place in asked:
        authority = registry.resolve(citation.authority)
        if authority not in in_chapters:
            ids = result.setdefault(authority, [])
            question = place.anchor.removeprefix("q-")
            if question not in ids:
                ids.append(question)
    return dict(sorted(result.items(), key=lambda item: item[0].sort_key))


def load_known(root: Path) -> dict[str, authorities.Authority]:
    return authorities.load_authorities(
        root / "data/authorities.yml", root / "schemas/authorities.schema.json", "data/authorities.yml"
    )


def report(root: Path, today: dt.date) -> tuple[str, bool]:
    cited = all_citations(root)
    known = load_known(root)
    distinct = {c.section for c in cited}
    unchecked = authorities.unchecked_sections(cited, known)
    stale = authorities.stale_sections(known, today)
    repealed = authorities.repealed_citations(cited, known)
    checked = [s for s in distinct if s in known and known[s].checked]
    lines = [
        f"California code sections cited: {len(distinct)} (in {len(cited)} citations); "
        f"checked against primary text: {len(checked)}; not yet checked: {len(unchecked)}",
        "",
        "Not yet checked (start the next review here):",
    ]
    for section in sorted(unchecked, key=_sort_key):
        places = unchecked[section]
        more = f" and {len(places) - 3} more" if len(places) > 3 else ""
        reason = f" [{known[section].note}]" if section in known and known[section].note else ""
        lines.append(f"  {section}{reason}: {'; '.join(places[:3])}{more}")
    lines += ["", f"Checked more than a year before {today.isoformat()}:"]
    lines += [f"  {a.section} (checked {a.checked})" for a in sorted(stale, key=lambda a: _sort_key(a.section))] or [
        "  none"
    ]
    lines += ["", "Citations of repealed or renumbered sections:"]
    lines += [f"  {problem}" for problem in repealed] or ["  none"]
    untaught = only_in_questions(root)
    lines += [
        "",
        f"Cited only in questions, never in a chapter ({len(untaught)}; teach it or cite what the chapter cites):",
    ]
    lines += [f"  {a.display}: {', '.join(ids)}" for a, ids in untaught.items()] or ["  none"]
    return "\n".join(lines), not repealed


def _sort_key(section: str) -> tuple[str, list[float]]:
    code, _, number = section.partition(" § ")
    return code, [float(part) for part in number.split(".") if part.isdigit()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    text, ok = report(args.root.resolve(), dt.date.today())
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
