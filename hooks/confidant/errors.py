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
    subject = f" [{shorten(entry, 80)}]" if entry else ""
    return PluginError(f"{location}{subject}: {shorten(rule, MAX_RULE)}\n  How to fix: {shorten(fix, MAX_RULE)}")


# No part of a message may grow with the content (a YAML alias bomb or a whole entry as a
# Python dict would otherwise print megabytes into a contributor's terminal).
MAX_RULE = 400


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
