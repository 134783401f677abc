"""MkDocs hook: the study loop's pages, My progress (docs/progress.md) and Review (docs/review.md).

Each page holds a marker (`<!-- progress -->`, `<!-- review -->`). Once every page has been
rendered (`on_page_context`, so chapter titles and headings are known), the marker becomes the
page's container with the bank's data as JSON; overrides/assets/javascripts/progress.js and
review.js do the rest in the browser, from the answer record in its local storage (answer-record.js).
Nothing is sent anywhere.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from confidant.chapters import CHAPTERS_DIR
from confidant.errors import content_error
from confidant.examplan import ExamPlan
from confidant.questions import Question
from confidant.study import ChapterInfo, bank_metadata, review_bank
from confidant.templates import theme_env

PAGES = {"progress.md": "<!-- progress -->", "review.md": "<!-- review -->"}

_files: Files | None = None
_nav: Navigation | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _nav
    _nav = nav
    return nav


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside a <script> element: no `<` at all, so neither `</script>` nor `<!--`
    (which changes where the HTML parser ends the element) can occur in it (as in hooks/practice.py)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _anchors(items: list[AnchorLink]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        found[item.id] = item.title
        found.update(_anchors(item.children))
    return found


def _chapters(nav: Navigation, page: Page) -> list[ChapterInfo]:
    """Chapter pages in reading (nav) order."""
    return [
        ChapterInfo(
            slug=chapter.file.name,
            title=chapter.title or chapter.file.name,
            href=get_relative_url(chapter.url, page.url),
            sections=_anchors(list(chapter.toc)),
        )
        for chapter in nav.pages
        if chapter.file.src_uri.startswith(CHAPTERS_DIR)
    ]


def _url(src: str, page: Page) -> str:
    found = _files.get_file_from_path(src) if _files else None
    return get_relative_url(found.url, page.url) if found else ""


def _asset(path: str, page: Page) -> str:
    return get_relative_url(f"assets/{path}", page.url)


@event_priority(50)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    marker = PAGES.get(page.file.src_uri)
    if marker is None or _files is None or _nav is None:
        return context
    if marker not in (page.content or ""):
        raise content_error(
            f"docs/{page.file.src_uri}", None, None, f"the page lacks its {marker} marker", "put it back"
        )
    plan: ExamPlan = config.extra["exam_plan_data"]
    questions: list[Question] = [q for qs in config.extra["question_bank"].values() for q in qs]
    chapters = _chapters(_nav, page)
    meta = bank_metadata(questions, plan, chapters)
    env = theme_env(config)
    if page.file.src_uri == "progress.md":
        container = env.get_template("partials/progress.html").render(
            meta_json=_json_for_script(meta),
            script_urls=[_asset(f"javascripts/{name}.js", page) for name in ("study", "progress")],
            review_url=_url("review.md", page),
            exam_url=_url("practice-exam.md", page),
            question_count=len(questions),
        )
    else:
        hrefs = {c.slug: c.href for c in chapters}
        container = env.get_template("partials/review.html").render(
            meta_json=_json_for_script(meta),
            bank_json=_json_for_script(review_bank(questions, lambda q: f"{hrefs[q.chapter]}#{q.section}")),
            script_urls=[_asset(f"javascripts/{name}.js", page) for name in ("study", "review")],
            progress_url=_url("progress.md", page),
        )
    page.content = page.content.replace(marker, container)
    return context
