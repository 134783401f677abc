"""MkDocs hook: the timed practice exam page, drawn from the same question bank as the chapters.

docs/practice-exam.md holds the marker `<!-- practice-exam -->`. Once every page has been read
(`on_page_context`, so chapter titles are known), the marker becomes the exam's container with
the blueprint as JSON; overrides/assets/javascripts/practice-exam.js runs the exam in the browser.
The bank (about 1 MB of JSON) is a file of its own, `practice-exam/bank.json`, which the script
fetches once the page shows: inside the page it would delay the page's first paint on a phone by
a second or more. The offline copy keeps the bank inside the page, since a page opened from disk
(file://) cannot fetch. Nothing is sent anywhere: progress stays in the browser's local storage.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
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
# Beside the page's index.html, so the page's relative address for it is just the name.
BANK_FILE = "bank.json"

_files: Files | None = None
_bank_file: tuple[str, str] | None = None  # (path under site_dir, JSON) written after the build


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
    bank_json = _json_for_script(bank_for_page(questions, plan, chapter_link))
    inline = bool(config.extra.get("offline_copy"))
    global _bank_file
    _bank_file = None if inline else (posixpath.join(posixpath.dirname(page.file.dest_uri), BANK_FILE), bank_json)
    container = env.get_template("partials/practice-exam.html").render(
        bank_json=bank_json if inline else "null",
        bank_url=None if inline else BANK_FILE,
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


def on_post_build(config: MkDocsConfig) -> None:
    if _bank_file is not None:
        path, bank_json = _bank_file
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(bank_json, encoding="utf-8")
