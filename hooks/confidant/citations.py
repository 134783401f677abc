"""The citation grammar: every way the guide cites an authority, read into one normalized form.

Confidant cites California codes, Title 16 of the California Code of Regulations, federal
regulations and statutes, cases, bills and session laws, three ethics codes and a few Board
publications, in many spellings ("Pen. Code § 11166(a)", "Penal Code section 11166", "BPC 4980.32",
"16 CCR § 1845", "CAMFT 1.3"). `read()` turns one piece of text into `Found` spans, each holding
one or more `Citation`s; a `Citation` is an `Authority` (jurisdiction, code, section: what the
table of authorities lists) plus the subdivision path cited, and has one canonical display form
(CONTRIBUTING.md, "Citation style") that every output shows.

Two entry points check text strictly: `parse_entry()` for a `citations:` item of a question or a
glossary term (every part must be a citation), and `read_markdown()` for chapter prose, where
text in parentheses that looks like a citation (it has "§", "C.F.R.", "std." …) must be read in
full. Both raise `Unreadable` with the nearest known form; the hooks turn it into a located
content error.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

# --- The authorities -------------------------------------------------------------------------

CALIFORNIA = "California"
FEDERAL = "United States"

# Kinds, in the order the table of authorities groups them.
KINDS = {
    "ca-code": "California statutes",
    "ca-regulation": "California regulations",
    "federal": "Federal statutes and regulations",
    "case": "Cases",
    "bill": "Bills and session laws",
    "ethics": "Ethics codes",
    "publication": "Board and agency publications",
}


@dataclass(frozen=True)
class CaliforniaCode:
    abbreviation: str  # the style's form: "Bus. & Prof. Code"
    name: str  # "Business and Professions Code"
    law_code: str  # the Legislature's code id, also a spelling: "BPC"
    spellings: tuple[str, ...] = ()


CALIFORNIA_CODES = (
    CaliforniaCode("Bus. & Prof. Code", "Business and Professions Code", "BPC", ("B&P Code", "B & P Code", "B&P")),
    CaliforniaCode("Civ. Code", "Civil Code", "CIV"),
    CaliforniaCode("Code Civ. Proc.", "Code of Civil Procedure", "CCP"),
    CaliforniaCode("Ed. Code", "Education Code", "EDC", ("Educ. Code",)),
    CaliforniaCode("Evid. Code", "Evidence Code", "EVID"),
    CaliforniaCode("Fam. Code", "Family Code", "FAM"),
    CaliforniaCode("Gov. Code", "Government Code", "GOV"),
    CaliforniaCode("Health & Saf. Code", "Health and Safety Code", "HSC", ("H&S Code", "H & S Code", "H&S")),
    CaliforniaCode("Ins. Code", "Insurance Code", "INS"),
    CaliforniaCode("Lab. Code", "Labor Code", "LAB"),
    CaliforniaCode("Pen. Code", "Penal Code", "PEN", ("PC",)),
    CaliforniaCode("Prob. Code", "Probate Code", "PROB"),
    CaliforniaCode("Veh. Code", "Vehicle Code", "VEH"),
    CaliforniaCode("Welf. & Inst. Code", "Welfare and Institutions Code", "WIC", ("W&I Code", "W & I Code", "W&I")),
)
CODE_BY_SPELLING = {
    " ".join(spelling.split()).lower(): code
    for code in CALIFORNIA_CODES
    for spelling in (code.abbreviation, code.name, code.law_code, *code.spellings)
}
CODE_BY_ABBREVIATION = {code.abbreviation: code for code in CALIFORNIA_CODES}

ETHICS_CODES = {
    "CAMFT": "CAMFT Code of Ethics",
    "NASW": "NASW Code of Ethics",
    "ACA": "ACA Code of Ethics",
    "AAMFT": "AAMFT Code of Ethics",
}
# Publishers whose documents the guide cites by title (agency guidance, forms, advisories).
PUBLISHERS = (
    "BBS",
    "Board of Behavioral Sciences",
    "Board of Psychology",
    "California Department of Public Health",
    "CDPH",
    "California Department of Aging",
    "CAMFT legal article",
    "HHS",
)


@dataclass(frozen=True)
class Authority:
    """What the table of authorities lists: one section, regulation, case, bill or standard."""

    kind: str  # a key of KINDS
    jurisdiction: str  # "California", "United States", or the association of an ethics code
    code: str  # "Pen. Code", "Cal. Code Regs., tit. 16", "45 C.F.R.", "NASW Code of Ethics", a case name
    section: str  # "11166", "1815.5", "164.524", "1.06", "17 Cal.3d 425", "AB 630"; "" for a whole code
    label: str = ""  # extra words that identify it: a case's year, a bill's statute, a topic

    @property
    def display(self) -> str:
        """The canonical, section-level display form."""
        return Citation(self).display

    @property
    def key(self) -> str:
        """A stable identifier, usable in an HTML id."""
        text = f"{self.kind} {self.code} {self.section} {self.label}".lower().replace("§", "")
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

    @property
    def sort_key(self) -> tuple:
        return (list(KINDS).index(self.kind), _code_order(self), section_sort_key(self.section), self.label)


def _code_order(authority: Authority) -> tuple:
    if authority.kind == "federal":
        # Statutes (U.S.C.) before regulations (C.F.R.), each by title.
        title, _, name = authority.code.partition(" ")
        return ("C.F.R" in name, int(title) if title.isdigit() else 0, name)
    if authority.kind == "case":
        return (authority.code.strip("*").lower(),)
    if authority.kind == "bill":
        return (authority.label,)
    return (authority.code,)


def section_sort_key(section: str) -> tuple:
    """Sections in the order the codes print them: 11166 < 11166.01 < 11166.05 < 11166.1 < 11166.2, and
    4999.90 < 4999.100 (a part with a leading zero is a decimal inserted between two sections)."""
    parts: list[tuple[float, str]] = []
    for piece in re.findall(r"\d+|[A-Za-z]+", section):
        if piece.isdigit():
            value = int(piece) / 10 ** (len(piece) - 1) if piece.startswith("0") and len(piece) > 1 else int(piece)
            parts.append((float(value), ""))
        else:
            parts.append((-1.0, piece.lower()))
    return tuple(parts)


@dataclass(frozen=True)
class Citation:
    """One cited authority with the pinpoint the text gives."""

    authority: Authority
    subdivisions: tuple[str, ...] = ()  # the first subdivision path: ("a", "1")
    pinpoint: str = ""  # the subdivision text as cited: "(a)(1)", "(b)(1), (b)(3)", "(a)–(c)", " et seq."
    short: bool = False  # the style's short form ("16 CCR § 1815.5"), used after the first use in a page

    @property
    def display(self) -> str:
        a = self.authority
        if a.kind in ("ca-code", "federal") and a.section:
            marker = "§§" if "–" in a.section else "§"
            return f"{a.code} {marker} {a.section}{self.pinpoint}"
        if a.kind == "federal":
            return f"{a.code} {a.label}"
        if a.kind == "ca-regulation":
            marker = "§§" if "–" in a.section else "§"
            code = f"{a.code.rsplit(' ', 1)[-1]} CCR" if self.short else a.code + ","
            return f"{code} {marker} {a.section}{self.pinpoint}"
        if a.kind == "case":
            name = f"*{a.code}* " if a.code else ""
            year = f"({a.label}) " if a.label else ""
            return f"{name}{year}{a.section}".strip()
        if a.kind == "bill":
            return f"{a.section} ({a.label})" if a.section and a.label else a.section or a.label
        if a.kind == "ethics":
            if a.section:
                word = "section" if re.fullmatch(r"[A-Z]|\d+", a.section) else "std."
                return f"{a.code}, {word} {a.section}{self.pinpoint}"
            return f"{a.code}, {a.label}" if a.label else a.code
        return a.code


@dataclass(frozen=True)
class Found:
    """A span of text that holds citations."""

    start: int
    end: int
    citations: tuple[Citation, ...]
    text: str

    @property
    def display(self) -> str:
        """The canonical form of the whole span ("Bus. & Prof. Code §§ 4982(m), 4992.3(n)")."""
        return join_displays(self.citations)


def join_displays(citations: Iterable[Citation]) -> str:
    return ", ".join(display_pieces(list(citations)))


def display_pieces(items: list[Citation]) -> list[str]:
    """The canonical display of a list of citations, one piece per citation: the code is named once
    ("Bus. & Prof. Code §§ 4982(m)", "4992.3(n)"; "ACA Code of Ethics, stds. F.1.b", "F.1.c")."""
    pieces: list[str] = []
    lead = 0  # the piece that names the code
    for index, citation in enumerate(items):
        previous = items[index - 1].authority if index else None
        a = citation.authority
        same_code = previous is not None and previous.kind == a.kind and previous.code == a.code
        if same_code and a.kind in ("ca-code", "ca-regulation", "federal") and a.section and previous.section:
            pieces[lead] = pieces[lead].replace(" § ", " §§ ", 1)
            pieces.append(f"{a.section}{citation.pinpoint}")
        elif same_code and a.kind == "ethics" and a.section and previous.section and ", std" in pieces[lead]:
            pieces[lead] = pieces[lead].replace(", std. ", ", stds. ", 1)
            pieces.append(f"{a.section}{citation.pinpoint}")
        else:
            lead = len(pieces)
            pieces.append(citation.display)
    return pieces


class Unreadable(ValueError):
    """Text that looks like a citation but is not in the grammar."""

    def __init__(self, text: str, offset: int = 0) -> None:
        self.text = text
        self.offset = offset
        self.nearest = nearest_form(text)
        super().__init__(f"citation not understood: '{' '.join(text.split())[:80]}'")


# --- The grammar -------------------------------------------------------------------------------

WS = r"[ \t\n]+"
OWS = r"[ \t\n]*"


def _spelling_pattern(spelling: str) -> str:
    return OWS.join(re.escape(part) for part in spelling.split())


_CODE_NAMES = sorted(
    {s for code in CALIFORNIA_CODES for s in (code.abbreviation, code.name, code.law_code, *code.spellings)},
    key=len,
    reverse=True,
)
CA_CODE = r"(?:" + "|".join(_spelling_pattern(name) for name in _CODE_NAMES) + r")"
SECTION_MARK = r"(?:§§?|[Ss]ections?\b|[Ss]ecs?\.|[Ss]ec\b)"
DASH = r"(?:–|—|-|\bto\b|\bthrough\b)"
SUBDIVISION = r"(?:\((?:[a-z]{1,4}|[0-9]{1,3}|[A-Z]{1,3})\))"
SUBDIVISIONS = rf"(?:{SUBDIVISION}+(?:{OWS}{DASH}{OWS}{SUBDIVISION}+)?)"
MORE_SUBDIVISIONS = rf"(?:,{OWS}{SUBDIVISIONS}(?!{OWS}\d))*"
FOLLOWING = rf"(?:{WS}(?:et{WS}seq\.|and{WS}following))"
CA_NUMBER = r"\d+(?:\.\d+)*"
US_NUMBER = r"\d+(?:\.\d+)*[a-z]*(?:-\d+[a-z]*)?"
LIST_JOIN = rf"(?:{OWS},{OWS}(?:and{WS})?|{WS}and{WS}|{WS}or{WS})"


def _pin(number: str) -> str:
    return (
        rf"{number}(?:{SUBDIVISIONS}{MORE_SUBDIVISIONS})?(?:{OWS}{DASH}{OWS}{number}(?:{SUBDIVISIONS})?)?{FOLLOWING}?"
    )


def _pins(number: str) -> str:
    # A year after a comma ("§ 4980.44(c), 2013 text") is not the next section of a list.
    more = rf"(?!(?:19|20)\d\d{WS}[a-z])"
    return rf"(?:{_pin(number)}(?:{LIST_JOIN}(?:§§?{OWS})?{more}{_pin(number)})*)"


PINS_CA = _pins(CA_NUMBER)
PINS_US = _pins(US_NUMBER)
PIN_SPLIT = re.compile(rf"{LIST_JOIN}(?:§§?{OWS})?(?=\d)")
PIN_PARTS = re.compile(
    rf"^(?P<first>[0-9][0-9a-z.\u2011]*?)(?P<subs>(?:{SUBDIVISIONS}{MORE_SUBDIVISIONS})?)"
    rf"(?:{OWS}{DASH}{OWS}(?P<last>[0-9][0-9a-z.-]*?)(?P<lastsubs>{SUBDIVISIONS})?)?(?P<following>{FOLLOWING})?$"
)

CCR_TITLE = (
    rf"(?:Cal(?:ifornia|\.)?{OWS}Code{OWS}(?:of{WS})?Regs?(?:ulations|\.)?{OWS},?{OWS}"
    rf"(?:tit\.|[Tt]itle){OWS}(?P<t1>\d+)(?!\d)"
    rf"|(?P<t2>\d+)(?!\d){OWS}C\.?{OWS}C\.?{OWS}R\.?(?![A-Za-z])"
    rf"|(?:[Tt]itle|tit\.){OWS}(?P<t3>\d+)(?!\d){OWS},?{OWS}(?:of{WS}the{WS})?(?:CCR|C\.C\.R\.|California{WS}Code{WS}of{WS}Regulations)"
    rf"|(?:CCR|C\.C\.R\.),?{OWS}(?:tit\.|[Tt]itle){OWS}(?P<t4>\d+)(?!\d))"
)
REPORTER = (
    r"\d+\s+(?:Cal\.\s?App\.\s?\d?(?:d|th)|Cal\.\s?\d?(?:d|th)?|Cal\.\s?Rptr\.\s?\d?(?:d|th)?|U\.\s?S\.|"
    r"S\.\s?Ct\.|F\.\s?(?:Supp\.\s?)?\d?(?:d|th)?)\s+\d+"
)
CASE_NAME = r"(?:In re [A-Z][^*;()]{0,60}?|[A-Z][^*;()]{0,80}? v\. [A-Z][^*;()]{0,80}?)"
ETHICS_NUMBER = r"(?:[A-I]\.\d+(?:\.[a-z])?|\d+\.\d+)(?:\([a-z]\)(?:\s*[–-]\s*\([a-z]\))?)?"
# A range of standards: "4.1–4.2", "F.1.b–F.1.c", "A.9.a–b".
ETHICS_RANGE = rf"{ETHICS_NUMBER}(?:{OWS}[–-]{OWS}(?:{ETHICS_NUMBER}|[a-z](?!\w)(?!\.\w)))?"
ETHICS_NUMBERS = rf"{ETHICS_RANGE}(?:{LIST_JOIN}(?:stds?\.{OWS})?{ETHICS_RANGE})*"
STD_WORD = r"(?:stds?\.|[Ss]tandards?\b|Std\.)"
ETHICS_ORG = r"(?P<org>CAMFT|NASW|ACA|AAMFT)"
TOPIC = r"[^;()\n]{3,80}?(?=\s*(?:[;)]|$|\n))"
ETHICS_TAIL = (
    rf"{OWS},?{OWS}(?:{STD_WORD}{OWS}(?P<numbers>{ETHICS_NUMBERS})(?!\w)(?!\.\w)"
    rf"|(?:[Ss]ection|sec\.){OWS}(?P<section>[A-I]|\d{{1,2}})(?!\w)(?!\.\w)"
    rf"|(?P<topic>(?:{STD_WORD}|[Ss]ections?|[Pp]rovisions?){WS}on{WS}{TOPIC})"
    rf"|(?P<revisions>\d{{4}}{WS}(?:Code{WS})?revisions(?:{OWS}\([^()\n]{{1,40}}\))?)"
    rf"|(?P<bare>{ETHICS_NUMBERS})(?!\w)(?!\.\w))"
)

FORMS: list[tuple[str, str]] = [
    # California codes: "Pen. Code § 11166(a)", "Penal Code section 11166", "BPC 4980.32", "Evid. Code §§ 1010–1027"
    ("ca_code", rf"(?<![\w.])(?P<code>{CA_CODE}){OWS},?{OWS}(?:{SECTION_MARK}{OWS})?(?P<pins>{PINS_CA})(?!\w)(?!\.\w)"),
    # Title 16 CCR: "Cal. Code Regs., tit. 16, § 1845(e)", "16 CCR § 1845", "Title 16, CCR, section 1845"
    ("ccr", rf"(?<![\w.]){CCR_TITLE}{OWS},?{OWS}(?:{SECTION_MARK}{OWS})?(?P<pins>{PINS_CA})(?!\w)(?!\.\w)"),
    # Federal regulations: "45 C.F.R. § 164.524(b)(2)", "45 CFR 164.524", "45 C.F.R. Parts 160 and 164"
    (
        "cfr",
        rf"(?<![\w.])(?P<title>\d+){OWS}C\.?{OWS}F\.?{OWS}R\.?(?![A-Za-z])(?:{OWS},?{OWS}(?:[Pp]arts?|pts?\.){OWS}"
        rf"(?P<parts>\d+(?:{LIST_JOIN}\d+)*)(?:{OWS},{OWS}Subpart{WS}[A-Z])?)?"
        rf"(?:{OWS},?{OWS}(?:{SECTION_MARK}{OWS})?(?P<pins>{PINS_CA}))?(?![\w])",
    ),
    # Federal statutes: "42 U.S.C. § 1320d-5"
    (
        "usc",
        rf"(?<![\w.])(?P<title>\d+){OWS}U\.?{OWS}S\.?{OWS}C\.?(?:{OWS}A\.?)?{OWS}(?:{SECTION_MARK}{OWS})?(?P<pins>{PINS_US})",
    ),
    # Cases: "*Tarasoff v. Regents …* (1976) 17 Cal.3d 425", "*Vilches v. Leao* (July 28, 2023, A163638)
    # __ Cal.App.5th __", "*Vilches v. Leao* (2023) Court of Appeal, First District, No. A163638", "*Tarasoff*, 17 Cal.3d 425"
    (
        "case",
        rf"(?:\*(?P<name>[^*\n]{{2,120}})\*|(?P<plain>{CASE_NAME})(?={OWS}\())"
        rf"(?:{OWS}\((?:(?P<date>[A-Z][a-z]+\.?{WS}\d{{1,2}},{OWS})?(?P<year>\d{{4}})(?:,{OWS}(?P<docket1>[A-Z]\d{{5,7}}))?)\))?"
        rf"(?:{OWS},?{OWS}(?:(?P<reporter>{REPORTER})|__{OWS}Cal\.\s?App\.\s?\d+th{OWS}__"
        rf"|Court{WS}of{WS}Appeal(?:,{OWS}[A-Z][a-z]+{WS}District)?,{OWS}No\.{OWS}(?P<docket2>[A-Z]\d{{5,7}})"
        rf"|(?P<above>above|supra)))",
    ),
    ("reporter", rf"(?<![\w.])(?P<reporter>{REPORTER})(?![\w])"),
    # Bills and session laws: "AB 630 (Stats. 2019)", "AB 956 (Stats. 2011, ch. 166)", "SB 43, Ch. 637, Stats. 2023",
    # "Stats. 2022, ch. 520", "Ch. 520, Stats. 2022", "AB 1759"
    (
        "bill",
        rf"(?<![\w.])(?P<house>AB|SB|A\.B\.|S\.B\.|Assembly{WS}Bill|Senate{WS}Bill){OWS}(?:No\.{OWS})?(?P<number>\d+)(?![\w])"
        rf"(?:{OWS}\(Stats\.{OWS}(?P<year1>\d{{4}})(?:,{OWS}ch\.{OWS}(?P<chapter1>\d+))?\)"
        rf"|,{OWS}[Cc]h(?:\.|apter){OWS}(?P<chapter2>\d+),{OWS}Stats\.{OWS}(?P<year2>\d{{4}})"
        rf"|,{OWS}Stats\.{OWS}(?P<year3>\d{{4}})(?:,{OWS}ch\.{OWS}(?P<chapter3>\d+))?)?",
    ),
    (
        "statute",
        rf"(?<![\w.])(?:[Cc]h(?:\.|apter){OWS}(?P<chapter1>\d+),{OWS}Stats\.{OWS}(?P<year1>\d{{4}})"
        rf"|Stats\.{OWS}(?P<year2>\d{{4}}),{OWS}ch\.{OWS}(?P<chapter2>\d+))",
    ),
    # Ethics codes: "CAMFT Code of Ethics, std. 4.1", "NASW std. 1.06(c)", "ACA A.10.e", "CAMFT 1.3",
    # "CAMFT Code of Ethics, section 12", "NASW Code of Ethics, standard on solicitations"
    ("ethics", rf"(?<![\w.]){ETHICS_ORG}(?P<full>{WS}Code{WS}of{WS}Ethics(?:{OWS}\(\d{{4}}\))?)(?:{ETHICS_TAIL})?"),
    # The bare name of an association is a word, not a citation: "NASW" cites nothing without a number.
    ("ethics_short", rf"(?<![\w.]){ETHICS_ORG}{ETHICS_TAIL}"),
    # A standard whose code the context names: "(std. 1.17(c))" in a column headed NASW.
    ("standard", rf"(?<![\w.]){STD_WORD}{OWS}(?P<numbers>{ETHICS_NUMBERS})(?!\w)(?!\.\w)"),
    # A section whose code the context names: "(§ 1016)", "§§ 164.302–164.318".
    ("section", rf"(?<![\w.])§§?{OWS}(?P<pins>{PINS_US})(?!\w)(?!\.\d)"),
    # Board and agency publications, cited by publisher and title.
    (
        "publication",
        rf"(?<![\w.])(?P<publisher>{'|'.join(_spelling_pattern(p) for p in sorted(PUBLISHERS, key=len, reverse=True))})"
        rf"(?P<title>(?:{WS}|,{OWS}|{OWS}\")[^;\n]{{0,120}})?",
    ),
]
FORM_PATTERNS = {name: re.compile(pattern) for name, pattern in FORMS}
# One scan over all forms (names removed: several forms share group names), then the form's own
# pattern reads the groups of the match.
GRAMMAR = {
    strict: re.compile(
        "|".join(
            f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', pattern)})"
            for name, pattern in sorted(FORMS, key=lambda form: form[0] != "publication")
            if strict or name != "publication"
        )
    )
    for strict in (False, True)
}
# Bits of text that only a citation has; one left unread inside a citation's parentheses is an error.
TRIGGER = re.compile(
    r"§|C\.\s?F\.\s?R\.|U\.\s?S\.\s?C\.|\bCCR\b|\bstds?\.|\bCal\.\s?(?:App\.\s?)?\d|\bStats\.\s?\d"
    r"|\b(?:Code|CAMFT|NASW|ACA)\s+\d"
)


@dataclass
class Context:
    """What a short form refers to: the code of the last section cited, the ethics code of a column."""

    code: Authority | None = None
    ethics: str | None = None
    column_ethics: str | None = None
    regulation_titles: set[str] = field(default_factory=set)


def read(
    text: str, context: Context | None = None, strict_publications: bool = False, skip_unreadable: bool = False
) -> list[Found]:
    """Every citation in `text`, in order. `skip_unreadable` passes over a short form with nothing to
    refer to ("§ 261.5(d)" alone in an explanation) instead of raising."""
    context = context or Context()
    found: list[Found] = []
    # Publications are read only in `citations:` items: in prose a publisher's name is just a word.
    for match in GRAMMAR[strict_publications].finditer(text):
        kind = match.lastgroup or ""
        groups = FORM_PATTERNS[kind].match(text, match.start())
        if groups is None or groups.end() != match.end():  # pragma: no cover - the same pattern
            raise Unreadable(match.group(0))
        try:
            citations = _READERS[kind](groups, context)
        except Unreadable as error:
            if skip_unreadable:
                continue
            # Report the whole citation, so the nearest known form names its code too.
            text = error.text if match.group(0) in error.text else match.group(0)
            raise Unreadable(text, error.offset) from None
        if not citations:
            continue
        found.append(Found(match.start(), match.end(), tuple(citations), match.group(0)))
    return found


def _group(match: re.Match[str], name: str) -> str:
    return match.group(name) or "" if name in match.re.groupindex else ""


def _pins(match_text: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(section, first subdivision path, pinpoint text) for each section in a list."""
    result = []
    for piece in PIN_SPLIT.split(match_text.strip()):
        parts = PIN_PARTS.match(" ".join(piece.split()))
        if not parts:
            raise Unreadable(piece)
        first, subs = parts["first"].rstrip("."), parts["subs"] or ""
        if parts["last"]:
            last = parts["last"].rstrip(".")
            if parts["lastsubs"] and not subs:
                raise Unreadable(piece)
            if re.fullmatch(r"\d+", last) and "." in first and not subs:
                # "§ 56.104(a)(1)–(4)" is read by the subdivision pattern; "164.302–164.318" is a range.
                pass
            section = f"{first}–{last}"
            pinpoint = ""
        else:
            section = first
            pinpoint = re.sub(rf"{OWS}{DASH}{OWS}", "–", subs)
            pinpoint = re.sub(r"\s*,\s*", ", ", pinpoint)
        if parts["following"]:
            pinpoint += " et seq."
        result.append((section, tuple(re.findall(r"\(([^)]+)\)", subs.split(",")[0])), pinpoint))
    return result


