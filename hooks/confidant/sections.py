"""Boxes around the sections of a long page, so a phone draws only the sections on screen.

The stylesheet gives each box `content-visibility: auto`: the browser skips styling and layout of
boxes out of view. Material's scripts read positions and switch colour attributes while a page
loads, and each time the browser restyled and laid out the whole page; on a chapter with its
quizzes, or the glossary with hundreds of entries, that was most of the load time on a mid-range
phone (Lighthouse total blocking time). Find in page, anchors and screen readers still reach every
section.
"""

from __future__ import annotations

import re

HEADING = re.compile(r"<h([1-6])[\s>]")
# Elements a heading can sit inside; a heading inside one of them starts no box.
CONTAINER = re.compile(r"<(/?)(div|details|section|blockquote|aside|figure|table|ul|ol|dl|form|fieldset)[\s>]")


def top_level_headings(page_html: str) -> list[tuple[int, int]]:
    """(offset, level) of each heading that sits at the top of the page, not inside a container."""
    events = [(m.start(), "container", m.group(1) == "/") for m in CONTAINER.finditer(page_html)]
    events += [(m.start(), "heading", int(m.group(1))) for m in HEADING.finditer(page_html)]
    depth, found = 0, []
    for offset, kind, value in sorted(events):
        if kind == "container":
            depth = max(0, depth - 1) if value else depth + 1
        elif depth == 0:
            found.append((offset, value))
    return found


def box_sections(page_html: str, level: int, css_class: str, unboxed: int = 1, heading_inside: bool = False) -> str:
    """The body of each top-level section (after its heading of `level` or higher, up to the next
    such heading) wrapped in `<div class="css_class">`, except the first `unboxed` sections.

    The page's title (h1) and the first sections stay unboxed: they are on screen when the page
    opens, and a box there could be drawn a frame late, moving what follows (layout shift).
    Headings stay outside the boxes: Material's table of contents reads every heading's position
    while the page loads, and reading a position inside a box that is not drawn yet would make
    the browser draw that box there and then. With `heading_inside`, the heading of `level` goes
    into its box too: for headings the table of contents leaves out (the glossary's terms).
    """
    starts = [offset for offset, lvl in top_level_headings(page_html) if lvl <= level]
    if not starts:
        return page_html
    pieces = [page_html[: starts[0]]]
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(page_html)], strict=True)):
        closing = page_html.find("</h", start)
        heading_end = page_html.find(">", closing) + 1 if 0 <= closing < end else start
        if heading_inside and page_html.startswith(f"<h{level}", start):
            heading_end = start
        body = page_html[heading_end:end]
        pieces.append(page_html[start:heading_end])
        boxed = number >= unboxed and body.strip()
        pieces.append(f'<div class="{css_class}">{body}</div>' if boxed else body)
    return "".join(pieces)
