"""Where a chapter's questions go: the author's markers, replaced by quiz blocks.

A chapter author writes HTML comments, which render as nothing when the hook is
not running (GitHub's preview, another Markdown tool):

* ``<!-- questions: section-id -->`` places the questions that check that section;
* ``<!-- questions -->`` places all the other questions in a "Check your
  understanding" section, followed by mkdocs-quiz's results panel.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import content_error
from .questions import Question, QuizBlock, quiz_block

MARKER = re.compile(r"^[ \t]*<!--[ \t]*questions(?:[ \t]*:[ \t]*(?P<section>[^\s>]+))?[ \t]*-->[ \t]*$", re.MULTILINE)
FENCED_BLOCK = re.compile(r"^[ \t]*(?P<fence>```|~~~).*?^[ \t]*(?P=fence)", re.MULTILINE | re.DOTALL)
REVIEW_HEADING = "## Check your understanding { #check-your-understanding }"
# The results panel and each question are fenced by comments so the printed book can swap
# the interactive widgets for printed questions (see hooks/book.py).
RESULTS_PANEL = "<!-- confidant:results -->\n<!-- mkdocs-quiz results -->\n<!-- /confidant:results -->"


@dataclass(frozen=True)
class Marker:
    section: str | None  # None for the end-of-chapter review marker
    start: int
    end: int
    line: int


def find_markers(markdown: str, line_offset: int = 0) -> list[Marker]:
    """Markers outside fenced code blocks, with their 1-based line in the source file."""
    fenced = [(m.start(), m.end()) for m in FENCED_BLOCK.finditer(markdown)]
    markers = []
    for match in MARKER.finditer(markdown):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        line = markdown.count("\n", 0, match.start()) + 1 + line_offset
        markers.append(Marker(match.group("section"), match.start(), match.end(), line))
    return markers


@dataclass(frozen=True)
class PlacedQuestions:
    markdown: str  # the page with its markers replaced by quiz blocks
    fragments: tuple[str, ...]  # every fragment of HTML of those blocks that mkdocs-quiz converts


def _quiz_blocks(
    questions: Sequence[Question], first_number: int, report_url: Callable[[str], str | None] | None
) -> list[QuizBlock]:
    return [quiz_block(q, first_number + i, report_url(q.id) if report_url else None) for i, q in enumerate(questions)]


def _joined(questions: Sequence[Question], blocks: Sequence[QuizBlock]) -> str:
    return "\n\n".join(
        f"<!-- confidant:question {q.id} -->\n{block.markdown}\n<!-- /confidant:question -->"
        for q, block in zip(questions, blocks, strict=True)
    )


def place_questions(
    markdown: str,
    questions: Sequence[Question],
    page_path: str,
    data_path: str,
    line_offset: int = 0,
    report_url: Callable[[str], str | None] | None = None,
) -> PlacedQuestions:
    """Replace every marker with its questions; fail on markers or questions left over.

    ``report_url``, when given, gives the address where a reader reports a problem with a question
    (by its id); candidates are shown that link, not ids or data-file paths.
    """
    markers = find_markers(markdown, line_offset)
    reviews = [m for m in markers if m.section is None]
    if len(reviews) > 1:
        raise content_error(
            page_path,
            reviews[1].line,
            None,
            "more than one `<!-- questions -->` marker",
            "keep a single end-of-chapter marker",
        )
    placed: set[str] = set()
    assignments: list[tuple[Marker, list[Question]]] = []
    for marker in markers:
        if marker.section is None:
            continue
        chosen = [q for q in questions if q.section == marker.section]
        if not chosen:
            raise content_error(
                page_path,
                marker.line,
                None,
                f"marker `<!-- questions: {marker.section} -->` has no questions",
                f"add questions with `section: {marker.section}` to {data_path}, or remove the marker",
            )
        placed.update(q.id for q in chosen)
        assignments.append((marker, chosen))
    remaining = [q for q in questions if q.id not in placed]
    if reviews:
        if not remaining:
            raise content_error(
                page_path,
                reviews[0].line,
                None,
                "marker `<!-- questions -->` has no questions",
                f"add questions to {data_path}, or remove the marker",
            )
        assignments.append((reviews[0], remaining))
    elif remaining:
        first = remaining[0]
        ids = ", ".join(q.id for q in remaining)
        raise content_error(
            first.source,
            first.line,
            first.id,
            f"questions with no marker in {page_path}: {ids}",
            f"add `<!-- questions -->` at the end of {page_path} (or `<!-- questions: <section> -->` after a section)",
        )

    number = 1
    numbered: dict[int, str] = {}
    fragments: list[str] = []
    for marker, chosen in sorted(assignments, key=lambda pair: pair[0].start):
        blocks = _quiz_blocks(chosen, number, report_url)
        fragments += [fragment for quiz in blocks for fragment in quiz.fragments]
        block = _joined(chosen, blocks)
        number += len(chosen)
        if marker.section is None:
            block = f"{REVIEW_HEADING}\n\n{block}\n\n{RESULTS_PANEL}"
        numbered[marker.start] = block
    if not reviews:
        markdown = f"{markdown.rstrip()}\n\n{RESULTS_PANEL}\n"

    pieces, last = [], 0
    for marker in sorted((m for m in markers), key=lambda m: m.start):
        pieces += [markdown[last : marker.start], "\n" + numbered[marker.start] + "\n"]
        last = marker.end
    pieces.append(markdown[last:])
    return PlacedQuestions("".join(pieces), tuple(fragments))


def unknown_sections(questions: Sequence[Question], anchors: set[str]) -> list[Question]:
    """Questions whose `section` is not a heading id on their chapter page."""
    return [q for q in questions if q.section not in anchors]


def unknown_section_message(section: str, chapter_path: str, anchors: set[str]) -> tuple[str, str]:
    """(rule, fix) for a question whose `section:` names no heading of its chapter: the valid ids
    are listed, with the closest first when the id looks misspelled."""
    ids = sorted(anchors - {"check-your-understanding"})
    close = difflib.get_close_matches(section, ids, n=1)
    fix = (
        f"set `section:` to one of the chapter's heading ids: {', '.join(ids)}. If you changed or removed "
        f"`{{ #{section} }}` in {chapter_path}, put it back there"
    )
    return (
        f"unknown section '{section}': {chapter_path} has no heading with that id",
        f"Did you mean `{close[0]}`? S{fix[1:]}" if close else fix,
    )
