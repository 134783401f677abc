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
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from confidant import session
from confidant.book import BookPage, complete_pages, css_string, part_prefix, print_ready
from confidant.chapters import CHAPTERS_DIR, review_date_label
from confidant.csp import with_policy
from confidant.glossary import Term, link_terms, linked_slugs
from confidant.questions import LETTERS, Question
from confidant.templates import theme_env

BOOK_PATH = "print/book.html"
GLOSSARY_PREFIX = part_prefix("glossary.md")
APPENDIX_PAGES = ("glossary.md", "about/index.md", "authorities.md")
# The table of authorities links each place to the page where it is cited on the website and, in
# `data-book-href`, to where the citation is printed in the book (a question's sources print in the
# answer key); tools/pdf.py writes the page number of each link target beside it.
BOOK_HREF = re.compile(r'href="[^"]*"(\s+data-book-href="([^"]*)")')
# Interactive pages with nothing to print.
LEFT_OUT = frozenset({"practice-exam.md", "review.md", "progress.md", "downloads.md"})

FIRST_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")

log = get_plugin_logger("confidant")


_raw_html: dict[str, BookPage] = {}
_nav: Navigation | None = None


def on_startup(command: str, dirty: bool) -> None:
    session.start(command, dirty)


def on_pre_build(config: MkDocsConfig) -> None:
    _raw_html.clear()


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _nav
    _nav = nav
    return nav


# After the glossary hook has linked the prose (20), before mkdocs-quiz renders the quizzes (0).
@event_priority(10)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not session.serving():
        reviewed = page.meta.get("last_reviewed")
        _raw_html[page.file.src_uri] = BookPage(
            page.file.src_uri,
            page.url,
            str(page.title),
            reviewed if isinstance(reviewed, dt.date) else None,
            html,
        )
    return html


def _inline_paragraph(fragment: str) -> str:
    """A one-paragraph stem without its <p>, so it can follow the question number on one line."""
    if fragment.startswith("<p>") and fragment.endswith("</p>") and fragment.count("<p>") == 1:
        return fragment[3:-4]
    return fragment


def _complete_pages(config: MkDocsConfig, wanted: list[str]) -> bool:
    """Every page of the book has its HTML: rendered now, or kept from the last build when this
    one is dirty (inside the project's git-ignored .cache/). Keeps this build's pages for the next."""
    store = Path(config.config_file_path).resolve().parent / ".cache" / "confidant" / "book-pages"
    missing = complete_pages(_raw_html, wanted, store, session.dirty)
    if missing:
        log.info(f"print book not written: no HTML of {missing} from this dirty build (run a full build)")
    return not missing


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
        self.env = theme_env(self.config)
        self.macros = self.env.get_template("partials/glossary.html").module
        bank: dict[str, list[Question]] = self.config.extra.get("question_bank", {})
        self.questions = {q.id: q for questions in bank.values() for q in questions}

    @staticmethod
    def safe(fragment: str) -> Markup:
        # Fragments come from the safe render path (confidant.safehtml): sanitized, allowlisted HTML.
        return Markup(fragment)  # noqa: S704

    def printed_question(self, question: Question, number: str, page: BookPage, seen: set[str]) -> str:
        html = str(
            self.env.get_template("print/question.html").render(
                number=number,
                id=question.id,
                stem=self.safe(_inline_paragraph(question.html.stem)),
                choices=[(LETTERS[i], self.safe(text)) for i, text in enumerate(question.html.choices)],
                multiple=question.multiple,
            )
        )
        matcher = self.config.extra.get("glossary_matcher")
        if matcher is None:
            return html
        # The page's prose came linked from the glossary hook; a printed question links the first
        # use on the page of a term the page has not linked yet. The link is relative to the page,
        # like the prose's, and becomes a link inside the book with them.
        glossary_url = next((url for url, prefix in self.prefixes.items() if prefix == GLOSSARY_PREFIX), "")
        base = get_relative_url(glossary_url, page.url)

        def glossary_link(term: Term, text: str) -> str:
            # `text` is an already-escaped HTML text node.
            return str(self.macros.term_link(f"{base}#{term.slug}", term.plain_definition, Markup(text)))  # noqa: S704

        return link_terms(html, matcher, glossary_link, seen=seen).html

    def part(self, page: BookPage, kind: str, label: str) -> dict[str, Any]:
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
            return self.printed_question(question, number, page, seen)

        seen = linked_slugs(page.html)
        html = print_ready(page.html, page.url, self.prefixes, self.config.site_url or "", render_question)
        html = BOOK_HREF.sub(lambda m: f'href="{m.group(2)}"', html)
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
    # Only the PDF needs the book: `mkdocs serve` skips it (a contributor previews the website).
    if _nav is None or session.serving():
        return
    wanted = [p.file.src_uri for p in _nav.pages if p.file.src_uri not in LEFT_OUT]
    if not _complete_pages(config, wanted):
        return
    pages = [_raw_html[src_uri] for src_uri in wanted]
    book = BookAssembler(config, {p.url: part_prefix(p.src_uri) for p in pages})
    body_pages = [p for p in pages if p.src_uri not in APPENDIX_PAGES]
    parts = []
    for page in body_pages:
        is_chapter = page.src_uri.startswith(CHAPTERS_DIR)
        label = f"Chapter {book.chapter_number + 1}" if is_chapter else ""
        parts.append(book.part(page, "chapter" if is_chapter else "front", label))
    # Appendix A is the answer key, which the template writes from book.answer_key.
    appendix_labels = {source: f"Appendix {letter}" for source, letter in zip(APPENDIX_PAGES, "BCD", strict=True)}
    appendices = [
        book.part(page, "appendix", appendix_labels[page.src_uri])
        for source in APPENDIX_PAGES
        for page in pages
        if page.src_uri == source
    ]
    reviewed = [p.last_reviewed for p in body_pages if p.last_reviewed]
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
    # Chromium prints the book with JavaScript on: it carries the same policy as every page.
    target.write_text(with_policy(html), encoding="utf-8")
