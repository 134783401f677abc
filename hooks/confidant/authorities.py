"""California code sections the guide cites, and when each was last checked against primary text.

`data/authorities.yml` records, per code section, the date someone read the current statute text
and what they found (current, amended, repealed, renumbered). This module finds every California
code section cited in questions, glossary entries and chapter prose, so that a test can fail when a
citation uses a section marked repealed or renumbered, and a report can list the sections no one
has checked yet. (A full citation grammar for every kind of authority is a later step; this reads
the California code forms of the citation style in CONTRIBUTING.md.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import content_error
from .yamldata import load_yaml, validate_against_schema

# The codes whose current text is available to check against (the California codes mirror);
# Health and Safety Code and Title 16 CCR sections stay hedged where no primary text was read.
CODES = {
    "Bus. & Prof. Code": "Business and Professions Code",
    "Civ. Code": "Civil Code",
    "Evid. Code": "Evidence Code",
    "Fam. Code": "Family Code",
    "Pen. Code": "Penal Code",
    "Welf. & Inst. Code": "Welfare and Institutions Code",
    "Health & Saf. Code": "Health and Safety Code",
    "Gov. Code": "Government Code",
    "Ed. Code": "Education Code",
    "Prob. Code": "Probate Code",
    "Ins. Code": "Insurance Code",
    "Code Civ. Proc.": "Code of Civil Procedure",
}
SECTION = r"\d+(?:\.\d+)*(?:\([A-Za-z0-9]+\))*"
CITATION = re.compile(
    r"(?P<code>" + "|".join(re.escape(code) for code in CODES) + r")\s+§§?\s*"
    r"(?P<sections>" + SECTION + r"(?:\s*(?:,|and|or|–|-|to)\s*" + SECTION + r")*)"
)
SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)*")
STATUSES = ("current", "amended", "repealed", "renumbered", "not-available")


@dataclass(frozen=True)
class Authority:
    """One code section's verification record."""

    section: str  # "Bus. & Prof. Code § 4980.32"
    checked: dt.date | None
    status: str
    replaced_by: str
    note: str
    line: int


@dataclass(frozen=True)
class CitedSection:
    section: str  # section level, canonical: "Pen. Code § 11166"
    where: str  # "data/questions/x.yml: question-id" or "docs/chapters/x.md:12"


def sections_in(text: str) -> list[str]:
    """Every California code section named in a text, at section level ("Pen. Code § 11166")."""
    found: list[str] = []
    for match in CITATION.finditer(text):
        for number in SECTION_NUMBER.findall(re.sub(r"\([A-Za-z0-9]+\)", "", match["sections"])):
            section = f"{match['code']} § {number.rstrip('.')}"
            if section not in found:
                found.append(section)
    return found


def load_authorities(path: Path, schema_path: Path, display_path: str) -> dict[str, Authority]:
    document = load_yaml(path, display_path)
    validate_against_schema(document, schema_path, display_path, "authorities", "section")
    result: dict[str, Authority] = {}
    for raw in document["authorities"]:
        section = raw["section"]
        if sections_in(section) != [section]:
            raise content_error(
                display_path,
                raw.line,
                section,
                "not a section-level California code citation",
                "write it like `Bus. & Prof. Code § 4980.32` (no subdivision)",
            )
        if section in result:
            raise content_error(display_path, raw.line, section, "section listed twice", "keep one entry per section")
        result[section] = Authority(
            section=section,
            checked=dt.date.fromisoformat(raw["checked"]) if raw.get("checked") else None,
            status=raw["status"],
            replaced_by=raw.get("replaced_by") or "",
            note=raw.get("note") or "",
            line=raw.line,
        )
    return result


def cited_in_chapters(chapters_dir: Path, display_root: Path) -> Iterator[CitedSection]:
    for path in sorted(chapters_dir.glob("*.md")):
        source = path.relative_to(display_root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for section in sections_in(line):
                yield CitedSection(section, f"{source}:{number}")


def cited_in_entries(entries: Iterable[tuple[str, Iterable[str]]]) -> Iterator[CitedSection]:
    """`entries`: (where, texts) pairs, e.g. a question's id and its citations and rationale."""
    for where, texts in entries:
        for text in texts:
            for section in sections_in(text):
                yield CitedSection(section, where)


def repealed_citations(cited: Iterable[CitedSection], known: dict[str, Authority]) -> list[str]:
    problems = []
    for citation in cited:
        authority = known.get(citation.section)
        if authority and authority.status in ("repealed", "renumbered"):
            instead = f"; cite {authority.replaced_by}" if authority.replaced_by else ""
            problems.append(f"{citation.where}: {citation.section} is {authority.status}{instead}")
    return problems


def unchecked_sections(cited: Iterable[CitedSection], known: dict[str, Authority]) -> dict[str, list[str]]:
    """Cited sections with no verification date, each with where it is cited."""
    result: dict[str, list[str]] = {}
    for citation in cited:
        authority = known.get(citation.section)
        if authority is None or authority.checked is None:
            places = result.setdefault(citation.section, [])
            if citation.where not in places:
                places.append(citation.where)
    return result


def stale_sections(known: dict[str, Authority], today: dt.date, days: int = 365) -> list[Authority]:
    return [a for a in known.values() if a.checked is not None and (today - a.checked).days > days]
