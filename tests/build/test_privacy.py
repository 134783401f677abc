"""No page, stylesheet or script of the built site loads anything from another origin."""

from __future__ import annotations

import re

import pytest

RESOURCE_PATTERNS = [
    re.compile(
        r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I
    ),
    re.compile(
        r"<link\b(?=[^>]*\brel\s*=\s*[\"']?(?:stylesheet|preload|modulepreload|icon|manifest|preconnect|dns-prefetch))[^>]*\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
        re.I,
    ),
    re.compile(r"@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.I),
    re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.I),
]
# Strings inside bundled JavaScript that are documentation or namespaces, not requests.
HARMLESS = re.compile(r"^https?://(www\.w3\.org/|github\.com/|mermaid\.js\.org|docs\.|example\.)")


def third_party_references(text: str) -> list[str]:
    found: dict[str, None] = {}
    for pattern in RESOURCE_PATTERNS:
        found |= dict.fromkeys(m for m in pattern.findall(text) if not HARMLESS.match(m))
    return list(found)


def test_detector_catches_each_kind_of_reference() -> None:
    sample = (
        '<script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.googleapis.com/css">'
        "<style>@import url(https://a.test/b.css); .x{background:url('https://a.test/i.png')}</style>"
    )
    assert third_party_references(sample) == [
        "https://cdn.example.com/x.js",
        "//fonts.googleapis.com/css",
        "https://a.test/b.css",
        "https://a.test/i.png",
    ]


def test_plain_links_to_sources_are_allowed() -> None:
    assert third_party_references('<a href="https://leginfo.legislature.ca.gov/">statute</a>') == []


@pytest.mark.parametrize("suffix", [".html", ".css", ".js"])
def test_built_site_makes_no_third_party_request(built_site, suffix: str) -> None:
    offenders = {}
    for path in built_site.site_dir.rglob(f"*{suffix}"):
        found = third_party_references(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            offenders[str(path.relative_to(built_site.site_dir))] = found[:3]
    assert not offenders


def test_no_google_fonts_anywhere(built_site) -> None:
    for path in built_site.site_dir.rglob("*.html"):
        assert "fonts.googleapis.com" not in path.read_text(), path
