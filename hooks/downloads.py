"""MkDocs hook: flashcard downloads built from the same data as the site, and the pages that link them.

After the build (`on_post_build`), hooks/confidant/decks.py writes two Anki decks (genanki) and
their CSV versions into site/downloads/. `mkdocs serve` skips them: they take a second or two and
a preview does not need them. The marker `<!-- downloads -->` on the home page and the downloads
page becomes the list of files (rendered after link validation, since the files do not exist yet).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from confidant.chapters import CHAPTERS_DIR
from confidant.decks import GLOSSARY_APKG, GLOSSARY_CSV, QUESTIONS_APKG, QUESTIONS_CSV, write_downloads
from confidant.templates import theme_env

MARKER = "<!-- downloads -->"
DOWNLOADS_DIR = "downloads"
PDF = "confidant-study-guide.pdf"
# Written by tools/offline.py after the build (make site).
OFFLINE_ZIP = "confidant-offline.zip"

log = logging.getLogger("mkdocs.hooks.downloads")
_serving = False
_files: Files | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    return files


@event_priority(50)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if MARKER not in (page.content or ""):
        return context

    def href(name: str) -> str:
        return get_relative_url(f"{DOWNLOADS_DIR}/{name}", page.url)

    terms = config.extra.get("glossary_terms", [])
    questions = [q for qs in config.extra.get("question_bank", {}).values() for q in qs]
    listing = (
        theme_env(config)
        .get_template("partials/downloads.html")
        .render(
            pdf=href(PDF),
            offline_zip=href(OFFLINE_ZIP),
            glossary_apkg=href(GLOSSARY_APKG),
            questions_apkg=href(QUESTIONS_APKG),
            glossary_csv=href(GLOSSARY_CSV),
            questions_csv=href(QUESTIONS_CSV),
            term_count=len(terms),
            question_count=len(questions),
        )
    )
    page.content = page.content.replace(MARKER, listing)
    return context


def _chapter_titles() -> dict[str, str]:
    if _files is None:
        return {}
    return {
        Path(file.src_uri).stem: file.page.title
        for file in _files.documentation_pages()
        if file.src_uri.startswith(CHAPTERS_DIR) and file.page is not None and file.page.title
    }


def on_post_build(config: MkDocsConfig) -> None:
    if _serving and not os.environ.get("CONFIDANT_DECKS"):
        log.info("mkdocs serve: flashcard decks skipped (set CONFIDANT_DECKS=1 to build them)")
        return
    started = time.perf_counter()
    questions = [q for qs in config.extra["question_bank"].values() for q in qs]
    counts = write_downloads(
        questions,
        config.extra["glossary_terms"],
        config.extra["exam_plan_data"],
        _chapter_titles(),
        Path(config.site_dir) / DOWNLOADS_DIR,
    )
    log.info(
        "Flashcards: %d glossary cards, %d question cards, in %.1f s",
        counts[GLOSSARY_APKG],
        counts[QUESTIONS_APKG],
        time.perf_counter() - started,
    )
