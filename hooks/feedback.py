"""MkDocs hook: show a content error where the contributor looks.

* In GitHub Actions (`GITHUB_ACTIONS=true`), a content error is also printed as a workflow
  command, so GitHub puts it on the file and line of the pull request.
* Under `mkdocs serve`, a failed build does not leave the browser waiting: the served site is
  replaced by an error page with the message, and the next good build brings the site back.
  MkDocs' dev server offers no event for a failed rebuild, so the build function it calls is
  wrapped, for `serve` only, when the server starts.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import mkdocs.commands.serve as serve_command
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError

from confidant.errors import ContentError
from confidant.feedback import error_page, github_annotation, replace_site_with_error_page

log = logging.getLogger("mkdocs.hooks.feedback")
_last_error: list[str] = []


class _Warnings(logging.Handler):
    """Strict mode stops on warnings (a broken link); the error page shows them too."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def on_startup(command: str, **kwargs: Any) -> None:
    if command == "serve" and not getattr(serve_command.build, "confidant_error_page", False):
        serve_command.build = _build_or_show_error(serve_command.build)


def on_build_error(error: Exception, **kwargs: Any) -> None:
    if isinstance(error, BuildError):
        _last_error[:] = [str(error)]
    if isinstance(error, ContentError) and os.environ.get("GITHUB_ACTIONS") == "true":
        print(github_annotation(error), flush=True)


def _build_or_show_error(build: Any) -> Any:
    def build_or_show_error(config: MkDocsConfig, **kwargs: Any) -> None:
        _last_error.clear()
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            build(config, **kwargs)
        except Abort as stop:
            message = "\n\n".join(_last_error or [*warnings.messages, str(stop)])
            replace_site_with_error_page(config.site_dir, error_page(message, list(config.theme.dirs)))
            log.error("The browser shows this error until the file is fixed.")
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)

    build_or_show_error.confidant_error_page = True  # type: ignore[attr-defined]
    return build_or_show_error