def _normal_pins(text: str) -> str:
    return re.sub(r"§§?\s*", "", text)


def _read_ca_code(match: re.Match[str], context: Context) -> list[Citation]:
    code = CODE_BY_SPELLING[" ".join(_group(match, "code").split()).lower()]
    citations = [
        Citation(Authority("ca-code", CALIFORNIA, code.abbreviation, section), subdivisions, pinpoint)
        for section, subdivisions, pinpoint in _pins(_normal_pins(_group(match, "pins")))
    ]
    context.code = citations[-1].authority
    return citations


def _read_ccr(match: re.Match[str], context: Context) -> list[Citation]:
    title = next(_group(match, name) for name in ("t1", "t2", "t3", "t4") if _group(match, name))
    code = f"Cal. Code Regs., tit. {title}"
    short = code in context.regulation_titles
    context.regulation_titles.add(code)
    citations = [
        Citation(Authority("ca-regulation", CALIFORNIA, code, section), subdivisions, pinpoint, short)
        for section, subdivisions, pinpoint in _pins(_normal_pins(_group(match, "pins")))
    ]
    context.code = citations[-1].authority
    return citations


def _read_cfr(match: re.Match[str], context: Context) -> list[Citation]:
    code = f"{_group(match, 'title')} C.F.R."
    citations = [
        Citation(Authority("federal", FEDERAL, code, "", f"Part {part}"))
        for part in re.findall(r"\d+", _group(match, "parts"))
    ]
    if _group(match, "pins"):
        citations = [
            Citation(Authority("federal", FEDERAL, code, section), subdivisions, pinpoint)
            for section, subdivisions, pinpoint in _pins(_normal_pins(_group(match, "pins")))
        ]
    if not citations:
        raise Unreadable(match.group(0))
    context.code = citations[-1].authority
    return citations


