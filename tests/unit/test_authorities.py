"""Citations of California code sections: found in any spelling of the style, checked against the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from confidant import authorities
from tools.authorities_report import all_citations, load_known

ROOT = Path(__file__).resolve().parents[2]


def test_sections_are_read_at_section_level_from_lists_ranges_and_subdivisions() -> None:
    text = (
        "The notice (Bus. & Prof. Code §§ 4980.32, 4996.75 and 4999.71) and the authorization "
        "(Civ. Code § 56.11(b)(3)); see Evid. Code §§ 1010–1027 and Welf. & Inst. Code § 15630(b)(1)(A)."
    )
    assert authorities.sections_in(text) == [
        "Bus. & Prof. Code § 4980.32",
        "Bus. & Prof. Code § 4996.75",
        "Bus. & Prof. Code § 4999.71",
        "Civ. Code § 56.11",
        "Evid. Code § 1010",
        "Evid. Code § 1027",
        "Welf. & Inst. Code § 15630",
    ]


def _authority(section: str, status: str, replaced_by: str = "", checked: dt.date | None = None):
    return authorities.Authority(section, checked, status, replaced_by, "", 1)


def test_a_citation_of_a_repealed_or_renumbered_section_is_reported_with_its_replacement() -> None:
    known = {
        "Bus. & Prof. Code § 4980.54": _authority("Bus. & Prof. Code § 4980.54", "repealed", "§ 4980.54.1"),
        "Civ. Code § 56.10": _authority("Civ. Code § 56.10", "current", checked=dt.date(2026, 12, 1)),
    }
    cited = list(
        authorities.cited_in_entries(
            [("q1", ["Bus. & Prof. Code § 4980.54(c)"]), ("q2", ["Civ. Code § 56.10(a)", "Pen. Code § 11166"])]
        )
    )
    assert authorities.repealed_citations(cited, known) == [
        "q1: Bus. & Prof. Code § 4980.54 is repealed; cite § 4980.54.1"
    ]
    assert authorities.unchecked_sections(cited, known) == {
        "Bus. & Prof. Code § 4980.54": ["q1"],
        "Pen. Code § 11166": ["q2"],
    }


def test_a_check_older_than_a_year_is_stale() -> None:
    known = {"Pen. Code § 11166": _authority("Pen. Code § 11166", "current", checked=dt.date(2025, 11, 1))}
    assert [a.section for a in authorities.stale_sections(known, dt.date(2026, 12, 1))] == ["Pen. Code § 11166"]


def test_no_chapter_question_or_glossary_entry_cites_a_repealed_or_renumbered_section() -> None:
    problems = authorities.repealed_citations(all_citations(ROOT), load_known(ROOT))
    assert problems == []
