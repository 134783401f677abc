"""Hostile content, end to end on the test site: each sample fails the build with its place named, or
comes out inert in every output, and the post-build scan proves that no handler, script URL or
foreign script reaches the pages, the search index or the print book that the PDF is printed from."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.build.test_broken_content import build, edit
from tests.conftest import PROJECT_ROOT


def scan(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.scan_site", str(site), "--base-path", "/"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Data text: each fails the build with file, line, entry and field, before any output is written.
HOSTILE_DATA = [
    (
        "data/questions/sample.yml",
        "stem: Who holds the psychotherapist-patient privilege?",
        """stem: 'Who holds **the**{ onmouseover="alert(1)" } privilege?'""",
        "data/questions/sample.yml:2 [sample-holder]: stem: attribute lists ({ ... }) are not allowed",
    ),
    (
        "data/questions/sample.yml",
        "rationale: The patient is the holder under the Evidence Code.",
        r'rationale: "The patient is the [holder][r].\n\n[r]: javascript:alert(1)"',
        "data/questions/sample.yml:2 [sample-holder]: rationale: reference link definitions",
    ),
    (
        "data/glossary.yml",
        "aliases: [CANRA]",
        "aliases: ['CANRA<img src=x onerror=alert(1)>']",
        "data/glossary.yml:11 [Child Abuse and Neglect Reporting Act]: aliases[0]: '<' and '>' are not allowed",
    ),
    (
        "data/questions/sample.yml",
        "      - Evid. Code § 1013",
        "      - 'Evid. Code § 1013 <script>alert(1)</script>'",
        "data/questions/sample.yml:2 [sample-holder]: citations[0]: raw HTML is not allowed",
    ),
    (
        "docs/chapters/sample.md",
        "title: Sample chapter",
        "title: Sample <script>alert(1)</script> chapter",
        "docs/chapters/sample.md:1: front matter `title`: '<' and '>' are not allowed",
    ),
    (
        "data/questions/sample.yml",
        "stem: Who holds the psychotherapist-patient privilege?",
        "stem: Who holds the [[privilege]]?",
        "data/questions/sample.yml:2 [sample-holder]: stem: '[[' is quiz syntax and is not allowed in data",
    ),
    (
        "data/questions/sample.yml",
        "feedback: Right, the patient holds it.",
        "feedback: 'Right, [see](javascript:alert(1)).'",
        "data/questions/sample.yml:2 [sample-holder]: choices[1].feedback: links in data must be full https://",
    ),
    (
        "data/glossary.yml",
        "definition: An objectively reasonable suspicion based on facts; certainty is not required.",
        "definition: '![x](https://e.invalid/a.png){: onerror=alert(1) } Suspicion based on facts.'",
        "data/glossary.yml:16 [Reasonable suspicion]: definition: attribute lists ({ ... }) are not allowed",
    ),
    (
        "data/questions/sample.yml",
        "rationale: The patient is the holder under the Evidence Code.",
        "rationale: The patient is the [holder](../other.md#holder) under the Evidence Code.",
        "data/questions/sample.yml:2 [sample-holder]: rationale: links in data must be full https:// or mailto:",
    ),
]


@pytest.mark.parametrize(
    ("target", "old", "new", "expected"),
    HOSTILE_DATA,
    ids=[
        "attribute-list-handler-in-a-stem",
        "reference-style-javascript-link",
        "raw-html-in-a-glossary-alias",
        "raw-html-in-a-citation",
        "script-in-a-front-matter-title",
        "quiz-syntax-in-a-stem",
        "javascript-link-in-feedback",
        "image-with-handler-in-a-definition",
        "relative-link-that-breaks-in-other-outputs",
    ],
)
def test_hostile_data_fails_the_build_with_file_line_and_field(make_minisite, target, old, new, expected) -> None:
    root = make_minisite()
    edit(root / target, old, new)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert not (root / "site/print/book.html").exists()


# A chapter's own Markdown may hold raw HTML and attribute lists; the post-build scan is what stops these.
HOSTILE_CHAPTER = [
    ('<img src="x.png" onerror="alert(1)">', 'inline event handler <img onerror="alert(1)">'),
    ('**Note**{ onclick="alert(1)" }', 'inline event handler <strong onclick="alert(1)">'),
    ("[a link](javascript:alert(1))", 'javascript: URL in <a href="javascript:alert(1)">'),
    ('<a href="java&#x09;script:alert(1)">tab</a>', "javascript: URL in <a href="),
    ("<script>alert(1)</script>", "inline script not on the allowlist"),
    ('<script src="https://cdn.example.org/x.js"></script>', "script 'https://cdn.example.org/x.js' is not one of"),
    ('<iframe src="https://example.org/"></iframe>', "<iframe> is not allowed"),
    ('<object data="x.swf"></object>', "<object> is not allowed"),
    ('<svg><a xlink:href="data:text/html,x">d</a></svg>', "data: URL in <a xlink:href="),
    ("<!--> <img src=x onerror=alert(1)> -->", 'inline event handler <img onerror="alert(1)">'),
]


@pytest.mark.parametrize(("markup", "expected"), HOSTILE_CHAPTER, ids=[m for m, _ in HOSTILE_CHAPTER])
def test_script_in_a_chapter_fails_the_post_build_scan(make_minisite, markup: str, expected: str) -> None:
    root = make_minisite()
    edit(root / "docs/chapters/sample.md", "CANRA requires a report", f"{markup}\n\nCANRA requires a report")
    result = build(root)
    assert result.returncode != 0
    assert "The built site carries markup that can run script" in result.output, result.output
    assert f"site/chapters/sample/index.html (#reporting): {expected}" in result.output, result.output
    assert "[from docs/chapters/sample.md]" in result.output
    assert "Traceback" not in result.output


def test_a_link_in_data_is_the_same_full_address_in_every_output(make_minisite) -> None:
    """Data links are full https:// or mailto: addresses, so they work wherever the text is shown."""
    root = make_minisite()
    edit(
        root / "data/questions/sample.yml",
        "rationale: The patient is the holder under the Evidence Code.",
        "rationale: The patient is the holder under the [Evidence Code](https://leginfo.legislature.ca.gov/).",
    )
    result = build(root)
    assert result.returncode == 0, result.output
    link = '<a href="https://leginfo.legislature.ca.gov/" rel="noopener noreferrer">Evidence Code</a>'
    assert link in (root / "site/chapters/sample/index.html").read_text()
    assert link in (root / "site/print/book.html").read_text()


