"""MkDocs hook: chapter front matter is complete, and each chapter shows its review date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from confidant.chapters import (
    CHAPTERS_DIR,
    check_front_matter_text,
    check_headings,
    front_matter_problem,
    review_date_label,
)
from confidant.errors import content_error
from confidant.links import edit_url
from confidant.sections import box_sections


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    if not page.file.src_uri.startswith(CHAPTERS_DIR):
        return markdown
    display_path = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    check_front_matter_text(source, display_path, dt.date.today())
    plan = config.extra.get("exam_plan_data")
    area_codes = set(plan.areas) if plan else set()
    problem = front_matter_problem(page.meta, area_codes)
    if problem:
        rule, fix = problem
        raise content_error(f"docs/{page.file.src_uri}", 1, None, rule, fix)
    check_headings(source, display_path)
    return markdown


# Last of the content hooks: after the print book has copied the page (10) and the quizzes are
# linked to the glossary (-50); before the security hooks (-90).
@event_priority(-60)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A chapter's sections in boxes that a phone draws only when they come into view."""
    if not page.file.src_uri.startswith(CHAPTERS_DIR):
        return html
    return box_sections(html, 3, "confidant-section", unboxed=2)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
    reviewed = page.meta.get("last_reviewed")
    if reviewed and hasattr(reviewed, "year"):
        context["last_reviewed_label"] = review_date_label(reviewed)
        context["last_reviewed_iso"] = reviewed.isoformat()
    if page.file.src_uri.startswith(CHAPTERS_DIR):
        # For contributors, beside the page's own edit link: where this chapter's questions live.
        context["questions_edit_url"] = edit_url(config, f"data/questions/{Path(page.file.src_uri).stem}.yml")
    return context