def _read_usc(match: re.Match[str], context: Context) -> list[Citation]:
    code = f"{_group(match, 'title')} U.S.C."
    # A hyphen inside a U.S.C. section number ("1320d-5") is part of the number, not a range.
    pins = re.sub(r"(?<=[0-9a-z])-(?=\d)", "\u2011", _normal_pins(_group(match, "pins")))
    citations = [
        Citation(Authority("federal", FEDERAL, code, section.replace("\u2011", "-")), subdivisions, pinpoint)
        for section, subdivisions, pinpoint in _pins(pins)
    ]
    context.code = citations[-1].authority
    return citations


def _reporter(text: str) -> str:
    volume, rest = text.split(None, 1)
    reporter, page = rest.rsplit(None, 1)
    return f"{volume} {''.join(reporter.split())} {page}"


def _read_case(match: re.Match[str], context: Context) -> list[Citation]:
    name = " ".join((_group(match, "name") or _group(match, "plain")).split())
    docket = _group(match, "docket1") or _group(match, "docket2")
    reporter = _group(match, "reporter")
    if _group(match, "above"):
        return [Citation(Authority("case", CALIFORNIA, name, "", ""))]
    section = _reporter(reporter) if reporter else f"No. {docket}"
    return [Citation(Authority("case", CALIFORNIA, name, section, _group(match, "year")))]


