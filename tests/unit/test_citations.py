"""The citation grammar: every form in the guide, variant spellings, short forms, and unreadable citations."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from confidant import citations
from confidant.citelinks import LinkTable, canonical_markdown, entry_markdown, load_links
from confidant.glossary import Term

ROOT = Path(__file__).resolve().parents[2]
FORMS = yaml.safe_load((ROOT / "tests/fixtures/citation-forms.yml").read_text(encoding="utf-8"))


def displays(text: str) -> list[str]:
    return [c.display for c in citations.parse_entry(text)]


def authorities(text: str) -> set[citations.Authority]:
    return {c.authority for c in citations.parse_entry(text)}


def test_the_fixture_holds_the_forms_of_the_whole_guide() -> None:
    # Extracted from the questions, the glossary and the pages by `python -m tools.citation_forms --write`.
    assert len(FORMS) > 500
    kinds = {
        c.authority.kind
        for text in FORMS
        for found in citations.read(text, strict_publications=True)
        for c in found.citations
    }
    assert kinds == set(citations.KINDS)


@pytest.mark.parametrize("text", sorted(FORMS))
def test_every_citation_form_in_the_guide_reads_as_recorded(text: str) -> None:
    found = citations.read(text, strict_publications=True)
    assert found, text
    assert found[0].start == 0
    assert [c.display for f in found for c in f.citations] == FORMS[text]


@pytest.mark.parametrize(
    "variants",
    [
        ["Pen. Code § 11166", "Penal Code section 11166", "Penal Code § 11166", "PEN 11166", "Pen. Code, § 11166(a)"],
        [
            "Bus. & Prof. Code § 4980.32",
            "BPC 4980.32",
            "Business and Professions Code section 4980.32",
            "B&P Code § 4980.32",
        ],
        [
            "Welf. & Inst. Code § 15630(b)",
            "W&I Code § 15630",
            "Welfare and Institutions Code section 15630",
            "WIC 15630",
        ],
        ["Health & Saf. Code § 123110", "Health and Safety Code § 123110", "HSC 123110", "H&S Code § 123110(a)"],
        ["Evid. Code § 1014", "Evidence Code 1014", "Evidence Code section 1014"],
        ["Code Civ. Proc. § 1985.3", "Code of Civil Procedure section 1985.3", "CCP 1985.3"],
        [
            "Cal. Code Regs., tit. 16, § 1845(e)",
            "16 CCR § 1845",
            "16 C.C.R. § 1845(b)",
            "Title 16, CCR, section 1845",
            "California Code of Regulations, title 16, section 1845",
        ],
        ["45 C.F.R. § 164.524", "45 CFR 164.524", "45 C.F.R. § 164.524(b)(2)", "45 CFR § 164.524(a)(1)(i)"],
        ["42 U.S.C. § 1320d-5", "42 USC 1320d-5"],
        ["CAMFT Code of Ethics, std. 1.3", "CAMFT 1.3", "CAMFT std. 1.3", "CAMFT Code of Ethics, standard 1.3"],
        ["NASW Code of Ethics, std. 1.06(c)", "NASW std. 1.06(c)", "NASW 1.06(c)", "NASW Code of Ethics, std. 1.06"],
        ["ACA Code of Ethics, std. A.10.e", "ACA std. A.10.e", "ACA A.10.e"],
        ["AB 665 (Stats. 2023, ch. 338)", "AB 665, Ch. 338, Stats. 2023", "Assembly Bill 665 (Stats. 2023, ch. 338)"],
        [
            "*Vilches v. Leao* (2023) Court of Appeal, First District, No. A163638",
            "*Vilches v. Leao* (July 28, 2023, A163638) __ Cal.App.5th __",
        ],
    ],
    ids=lambda variants: variants[0],
)
def test_variant_spellings_normalize_to_one_authority(variants: list[str]) -> None:
    found = [authorities(v) for v in variants]
    assert all(len(a) == 1 for a in found), found
    assert len(set.union(*found)) == 1, found


@pytest.mark.parametrize(
    "canonical",
    [
        "Bus. & Prof. Code § 4982(k)",
        "Civ. Code § 56.10",
        "Evid. Code § 1014",
        "Fam. Code § 6924",
        "Health & Saf. Code § 124260",
        "Pen. Code § 11166",
        "Welf. & Inst. Code § 5150",
        "Cal. Code Regs., tit. 16, § 1815.5",
        "45 C.F.R. § 164.501",
        "*Tarasoff v. Regents of University of California* (1976) 17 Cal.3d 425",
        "CAMFT Code of Ethics, std. 4.1",
        "NASW Code of Ethics, std. 1.06(c)",
        "ACA Code of Ethics, std. A.6.b",
        "Welf. & Inst. Code § 15630(b)(1)(A)(i)",
        "Evid. Code §§ 1010–1027",
        "Civ. Code § 56.10(b)(1), (b)(3)",
        "AB 956 (Stats. 2011, ch. 166)",
        "Stats. 2022, ch. 520",
    ],
)
def test_the_citation_style_of_contributing_is_the_canonical_form(canonical: str) -> None:
    assert citations.join_displays(citations.parse_entry(canonical)) == canonical


def test_a_citation_reads_into_jurisdiction_code_section_and_subdivision_path() -> None:
    (citation,) = citations.parse_entry("Welf. & Inst. Code § 15630(b)(1)(A)(i)")
    assert citation.authority == citations.Authority("ca-code", "California", "Welf. & Inst. Code", "15630")
    assert citation.subdivisions == ("b", "1", "A", "i")
    (regulation,) = citations.parse_entry("16 CCR § 1845(e)")
    assert (regulation.authority.jurisdiction, regulation.authority.code, regulation.authority.section) == (
        "California",
        "Cal. Code Regs., tit. 16",
        "1845",
    )
    (standard,) = citations.parse_entry("NASW std. 1.06(c)")
    assert (standard.authority.jurisdiction, standard.authority.section, standard.subdivisions) == (
        "NASW",
        "1.06",
        ("c",),
    )


def test_lists_ranges_and_notes_read_as_several_authorities_and_keep_the_note() -> None:
    assert displays("Bus. & Prof. Code §§ 4982(m), 4992.3(n), 4999.90(m)") == [
        "Bus. & Prof. Code § 4982(m)",
        "Bus. & Prof. Code § 4992.3(n)",
        "Bus. & Prof. Code § 4999.90(m)",
    ]
    assert displays("ACA Code of Ethics, std. F.2.a–F.2.c") == [
        "ACA Code of Ethics, std. F.2.a",
        "ACA Code of Ethics, std. F.2.b",
        "ACA Code of Ethics, std. F.2.c",
    ]
    assert displays("45 C.F.R. Parts 160 and 164") == ["45 C.F.R. Part 160", "45 C.F.R. Part 164"]
    note = "Bus. & Prof. Code § 4980.44(c) (former text, AB 956, Stats. 2011)"
    assert displays(note) == ["Bus. & Prof. Code § 4980.44(c)", "AB 956 (Stats. 2011)"]
    # Without link patterns, the canonical form alone; the note stays, its bill in canonical form too.
    assert entry_markdown(note, LinkTable({})) == "Bus. & Prof. Code § 4980.44(c) (former text, AB 956 (Stats. 2011))"


def test_sections_sort_in_code_order() -> None:
    numbers = ["11166.1", "11166", "11166.05", "11166.01", "4999.100", "4999.90", "4999.20", "11165.7"]
    assert sorted(numbers, key=citations.section_sort_key) == [
        "4999.20",
        "4999.90",
        "4999.100",
        "11165.7",
        "11166",
        "11166.01",
        "11166.05",
        "11166.1",
    ]


@pytest.mark.parametrize(
    ("text", "nearest"),
    [
        ("Penal Cod § 11166", "Pen. Code § 11166"),
        ("Welfare & Institutions § 15630", "Welf. & Inst. Code § 15630"),
        ("Cal. Code Regulations 16 § 1845", "Cal. Code Regs., tit. 16, § 1845"),
        ("45 C.F.R. Prt 164", "45 C.F.R. § 164"),
        ("NASW Code of Ethics, std. one", "NASW Code of Ethics, standard on <topic>"),
        ("Tarasoff 1976", "*Name v. Name* (1976) 17 Cal.3d 425"),
    ],
)
def test_an_unreadable_citation_is_refused_with_the_nearest_known_form(text: str, nearest: str) -> None:
    with pytest.raises(citations.Unreadable) as caught:
        citations.parse_entry(text)
    assert caught.value.nearest == nearest


PAGE = """# A page

