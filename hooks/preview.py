"""MkDocs hook: under `mkdocs serve`, a save rebuilds only the pages whose inputs changed.

MkDocs' dev server rebuilds the whole site after every save. When the server starts, this hook
wraps the two per-page steps of MkDocs' build (reading a page, writing it) so that a page whose
inputs are unchanged since the last rebuild is restored from that rebuild instead
(hooks/confidant/preview.py says what the keys hold). Every event that concerns the whole site
(`on_files`, `on_nav`, `on_post_build`, link validation) still runs on every rebuild, and
`mkdocs build` is never affected. A page step that logged a warning or failed is not kept, so a
problem shows again on every rebuild until it is fixed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.commands.build as build_command
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_quiz.plugin import MkDocsQuizPlugin

from confidant.preview import ReadPage, WrittenPage, cache, inputs_of, source_digest, toc_key, tree_stamp
from confidant.templates import compiled

# Pages whose writing (`on_page_context`) draws on every page read before: the glossary ("appears
# in"), the practice exam, review and progress (chapter sections).
WHOLE_SITE_PAGES = frozenset({"glossary.md", "practice-exam.md", "review.md", "progress.md"})
KEPT_PREFIX = "confidant_"  # page attributes hooks set while reading a page (kept with it)

_stamps: dict[str, Any] = {"config": None}


def _serving() -> bool:
    """This process serves: `on_startup` wrapped MkDocs' page steps."""
    return getattr(build_command._populate_page, "confidant_preview", False)


def on_startup(command: str, dirty: bool) -> None:
    if command != "serve" or dirty or _serving():
        return
    build_command._populate_page = _read_or_restore(build_command._populate_page)
    build_command._build_page = _write_or_restore(build_command._build_page)
    MkDocsQuizPlugin._process_quiz = _quiz_once(MkDocsQuizPlugin._process_quiz)
    Files.add_files_from_theme = _theme_files_once(Files.add_files_from_theme)


def _theme_files_once(add_files_from_theme: Any) -> Any:
    """The theme's static files, listed once per server while the project's own theme folder (overrides/)
    is unchanged: MkDocs walks and filters every file of the installed theme on every rebuild."""
    kept: dict[Hashable, list[tuple[str, str]]] = {}

    def theme_files_once(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        project = Path(config.config_file_path).resolve().parent
        own = [Path(folder) for folder in config.theme.dirs if Path(folder).resolve().is_relative_to(project)]
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), tree_stamp(own), config.site_dir)
        if key not in kept:
            listed = Files([])
            add_files_from_theme(listed, env, config)
            kept.clear()
            kept[key] = [(file.src_uri, file.src_dir) for file in listed]
        for src_uri, src_dir in kept[key]:
            if files.get_file_from_path(src_uri) is None:
                files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))

    return theme_files_once


def _quiz_once(process_quiz: Any) -> Any:
    """mkdocs-quiz's HTML for one quiz block, kept while the block, its number, its page and the
    site's inputs are the same: a saved chapter's unchanged questions are not converted again."""
    kept: dict[Hashable, str] = {}

    def quiz_once(
        plugin: Any, content: str, quiz_id: int, options: dict, t: Any, config: Any, page: Page, files: Files
    ) -> str:
        key = (
            content,
            quiz_id,
            tuple(sorted(options.items())),
            json.dumps(t.to_dict(), sort_keys=True),
            page.file.src_uri,
            _site_stamp(config, files),
        )
        if key not in kept:
            kept[key] = process_quiz(plugin, content, quiz_id, options, t, config, page, files)
        return kept[key]

    return quiz_once


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """The theme's templates are compiled once per server, not once per rebuild."""
    if _serving():
        env.bytecode_cache = compiled
    return env


def _site_stamp(config: MkDocsConfig, files: Files) -> Hashable:
    """Every input but the page sources (and which files there are), once per rebuild."""
    if _stamps["config"] is not config:
        inputs = [Path(config.config_file_path), *(Path(path) for path in config.watch)]
        _stamps.update(config=config, site=(tree_stamp(inputs), tuple(sorted(file.src_uri for file in files))))
        _stamps.pop("pages", None)
    return _stamps["site"]