def _read_reporter(match: re.Match[str], context: Context) -> list[Citation]:
    return [Citation(Authority("case", CALIFORNIA, "", _reporter(_group(match, "reporter")), ""))]


def _read_bill(match: re.Match[str], context: Context) -> list[Citation]:
    house = "AB" if _group(match, "house").startswith("A") else "SB"
    year = _group(match, "year1") or _group(match, "year2") or _group(match, "year3")
    chapter = _group(match, "chapter1") or _group(match, "chapter2") or _group(match, "chapter3")
    label = f"Stats. {year}" + (f", ch. {chapter}" if chapter else "") if year else ""
    return [
        Citation(Authority("bill", CALIFORNIA, "California Legislature", f"{house} {_group(match, 'number')}", label))
    ]


def _read_statute(match: re.Match[str], context: Context) -> list[Citation]:
    year = _group(match, "year1") or _group(match, "year2")
    chapter = _group(match, "chapter1") or _group(match, "chapter2")
    return [Citation(Authority("bill", CALIFORNIA, "California Legislature", "", f"Stats. {year}, ch. {chapter}"))]


def ethics_code_of(number: str, context: Context) -> str | None:
    """Which code a bare standard number belongs to: ACA numbers start with a letter, NASW's have two
    digits after the point (1.06), CAMFT's one (4.1); otherwise the column or the last code cited."""
    if re.match(r"[A-I]\.", number):
        return "ACA"
    if context.column_ethics:
        return context.column_ethics
    if re.match(r"\d\.0\d", number):
        return "NASW"
    if re.match(r"\d\.\d(?!\d)", number):
        return "CAMFT"
    return context.ethics