Intro (Pen. Code § 11166(a)) and *not* a citation: the Penal Code, NASW, 2026.

## Timelines { #timelines }

The written report (§ 11166(a); see `Pen. Code § 1` in code) and [a link](https://example.invalid/11166).
The privilege (Evid. Code § 1014) and its exceptions (§§ 1016, 1024) and
a wrapped one (45 C.F.R.
§ 164.524(b)(2)).

| Topic | CAMFT | NASW | ACA |
|---|---|---|---|
| Termination | (std. 1.4) | (std. 1.17(a)) | (std. A.11) |

```text
Pen. Code § 9999 inside a fence
```
"""


def test_page_prose_is_read_outside_code_links_and_headings_with_short_forms_resolved() -> None:
    located = citations.read_markdown(PAGE, line_offset=4)
    read = [(item.line, citations.join_displays(item.found.citations)) for item in located]
    assert read == [
        (7, "Pen. Code § 11166(a)"),
        (11, "Pen. Code § 11166(a)"),
        (12, "Evid. Code § 1014"),
        (12, "Evid. Code §§ 1016, 1024"),
        (13, "45 C.F.R. § 164.524(b)(2)"),
        (18, "CAMFT Code of Ethics, std. 1.4"),
        (18, "NASW Code of Ethics, std. 1.17(a)"),
        (18, "ACA Code of Ethics, std. A.11"),
    ]


def test_an_unreadable_citation_in_parentheses_is_located() -> None:
    page = "# A page\n\nFine (Pen. Code § 11166).\n\nBroken (Pen. Code section eleven; 45 C.F.R. Prt 164).\n"
    with pytest.raises(citations.Unreadable) as caught:
        citations.read_markdown(page)
    assert page.count("\n", 0, caught.value.offset) + 1 == 5


def test_short_case_and_bill_forms_resolve_to_the_full_citation_elsewhere() -> None:
    cited = [
        c
        for text in (
            "*Tarasoff v. Regents of University of California* (1976) 17 Cal.3d 425",
            "AB 2085 (Stats. 2022, ch. 770)",
        )
        for c in citations.parse_entry(text)
    ]
    registry = citations.Registry(cited)
    tarasoff = cited[0].authority
    for short in ("*Tarasoff*, above", "*Tarasoff*, 17 Cal.3d 425"):
        (found,) = citations.read(short)
        assert registry.resolve(found.citations[0].authority) == tarasoff
    for short in ("Stats. 2022, ch. 770", "AB 2085"):
        (found,) = citations.read(short)
        assert registry.resolve(found.citations[0].authority) == cited[1].authority


def test_links_fill_the_patterns_of_the_data_file() -> None:
    links = load_links(ROOT / "data/authority-links.yml", ROOT / "schemas/authority-links.schema.json", "x")

    def url(text: str) -> str | None:
        return links.url(citations.parse_entry(text)[0].authority)

    assert url("BPC 4980.32") == (
        "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=BPC&sectionNum=4980.32"
    )
    assert url("Penal Code section 11166(a)").endswith("lawCode=PEN&sectionNum=11166")
    assert url("45 C.F.R. § 164.524(b)(2)") == "https://www.ecfr.gov/current/title-45/section-164.524"
    assert url("45 C.F.R. Part 164") == "https://www.ecfr.gov/current/title-45/part-164"
    assert url("AB 665 (Stats. 2023, ch. 338)").endswith("bill_id=202320240AB665")
    assert url("SB 1478 (Stats. 2016)").endswith("bill_id=201520160SB1478")
    assert url("NASW std. 1.06(c)").startswith("https://www.socialworkers.org/")
    assert url("*Tarasoff v. Regents of University of California* (1976) 17 Cal.3d 425") is None


def test_citations_in_explanations_and_definitions_are_shown_in_canonical_form() -> None:
    text = (
        "Under Penal Code section 11166(a) you report; `BPC 4980.32` and [BPC 4980.32](https://example.invalid/) stay."
    )
    assert canonical_markdown(text, None) == (
        "Under Pen. Code § 11166(a) you report; `BPC 4980.32` and [BPC 4980.32](https://example.invalid/) stay."
    )
    links = load_links(ROOT / "data/authority-links.yml", ROOT / "schemas/authority-links.schema.json", "x")
    linked = canonical_markdown("See W&I Code § 15630(b).", links)
    assert linked == (
        "See [Welf. & Inst. Code § 15630(b)]"
        "(https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=WIC&sectionNum=15630)."
    )
    term = Term("Mandated reporter", "mandated-reporter", (), "Named in Penal Code section 11165.7.", (), (), 1, links)
    assert term.plain_definition == "Named in Pen. Code § 11165.7."
    assert 'href="https://leginfo.legislature.ca.gov/' in term.definition_html
