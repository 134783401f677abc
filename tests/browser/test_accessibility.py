"""axe-core on every page of the built site: light and dark, 1280 and 375 px, and after interaction.

axe-core comes with the axe-playwright-python package (pinned in requirements-dev.txt); every rule
axe runs by default counts, whatever its impact. One browser and one context per scheme and width
keep the run short on two cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_site_in_browser import (
    CHAPTER,
    answer_two_questions,
    choose,
    finish_exam,
    first_quiz,
)

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")
WIDTHS = (1280, 375)
AXE = Axe()


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page a reader can open (the print book is the PDF's source, not a page)."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("print/"):
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


# Sections a phone draws only when in view (content-visibility: auto, hooks/confidant/sections.py):
# axe reads colours of sections not drawn yet as garbage (#040404 on #212121), so they are drawn
# for the audit, as each is when the reader scrolls to it.
DRAW_EVERY_SECTION = """
if (!document.getElementById('axe-draw-all')) {
  const style = document.createElement('style');
  style.id = 'axe-draw-all';
  style.textContent = '.md-typeset .confidant-section, .md-typeset .glossary-entry { content-visibility: visible !important; }';
  document.head.appendChild(style);
}
"""


# Colours read mid-transition are neither state's (a hovered button half-way to its hover colours, the
# back-to-top button fading in): axe reads the page once every finite animation has ended.
SETTLE = """
() => Promise.all(document.getAnimations()
  .filter((animation) => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
  .map((animation) => animation.finished.catch(() => null)))
"""


def violations(page: Page) -> list[str]:
    """One line per failing element: rule, impact, target, axe's message."""
    page.evaluate(DRAW_EVERY_SECTION)
    page.evaluate(SETTLE)
    result = AXE.run(page)
    lines = []
    for violation in result.response["violations"]:
        for node in violation["nodes"]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            message = checks[0]["message"] if checks else violation["help"]
            lines.append(f"{violation['id']} ({violation['impact']}) {node['target']}: {message}")
    return lines


@pytest.fixture(scope="module", params=[(s, w) for s in SCHEMES for w in WIDTHS], ids=lambda p: f"{p[0]}-{p[1]}")
def axe_page(request, browser: Browser) -> Iterator[Page]:
    scheme, width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.scheme = scheme  # type: ignore[attr-defined]
    yield page
    context.close()


def check(page: Page, url: str, state: str, found: dict[str, list[str]]) -> None:
    expected = "slate" if page.scheme == "dark" else "default"  # type: ignore[attr-defined]
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    lines = violations(page)
    if lines:
        found[f"{url} ({state})"] = lines


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(lines[:15]) for where, lines in found.items())


def test_every_page_has_no_axe_violations(axe_page: Page, built_site, site_url: str) -> None:
    pages = site_pages(built_site.site_dir)
    assert "" in pages and "glossary/" in pages and "practice-exam/" in pages
    found: dict[str, list[str]] = {}
    for url in pages:
        axe_page.goto(site_url + url, wait_until="load")
        check(axe_page, url, "as loaded", found)
    assert not found, report(found)


def test_a_chapter_after_a_wrong_and_a_right_answer_has_no_axe_violations(axe_page: Page, site_url: str) -> None:
    axe_page.goto(site_url + CHAPTER)
    axe_page.evaluate("localStorage.clear()")
    axe_page.reload()
    found: dict[str, list[str]] = {}
    quiz = first_quiz(axe_page)
    choose(quiz, correct=False)
    expect(quiz.locator(".quiz-feedback-item.incorrect")).to_be_visible()
    check(axe_page, CHAPTER, "answered wrong", found)
    choose(quiz, correct=True)
    expect(quiz.locator(".quiz-feedback-item.correct")).to_be_visible()
    check(axe_page, CHAPTER, "answered right", found)
    assert not found, report(found)


def test_the_practice_exam_mid_way_and_its_results_have_no_axe_violations(axe_page: Page, site_url: str) -> None:
    url = "practice-exam/"
    axe_page.goto(site_url + url)
    axe_page.evaluate("localStorage.clear()")
    axe_page.reload()
    found: dict[str, list[str]] = {}
    axe_page.locator("[data-start='short']").click()
    answer_two_questions(axe_page)
    # Hover states count too: the hovered "Next" button was below 4.5:1.
    axe_page.locator("[data-next]").hover()
    check(axe_page, url, "mid-exam, Next hovered", found)
    finish_exam(axe_page, 23)
    expect(axe_page.locator("[data-review] li.is-wrong")).to_have_count(1)
    check(axe_page, url, "results", found)
    assert not found, report(found)