def _standard_range(first: str, last: str) -> list[str] | None:
    """The standards of a range, when its ends differ only in their last part ("F.2.a–F.2.c", "4.1–4.3",
    "A.9.a–b")."""
    head, _, start = first.rpartition(".")
    if "." not in last:
        last = f"{head}.{last}"
    last_head, _, end = last.rpartition(".")
    if head != last_head:
        return None
    if start.isdigit() and end.isdigit() and int(start) <= int(end) <= int(start) + 20:
        width = len(start)
        return [f"{head}.{n:0{width}d}" for n in range(int(start), int(end) + 1)]
    if start.isalpha() and end.isalpha() and len(start) == len(end) == 1 and start <= end:
        return [f"{head}.{chr(c)}" for c in range(ord(start), ord(end) + 1)]
    return None


def _ethics_citations(org: str, numbers: str) -> list[Citation]:
    code = ETHICS_CODES[org]
    citations = []
    pieces = re.split(rf"{LIST_JOIN}(?:stds?\.{OWS})?", numbers.strip())
    for piece in pieces:
        piece = " ".join(piece.split())
        ranged = re.fullmatch(
            r"([A-I]\.\d+(?:\.[a-z])?|\d+\.\d+)\s*[–-]\s*([A-I]\.\d+(?:\.[a-z])?|\d+\.\d+|[a-z])", piece
        )
        if ranged:
            standards = _standard_range(ranged[1], ranged[2])
            if standards is None:
                raise Unreadable(piece)
            citations += [Citation(Authority("ethics", org, code, number)) for number in standards]
            continue
        standard = re.fullmatch(r"([A-I]\.\d+(?:\.[a-z])?|\d+\.\d+)((?:\([a-z]\)(?:\s*[–-]\s*\([a-z]\))?)?)", piece)
        if not standard:
            raise Unreadable(piece)
        pinpoint = re.sub(r"\s*[–-]\s*", "–", standard[2])
        subdivisions = tuple(re.findall(r"\(([a-z])\)", pinpoint))[:1]
        citations.append(Citation(Authority("ethics", org, code, standard[1]), subdivisions, pinpoint))
    return citations


