"""The authorities the guide cites: when each was last checked, and the table of authorities.

`data/authorities.yml` records, per California code section, the date someone read the current
statute text and what they found (current, amended, repealed, renumbered). Citations are read by the
one citation grammar (`confidant.citations`), so a test can fail when a citation uses a section
marked repealed or renumbered, a report can list the sections no one has checked yet, and the
table of authorities can list every authority with every place that cites it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import citations
from .book import part_prefix
from .errors import content_error
from .filecache import cached
from .yamldata import load_yaml, validate_against_schema

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
    """Every California code section named in a text, at section level ("Pen. Code § 11166"); a range
    names both of its ends."""
    found: list[str] = []
    for span in citations.read(text, skip_unreadable=True):
        for citation in span.citations:
            authority = citation.authority
            if authority.kind != "ca-code":
                continue
            for number in authority.section.split("–"):
                section = f"{authority.code} § {number}"
                if section not in found:
                    found.append(section)
    return found


def load_authorities(path: Path, schema_path: Path, display_path: str) -> dict[str, Authority]:
    """The check records of data/authorities.yml (kept while it and its schema are unchanged: see filecache.py)."""
    return cached(
        ("authorities", path),
        [path, schema_path],
        display_path,
        lambda: _load_authorities(path, schema_path, display_path),
    )


def _load_authorities(path: Path, schema_path: Path, display_path: str) -> dict[str, Authority]:
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
        markdown, offset = page_markdown(path.read_text(encoding="utf-8"))
        for located in citations.read_markdown(markdown, offset):
            for citation in located.found.citations:
                authority = citation.authority
                if authority.kind == "ca-code":
                    for number in authority.section.split("–"):
                        yield CitedSection(f"{authority.code} § {number}", f"{source}:{located.line}")


def page_markdown(source: str) -> tuple[str, int]:
    """A page's Markdown without its front matter, and how many lines the front matter took."""
    match = re.match(r"---\n.*?\n---[ \t]*\n", source, re.DOTALL)
    # Leading blank lines dropped as MkDocs does, so this is the text the page's hooks see.
    markdown = source[match.end() :].lstrip("\n") if match else source
    return markdown, source.count("\n") - markdown.count("\n")


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


# --- The table of authorities ------------------------------------------------------------------

HEADING = re.compile(r"^#{2,6}[ \t]+(?P<title>.*?)[ \t]*\{[ \t]*#(?P<id>[\w-]+)[^}]*\}[ \t]*$", re.MULTILINE)
PAGE_TITLE = re.compile(r"^title:[ \t]*(?P<title>.+?)[ \t]*$", re.MULTILINE)
FIRST_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Place:
    """Where an authority is cited: a citation in a page, a question, or a glossary entry."""

    kind: str  # "page", "question" or "glossary"
    page: str  # the page's source path in docs/, e.g. "chapters/abuse-reporting.md"
    anchor: str  # the id on that page the table links to
    title: str  # "Reporting suspected child abuse › Timelines and forms", "Question abuse-…", a term
    book_anchor: str  # the same place in the printed book
    cited_as: str  # the citation's canonical form there, with its subdivision


@dataclass
class TableEntry:
    authority: citations.Authority
    places: list[Place]
    checked: Authority | None  # the verification record, when there is one


@dataclass
class TableGroup:
    title: str  # "California statutes"
    anchor: str
    subgroups: list[tuple[str, list[TableEntry]]]  # (code title or "", entries)


def page_title(source: str, src_uri: str) -> str:
    front = re.match(r"---\n(.*?)\n---", source, re.DOTALL)
    found = PAGE_TITLE.search(front.group(1)) if front else None
    if found:
        return found["title"].strip("\"'")
    heading = FIRST_H1.search(source)
    return heading["title"] if heading else src_uri


def page_places(
    src_uri: str, source: str, located: Iterable[citations.Located]
) -> list[tuple[citations.Citation, Place]]:
    """Every citation of a page with its place: the page title and the section it sits in."""
    title = page_title(source, src_uri)
    headings = [(source.count("\n", 0, m.start()) + 1, m["title"]) for m in HEADING.finditer(source)]
    result = []
    for number, item in enumerate(located, start=1):
        section = next((text for line, text in reversed(headings) if line <= item.line), "")
        anchor = f"cite-{number}"
        place_title = f"{title} › {section}" if section else title
        for citation in item.found.citations:
            place = Place("page", src_uri, anchor, place_title, f"{part_prefix(src_uri)}--{anchor}", citation.display)
            result.append((citation, place))
    return result


def question_places(
    questions: Iterable[Any], titles: dict[str, str] | None = None
) -> list[tuple[citations.Citation, Place]]:
    result = []
    for question in questions:
        chapter = f"chapters/{question.chapter}.md"
        where = (titles or {}).get(chapter, question.chapter)
        for entry in question.citations:
            for citation in citations.parse_entry(entry):
                place = Place(
                    "question",
                    chapter,
                    f"q-{question.id}",
                    f"{where}, question {question.id}",
                    f"answer-{question.id}",
                    citation.display,
                )
                result.append((citation, place))
    return result


def term_places(terms: Iterable[Any]) -> list[tuple[citations.Citation, Place]]:
    result = []
    for term in terms:
        for entry in term.citations:
            for citation in citations.parse_entry(entry):
                place = Place(
                    "glossary",
                    "glossary.md",
                    term.slug,
                    f"Glossary: {term.term}",
                    f"glossary--{term.slug}",
                    citation.display,
                )
                result.append((citation, place))
    return result


def check_record(authority: citations.Authority, known: dict[str, Authority]) -> Authority | None:
    return known.get(authority.display) if authority.kind == "ca-code" else None


def table_of_authorities(
    places: Iterable[tuple[citations.Citation, Place]], registry: citations.Registry, known: dict[str, Authority]
) -> list[TableGroup]:
    """Authorities grouped (California statutes by code, regulations, federal, cases, bills, ethics codes,
    publications) and sorted by section, each with its places in book order, one per page section."""
    entries: dict[citations.Authority, TableEntry] = {}
    for citation, place in places:
        authority = registry.resolve(citation.authority)
        entry = entries.setdefault(authority, TableEntry(authority, [], check_record(authority, known)))
        if not any(p.page == place.page and p.title == place.title for p in entry.places):
            entry.places.append(place)
    groups: list[TableGroup] = []
    for kind, title in citations.KINDS.items():
        of_kind = sorted((e for e in entries.values() if e.authority.kind == kind), key=lambda e: e.authority.sort_key)
        if not of_kind:
            continue
        subgroups: list[tuple[str, list[TableEntry]]] = []
        for entry in of_kind:
            name = _subgroup(entry.authority)
            if not subgroups or subgroups[-1][0] != name:
                subgroups.append((name, []))
            subgroups[-1][1].append(entry)
        groups.append(TableGroup(title, f"toa-{kind}", subgroups))
    return groups


def _subgroup(authority: citations.Authority) -> str:
    if authority.kind == "ca-code":
        code = citations.CODE_BY_ABBREVIATION.get(authority.code)
        return code.name if code else authority.code
    if authority.kind in ("ethics", "federal"):
        return (
            authority.code
            if authority.kind == "ethics"
            else ("Regulations (C.F.R.)" if "C.F.R." in authority.code else "Statutes (U.S.C.)")
        )
    return ""
