"""The study loop's page data: the bank's metadata for My progress, and the bank for review sessions.

Both are embedded in their page as JSON (no request at run time, and the pages work from a
file:// copy). Question texts are the safe HTML of `Question.html`, rendered once per build;
titles are plain text that the page's script inserts as text, never as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .examplan import ExamPlan
from .questions import Question


@dataclass(frozen=True)
class ChapterInfo:
    """A chapter page as the study pages link to it."""

    slug: str  # the file stem, as in Question.chapter
    title: str
    href: str  # relative to the study page
    sections: dict[str, str]  # heading id -> heading text


def _text(title: str) -> str:
    """A heading or page title as plain text (the TOC keeps HTML entities)."""
    return " ".join(html.unescape(title).split())


def bank_metadata(questions: Sequence[Question], plan: ExamPlan, chapters: Iterable[ChapterInfo]) -> dict[str, Any]:
    """Areas in exam-plan order, chapters in reading order, the sections questions check, and one
    row per question: what My progress needs to count answers by area, chapter and section."""
    chapter_list = list(chapters)
    used = {(q.chapter, q.section) for q in questions}
    sections = {
        f"{chapter.slug}#{anchor}": {"title": _text(title), "href": f"{chapter.href}#{anchor}"}
        for chapter in chapter_list
        for anchor, title in chapter.sections.items()
        if (chapter.slug, anchor) in used
    }
    with_questions = {q.chapter for q in questions}
    return {
        "areas": [{"code": area.code, "title": area.title} for area in plan.areas.values()],
        "chapters": [
            {"id": c.slug, "title": _text(c.title), "href": c.href} for c in chapter_list if c.slug in with_questions
        ],
        "sections": sections,
        "questions": [
            {"id": q.id, "area": q.area, "chapter": q.chapter, "section": q.section, "family": q.family}
            for q in questions
        ],
    }


def review_bank(questions: Sequence[Question], section_href: Callable[[Question], str]) -> dict[str, dict[str, Any]]:
    """Every question's safe HTML by id, with the feedback of each choice, for review sessions."""
    return {
        q.id: {
            "stem": q.html.stem,
            "choices": list(q.html.choices),
            "feedback": list(q.html.feedback),
            "correct": next(i for i, choice in enumerate(q.choices) if choice.correct),
            "rationale": q.html.rationale,
            "citations": list(q.html.citations),
            "href": section_href(q),
        }
        for q in questions
    }