def _read_ethics(match: re.Match[str], context: Context) -> list[Citation]:
    org = _group(match, "org")
    code = ETHICS_CODES[org]
    context.ethics = org
    numbers = _group(match, "numbers") or _group(match, "bare")
    if numbers:
        return _ethics_citations(org, numbers)
    if _group(match, "section"):
        return [Citation(Authority("ethics", org, code, _group(match, "section")))]
    topic = _group(match, "topic") or _group(match, "revisions")
    topic = " ".join(topic.split())
    if topic:
        topic = re.sub(r"^(?:stds?\.|[Ss]tandards?|[Ss]ections?|[Pp]rovisions?) on ", "standard on ", topic)
        topic = re.sub(r"^(\d{4}) (?:Code )?revisions", r"\1 revisions", topic)
    return [Citation(Authority("ethics", org, code, "", topic))]


def _read_standard(match: re.Match[str], context: Context) -> list[Citation]:
    numbers = _group(match, "numbers")
    first = re.match(r"[A-I]\.\d+(?:\.[a-z])?|\d+\.\d+", numbers)
    org = ethics_code_of(first.group(0) if first else numbers, context)
    if org is None:
        raise Unreadable(match.group(0))
    return _ethics_citations(org, numbers)


# Where the sections the guide cites sit in each code: a bare "§ 1024" belongs to the code whose range
# holds it (the Evidence Code), even when the last code named was another one. Outside every range,
# the last code cited in the page decides.
SECTION_RANGES = (
    ("Bus. & Prof. Code", 650, 730),
    ("Bus. & Prof. Code", 2290, 2291),
    ("Bus. & Prof. Code", 4980, 5000),
    ("Civ. Code", 43, 57),
    ("Evid. Code", 900, 1100),
    ("Pen. Code", 550, 551),
    ("Pen. Code", 11164, 11175),
    ("Welf. & Inst. Code", 300, 400),
    ("Welf. & Inst. Code", 5000, 5600),
    ("Welf. & Inst. Code", 8100, 8110),
    ("Welf. & Inst. Code", 15600, 15700),
    ("Health & Saf. Code", 123100, 124300),
    ("Fam. Code", 3000, 3200),
    ("Fam. Code", 6900, 7100),
    ("Code Civ. Proc.", 1985, 1988),
    ("Code Civ. Proc.", 2020, 2021),
    ("Cal. Code Regs., tit. 16", 1800, 1900),
    ("45 C.F.R.", 160, 165),
)


def _code_authority(code: str) -> Authority:
    if code.startswith("Cal. Code Regs."):
        return Authority("ca-regulation", CALIFORNIA, code, "")
    if "C.F.R." in code or "U.S.C." in code:
        return Authority("federal", FEDERAL, code, "")
    return Authority("ca-code", CALIFORNIA, code, "")


def code_of_bare_section(section: str, context: Context) -> Authority | None:
    number = int(re.match(r"\d+", section).group(0))
    candidates = [code for code, low, high in SECTION_RANGES if low <= number < high]
    if context.code is not None and context.code.code in candidates:
        return replace(context.code, section="", label="")
    if candidates:
        return _code_authority(candidates[0])
    return replace(context.code, section="", label="") if context.code is not None else None


MISSPELLED_CODE = re.compile(
    r"(?:\b(?:Cod|Code|Codes|Regs?|Regulations|Institutions|Professions|Safety|Procedure|Ethics)"
    r"|\b(?:Inst|Prof|Saf|Proc|Civ|Pen|Evid|Fam|Gov|Bus|Welf|Regs)\.)[ \t,]*$"
)


def _read_section(match: re.Match[str], context: Context) -> list[Citation]:
    pins = _group(match, "pins")
    # "Penal Cod § 11166", "Welfare & Institutions § 15630": a code-like word right before a bare section is
    # a misspelled code name (a code the grammar knows would have been read with its section).
    before = match.string[max(0, match.start() - 30) : match.start()]
    if re.search(MISSPELLED_CODE, before):
        name = re.search(r"(?:(?:[A-Z][\w.]*|&|and|of)[ \t,]*)+$", before)
        raise Unreadable((name.group(0) if name else before) + match.group(0))
    code = code_of_bare_section(pins, context)
    if code is None or code.kind == "ethics":
        raise Unreadable(match.group(0))
    if code.kind != "federal" and re.search(r"\d[a-z]|\d-\d", pins):
        raise Unreadable(match.group(0))
    citations = [
        Citation(replace(code, section=section), subdivisions, pinpoint, code.kind == "ca-regulation")
        for section, subdivisions, pinpoint in _pins(_normal_pins(pins.replace("-", "–")))
    ]
    context.code = citations[-1].authority
    return citations


