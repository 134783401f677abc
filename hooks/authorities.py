"""MkDocs hook: citations in pages become links to the official text, and the table of authorities.

* Before the quiz hook writes its blocks, every citation in a page's Markdown is read by the citation
  grammar (`confidant.citations`) and replaced by its canonical form, linked to the official text
  (`data/authority-links.yml`), with an id the table of authorities links back to. Text in parentheses
  that looks like a citation but cannot be read stops the build at its file and line.
* The table of authorities page (`docs/authorities.md`, marker `<!-- table-of-authorities -->`) lists
  every authority cited in a page, a question or a glossary entry, grouped and sorted, with links to
  every place that cites it and the date it was last checked (`data/authorities.yml`).

All pages are read once in `on_files`, so the table knows every place before any page renders.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from confidant import citations
from confidant.authorities import Authority as CheckRecord
from confidant.authorities import (
    Place,
    TableEntry,
    load_authorities,
    page_markdown,
    page_places,
    page_title,
    question_places,
    table_of_authorities,
    term_places,
)
from confidant.citelinks import LinkTable, citations_markdown, replace_spans, resolved, site_links
from confidant.errors import content_error
from confidant.preview import depends_on
from confidant.safehtml import render_markdown
from confidant.templates import theme_env

PAGE = "authorities.md"
MARKER = "<!-- table-of-authorities -->"

_links: LinkTable | None = None
_known: dict[str, CheckRecord] = {}
_places: list[tuple[citations.Citation, Place]] = []
_registry = citations.Registry(())
_order: dict[str, int] = {}  # page source path -> position in the navigation


def on_pre_build(config: MkDocsConfig) -> None:
    global _links, _known
    root = Path(config.config_file_path).resolve().parent
    settings = config.extra.get("confidant", {})
    _links = site_links(root, settings)
    relative = settings.get("authorities", "data/authorities.yml")
    schema = root / settings.get("schemas_dir", "schemas") / "authorities.schema.json"
    _known = load_authorities(root / relative, schema, relative) if (root / relative).exists() else {}


def _read_page(source: str, display_path: str) -> list[citations.Located]:
    markdown, offset = page_markdown(source)
    try:
        return citations.read_markdown(markdown, offset)
    except citations.Unreadable as error:
        line = markdown.count("\n", 0, error.offset) + 1 + offset
        raise content_error(
            display_path,
            line,
            None,
            f"{error} is not a citation form the guide knows",
            f"write it as `{error.nearest}` (see CONTRIBUTING.md, Citation style)",
        ) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read every page's citations (and fail on an unreadable one) before any page renders."""
    global _places, _registry
    _places = []
    docs = Path(config.docs_dir).name
    titles: dict[str, str] = {}
    for file in files.documentation_pages():
        if file.src_uri == PAGE:
            continue
        source = Path(file.abs_src_path).read_text(encoding="utf-8")
        titles[file.src_uri] = page_title(source, file.src_uri)
        _places += page_places(file.src_uri, source, _read_page(source, f"{docs}/{file.src_uri}"))
    for questions in config.extra.get("question_bank", {}).values():
        _places += question_places(questions, titles)
    _places += term_places(config.extra.get("glossary_terms", []))
    _registry = citations.Registry(citation for citation, _ in _places)
    # Every page's short citations resolve against the whole guide's (`mkdocs serve` keeps a page while this holds).
    depends_on("citation registry", _registry.fingerprint)
    depends_on("citations of the guide", tuple(_places), page=PAGE)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _order
    _order = {page.file.src_uri: index for index, page in enumerate(nav.pages)}
    return nav


@event_priority(60)  # before the quiz hook: only the author's Markdown is read, not the quiz blocks
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _links is None:
        return markdown
    if page.file.src_uri == PAGE:
        return _table_markdown(markdown, page, config, files)
    located = citations.read_markdown(markdown)

    def render(found: citations.Found) -> str:
        number = next(i for i, item in enumerate(located, start=1) if item.found is found)
        markup = citations_markdown(resolved(found, _registry).citations, _links, anchor=f"cite-{number}")
        # Keep the page's line count, so later line numbers (quiz markers) stay right.
        return markup + "\n" * found.text.count("\n")

    return replace_spans(markdown, [item.found for item in located], render)


def _table_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        raise content_error(f"docs/{PAGE}", None, None, f"the page lacks its {MARKER} marker", "put the marker back")
    kinds = ("page", "question", "glossary")
    places = sorted(_places, key=lambda item: (kinds.index(item[1].kind), _order.get(item[1].page, len(_order))))
    table = table_of_authorities(places, _registry, _known)

    def href(place: Place) -> str:
        target = files.get_file_from_path(place.page)
        url = get_relative_url(target.url, page.url) if target else place.page
        return f"{url}#{place.anchor}"

    links = _links

    def html(authority: citations.Authority) -> Markup:
        # Through the safe render path (confidant.safehtml), like every citation the site shows.
        markup = citations_markdown([citations.Citation(authority)], links)
        return Markup(render_markdown(markup, inline=True))  # noqa: S704

    def html_text(text: str) -> Markup:
        return Markup(render_markdown(text, inline=True))  # noqa: S704

    macros = theme_env(config).get_template("partials/authorities.html").module
    return markdown.replace(MARKER, str(macros.table(table, href, html, html_text, checked_label)))


def checked_label(entry: TableEntry) -> str:
    record = entry.checked
    if entry.authority.kind != "ca-code":
        return ""
    if record is None or record.checked is None:
        return "Not yet checked against the official text."
    status = {"current": "", "amended": " (amended; the guide was updated)"}.get(record.status, f" ({record.status})")
    return f"Checked against the official text on {record.checked.isoformat()}{status}."
