"""One shape for every content error: where, what rule, how to fix it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError


class ContentError(PluginError):
    """A content mistake, with its location kept apart for the places that show it
    (the terminal, the error page of `make serve`, a GitHub annotation on the pull request)."""

    def __init__(self, message: str, path: str, line: int | None, rule: str, fix: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.rule = rule
        self.fix = fix


def content_error(
    path: Path | str,
    line: int | None,
    entry: str | None,
    rule: str,
    fix: str,
    excerpt: str | None = None,
) -> ContentError:
    """Build the error a contributor sees when their content breaks a rule.

    MkDocs prints a PluginError's message without a traceback, so the message
    must carry everything: the file and line, the entry, the rule and the fix,
    and, where it helps, the offending line with a caret under the spot (`excerpt`).
    """
    location = f"{path}:{line}" if line else str(path)
    subject = f" [{shorten(entry, 80)}]" if entry else ""
    rule, fix = shorten(rule, MAX_RULE), shorten(fix, MAX_RULE)
    shown = f"\n{excerpt}" if excerpt else ""
    message = f"{location}{subject}: {rule}{shown}\n  How to fix: {fix}"
    return ContentError(message, str(path), line, f"{subject.strip()} {rule}".strip(), fix)


# No part of a message may grow with the content (a YAML alias bomb or a whole entry as a
# Python dict would otherwise print megabytes into a contributor's terminal).
MAX_RULE = 400
MAX_EXCERPT_LINE = 100


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def excerpt(text: str, line: int, column: int | None = None, first_line: int = 1) -> str | None:
    """Line `line` (1-based) of `text`, numbered as line `line + first_line - 1` of its file, with a
    caret under `column` (0-based; the first character that is not a space when None). Tabs are
    shown as `→`, since they are often the fault."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    source = lines[line - 1].replace("\t", "→")
    if column is None:
        column = len(source) - len(source.lstrip(" "))
    if len(source) > MAX_EXCERPT_LINE:
        start = max(0, min(column - 20, len(source) - MAX_EXCERPT_LINE))
        source = ("…" if start else "") + source[start : start + MAX_EXCERPT_LINE] + "…"
        column = column - start + (1 if start else 0)
    number = line + first_line - 1
    gutter = " " * len(str(number))
    return f"    {number} | {source.rstrip()}\n    {gutter} | {' ' * max(column, 0)}^"
