"""MkDocs hook: data/glossary.yml becomes the glossary page and linked terms in every chapter.

* the glossary page (docs/glossary.md) gets one entry per term where it says `<!-- glossary -->`;
* every other page links the first use of each term (and the first inside each quiz) to its
  entry, with the definition as a tooltip (Material's `content.tooltips`);
* each entry lists the chapter sections where the term appears.

Linking runs after mkdocs-quiz (lower priority), so quiz questions and explanations are
linked too. The data loads once per build in `on_pre_build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from confidant.chapters import CHAPTERS_DIR
from confidant.errors import content_error
from confidant.glossary import (
    APPEARS_IN,
    Matcher,
    Occurrence,
    Term,
    glossary_page_markdown,
    link_terms,
    load_glossary,
    matcher_for,
)
from confidant.links import edit_url

GLOSSARY_PAGE = "glossary.md"
MARKER = "<!-- glossary -->"

_terms: list[Term] = []
_matcher: Matcher | None = None
_macros: Any = None
# slug -> [(page, occurrence)] collected while pages render, shown on the glossary page.
_appearances: dict[str, list[tuple[Page, Occurrence]]] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    global _terms, _matcher, _appearances, _macros
    root = Path(config.config_file_path).resolve().parent
    settings = config.extra.get("confidant", {})
    relative = settings.get("glossary", "data/glossary.yml")
    schema = root / settings.get("schemas_dir", "schemas") / "glossary.schema.json"
    _terms = load_glossary(root / relative, relative, schema)
    _matcher = matcher_for(_terms)
    _appearances = {}
    config.extra["glossary_terms"] = _terms
    config.extra["glossary_matcher"] = _matcher
    # Pages render before `on_env`, so the link macros come from a theme environment of our own.
    _macros = config.theme.get_env().get_template("partials/glossary.html").module


def on_files(files: Files, config: MkDocsConfig) -> Files:
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


@event_priority(-50)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == GLOSSARY_PAGE or _matcher is None:
        return html
    glossary_url = files.get_file_from_path(GLOSSARY_PAGE).url
    base = get_relative_url(glossary_url, page.url)

    def render_link(term: Term, text: str) -> str:
        # `text` comes from an HTML text node, so it is already escaped: mark it safe, do not escape twice.
        return str(_macros.term_link(f"{base}#{term.slug}", term.plain_definition, Markup(text)))  # noqa: S704

    result = link_terms(html, _matcher, render_link)
    if page.file.src_uri.startswith(CHAPTERS_DIR):
        for occurrence in result.occurrences:
            _appearances.setdefault(occurrence.slug, []).append((page, occurrence))
    return result.html


@event_priority(50)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if page.file.src_uri != GLOSSARY_PAGE:
        return context
    # A generated page is fixed in its data file, not in the Markdown stub.
    page.edit_url = edit_url(config, config.extra["confidant"]["glossary"]) or page.edit_url

    def appears_in(match: Any) -> str:
        places = [
            {
                "href": get_relative_url(other.url, page.url) + (f"#{occ.section_id}" if occ.section_id else ""),
                "chapter": other.title,
                "section": occ.section_title,
            }
            for other, occ in _appearances.get(match.group(1), [])
        ]
        return str(_macros.appears_in(places))

    page.content = APPEARS_IN.sub(appears_in, page.content or "")
    return context
