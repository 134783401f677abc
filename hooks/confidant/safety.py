"""Reject text that could inject markup into a page."""

from __future__ import annotations

import re

# A '<' followed by a tag name, '/', '!' or '?' starts raw HTML (or a comment, or
# a processing instruction). "under < 14" stays legal.
RAW_HTML = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")
# Markdown links and images may not point at script or data URLs.
UNSAFE_URL = re.compile(r"\]\(\s*(?:javascript|data|vbscript):", re.IGNORECASE)


def unsafe_markup(text: str) -> str | None:
    """Describe why ``text`` is unsafe to place in a page, or return None."""
    html = RAW_HTML.search(text)
    if html:
        return f"raw HTML is not allowed (found '{text[html.start() : html.start() + 12]}')"
    if UNSAFE_URL.search(text):
        return "links to javascript:, data: or vbscript: URLs are not allowed"
    return None
