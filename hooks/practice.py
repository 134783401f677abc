"""MkDocs hook: the timed practice exam page, drawn from the same question bank as the chapters.

docs/practice-exam.md holds the marker `<!-- practice-exam -->`. Once every page has been read
(`on_page_context`, so chapter titles are known), the marker becomes the exam's container with
the bank and the blueprint as JSON; overrides/assets/javascripts/practice-exam.js runs the exam
in the browser. Nothing is sent anywhere: progress stays in the browser's local storage.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from confidant.chapters import CHAPTERS_DIR
from confidant.errors import content_error
from confidant.examplan import ExamPlan
from confidant.practice import bank_for_page, blueprint
from confidant.questions import Question
from confidant.templates import theme_env

PRACTICE_PAGE = "practice-exam.md"
MARKER = "<!-- practice-exam -->"

_files: Files | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    return files


def _page_url(src: str, page: Page) -> str | None:
    found = _files.get_file_from_path(src) if _files else None
    return get_relative_url(found.url, page.url) if found else None


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside a <script> element: no `<` at all, so neither `</script>` nor `<!--`
    (which changes where the HTML parser ends the element) can occur in it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


@event_priority(50)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if page.file.src_uri != PRACTICE_PAGE or _files is None:
        return context
    if MARKER not in (page.content or ""):
        raise content_error(f"docs/{PRACTICE_PAGE}", None, None, f"the page lacks its {MARKER} marker", "put it back")
    plan: ExamPlan = config.extra["exam_plan_data"]
    questions: list[Question] = [q for qs in config.extra["question_bank"].values() for q in qs]

    def chapter_link(question: Question) -> tuple[str, str]:
        chapter = _files.get_file_from_path(f"{CHAPTERS_DIR}{question.chapter}.md").page
        return chapter.title, f"{get_relative_url(chapter.url, page.url)}#{question.section}"

    env = theme_env(config)
    exam_blueprint = blueprint(plan, questions)
    container = env.get_template("partials/practice-exam.html").render(
        bank_json=_json_for_script(bank_for_page(questions, plan, chapter_link)),
        blueprint_json=_json_for_script(exam_blueprint),
        script_url=get_relative_url("assets/javascripts/practice-exam.js", page.url),
        progress_url=_page_url("progress.md", page),
        question_count=len(questions),
        family_count=len({q.family for q in questions}),
        fresh_full_exams=exam_blueprint["freshFullExams"],
        blueprint=exam_blueprint,
        area_titles={code: area.title for code, area in plan.areas.items()},
    )
    page.content = page.content.replace(MARKER, container)
    return context
