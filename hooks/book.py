"""MkDocs hook: assemble the printed book (site/print/book.html) that tools/pdf.py turns into the PDF.

The book holds every page in navigation order, the self-check questions printed with lettered
choices, and appendices: the answer key, the glossary, and the sources. Each page's HTML is taken
before mkdocs-quiz replaces its quizzes (priority between the quiz hook and mkdocs-quiz), so the
book never contains the interactive widgets.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path
from typing import Any

import markdown as markdown_lib
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from confidant.book import css_string, part_prefix, print_ready
from confidant.chapters import review_date_label
from confidant.glossary import Term, link_terms
from confidant.questions import LETTERS, Question

BOOK_PATH = "print/book.html"
APPENDIX_PAGES = ("glossary.md", "about/index.md")

FIRST_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")

_raw_html: dict[str, str] = {}
_nav: Navigation | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    _raw_html.clear()


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _nav
    _nav = nav
    return nav


@event_priority(10)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _raw_html[page.file.src_uri] = html
    return html


def _inline_markdown(converter: markdown_lib.Markdown, text: str) -> Markup:
    html = converter.reset().convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    # Question text is validated by the quiz hook (no raw HTML), so its Markdown output is safe.
    return Markup(html)  # noqa: S704


def _plain(fragment: str) -> str:
    return " ".join(html_lib.unescape(TAGS.sub("", fragment)).split())


def on_post_build(config: MkDocsConfig) -> None:
    if _nav is None:
        return
    env = config.theme.get_env()
    macros = env.get_template("partials/glossary.html").module
    converter = markdown_lib.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    bank: dict[str, list[Question]] = config.extra.get("question_bank", {})
    questions_by_id = {q.id: q for questions in bank.values() for q in questions}
    terms: list[Term] = config.extra.get("glossary_terms", [])
    matcher = config.extra.get("glossary_matcher")
    site_url = config.site_url or ""

    pages = [p for p in _nav.pages if p.file.src_uri in _raw_html]
    prefixes = {p.url: part_prefix(p.file.src_uri) for p in pages}
    body_pages = [p for p in pages if p.file.src_uri not in APPENDIX_PAGES]
    appendix_pages = {p.file.src_uri: p for p in pages if p.file.src_uri in APPENDIX_PAGES}

    answer_key: list[dict[str, Any]] = []
    parts: list[dict[str, Any]] = []
    chapter_number = 0

    def glossary_link(term: Term, text: str) -> str:
        return str(macros.term_link(f"#glossary--{term.slug}", term.plain_definition, Markup(text)))  # noqa: S704

    def build_part(page: Page, kind: str, label: str) -> dict[str, Any]:
        nonlocal chapter_number
        is_chapter = page.file.src_uri.startswith("chapters/")
        if is_chapter:
            chapter_number += 1
        number_in_chapter = 0
        chapter_key: list[dict[str, Any]] = []

        def render_question(question_id: str) -> str:
            nonlocal number_in_chapter
            question = questions_by_id[question_id]
            number_in_chapter += 1
            number = f"{chapter_number}.{number_in_chapter}"
            chapter_key.append(
                {
                    "number": number,
                    "id": question.id,
                    "letters": question.correct_letters,
                    "rationale": _inline_markdown(converter, question.rationale),
                    "citations": question.citations,
                }
            )
            return str(
                env.get_template("print/question.html").render(
                    number=number,
                    id=question.id,
                    stem=_inline_markdown(converter, question.stem),
                    choices=[(LETTERS[i], _inline_markdown(converter, c.text)) for i, c in enumerate(question.choices)],
                    multiple=question.multiple,
                )
            )

        html = print_ready(_raw_html[page.file.src_uri], page.url, prefixes, site_url, render_question)
        if matcher is not None and page.file.src_uri != "glossary.md":
            html = link_terms(html, matcher, glossary_link).html
        if chapter_key:
            answer_key.append({"chapter": page.title, "number": chapter_number, "answers": chapter_key})
        prefix = prefixes[page.url]
        heading = FIRST_H1.search(html)
        return {
            "heading": _plain(heading.group(1)) if heading else page.title,
            "kind": kind,
            "label": label,
            "anchor": prefix,
            "page_name": f"part-{prefix}",
            "title": page.title,
            "header": css_string(page.title),
            "html": Markup(html),  # noqa: S704 - rendered by MkDocs from validated content
        }

    for page in body_pages:
        is_chapter = page.file.src_uri.startswith("chapters/")
        label = f"Chapter {chapter_number + 1}" if is_chapter else ""
        parts.append(build_part(page, "chapter" if is_chapter else "front", label))
    appendices = []
    if "glossary.md" in appendix_pages:
        appendices.append(build_part(appendix_pages["glossary.md"], "appendix", "Appendix B"))
    if "about/index.md" in appendix_pages:
        appendices.append(build_part(appendix_pages["about/index.md"], "appendix", "Appendix C"))

    reviewed = [p.meta["last_reviewed"] for p in body_pages if isinstance(p.meta.get("last_reviewed"), dt.date)]
    html = env.get_template("print/book.html").render(
        config=config,
        parts=parts,
        appendices=appendices,
        answer_key=answer_key,
        question_count=sum(len(c["answers"]) for c in answer_key),
        term_count=len(terms),
        edition=review_date_label(dt.date.today()),
        last_reviewed=review_date_label(min(reviewed)) if reviewed else "",
    )
    target = Path(config.site_dir) / BOOK_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
