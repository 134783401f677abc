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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from confidant.book import css_string, part_prefix, print_ready
from confidant.chapters import CHAPTERS_DIR, review_date_label
from confidant.glossary import Term, link_terms
from confidant.questions import LETTERS, Question

BOOK_PATH = "print/book.html"
APPENDIX_PAGES = ("glossary.md", "about/index.md")
# Interactive pages with nothing to print.
LEFT_OUT = frozenset({"practice-exam.md"})

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


def _inline_paragraph(fragment: str) -> str:
    """A one-paragraph stem without its <p>, so it can follow the question number on one line."""
    if fragment.startswith("<p>") and fragment.endswith("</p>") and fragment.count("<p>") == 1:
        return fragment[3:-4]
    return fragment


def _plain(fragment: str) -> str:
    return " ".join(html_lib.unescape(TAGS.sub("", fragment)).split())


@dataclass
class BookAssembler:
    """Turns the pages of one build into the parts of the book, numbering questions as it goes."""

    config: MkDocsConfig
    prefixes: dict[str, str]
    env: Any = field(init=False)
    questions: dict[str, Question] = field(init=False)
    answer_key: list[dict[str, Any]] = field(default_factory=list)
    chapter_number: int = 0

    def __post_init__(self) -> None:
        self.env = self.config.theme.get_env()
        self.macros = self.env.get_template("partials/glossary.html").module
        bank: dict[str, list[Question]] = self.config.extra.get("question_bank", {})
        self.questions = {q.id: q for questions in bank.values() for q in questions}

    @staticmethod
    def safe(fragment: str) -> Markup:
        # Fragments come from the safe render path (confidant.safehtml): sanitized, allowlisted HTML.
        return Markup(fragment)  # noqa: S704

    def glossary_link(self, term: Term, text: str) -> str:
        # `text` is an already-escaped HTML text node.
        return str(self.macros.term_link(f"#glossary--{term.slug}", term.plain_definition, Markup(text)))  # noqa: S704

    def printed_question(self, question: Question, number: str) -> str:
        return str(
            self.env.get_template("print/question.html").render(
                number=number,
                id=question.id,
                stem=self.safe(_inline_paragraph(question.html.stem)),
                choices=[(LETTERS[i], self.safe(text)) for i, text in enumerate(question.html.choices)],
                multiple=question.multiple,
            )
        )

    def part(self, page: Page, kind: str, label: str) -> dict[str, Any]:
        """One page as a part of the book; its questions are printed and added to the answer key."""
        if kind == "chapter":
            self.chapter_number += 1
        answers: list[dict[str, Any]] = []

        def render_question(question_id: str) -> str:
            question = self.questions[question_id]
            number = f"{self.chapter_number}.{len(answers) + 1}"
            answers.append(
                {
                    "number": number,
                    "id": question.id,
                    "letters": question.correct_letters,
                    "rationale": self.safe(question.html.rationale),
                    "citations": [self.safe(citation) for citation in question.html.citations],
                }
            )
            return self.printed_question(question, number)

        html = print_ready(
            _raw_html[page.file.src_uri], page.url, self.prefixes, self.config.site_url or "", render_question
        )
        matcher = self.config.extra.get("glossary_matcher")
        if matcher is not None and page.file.src_uri != "glossary.md":
            html = link_terms(html, matcher, self.glossary_link).html
        if answers:
            self.answer_key.append({"chapter": page.title, "number": self.chapter_number, "answers": answers})
        heading = FIRST_H1.search(html)
        prefix = self.prefixes[page.url]
        return {
            "heading": _plain(heading.group(1)) if heading else page.title,
            "kind": kind,
            "label": label,
            "anchor": prefix,
            "page_name": f"part-{prefix}",
            "title": page.title,
            # Running head: the chapter title; front matter uses its heading ("Home" is a web label).
            "header": css_string(_plain(heading.group(1)) if heading and kind == "front" else page.title),
            "html": Markup(html),  # noqa: S704 - rendered by MkDocs from validated content
        }


def on_post_build(config: MkDocsConfig) -> None:
    if _nav is None:
        return
    pages = [p for p in _nav.pages if p.file.src_uri in _raw_html and p.file.src_uri not in LEFT_OUT]
    book = BookAssembler(config, {p.url: part_prefix(p.file.src_uri) for p in pages})
    body_pages = [p for p in pages if p.file.src_uri not in APPENDIX_PAGES]
    parts = []
    for page in body_pages:
        is_chapter = page.file.src_uri.startswith(CHAPTERS_DIR)
        label = f"Chapter {book.chapter_number + 1}" if is_chapter else ""
        parts.append(book.part(page, "chapter" if is_chapter else "front", label))
    # Appendix A is the answer key, which the template writes from book.answer_key.
    appendix_labels = {source: f"Appendix {letter}" for source, letter in zip(APPENDIX_PAGES, "BC", strict=True)}
    appendices = [
        book.part(page, "appendix", appendix_labels[page.file.src_uri])
        for source in APPENDIX_PAGES
        for page in pages
        if page.file.src_uri == source
    ]
    reviewed = [p.meta["last_reviewed"] for p in body_pages if isinstance(p.meta.get("last_reviewed"), dt.date)]
    html = book.env.get_template("print/book.html").render(
        config=config,
        parts=parts,
        appendices=appendices,
        answer_key=book.answer_key,
        question_count=sum(len(c["answers"]) for c in book.answer_key),
        term_count=len(config.extra.get("glossary_terms", [])),
        edition=review_date_label(dt.date.today()),
        last_reviewed=review_date_label(min(reviewed)) if reviewed else "",
    )
    target = Path(config.site_dir) / BOOK_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
