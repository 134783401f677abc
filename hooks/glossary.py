"""MkDocs hook: data/glossary.yml becomes the glossary page and linked terms in every chapter.

* the glossary page (docs/glossary.md) gets one entry per term where it says `<!-- glossary -->`;
* every other page links the first use of each term (and the first inside each quiz) to its
  entry, with the definition as a tooltip (overrides/assets/javascripts/tooltips.js);
* each entry lists the chapter sections where the term appears.

A page's prose is linked once, before mkdocs-quiz renders its quizzes, and the printed book
reuses that HTML; the rendered quizzes (questions and explanations) are linked after mkdocs-quiz.
The data loads in `on_pre_build`, and is kept across `mkdocs serve` rebuilds while
data/glossary.yml is unchanged (confidant.filecache).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from confidant.chapters import CHAPTERS_DIR
from confidant.citelinks import site_links
from confidant.errors import content_error
from confidant.glossary import (
    APPEARS_IN,
    Matcher,
    Occurrence,
    Term,
    glossary_page_markdown,
    in_page_order,
    link_terms,
    load_glossary,
    matcher_for,
    toc_for_glossary_page,
    wrap_glossary_entries,
)
from confidant.links import edit_url
from confidant.templates import theme_env

GLOSSARY_PAGE = "glossary.md"
MARKER = "<!-- glossary -->"

_terms: list[Term] = []
_matcher: Matcher | None = None
_macros: Any = None
_files: Files | None = None
# A chapter's occurrences of terms (shown on the glossary page) are kept on the page itself, so that
# a page `mkdocs serve` restores from its last rebuild (hooks/preview.py) brings them along.
OCCURRENCES = "confidant_glossary_occurrences"
# A page's occurrences in its prose, until its quizzes are linked too.
_occurrences: dict[str, list[Occurrence]] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    global _terms, _matcher, _macros
    root = Path(config.config_file_path).resolve().parent
    settings = config.extra.get("confidant", {})
    relative = settings.get("glossary", "data/glossary.yml")
    schema = root / settings.get("schemas_dir", "schemas") / "glossary.schema.json"
    _terms = load_glossary(root / relative, relative, schema, site_links(root, settings))
    _matcher = matcher_for(_terms)
    config.extra["glossary_terms"] = _terms
    config.extra["glossary_matcher"] = _matcher
    # Pages render before `on_env`, so the link macros come from a theme environment of our own.
    _macros = theme_env(config).get_template("partials/glossary.html").module


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    if files.get_file_from_path(GLOSSARY_PAGE) is None:
        raise content_error(
            f"docs/{GLOSSARY_PAGE}", None, None, "the glossary page is missing", f"restore docs/{GLOSSARY_PAGE}"
        )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != GLOSSARY_PAGE:
        return markdown
    if MARKER not in markdown:
        raise content_error(
            f"docs/{GLOSSARY_PAGE}", None, None, f"the glossary page lacks its {MARKER} marker", "put the marker back"
        )
    return markdown.replace(MARKER, glossary_page_markdown(_terms))


def _render_link(page: Page, files: Files) -> Any:
    base = get_relative_url(files.get_file_from_path(GLOSSARY_PAGE).url, page.url)

    def render_link(term: Term, text: str) -> str:
        # `text` comes from an HTML text node, so it is already escaped: mark it safe, do not escape twice.
        return str(_macros.term_link(f"{base}#{term.slug}", term.plain_definition, Markup(text)))  # noqa: S704

    return render_link


# Between the quiz hook (50) and the print book's copy of the page (10): the prose is linked once,
# and the book reuses it.
@event_priority(20)
def _link_prose(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == GLOSSARY_PAGE:
        page.toc = toc_for_glossary_page(page.toc)
        return html
    if _matcher is None:
        return html
    result = link_terms(html, _matcher, _render_link(page, files))
    _occurrences[page.file.src_uri] = result.occurrences
    return result.html


@event_priority(-50)
def _link_quizzes(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """After mkdocs-quiz: the first use of each term inside each quiz."""
    if page.file.src_uri == GLOSSARY_PAGE or _matcher is None:
        return html
    occurrences = _occurrences.pop(page.file.src_uri, [])
    if 'class="quiz' in html:
        result = link_terms(html, _matcher, _render_link(page, files), only_in_quizzes=True)
        occurrences = in_page_order(occurrences + result.occurrences, page.toc)
        html = result.html
    if page.file.src_uri.startswith(CHAPTERS_DIR):
        setattr(page, OCCURRENCES, occurrences)
    return html


on_page_content = CombinedEvent(_link_prose, _link_quizzes)


@event_priority(50)
def _fill_appears_in(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if page.file.src_uri != GLOSSARY_PAGE:
        return context
    # A generated page is fixed in its data file, not in the Markdown stub.
    page.edit_url = edit_url(config, config.extra["confidant"]["glossary"]) or page.edit_url
    # slug -> [(chapter, occurrence)], in the order the pages were read.
    appearances: dict[str, list[tuple[Page, Occurrence]]] = {}
    for file in _files.documentation_pages() if _files else ():
        for occurrence in getattr(file.page, OCCURRENCES, ()):
            appearances.setdefault(occurrence.slug, []).append((file.page, occurrence))

    def appears_in(match: Any) -> str:
        places = [
            {
                "href": get_relative_url(other.url, page.url) + (f"#{occ.section_id}" if occ.section_id else ""),
                "chapter": other.title,
                "section": occ.section_title,
            }
            for other, occ in appearances.get(match.group(1), [])
        ]
        return str(_macros.appears_in(places))

    page.content = APPEARS_IN.sub(appears_in, page.content or "")
    return context


# After Material's search (priority 0) has read the page: with each term's heading inside its box,
# the search parser walks back over every earlier term of the letter at each box's end, which is
# quadratic in the terms (0.72 s at 4,000 terms against 0.37 s unboxed); the boxes are for the
# browser only.
@event_priority(-100)
def _box_entries(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if page.file.src_uri == GLOSSARY_PAGE:
        page.content = wrap_glossary_entries(page.content or "")
    return context


on_page_context = CombinedEvent(_fill_appears_in, _box_entries)