def _read_publication(match: re.Match[str], context: Context) -> list[Citation]:
    text = " ".join(match.group(0).split()).rstrip(" ,.")
    publisher = " ".join(_group(match, "publisher").split())
    return [Citation(Authority("publication", publisher, text, ""))]


_READERS = {
    "ca_code": _read_ca_code,
    "ccr": _read_ccr,
    "cfr": _read_cfr,
    "usc": _read_usc,
    "case": _read_case,
    "reporter": _read_reporter,
    "bill": _read_bill,
    "statute": _read_statute,
    "ethics": _read_ethics,
    "ethics_short": _read_ethics,
    "standard": _read_standard,
    "section": _read_section,
    "publication": _read_publication,
}


# --- One authority per case and bill across the guide --------------------------------------------


class Registry:
    """Short forms resolved against the full citations of the whole guide: "*Tarasoff*, above" and
    "13 Cal.3d 177" name a case cited in full elsewhere; "Ch. 520, Stats. 2022" the bill that became that
    chapter; "AB 1759" the one bill of that number the guide dates."""

    def __init__(self, citations: Iterable[Citation]) -> None:
        authorities = sorted({c.authority for c in citations}, key=lambda a: (-len(a.code), -len(a.label)))
        self.cases = [a for a in authorities if a.kind == "case" and a.code and a.section]
        self.bills = [a for a in authorities if a.kind == "bill"]
        # What resolving depends on (a page whose short forms resolve the same is unchanged by the rest).
        self.fingerprint = (tuple(self.cases), tuple(self.bills))

    def resolve(self, authority: Authority) -> Authority:
        if authority.kind == "case":
            return self._case(authority)
        if authority.kind == "bill":
            return self._bill(authority)
        return authority

    def _case(self, case: Authority) -> Authority:
        if case.section:
            same = [a for a in self.cases if a.section == case.section]
        else:
            same = [a for a in self.cases if a.code.startswith(case.code.rstrip(".").split(" v. ")[0])]
        return same[0] if same else case

    def _bill(self, bill: Authority) -> Authority:
        if not bill.section:  # a chapter of the statutes of a year
            same = [a for a in self.bills if a.section and a.label == bill.label]
        elif not bill.label:
            same = [a for a in self.bills if a.section == bill.section and a.label]
            same = same if len({a.label.split(",")[0] for a in same}) == 1 else []
        else:
            same = [a for a in self.bills if a.section == bill.section and a.label.startswith(bill.label)]
        return same[0] if same else bill

    def citation(self, citation: Citation) -> Citation:
        return replace(citation, authority=self.resolve(citation.authority))


# --- Strict reading -------------------------------------------------------------------------------

NOTE = re.compile(r"^\s*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)|,[^;]*)\s*$")


def parse_entry(text: str) -> list[Citation]:
    """A `citations:` item: each part between semicolons starts with a citation; what follows the last
    citation of a part may only be a note ("(former text)", ", 2013 text") with no unread citation in it.
    An item read before is not read again (loading, linking and the table of authorities all read it)."""
    return list(_parse_entry_once(text))


@functools.lru_cache(maxsize=8192)
def _parse_entry_once(text: str) -> tuple[Citation, ...]:
    return tuple(_parse_entry(text))


def _parse_entry(text: str) -> list[Citation]:
    citations: list[Citation] = []
    context = Context()
    offset = 0
    for part in text.split(";"):
        try:
            spans = read(part, context, strict_publications=True)
        except Unreadable:
            raise Unreadable(part.strip(), offset) from None
        stripped = len(part) - len(part.lstrip())
        if not spans or spans[0].start != stripped:
            raise Unreadable(part.strip(), offset)
        position = spans[0].start
        for span in spans:
            gap = part[position : span.start]
            if gap.strip() and not re.fullmatch(r"[\s,()]*(?:and|or|former text|[\w\s.,]*?)[\s,()]*", gap):
                raise Unreadable(part.strip(), offset)
            position = span.end
            citations.extend(span.citations)
        _check_unread(part, spans, offset)
        tail = part[spans[-1].end :]
        if tail.strip() and not NOTE.match(tail) and not re.fullmatch(r"\s*\)\s*", tail):
            raise Unreadable(part.strip(), offset)
        offset += len(part) + 1
    return citations


def _check_unread(text: str, spans: list[Found], offset: int = 0) -> None:
    covered = [(s.start, s.end) for s in spans]
    for trigger in TRIGGER.finditer(text):
        if not any(start <= trigger.start() < end for start, end in covered):
            raise Unreadable(text[max(0, trigger.start() - 30) : trigger.end() + 30].strip(), offset + trigger.start())


# --- Nearest known form --------------------------------------------------------------------------

# (how it may be misspelled, the form to write); the number of the unreadable text is filled in.
EXAMPLES = (
    *(
        (spelling, f"{code.abbreviation} § {{number}}")
        for code in CALIFORNIA_CODES
        for spelling in (code.abbreviation, code.name, code.law_code, *code.spellings)
    ),
    ("Cal. Code Regs., tit. 16, §", "Cal. Code Regs., tit. 16, § {number}"),
    ("California Code of Regulations, title 16, section", "Cal. Code Regs., tit. 16, § {number}"),
    ("16 CCR §", "16 CCR § {number}"),
    ("45 C.F.R. §", "45 C.F.R. § {number}"),
    ("42 U.S.C. §", "42 U.S.C. § {number}"),
    ("*Tarasoff v. Regents of University of California* (1976)", "*Name v. Name* (1976) 17 Cal.3d 425"),
    ("AB (Stats. , ch. )", "AB {number} (Stats. 2011, ch. 166)"),
    ("Stats. , ch.", "Stats. 2022, ch. {number}"),
    *(
        (spelling, f"{name}, std. {{number}}")
        for org, name in ETHICS_CODES.items()
        for spelling in (org, name, f"{name}, std.", f"{name}, standard", f"{org} std.")
    ),
    ("CAMFT Code of Ethics, section", "CAMFT Code of Ethics, section {number}"),
    ("NASW Code of Ethics, standard on", "NASW Code of Ethics, standard on <topic>"),
    ("BBS", "BBS <title of the publication>"),
)


