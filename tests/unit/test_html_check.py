"""tools/html_check.py's attribution of the Nu HTML Checker's messages, on messages shaped like vnu's
JSON output (no Java needed): each origin is recognised by its message and markup, the same message on
other markup is not excused, and an unexplained error fails the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from confidant.csp import hash_source
from tools.html_check import (
    CHECKER,
    CONFIDANT,
    MATERIAL,
    MERMAID,
    QUIZ,
    UNATTRIBUTED,
    attribute,
    failing,
    finding_from,
    locate,
    message_key,
    report,
)

SITE = Path("/srv/site")
AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, or “week”."
TABINDEX = "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer."
LABEL_FOR = "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control."
ARIA_DIV = "The “aria-label” attribute must not be specified on any “div” element unless the element has a “role”."
STYLE_IN_BODY = "A “style” element in “body” must be the first child of its parent."
DEFER = (
    "An inline “script” element (i.e., a “script” element without a “src” attribute) must not have a “defer” attribute."
)
NO_HEADING = "Section lacks heading. Consider using “h2”-“h6” elements."
ROLE_FALLBACK = "Discarding superfluous token “document” from value of attribute “role”."
INLINE_CSP = "Inline script violates Content Security Policy (meta tag): blocked by “script-src” directive."
QUIZ_SCRIPT = "// Wrap everything in an IIFE to avoid variable redeclaration issues\n(function(){})();"


def page_with(body: str, script_hashes: str = "") -> str:
    policy = f"default-src 'none'; script-src 'self'{script_hashes}; style-src 'self' 'unsafe-inline'"
    head = f'<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy}"></head>'
    return f"<!doctype html>\n<html>\n{head}\n<body>\n  {body}\n</body>\n</html>\n"


def vnu_message(text: str, markup: str, message: str, kind: str = "error", page: str = "a/index.html") -> dict:
    """What vnu reports about `markup` in `text`: the place where the markup ends, and an extract."""
    start = text.index(markup)
    end = start + len(markup)
    line = text.count("\n", 0, end) + 1
    line_start = text.rfind("\n", 0, end) + 1
    reported = {
        "type": "error" if kind == "error" else "info",
        "url": f"file:{SITE}/{page}",
        "lastLine": line,
        "lastColumn": end - line_start,
        "firstColumn": start - line_start + 1,
        "message": message,
        "extract": text[start - 10 : end + 5],
        "hiliteStart": 10,
        "hiliteLength": len(markup),
    }
    if kind == "warning":
        reported["subType"] = "warning"
    return reported


def origin_of(body: str, markup: str, message: str, kind: str = "error", hashes: str = "") -> str:
    text = page_with(body, hashes)
    finding = finding_from(vnu_message(text, markup, message, kind), SITE, {"a/index.html": text})
    return attribute(finding).origin


DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
NAV_LABEL = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
SIDEBAR = '<div id="quiz-progress-sidebar" aria-label="Quiz Progress" style="display: none;">'
QUIZ_STYLE = '<style type="text/css">'
QUIZ_DEFER = '<script type="text/javascript" defer>'
MERMAID_SVG = '<svg id="diagram-86163855a4c6" class="flowchart" role="graphics-document document">'


@pytest.mark.parametrize(
    ("body", "markup", "message", "kind", "origin"),
    [
        (DRAWER, DRAWER, AUTOCOMPLETE, "error", MATERIAL),
        (NAV_LABEL + "Law</label>", NAV_LABEL, TABINDEX, "error", MATERIAL),
        (TOC_LABEL + "Contents</label>", TOC_LABEL, LABEL_FOR, "error", MATERIAL),
        (SIDEBAR + "</div>", SIDEBAR, ARIA_DIV, "error", QUIZ),
        (f"<nav></nav>{QUIZ_STYLE}.quiz {{ border: 0 }}</style>", QUIZ_STYLE, STYLE_IN_BODY, "error", QUIZ),
        (f"{QUIZ_DEFER}{QUIZ_SCRIPT}</script>", QUIZ_DEFER, DEFER, "error", QUIZ),
        (
            '<section class="content hidden"><p>Why</p></section>',
            '<section class="content hidden">',
            NO_HEADING,
            "warning",
            QUIZ,
        ),
        (MERMAID_SVG + "</svg>", MERMAID_SVG, ROLE_FALLBACK, "info", MERMAID),
        (
            '<section data-view="start" hidden></section>',
            '<section data-view="start" hidden>',
            NO_HEADING,
            "warning",
            CONFIDANT,
        ),
        (
            '<script id="__config" type="application/json">{}</script>',
            '<script id="__config" type="application/json">',
            INLINE_CSP,
            "warning",
            CHECKER,
        ),
    ],
)
def test_each_origin_is_recognised_by_message_and_markup(body, markup, message, kind, origin) -> None:
    assert origin_of(body, markup, message, kind) == origin


def test_the_same_message_on_other_markup_is_not_excused() -> None:
    """An empty tabindex or a stray `for` in Confidant's own markup is ours, not the theme's."""
    own = '<label class="confidant-review__scope" for="review-scope" tabindex="">'
    assert origin_of(own + "x</label>", own, TABINDEX) == CONFIDANT
    stray = '<label for="nowhere">'
    assert origin_of(stray + "x</label>", stray, LABEL_FOR) == UNATTRIBUTED
    # A <style> in the body that is not mkdocs-quiz's stylesheet.
    assert origin_of(f"<p></p>{QUIZ_STYLE}p {{ color: red }}</style>", QUIZ_STYLE, STYLE_IN_BODY) == UNATTRIBUTED
    # An inline deferred script that is not mkdocs-quiz's.
    assert origin_of(f"{QUIZ_DEFER}alert(1)</script>", QUIZ_DEFER, DEFER) == UNATTRIBUTED


def test_an_inline_script_is_excused_only_when_its_hash_is_in_the_policy() -> None:
    script = "window.mkdocsQuizConfig = {};"
    body = f"<script>{script}</script>"
    allowed = f" {hash_source(script)}"
    assert origin_of(body, "<script>", INLINE_CSP, "warning", allowed) == CHECKER
    assert origin_of(body, "<script>", INLINE_CSP, "warning", f" {hash_source('other()')}") == UNATTRIBUTED


def test_a_blocked_resource_is_excused_only_when_it_is_the_sites_own() -> None:
    own = '<script src="../assets/javascripts/confidant.js" defer>'
    message = "Resource violates Content Security Policy (meta tag): external script “{}” blocked by “script-src”."
    assert origin_of(own + "</script>", own, message.format("../assets/javascripts/confidant.js"), "warning") == CHECKER
    cdn = '<script src="https://cdn.example/x.js">'
    assert origin_of(cdn + "</script>", cdn, message.format("https://cdn.example/x.js"), "warning") == UNATTRIBUTED


def test_an_unknown_error_fails_the_check_and_warnings_never_do() -> None:
    text = page_with('<p id="a"></p><p id="a"></p>')
    duplicate = finding_from(vnu_message(text, '<p id="a">', "Duplicate ID “a”."), SITE, {"a/index.html": text})
    theme = finding_from(
        vnu_message(page_with(DRAWER), DRAWER, AUTOCOMPLETE), SITE, {"a/index.html": page_with(DRAWER)}
    )
    warning = finding_from(vnu_message(text, '<p id="a">', "Something odd.", "warning"), SITE, {"a/index.html": text})
    attributions = [attribute(each) for each in (duplicate, theme, warning)]
    assert [each.finding for each in failing(attributions)] == [duplicate]
    printed = "\n".join(report(attributions, "error", list_all=False))
    assert "Errors: 2" in printed and f"1  {UNATTRIBUTED}" in printed and f"1  {MATERIAL}" in printed
    assert "a/index.html:" in printed and "Firefox" in printed  # the theme error, listed with its reason


def test_a_finding_names_the_page_the_place_and_what_follows_the_markup() -> None:
    text = page_with(f"{QUIZ_DEFER}{QUIZ_SCRIPT}</script>")
    finding = finding_from(vnu_message(text, QUIZ_DEFER, DEFER), SITE, {"a/index.html": text})
    assert finding.page == "a/index.html" and finding.kind == "error"
    assert finding.where == f"a/index.html:{text[: text.index(QUIZ_DEFER)].count(chr(10)) + 1}:3"
    assert finding.after.startswith("// Wrap everything") and finding.script == QUIZ_SCRIPT


def test_locate_falls_back_to_a_search_when_columns_count_utf16_units() -> None:
    text = "<p>🙂 <b>bold</b></p>"  # vnu counts the emoji as two UTF-16 units: one column too far
    assert locate(text, 1, text.index("<b>") + 3 + 1, "<b>") == text.index("<b>") + 3


def test_messages_about_many_files_count_as_one() -> None:
    one = "Resource violates Content Security Policy (meta tag): external script “../a.js” blocked."
    other = "Resource violates Content Security Policy (meta tag): external script “assets/b.js” blocked."
    assert message_key(one) == message_key(other)
    assert message_key(TABINDEX) == TABINDEX


def test_a_page_the_checker_could_not_read_is_an_unattributed_error() -> None:
    broken = {"type": "non-document-error", "url": f"file:{SITE}/b/index.html", "message": "Cannot read file."}
    finding = finding_from(broken, SITE, {})
    assert (finding.kind, finding.page, finding.markup) == ("error", "b/index.html", "")
    assert failing([attribute(finding)])[0].origin == UNATTRIBUTED
