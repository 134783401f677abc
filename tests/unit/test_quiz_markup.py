"""mkdocs-quiz's markup made valid HTML (confidant.quizmarkup), on a small page with the plugin's own style."""

from __future__ import annotations

import pytest
from mkdocs_quiz.plugin import js_script, style

from confidant.quizmarkup import valid_quiz_markup

SIDEBAR = '<div id="quiz-progress-sidebar" aria-label="Quiz Progress" style="display: none;"></div>'
CONFIG = '<script type="text/javascript">\nwindow.mkdocsQuizConfig = {};\n</script>'


def quiz_page(body: str) -> str:
    head = '<head><meta charset="utf-8"><link rel="stylesheet" href="confidant.css"></head>'
    return f"<!doctype html><html>{head}<body><article>{body}</article></body></html>"


def test_the_plugin_still_writes_the_markup_this_fixes() -> None:
    assert style.startswith('<style type="text/css">.quiz')
    assert js_script.startswith('<script type="text/javascript" defer>')


def test_the_stylesheet_moves_to_the_end_of_the_head_after_the_other_stylesheets() -> None:
    page = valid_quiz_markup(quiz_page(f"<p>Q</p>{style}{CONFIG}"), style)
    head, body = page.split("</head>")
    assert style not in page and "<style" not in body
    css = style.removeprefix('<style type="text/css">')
    assert head.endswith(f"<style>{css}")
    assert head.index("confidant.css") < head.index("<style>")


def test_inline_scripts_lose_defer_and_their_default_type_but_keep_their_text() -> None:
    page = valid_quiz_markup(quiz_page(f"{style}{CONFIG}{js_script}"), style)
    assert "text/javascript" not in page and " defer>" not in page
    assert "<script>\nwindow.mkdocsQuizConfig = {};\n</script>" in page
    assert "<script>" + js_script.removeprefix('<script type="text/javascript" defer>') in page


def test_the_progress_sidebar_becomes_a_named_group() -> None:
    page = valid_quiz_markup(quiz_page(style + SIDEBAR), style)
    assert '<div id="quiz-progress-sidebar" role="group" aria-label="Quiz Progress"' in page


def test_a_page_without_quizzes_is_left_alone() -> None:
    page = quiz_page(f'<p>No quiz</p><script type="text/javascript">x()</script>{SIDEBAR}')
    assert valid_quiz_markup(page, style) == page
    assert valid_quiz_markup(page, "") == page


def test_a_quiz_page_without_a_head_is_refused() -> None:
    with pytest.raises(ValueError, match="no </head>"):
        valid_quiz_markup(f"<body>{style}</body>", style)