def nearest_form(text: str) -> str:
    """The known citation form closest to an unreadable one, with its number filled in."""
    flat = " ".join(text.split())
    after_mark = re.search(r"§+\s*(\d[\w.-]*(?:\([a-z0-9]+\))*)", flat)
    numbers = re.findall(r"[A-I]?\.?\d+(?:[.-]\d+)*(?:\([a-z0-9]+\))*", flat)
    number = after_mark.group(1) if after_mark else (numbers[-1] if numbers else "…")
    prefix = re.split(r"\d|§", flat, maxsplit=1)[0].strip(" ,").lower() or flat.lower()

    def score(example: tuple[str, str]) -> float:
        matcher = difflib.SequenceMatcher(None, prefix, example[0].lower())
        coverage = sum(block.size for block in matcher.get_matching_blocks()) / len(prefix)
        return matcher.ratio() + coverage

    best = max(EXAMPLES, key=score)
    return best[1].format(number=number.lstrip("."))


# --- Markdown -------------------------------------------------------------------------------------

FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
SKIPPED = re.compile(
    r"<!--.*?-->"  # comments (question markers)
    r"|`[^`\n]+`"  # inline code
    r"|\]\([^)\s]*\)"  # link targets
    r"|\[[^\]\n]*\]\([^)\s]*\)"  # whole links: their text is the author's
    r"|<[^>\n]+>"  # inline HTML and autolinks
    r"|\{[:#.][^}\n]*\}|\{ [#.][^}\n]*\}"  # attribute lists
    r"|^[ \t]*#{1,6}[ \t][^\n]*$"  # headings (their text becomes the table of contents)
    r"|^[ \t]*(?:!!!|\?\?\?\+?)[^\n]*$"  # admonition titles are plain text
    r"|https?://[^\s)]+",
    re.MULTILINE | re.DOTALL,
)
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Located:
    """Citations found in a Markdown page, with the line where each starts."""

    found: Found
    line: int


def skipped_spans(markdown: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in FENCE.finditer(markdown)]
    spans += [m.span() for m in SKIPPED.finditer(markdown)]
    return sorted(spans)


def _parenthesized(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of each outermost pair of parentheses."""
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                yield start, index


def _column_codes(markdown: str) -> dict[int, list[str | None]]:
    """For each table row (by offset), the ethics code its columns' headers name."""
    result: dict[int, list[str | None]] = {}
    header: list[str | None] = []
    previous_end = -2
    for row in TABLE_ROW.finditer(markdown):
        cells = [c.strip() for c in row.group(0).strip().strip("|").split("|")]
        if row.start() != previous_end + 1:
            header = [c if c in ETHICS_CODES else None for c in cells]
        result[row.start()] = header
        previous_end = row.end()
    return result


def read_markdown(markdown: str, line_offset: int = 0) -> list[Located]:
    """Every citation in a chapter's Markdown (outside code, links, headings and HTML), in order.

    Raises `Unreadable` (with `offset` into `markdown`) for a parenthesis that holds citation-like text
    the grammar cannot read. A text read before is not read again (the table of authorities reads every
    page before the pages render, and `mkdocs serve` reads them on every rebuild)."""
    located = _read_markdown_once(markdown)
    return [Located(item.found, item.line + line_offset) for item in located] if line_offset else list(located)


@functools.lru_cache(maxsize=256)
def _read_markdown_once(markdown: str) -> tuple[Located, ...]:
    return tuple(_read_markdown(markdown))


def _read_markdown(markdown: str, line_offset: int = 0) -> list[Located]:
    skipped = skipped_spans(markdown)
    columns = _column_codes(markdown)

    def is_skipped(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in skipped)

    context = Context()
    located: list[Located] = []
    rows = sorted(columns)
    for span in _reading_units(markdown):
        start, end = span
        text = markdown[start:end]
        row_start = next((r for r in rows if r == start), None)
        header = columns.get(row_start, []) if row_start is not None else []
        cells = _cells(text) if header else [(0, len(text))]
        for index, (cell_start, cell_end) in enumerate(cells):
            context.column_ethics = header[index] if header and index < len(header) else None
            cell = text[cell_start:cell_end]
            base = start + cell_start
            try:
                spans = [s for s in read(cell, context) if not is_skipped(base + s.start, base + s.end)]
            except Unreadable as error:
                error.offset = base + cell.find(error.text) if error.text in cell else base
                raise
            for found in spans:
                shifted = Found(base + found.start, base + found.end, found.citations, found.text)
                line = markdown.count("\n", 0, shifted.start) + 1 + line_offset
                located.append(Located(shifted, line))
            for inner_start, inner_end in _parenthesized(cell):
                if is_skipped(base + inner_start, base + inner_end):
                    continue
                inside = [s for s in spans if inner_start <= s.start and s.end <= inner_end]
                try:
                    _check_unread_prose(cell, inner_start, inner_end, inside, spans)
                except Unreadable as error:
                    absolute = base + error.offset
                    if not is_skipped(absolute, absolute + 1):
                        error.offset = absolute
                        raise
        context.column_ethics = None
    return located


def _check_unread_prose(text: str, start: int, end: int, inside: list[Found], spans: list[Found]) -> None:
    for trigger in TRIGGER.finditer(text, start, end):
        if not any(s.start <= trigger.start() < s.end for s in spans):
            snippet = text[max(start, trigger.start() - 30) : min(end, trigger.end() + 30)]
            error = Unreadable(snippet)
            error.offset = trigger.start()
            raise error


def _reading_units(markdown: str) -> Iterator[tuple[int, int]]:
    """Paragraphs (a citation may wrap onto the next line), and table rows one by one."""
    position = 0
    for block in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", markdown):
        lines_start = block.start()
        if TABLE_ROW.match(block.group(0)):
            for row in re.finditer(r"[^\n]+", block.group(0)):
                yield lines_start + row.start(), lines_start + row.end()
        else:
            yield block.start(), block.end()
        position = block.end()
    del position


def _cells(row: str) -> list[tuple[int, int]]:
    bars = [m.start() for m in re.finditer(r"\|", row)]
    return [(bars[i] + 1, bars[i + 1]) for i in range(len(bars) - 1)]
