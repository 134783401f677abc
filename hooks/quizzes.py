"""MkDocs hook: the question bank (data/questions/*.yml) becomes self-check quizzes.

Runs before mkdocs-quiz (higher event priority), so the `<quiz>` blocks it writes
are rendered by mkdocs-quiz in the same build. The bank loads once per build
(`on_pre_build`), which also means `mkdocs serve` re-reads it after a change in
data/ (listed under `watch:`). Every text in those blocks is final HTML, so mkdocs-quiz is
made to take it as it is instead of converting it with Markdown again (confidant.quizfragments:
each question is rendered once per build). After the page is written out, the markup mkdocs-quiz
added is made valid HTML (confidant.quizmarkup), before hooks/security.py hashes its scripts.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs_quiz.plugin import MkDocsQuizPlugin
from mkdocs_quiz.plugin import style as quiz_style

from confidant.chapters import CHAPTERS_DIR
from confidant.citelinks import site_links
from confidant.errors import content_error
from confidant.examplan import ExamPlan, load_exam_plan
from confidant.links import report_url
from confidant.placement import find_markers, place_questions, unknown_section_message, unknown_sections
from confidant.questions import Question, load_bank
from confidant.quizfragments import convert_known, known, lazy_markdown
from confidant.quizmarkup import valid_quiz_markup

_bank: dict[str, list[Question]] = {}
_plan: ExamPlan | None = None


def project_root(config: MkDocsConfig) -> Path:
    """Every data path is resolved from mkdocs.yml, never from the working directory."""
    return Path(config.config_file_path).resolve().parent


def data_settings(config: MkDocsConfig) -> dict[str, str]:
    return config.extra.get("confidant", {})


def _take_known_fragments() -> None:
    """Once per process: mkdocs-quiz's fragment conversion answers from `known` for the fragments
    this hook wrote and converts any other text itself (a quiz written by hand in a page)."""
    if getattr(MkDocsQuizPlugin._convert_fragment_markdown, "confidant_known", False):
        return
    convert = convert_known(MkDocsQuizPlugin._convert_fragment_markdown, known)
    convert.confidant_known = True  # type: ignore[attr-defined]
    MkDocsQuizPlugin._convert_fragment_markdown = convert
    MkDocsQuizPlugin._create_fragment_markdown = lazy_markdown(MkDocsQuizPlugin._create_fragment_markdown)


def on_pre_build(config: MkDocsConfig) -> None:
    global _bank, _plan
    _take_known_fragments()
    known.clear()
    root = project_root(config)
    settings = data_settings(config)
    schemas = root / settings.get("schemas_dir", "schemas")
    _plan = load_exam_plan(
        root / settings.get("exam_plan", "data/exam-plan.yml"),
        schemas / "exam-plan.schema.json",
        settings.get("exam_plan", "data/exam-plan.yml"),
    )
    _bank = load_bank(
        root / settings.get("questions_dir", "data/questions"),
        schemas / "questions.schema.json",
        _plan.areas.keys(),
        root,
        _plan.choices_per_item,
        site_links(root, settings),
    )
    config.extra["question_bank"] = _bank
    config.extra["exam_plan_data"] = _plan


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Every question file must belong to a chapter page."""
    for chapter, questions in _bank.items():
        if files.get_file_from_path(f"{CHAPTERS_DIR}{chapter}.md") is None:
            first = questions[0]
            raise content_error(
                first.source,
                1,
                None,
                f"no chapter docs/{CHAPTERS_DIR}{chapter}.md for this question file",
                "name the question file after its chapter (data/questions/<chapter>.yml) or add the chapter",
            )
    return files


def _front_matter_lines(page: Page) -> int:
    """How many source lines precede page.markdown (the front matter), for line numbers."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    return source.count("\n") - page.markdown.count("\n") if page.markdown else 0


@event_priority(50)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    chapter = Path(src).stem if src.startswith(CHAPTERS_DIR) else None
    questions = _bank.get(chapter, []) if chapter else []
    page_path = f"{Path(config.docs_dir).name}/{src}"
    if not questions:
        markers = find_markers(markdown, _front_matter_lines(page))
        if markers:
            raise content_error(
                page_path,
                markers[0].line,
                None,
                "question marker on a page that has no questions",
                f"add data/questions/{Path(src).stem}.yml for this chapter, or remove the marker",
            )
        return markdown
    # mkdocs-quiz is off by default (its CSS/JS is heavy); switch it on for this page only.
    page.meta["quiz"] = {**page.meta.get("quiz", {}), "enabled": True}
    data_path = questions[0].source
    page_address = f"{config.site_url or ''}{page.url}"
    placed = place_questions(
        markdown,
        questions,
        page_path,
        data_path,
        _front_matter_lines(page),
        lambda question_id: report_url(config.repo_url, question_id, page_address),
    )
    known.add(placed.fragments)
    return placed.markdown


def _anchors(items: list[AnchorLink]) -> set[str]:
    found: set[str] = set()
    for item in items:
        found.add(item.id)
        found |= _anchors(item.children)
    return found


@event_priority(50)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if not src.startswith(CHAPTERS_DIR):
        return html
    questions = _bank.get(Path(src).stem, [])
    anchors = _anchors(list(page.toc))
    missing = unknown_sections(questions, anchors)
    if missing:
        question = missing[0]
        listed = anchors - {item.id for item in page.toc}  # the page title's own id is no section
        rule, fix = unknown_section_message(question.section, f"docs/{src}", listed)
        raise content_error(question.source, question.line, question.id, rule, fix)
    return html


@event_priority(-50)  # after every change to the page, before hooks/security.py hashes its scripts (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return valid_quiz_markup(output, quiz_style)
    except ValueError as error:
        raise PluginError(f"{page.file.dest_uri}: {error} (check the templates in overrides/)") from None
