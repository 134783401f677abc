"""The one render path for data text: hostile samples fail with the field named, or come out inert."""

from __future__ import annotations

import re

import pytest

from confidant.safehtml import inert, markdown_problem, plain_problem, render_markdown, sanitize

HOSTILE_MARKDOWN = [
    ('**word**{ onmouseover="alert(1)" }', "attribute lists"),
    ("![x](https://example.org/a.png){: onerror=alert(1) }", "attribute lists"),
    ("![pic](https://example.org/a.png)", "images are not allowed"),
    ("[r]: javascript:alert(1)", "reference link definitions"),
    ("see [this][r]", "reference-style links"),
    ("click [here](javascript:alert(1))", "must be full https://"),
    ("click [here]( JaVaScRiPt:alert(1))", "must be full https://"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "must be full https://"),
    ("[x](../chapters/privilege-and-disclosure.md#holder)", "must be full https://"),
    ("The answer is [[privilege]].", "quiz syntax"),
    ("<script>alert(1)</script>", "raw HTML"),
    ("< img src=x onerror=alert(1)>", "raw HTML"),
    ("<!-- hidden -->", "raw HTML"),
    ("# Heading", "headings are not allowed"),
]


@pytest.mark.parametrize(("text", "rule"), HOSTILE_MARKDOWN, ids=[t for t, _ in HOSTILE_MARKDOWN])
def test_hostile_markdown_is_refused_with_its_rule(text: str, rule: str) -> None:
    problem = markdown_problem(text)
    assert problem is not None and rule in problem[0]


@pytest.mark.parametrize("text", ["<b>Term</b>", "Term{ #x }", "Term [1]", "`code`", "a | b"])
def test_plain_fields_refuse_markup(text: str) -> None:
    assert plain_problem(text) is not None


def test_ordinary_markdown_renders_to_allowlisted_html() -> None:
    out = render_markdown("A **strong** and *em* word, `code`, a [link](https://leginfo.legislature.ca.gov), 3 < 4.")
    assert "<strong>strong</strong>" in out and "<em>em</em>" in out and "<code>code</code>" in out
    assert '<a href="https://leginfo.legislature.ca.gov" rel="noopener noreferrer">link</a>' in out
    assert "3 &lt; 4" in out


def test_the_sanitizer_is_an_allowlist_even_for_markup_the_checks_missed() -> None:
    dirty = (
        '<p onclick="x()">a<script>alert(1)</script><iframe src="https://e"></iframe>'
        '<a href="javascript:alert(1)" style="color:red">b</a><img src=x onerror=y>'
        '<svg><use href="data:x"/></svg><object data="x"></object></p>'
    )
    clean = sanitize(dirty)
    assert re.search(r"<(script|iframe|img|svg|object|style)", clean) is None
    assert "onclick" not in clean and "onerror" not in clean and "javascript:" not in clean and "style=" not in clean


def test_output_is_inert_for_a_second_markdown_pass() -> None:
    out = inert("<p>a *b* [[c]] {: .x } `d` _e_ \\ !f | g</p>")
    assert re.search(r"[*\[\]{}`_\\!|]", re.sub(r"<[^>]+>", "", out)) is None
    assert out.startswith("<p>") and out.endswith("</p>")