def _pages_stamp(doc_files: Any) -> Hashable:
    """What every page left for the others after reading: its sections and the attributes hooks keep."""
    if "pages" not in _stamps:
        _stamps["pages"] = tuple(
            (
                file.src_uri,
                toc_key(file.page.toc),
                tuple(sorted((k, repr(v)) for k, v in vars(file.page).items() if k.startswith(KEPT_PREFIX))),
            )
            for file in doc_files
            if file.page is not None
        )
    return _stamps["pages"]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _without_warnings(step: Callable[[], None]) -> bool:
    """Run `step`; True when it logged no warning (a page with warnings is never kept)."""
    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        step()
    finally:
        logger.removeHandler(warnings)
    return warnings.count == 0


def _read_key(page: Page, config: MkDocsConfig, files: Files) -> Hashable:
    src = page.file.src_uri
    return (src, source_digest(page.file.abs_src_path), _site_stamp(config, files), inputs_of(src))


def _read_or_restore(populate: Any) -> Any:
    def read_or_restore(page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
        if dirty:
            populate(page, config, files, dirty)
            return
        key = _read_key(page, config, files)
        kept = cache.get_read(page.file.src_uri, key)
        if kept is not None:
            _restore(page, kept, files)
            return
        if _without_warnings(lambda: populate(page, config, files, dirty)):
            cache.read[page.file.src_uri] = (key, _snapshot(page))
        else:
            cache.read.pop(page.file.src_uri, None)

    read_or_restore.confidant_preview = True  # type: ignore[attr-defined]
    return read_or_restore


def _snapshot(page: Page) -> ReadPage:
    return ReadPage(
        markdown=page.markdown,
        content=page.content,
        toc=page.toc,
        title_from_render=page._title_from_render,
        meta=dict(page.meta),
        present_anchor_ids=set(page.present_anchor_ids or ()),
        links_to_anchors=(
            {file.src_uri: dict(links) for file, links in page.links_to_anchors.items()}
            if page.links_to_anchors is not None
            else None
        ),
        extra={name: value for name, value in vars(page).items() if name.startswith(KEPT_PREFIX)},
    )


def _restore(page: Page, kept: ReadPage, files: Files) -> None:
    page.markdown = kept.markdown
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title_from_render
    page.meta = dict(kept.meta)
    page.present_anchor_ids = set(kept.present_anchor_ids or ())
    if kept.links_to_anchors is not None:
        page.links_to_anchors = {
            found: dict(links)
            for src_uri, links in kept.links_to_anchors.items()
            if (found := files.get_file_from_path(src_uri)) is not None
        }
    for name, value in kept.extra.items():
        setattr(page, name, value)


def _nav_key(nav: Any) -> Hashable:
    def walk(items: Any) -> tuple:
        return tuple((str(item.title), getattr(item, "url", None), walk(item.children or ())) for item in items)

    return walk(nav.items)


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index.entries
    return None


def _write_or_restore(build_page: Any) -> Any:
    def write_or_restore(
        page: Page,
        config: MkDocsConfig,
        doc_files: Any,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        read = cache.read.get(page.file.src_uri)
        if dirty or read is None:
            build_page(page, config, doc_files, nav, env, dirty, excluded)
            return
        whole_site = _pages_stamp(doc_files) if page.file.src_uri in WHOLE_SITE_PAGES else None
        key = (read[0], _nav_key(nav), whole_site, excluded)
        entries = _search_entries(config)
        kept = cache.get_written(page.file.src_uri, key)
        if kept is not None:
            if entries is not None:
                entries.extend(kept.search_entries)
            utils.write_file(kept.output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
            return
        before = len(entries) if entries is not None else 0
        if _without_warnings(lambda: build_page(page, config, doc_files, nav, env, dirty, excluded)):
            target = Path(page.file.abs_dest_path)
            output = target.read_text(encoding="utf-8") if target.exists() else ""
            added = list(entries[before:]) if entries is not None else []
            cache.written[page.file.src_uri] = (key, WrittenPage(output, added))
        else:
            cache.written.pop(page.file.src_uri, None)

    write_or_restore.confidant_preview = True  # type: ignore[attr-defined]
    return write_or_restore
