"""The printed book: one HTML document of every page, made for paged media.

Chapters are rendered by MkDocs as usual; these functions turn each page's HTML
into a part of a single document: ids get a per-page prefix (every chapter has a
"key-facts" section), links between pages become links inside the document, and
the interactive quizzes become printed questions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

ID_ATTRIBUTE = re.compile(r'(\sid=")([^"]+)(")')
HREF_ATTRIBUTE = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
QUESTION_REGION = re.compile(r"<!-- confidant:question (\S+) -->.*?<!-- /confidant:question -->", re.DOTALL)
RESULTS_REGION = re.compile(r"<!-- confidant:results -->.*?<!-- /confidant:results -->", re.DOTALL)


@dataclass(frozen=True)
class BookPart:
    """One page of the site as a part of the book."""

    prefix: str  # unique id prefix, e.g. "confidentiality"
    url: str  # the page's site URL, e.g. "chapters/confidentiality/"
    title: str
    html: str


def part_prefix(src_uri: str) -> str:
    """'chapters/abuse-reporting.md' -> 'abuse-reporting'; 'about/index.md' -> 'about'."""
    stem = src_uri.removesuffix(".md").removesuffix("/index")
    return stem.rsplit("/", 1)[-1] if stem != "index" else "home"


SVG_ELEMENT = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def namespace_ids(html: str, prefix: str) -> str:
    """Prefix every id outside inline SVG (a diagram's own style and markers refer to its ids)."""
    pieces, last = [], 0
    for svg in SVG_ELEMENT.finditer(html):
        pieces += [_prefix_ids(html[last : svg.start()], prefix), svg.group(0)]
        last = svg.end()
    pieces.append(_prefix_ids(html[last:], prefix))
    return "".join(pieces)


def _prefix_ids(html: str, prefix: str) -> str:
    return ID_ATTRIBUTE.sub(lambda m: f"{m.group(1)}{prefix}--{m.group(2)}{m.group(3)}", html)


def book_href(href: str, page_url: str, prefixes: Mapping[str, str], site_url: str) -> str:
    """Where a link in a page should point inside the book (or on the website)."""
    if not href or urlparse(href).scheme in ("http", "https", "mailto", "tel"):
        return href
    if href.startswith("#"):
        return f"#{prefixes[page_url]}--{href[1:]}" if href[1:] else f"#{prefixes[page_url]}"
    target, fragment = urldefrag(urljoin("/" + page_url, href))
    path = target.lstrip("/")
    if path in prefixes:
        return f"#{prefixes[path]}--{fragment}" if fragment else f"#{prefixes[path]}"
    # Not part of the book (an asset or a download): send the reader to the website.
    return urljoin(site_url, path) + (f"#{fragment}" if fragment else "")


def rewrite_links(html: str, page_url: str, prefixes: Mapping[str, str], site_url: str) -> str:
    return HREF_ATTRIBUTE.sub(
        lambda m: f"{m.group(1)}{book_href(m.group(2), page_url, prefixes, site_url)}{m.group(3)}", html
    )


def print_ready(
    html: str,
    page_url: str,
    prefixes: Mapping[str, str],
    site_url: str,
    render_question: Callable[[str], str],
) -> str:
    """A page's HTML, ready to be a part of the book."""
    html = RESULTS_REGION.sub("", html)
    html = QUESTION_REGION.sub(lambda m: render_question(m.group(1)), html)
    html = HEADERLINK.sub("", html)
    html = namespace_ids(html, prefixes[page_url])
    return rewrite_links(html, page_url, prefixes, site_url)


@dataclass(frozen=True)
class BookPage:
    """What the book takes from one page: its HTML before mkdocs-quiz, its title and review date."""

    src_uri: str
    url: str
    title: str
    last_reviewed: dt.date | None
    html: str

    def to_json(self) -> str:
        reviewed = self.last_reviewed.isoformat() if self.last_reviewed else None
        return json.dumps({**self.__dict__, "last_reviewed": reviewed})

    @classmethod
    def from_json(cls, text: str) -> BookPage:
        data = json.loads(text)
        reviewed = data["last_reviewed"]
        return cls(**{**data, "last_reviewed": dt.date.fromisoformat(reviewed) if reviewed else None})


def complete_pages(pages: dict[str, BookPage], wanted: list[str], store: Path, dirty: bool) -> str | None:
    """Fill `pages` with every wanted page: a page MkDocs did not render in a dirty build comes
    from `store`, where every build keeps its pages. Returns the first page that has no HTML."""
    store.mkdir(parents=True, exist_ok=True)
    for src_uri in wanted:
        kept = store / (src_uri.replace("/", "__") + ".json")
        if src_uri in pages:
            kept.write_text(pages[src_uri].to_json(), encoding="utf-8")
        elif dirty and kept.exists():
            pages[src_uri] = BookPage.from_json(kept.read_text(encoding="utf-8"))
        else:
            return src_uri
    return None


def css_string(text: str) -> str:
    """Text for a CSS `content: "..."` value (running headers) inside the book's `<style>` element.

    Quotes, backslashes and `<`, `>`, `&` become CSS escapes, so no title can end the string or
    the element (`</style>`)."""
    flat = " ".join(text.split())
    return "".join(f"\\{ord(c):x} " if c in CSS_ESCAPED else c for c in flat)


CSS_ESCAPED = frozenset('\\"<>&')
