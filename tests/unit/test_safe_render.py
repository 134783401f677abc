"""The one render path for data text: hostile samples fail with the field named, or come out inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from confidant.citelinks import NO_LINKS, canonical_markdown
from confidant.examplan import load_exam_plan
from confidant.glossary import load_glossary
from confidant.questions import Choice, _with_verdict, feedback_html, load_bank
from confidant.safehtml import (
    ACTIVE_TEXT,
    convert_markdown,
    inert,
    markdown_problem,
    plain_problem,
    render_markdown,
    sanitize,
)

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


def content_texts() -> list[tuple[str, bool]]:
    """Every data text of the bank and the glossary, with whether it is rendered inline."""
    root = Path(__file__).resolve().parents[2]
    plan = load_exam_plan(root / "data/exam-plan.yml", root / "schemas/exam-plan.schema.json", "data/exam-plan.yml")
    bank = load_bank(root / "data/questions", root / "schemas/questions.schema.json", plan.areas, root)
    texts: list[tuple[str, bool]] = []
    for question in (q for questions in bank.values() for q in questions):
        texts += [(question.stem, False), (question.rationale, True)]
        texts += [(choice.text, True) for choice in question.choices]
        texts += [(citation, True) for citation in question.citations]
    glossary = load_glossary(root / "data/glossary.yml", "data/glossary.yml", root / "schemas/glossary.schema.json")
    texts += [(term.definition, True) for term in glossary]
    return texts


PLAIN_AND_NOT = [
    ("Plain words, (parentheses), quotes \"like\" 'these', § 1024 and Bus. & Prof. Code.", True),
    ("Plain words as a paragraph.", False),
    ("A &amp; B or &#42; or &copy;", True),
    ("1. Looks like a list", True),
    ("- Looks like a list", False),
    ("> a quote", True),
    ("two  spaces", True),
    ("*emphasis* and __strong__", True),
    ("line one\nline two", False),
]


def test_plain_text_skips_the_converter_with_the_same_html() -> None:
    texts = content_texts() + PLAIN_AND_NOT
    plain = [text for text, _ in texts if not ACTIVE_TEXT.search(text.strip())]
    assert len(plain) > len(texts) / 3  # the fast path is taken, and checked, on real content
    for text, inline in texts:
        assert render_markdown(text, inline) == convert_markdown(text, inline), text


def test_feedback_with_its_verdict_has_the_html_of_one_conversion() -> None:
    root = Path(__file__).resolve().parents[2]
    plan = load_exam_plan(root / "data/exam-plan.yml", root / "schemas/exam-plan.schema.json", "data/exam-plan.yml")
    bank = load_bank(root / "data/questions", root / "schemas/questions.schema.json", plan.areas, root)
    choices = [choice for questions in bank.values() for q in questions for choice in q.choices]
    choices += [Choice("x", "- a list-like start", False), Choice("x", "Right: *emphasis*", True)]
    for choice in choices:
        # Citations are put in canonical form first (confidant.citelinks), then converted once.
        expected = convert_markdown(canonical_markdown(_with_verdict(choice), NO_LINKS), inline=True)
        assert feedback_html(choice) == expected, choice.feedback
