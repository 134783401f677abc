"""One shape for every content error: where, what rule, how to fix it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError


def content_error(
    path: Path | str,
    line: int | None,
    entry: str | None,
    rule: str,
    fix: str,
) -> PluginError:
    """Build the PluginError a contributor sees when their content breaks a rule.

    MkDocs prints a PluginError's message without a traceback, so the message
    must carry everything: the file and line, the entry, the rule and the fix.
    """
    location = f"{path}:{line}" if line else str(path)
    subject = f" [{entry}]" if entry else ""
    return PluginError(f"{location}{subject}: {rule}\n  How to fix: {fix}")