def test_the_print_book_escapes_a_heading_the_site_escapes(make_minisite) -> None:
    """The book once un-escaped headings in its contents; the scan failed the build on it."""
    root = make_minisite()
    edit(root / "docs/chapters/sample.md", "# Sample chapter", "# Sample &lt;img src=x onerror=alert(1)&gt; chapter")
    result = build(root)
    assert result.returncode == 0, result.output
    book = (root / "site/print/book.html").read_text()
    assert '<span class="toc__text">Sample &lt;img src=x onerror=alert(1)&gt; chapter</span>' in book


def test_hostile_text_that_passes_the_checks_is_inert_in_every_output(make_minisite) -> None:
    root = make_minisite()
    hostile = "Who holds javascript:alert(1) &lt;img src=x onerror=alert(2)&gt; 3 < 4 the privilege?"
    edit(
        root / "data/questions/sample.yml", "stem: Who holds the psychotherapist-patient privilege?", f"stem: {hostile}"
    )
    edit(root / "docs/chapters/sample.md", "## Reporting { #reporting }", "## Reporting &lt;script&gt; { #reporting }")
    result = build(root)
    assert result.returncode == 0, result.output
    site = root / "site"
    page = (site / "chapters/sample/index.html").read_text()
    book = (site / "print/book.html").read_text()
    index = json.loads((site / "search/search_index.json").read_text())
    assert "javascript:alert(1) &lt;img src=x onerror=alert(2)&gt; 3 &lt; 4" in page
    assert "javascript:alert(1) &lt;img src=x onerror=alert(2)&gt; 3 &lt; 4" in book
    assert "Reporting &lt;script&gt;" in book
    assert any("&lt;img src=x onerror=alert(2)&gt;" in doc["text"] for doc in index["docs"])
    completed = scan(site)
    assert completed.returncode == 0, completed.stdout
    assert completed.stdout.strip().endswith("no findings")


def test_the_scan_names_each_file_a_handler_or_script_url_is_planted_in(make_minisite) -> None:
    root = make_minisite()
    result = build(root)
    assert result.returncode == 0, result.output
    site = root / "site"
    assert scan(site).returncode == 0
    edit(site / "chapters/sample/index.html", "<p>The holder", '<p onmouseover="alert(1)">The holder')
    edit(site / "print/book.html", '<a href="#sample"', '<a href="javascript:alert(1)"')
    edit(site / "search/search_index.json", '"text":"', '"text":"<img src=x onerror=alert(1)>')
    edit(site / "index.html", "<title>", '<script src="../elsewhere.js"></script><title>')
    completed = scan(site)
    assert completed.returncode == 1
    out = completed.stdout
    assert 'chapters/sample/index.html (#holder): inline event handler <p onmouseover="alert(1)">' in out, out
    assert 'print/book.html (#contents): javascript: URL in <a href="javascript:alert(1)">' in out, out
    assert "search/search_index.json (entry '/'): inline event handler <img onerror=\"alert(1)\">" in out, out
    assert "index.html: script '../elsewhere.js' is not one of the theme's or the project's" in out, out
    assert "index.html: a script comes before the Content Security Policy" not in out


def test_mkdocs_serve_leaves_the_policy_out_so_live_reload_runs(make_minisite) -> None:
    """`mkdocs serve` adds an inline live-reload script to every response, which no hash can allow."""
    root = make_minisite()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--strict",
        "-f",
        str(root / "mkdocs.yml"),
        "-a",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stderr=subprocess.PIPE)
    try:
        page = ""
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/chapters/sample/", timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "livereload(" in page
        assert "Content-Security-Policy" not in page
        assert '<form action="javascript:' not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
