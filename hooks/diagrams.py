"""MkDocs hook: draw every ```mermaid block at build time and put it into the page as inline SVG.

All diagrams of the site are found and drawn once, before any page is rendered (one Chromium for
the whole build, none when every diagram is cached in .cache/diagrams/). A diagram mermaid cannot
parse stops the build with the Markdown file and line. The SVG replaces the block in the page's
HTML before the other hooks see it, so the search index and the printed book get the same SVG.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from confidant.diagram_render import DiagramCache, DiagramError, draw
from confidant.diagrams import Drawn, error_line, find_fences, place_diagrams, rendered_blocks
from confidant.errors import content_error

# The project's vendored mermaid (next to hooks/), whichever site is built; the cache sits next to
# the site's mkdocs.yml.
MERMAID_JS = Path(__file__).resolve().parent.parent / "vendor" / "mermaid" / "mermaid.min.js"
CACHE_DIR = Path(".cache/diagrams")

_cache: DiagramCache | None = None
_drawn: dict[str, Drawn] = {}
_key_of: dict[str, str] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _draw_or_fail(sources: dict[str, tuple[str, int]]) -> None:
    """Draw sources (source -> (file, line)); a source mermaid cannot parse fails the build."""
    if _cache is None:
        raise PluginError("diagrams: on_files has not run")
    try:
        drawn, errors = draw(sources, _cache)
    except DiagramError as error:
        raise PluginError(str(error)) from None
    for source, message in errors.items():
        path, line = sources[source]
        raise content_error(
            path,
            error_line(message, line),
            "mermaid diagram",
            f"the diagram does not parse: {message}",
            "Follow CONTRIBUTING.md's diagram rules: `flowchart TD`, labels in double quotes, "
            "no parentheses or HTML in labels.",
        )
    _drawn.update(drawn)
    _key_of.update({source: _cache.key(source) for source in sources})


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _cache
    root = _root(config)
    _cache = DiagramCache(root / CACHE_DIR, MERMAID_JS)
    _drawn.clear()
    _key_of.clear()
    sources: dict[str, tuple[str, int]] = {}
    for file in files.documentation_pages():
        if not file.abs_src_path:
            continue
        where = Path(file.abs_src_path).resolve()
        shown = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
        for fence in find_fences(file.content_string):
            sources.setdefault(fence.source, (shown, fence.line))
    _draw_or_fail(sources)
    return files


@event_priority(100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = rendered_blocks(html)
    if not blocks:
        return html
    # A block the Markdown scan did not see (e.g. from an include) is drawn now.
    unseen = {source: (page.file.src_uri, 0) for source in blocks if source not in _key_of}
    if unseen:
        _draw_or_fail(unseen)
    return place_diagrams(html, _drawn, _key_of)
