"""mkdocs-quiz's markup made valid HTML (Nu HTML Checker), with the same effect in the browser.

mkdocs-quiz 1.7.1 writes into the body of every page with questions:

* its stylesheet as `<style type="text/css">`, after other content: a `<style>` belongs in the head
  ("A style element in body must be the first child of its parent"). It moves to the end of the
  head, still after every stylesheet of the theme and the project, so the cascade is unchanged.
* its main script as `<script type="text/javascript" defer>`: `defer` is not allowed on an inline
  script, and browsers ignore it there. It and `type="text/javascript"` (the default) go.
* its progress sidebar as a `<div>` named by `aria-label`: a generic element cannot be named. It
  becomes a named group (`role="group"`, not a landmark), as the plugin's mobile `<nav>` twin is named.

The scripts' text stays the same, so their Content Security Policy hashes and the post-build scan's
allowlist (confidant.sitescan) still match. tests/build/test_valid_html.py checks the built pages;
`python -m tools.html_check` runs the checker itself.
"""

from __future__ import annotations

QUIZ_STYLE_TAG = '<style type="text/css">'
QUIZ_SCRIPT_TAGS = ('<script type="text/javascript" defer>', '<script type="text/javascript">')
QUIZ_SIDEBAR = '<div id="quiz-progress-sidebar" aria-label='
NAMED_QUIZ_SIDEBAR = '<div id="quiz-progress-sidebar" role="group" aria-label='


def valid_quiz_markup(page: str, quiz_style: str) -> str:
    """`page` (a whole document) with mkdocs-quiz's markup made valid; `quiz_style` is the plugin's
    `<style>` element exactly as it writes it (mkdocs_quiz.plugin.style). Pages without it are returned
    unchanged. Raises ValueError for a quiz page without `</head>`."""
    if not quiz_style or quiz_style not in page:
        return page
    if "</head>" not in page:
        raise ValueError("a page with mkdocs-quiz's stylesheet has no </head> to move it into")
    in_head = quiz_style.replace(QUIZ_STYLE_TAG, "<style>", 1)
    page = page.replace(quiz_style, "", 1).replace("</head>", in_head + "</head>", 1)
    for tag in QUIZ_SCRIPT_TAGS:
        page = page.replace(tag, "<script>")
    return page.replace(QUIZ_SIDEBAR, NAMED_QUIZ_SIDEBAR)
