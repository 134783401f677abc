"""Content errors shown where the contributor looks: on the pull request's changed lines (GitHub
workflow commands) and in the browser while `make serve` runs (an error page in place of the site)."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .errors import ContentError

ERROR_TEMPLATE = "serve-error.html"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(error: ContentError) -> str:
    """The `::error file=…,line=…::…` workflow command that puts `error` on the file and line of
    the pull request (GitHub shows it on the changed line and in the run's summary)."""
    properties = [f"file={_escape_property(error.path)}"]
    if error.line:
        properties.append(f"line={error.line}")
    properties.append(f"title={_escape_property('Content error')}")
    text = _escape_data(f"{error.rule}\nHow to fix: {error.fix}")
    return f"::error {','.join(properties)}::{text}"


def error_page(message: str, template_dirs: list[str]) -> str:
    """The page `make serve` shows in place of every page of the site while a content error stands."""
    env = Environment(loader=FileSystemLoader(template_dirs), autoescape=select_autoescape(default=True))
    return env.get_template(ERROR_TEMPLATE).render(message=message)


def replace_site_with_error_page(site_dir: str, page: str) -> None:
    """Empty the served folder and leave the error page as its home page and as its 404 page, which
    `mkdocs serve` returns for every address that has no file: whatever page the browser shows
    then shows the error, and shows the site again once a rebuild succeeds."""
    root = Path(site_dir)
    if root.exists():
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    root.mkdir(parents=True, exist_ok=True)
    for name in ("404.html", "index.html"):
        (root / name).write_text(page, encoding="utf-8")
