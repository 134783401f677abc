"""The built pages keep the fixes that made them valid HTML (`python -m tools.html_check` runs the
Nu HTML Checker itself; Java is not needed here). Each test checks one rule of the HTML Standard on
every page, so markup from the theme, the quiz plugin, a template or a hook that breaks it fails."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements a <label for> can name (HTML Standard, "labelable elements").
LABELABLE = frozenset({"button", "input", "meter", "output", "progress", "select", "textarea"})
# Roles that let a <div> or <span> be named by aria-label (ARIA in HTML: not generic and its kin).
UNNAMEABLE_ROLES = frozenset(
    {"caption", "code", "deletion", "emphasis", "generic", "insertion", "paragraph", "presentation", "none"}
    | {"strong", "subscript", "superscript"}
)


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, LexborHTMLParser]:
    site: Path = built_site.site_dir
    return {
        path.relative_to(site).as_posix(): LexborHTMLParser(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


def test_the_check_covers_the_pages_and_quiz_pages(pages) -> None:
    assert {"index.html", "404.html", "print/book.html", "chapters/confidentiality/index.html"} <= set(pages)
    assert any(tree.css_first("#quiz-progress-sidebar") for tree in pages.values())


def test_ids_are_unique_on_every_page(pages) -> None:
    for name, tree in pages.items():
        counts = Counter(node.attributes["id"] for node in tree.css("[id]"))
        assert not [each for each, count in counts.items() if count > 1], name


def test_every_label_names_a_control_of_its_page(pages) -> None:
    for name, tree in pages.items():
        controls = {
            node.attributes["id"]
            for node in tree.css("[id]")
            if node.tag in LABELABLE and (node.attributes.get("type") or "").lower() != "hidden"
        }
        for label in tree.css("label[for]"):
            assert label.attributes["for"] in controls, (name, label.html)


def test_tabindex_is_always_an_integer(pages) -> None:
    for name, tree in pages.items():
        for node in tree.css("[tabindex]"):
            value = node.attributes["tabindex"] or ""
            assert value.lstrip("-").isdigit(), (name, node.html[:120])


def _inside_svg(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "svg":
            return True
        parent = parent.parent
    return False


def test_stylesheets_of_the_page_sit_in_its_head(pages) -> None:
    """mkdocs-quiz writes its <style> into the body; hooks/confidant/quizmarkup.py moves it."""
    for name, tree in pages.items():
        stray = [node for node in tree.css("body style") if not _inside_svg(node)]
        assert not stray, (name, stray[0].html[:80] if stray else "")
    chapter = pages["chapters/confidentiality/index.html"]
    assert any(".quiz" in (node.text() or "") for node in chapter.css("head style"))


def test_inline_scripts_carry_no_defer_async_or_default_type(pages) -> None:
    for name, tree in pages.items():
        for script in tree.css("script:not([src])"):
            attributes = script.attributes
            assert "defer" not in attributes and "async" not in attributes, (name, script.html[:80])
            assert (attributes.get("type") or "").lower() != "text/javascript", (name, script.html[:80])


def test_generic_elements_are_not_named(pages) -> None:
    """aria-label on a <div> or <span> needs a role that can be named (the quiz sidebar is a group)."""
    for name, tree in pages.items():
        for node in tree.css("div[aria-label], span[aria-label]"):
            role = (node.attributes.get("role") or "generic").split()[0]
            assert role not in UNNAMEABLE_ROLES, (name, node.html[:120])
    sidebar = pages["chapters/confidentiality/index.html"].css_first("#quiz-progress-sidebar")
    assert sidebar.attributes.get("role") == "group"
