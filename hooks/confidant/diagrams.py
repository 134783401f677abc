"""Mermaid diagrams drawn at build time: found in Markdown, keyed by source, placed as inline SVG.

Readers get no diagram JavaScript: the build draws each ```mermaid block once with the vendored
mermaid in Chromium (`confidant.diagram_render`) and puts the SVG into the page, the search index
and the printed book. The SVGs are cached by a key over the source, the mermaid build and the
drawing settings, so a rebuild draws only new or changed diagrams.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

# Drawing settings: text as SVG <text> (no HTML labels), so it is searchable, read by screen
# readers and printed by Chromium; 16 px text, which may shrink to 12 px on a phone (MIN_SCALE).
MERMAID_CONFIG: dict[str, object] = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "theme": "neutral",
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False, "useMaxWidth": False},
    "themeVariables": {"fontSize": "16px", "fontFamily": "Verdana, 'DejaVu Sans', Arial, sans-serif"},
}
FONT_PX = 16
MIN_TEXT_PX = 12
MIN_SCALE = MIN_TEXT_PX / FONT_PX
# Bump when the drawing or the post-processing changes, so cached SVGs are drawn again.
RENDER_VERSION = "1"

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid\b.*$")
PRE_BLOCK = re.compile(
    r'<pre class="mermaid"><code>(?P<code>.*?)</code></pre>(?P<after>\s*<p><em>(?P<caption>.*?)</em></p>)?', re.DOTALL
)
TAG = re.compile(r"<[^>]+>")
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
VIEWBOX = re.compile(r'viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"')
STYLE_ATTR = re.compile(r'\sstyle="[^"]*"')
WIDTH_ATTR = re.compile(r'\swidth="[^"]*"')
HEIGHT_ATTR = re.compile(r'\sheight="[^"]*"')
ERROR_LINE = re.compile(r"\bline (\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fence:
    """One ```mermaid block of a Markdown file."""

    source: str
    line: int  # 1-based line of the opening fence


def normalize(source: str) -> str:
    """The diagram text as both Markdown and rendered HTML give it: no trailing blanks or blank lines."""
    return "\n".join(line.rstrip() for line in source.strip("\n").splitlines()).strip("\n")


def find_fences(markdown: str) -> list[Fence]:
    """Every ```mermaid (or ~~~mermaid) fenced block, with the line its fence opens on."""
    fences: list[Fence] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opened = FENCE_OPEN.match(lines[index])
        if not opened:
            index += 1
            continue
        indent, fence = opened.group("indent"), opened.group("fence")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body: list[str] = []
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            line = lines[end]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            end += 1
        fences.append(Fence(normalize("\n".join(body)), index + 1))
        index = end + 1
    return fences


def cache_key(source: str, mermaid_fingerprint: str) -> str:
    """A key over everything that decides the SVG: the source, the mermaid build, the settings."""
    settings = json.dumps(MERMAID_CONFIG, sort_keys=True)
    payload = "\0".join((RENDER_VERSION, mermaid_fingerprint, settings, normalize(source)))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def diagram_id(key: str) -> str:
    return f"diagram-{key[:12]}"


def error_line(message: str, fence_line: int) -> int:
    """The Markdown line of a mermaid parse error ("Parse error on line 3") inside a fence."""
    found = ERROR_LINE.search(message)
    return fence_line + int(found.group(1)) if found else fence_line


@dataclass(frozen=True)
class Drawn:
    """A drawn diagram: its SVG without fixed size, and the width it was drawn at."""

    svg: str
    width: float
    height: float


def fit(svg: str) -> Drawn:
    """Drop mermaid's fixed size from the <svg> tag; the page's CSS sizes it from `width`."""
    tag = SVG_OPEN.search(svg)
    if not tag:
        raise ValueError("mermaid returned no <svg> element")
    box = VIEWBOX.search(tag.group(0))
    if not box:
        raise ValueError("mermaid's <svg> has no viewBox")
    width, height = float(box.group(1)), float(box.group(2))
    bare = HEIGHT_ATTR.sub("", WIDTH_ATTR.sub("", STYLE_ATTR.sub("", tag.group(0))))
    return Drawn(svg[: tag.start()] + bare + svg[tag.end() :], width, height)


def figure(drawn: Drawn, key: str, occurrence: int, label: str = "Diagram") -> str:
    """The diagram as page HTML: a focusable region that scrolls sideways when it is too wide.

    The SVG keeps its drawn width on wide screens and shrinks to at most MIN_SCALE of it (text
    stays at or above 12 px); past that the region scrolls. The n-th copy of the same diagram on
    one page gets its own ids. `label` (plain text) names the region.
    """
    svg = drawn.svg
    if occurrence > 1:
        svg = svg.replace(diagram_id(key), f"{diagram_id(key)}-{occurrence}")
    width = f"{drawn.width:.1f}px"
    return (
        f'<div class="confidant-diagram" role="region" aria-label="{html_lib.escape(label)}" tabindex="0" '
        f'style="--diagram-width: {width}; --diagram-min-width: {drawn.width * MIN_SCALE:.1f}px">'
        f"{svg}</div>"
    )


def rendered_blocks(page_html: str) -> list[str]:
    """The normalized sources of the ```mermaid blocks in a page's rendered HTML."""
    return [normalize(html_lib.unescape(m.group("code"))) for m in PRE_BLOCK.finditer(page_html)]


def place_diagrams(page_html: str, drawn: Mapping[str, Drawn], key_of: Mapping[str, str]) -> str:
    """Replace each <pre class="mermaid"> block by its drawn SVG (every source must be drawn).

    Each diagram's region is named by its caption (the italic paragraph under it, as CONTRIBUTING.md
    asks), or "Diagram N" when it has none, so that regions on one page have distinct names.
    """
    seen: dict[str, int] = {}
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        key = key_of[normalize(html_lib.unescape(match.group("code")))]
        seen[key] = seen.get(key, 0) + 1
        caption = match.group("caption")
        label = " ".join(html_lib.unescape(TAG.sub("", caption)).split()) if caption else ""
        return figure(drawn[key], key, seen[key], label or f"Diagram {count}") + (match.group("after") or "")

    return PRE_BLOCK.sub(replace, page_html)
