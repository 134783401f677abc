"""MkDocs hook: nothing the build writes can run script that is not the theme's or the project's own.

* mkdocs-quiz's forms lose their `javascript:` action and `onsubmit` handler (its script cancels
  the submit itself);
* every page and the 404 page carry a Content Security Policy with hashes of their allowlisted
  inline scripts (confidant.csp); hooks/book.py adds the same to the print book;
* after everything else (the print book, the search index), the whole site is scanned
  (confidant.sitescan) and any finding fails the build.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from confidant.csp import with_policy
from confidant.sitescan import Allowlist, ScanMemo, plain_quiz_forms, scan_site, summary

# Built file -> the source a contributor edits, for the scan's message.
_sources: dict[str, str] = {}
# Under `mkdocs serve` pages carry no policy: the server adds an inline live-reload script to every
# response that changes with each request, so no hash can allow it. Builds always carry it.
_serving = False
# Under `mkdocs serve` a rebuild rescans only the files that changed.
_memo = ScanMemo()


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    _sources.clear()


@event_priority(-90)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return plain_quiz_forms(html)


def _with_policy(html: str, name: str) -> str:
    try:
        return with_policy(html)
    except ValueError as error:
        raise PluginError(f"{name}: {error} (check the templates in overrides/)") from None


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _sources[page.file.dest_uri] = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    return output if _serving else _with_policy(output, page.file.dest_uri)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if _serving or not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, template_name)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    allow = Allowlist.from_theme(config.theme.dirs, urlsplit(config.site_url or "/").path or "/", not _serving)
    findings = scan_site(Path(config.site_dir), allow, _memo if _serving else None)
    if findings:
        raise PluginError(
            "The built site carries markup that can run script (post-build scan, hooks/confidant/sitescan.py):\n  "
            + "\n  ".join(summary(findings, _sources))
            + "\n  How to fix: data text must go through confidant.safehtml; a chapter must not carry raw HTML"
            " with scripts, handlers or script URLs; a template or hook must load scripts from files, not inline."
        )
