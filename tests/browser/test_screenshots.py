"""Screenshots at 375 and 1280 px compared with committed baselines (tests/browser/baselines/).

Three states, each at both widths: a chapter after one quiz answered wrong and the next one right
(the two quizzes and the first-try panel), the practice exam at question 3 with an option chosen,
and the exam's results. Light scheme.

What makes them repeatable:
- a fresh browser context per screenshot (empty localStorage), time frozen (the exam's timer and
  dates) and Math.random seeded (the exam's draw);
- the practice exam's questions (its bank file) all carry the text of one sample question
  (tests/fixtures/screenshot-question.json), so editing or adding a question in data/ does not move
  the baselines; the page, its layout, script, palette, timer and results table are the real ones;
- the text in DejaVu Sans (installed by `make system-deps`), whatever font the system maps
  Material's "Helvetica, Arial" to; sections laid out in full (no content-visibility placeholders);
  animations off, caret hidden, fonts loaded;
- the baselines hold the Chromium major version and the system (Debian 12) that drew them: another
  version or system draws text a little differently, so there the comparison is skipped with a
  message (as on GitHub's Ubuntu runners).

CONFIDANT_UPDATE_SCREENSHOTS=1 writes new baselines instead of comparing (see CONTRIBUTING.md).
A failed comparison writes the actual image and a diff (differing pixels in red) to
tests/browser/screenshots/, the folder of the failure screenshots that CI keeps.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.image_diff import baseline_png, compare, diff_png, load_rgb, png_bytes, stack
from tests.browser.test_site_in_browser import CHAPTER, answer_current, answer_two_questions, choose, finish_exam

pytestmark = pytest.mark.browser

BASELINES = Path(__file__).resolve().parent / "baselines"
ENVIRONMENT = BASELINES / "environment.json"
SAMPLE_QUESTION = Path(__file__).resolve().parents[1] / "fixtures" / "screenshot-question.json"
UPDATE = os.environ.get("CONFIDANT_UPDATE_SCREENSHOTS") == "1"
UPDATE_COMMAND = "CONFIDANT_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_screenshots.py"
WIDTHS = (375, 1280)
FROZEN_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

# Math.random as a seeded generator (mulberry32), before any page script runs.
SEEDED_RANDOM = """(() => {
  let seed = 20260302;
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();"""

# The reader's font is whatever the system maps Material's stack to; the screenshots use DejaVu.
# Sections are laid out in full: with content-visibility: auto, a section off screen keeps a
# placeholder height until it scrolls into view, which would move the region while it is framed.
FIXED_STYLE = """:root, [data-md-color-scheme] {
  --md-text-font-family: "DejaVu Sans", sans-serif;
  --md-code-font-family: "DejaVu Sans Mono", monospace;
}
.md-typeset .confidant-section, .md-typeset .glossary-entry { content-visibility: visible !important; }"""


@pytest.fixture
def shot_page(request, browser: Browser) -> Iterator[Page]:
    """A fresh light-scheme context of the width in the test's `width` parameter."""
    width = request.node.callspec.params["width"]
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        device_scale_factor=1,
        is_mobile=phone,
        has_touch=phone,
        color_scheme="light",
        reduced_motion="reduce",
        bypass_csp=True,  # for the test's own font style tag only
    )
    context.clock.set_fixed_time(FROZEN_NOW)
    context.add_init_script(SEEDED_RANDOM)
    page = context.new_page()
    yield page
    context.close()


def settle(page: Page) -> None:
    """Fixed fonts loaded, no pointer, focus or tooltip on anything."""
    page.add_style_tag(content=FIXED_STYLE)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    # A tooltip the pointer opened on its way (a feedback badge's) hides 250 ms after the pointer
    # leaves; Escape hides it at once.
    page.keyboard.press("Escape")
    expect(page.locator(".md-tooltip2--active")).to_have_count(0)


# Room above the region for Material's sticky header, which would otherwise cover its top; a margin
# of page around the region.
HEADER_ROOM = 160
MARGIN = 8


def region(page: Page, selectors: list[str]) -> bytes:
    """The smallest box around the first match of each selector, cut from a viewport screenshot.

    The viewport grows to hold the box below the header: Playwright's clip and full-page
    screenshots stall in this headless Chromium, a plain viewport screenshot does not.
    """
    union = """sels => { const rects = sels.map(s => document.querySelector(s).getBoundingClientRect());
                 const x = Math.min(...rects.map(r => r.left)), y = Math.min(...rects.map(r => r.top));
                 return [Math.round(x), Math.round(y + scrollY), Math.round(Math.max(...rects.map(r => r.right))),
                         Math.round(Math.max(...rects.map(r => r.bottom)) + scrollY)]; }"""
    left, top, right, bottom = page.evaluate(union, selectors)
    page.set_viewport_size({"width": page.viewport_size["width"], "height": bottom - top + 2 * HEADER_ROOM})
    page.evaluate("y => window.scrollTo(0, y)", top - HEADER_ROOM)
    left, top, right, bottom = page.evaluate(union, selectors)
    scroll = page.evaluate("scrollY")
    shot = page.screenshot(animations="disabled", caret="hide", scale="css")
    width = page.viewport_size["width"]
    top, bottom = top - scroll - MARGIN, bottom - scroll + MARGIN
    return png_bytes(load_rgb(shot)[top:bottom, max(0, left - MARGIN) : min(width, right + MARGIN)])


def environment(browser: Browser) -> dict[str, str]:
    """What decides how text is drawn: the Chromium major version and the system (its FreeType and fonts)."""
    try:
        release = platform.freedesktop_os_release()
        system = f"{release.get('ID', '?')} {release.get('VERSION_ID', '?')}"
    except OSError:
        system = platform.system()
    return {"chromium_major": browser.version.split(".")[0], "system": system}


def check_against_baseline(name: str, actual: bytes, browser: Browser) -> None:
    """Compare with the committed baseline, or write it when updating."""
    baseline = BASELINES / f"{name}.png"
    here = environment(browser)
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        baseline.write_bytes(baseline_png(actual))
        ENVIRONMENT.write_text(json.dumps(here, indent=2) + "\n")
        return
    drawn_in = json.loads(ENVIRONMENT.read_text())
    if drawn_in != here:
        pytest.skip(
            f"the baselines were drawn by Chromium {drawn_in['chromium_major']} on {drawn_in['system']}, this is "
            f"Chromium {browser.version} on {here['system']}: text is drawn a little differently. To compare "
            f"here, make local baselines with {UPDATE_COMMAND} (and do not commit them)"
        )
    assert baseline.exists(), f"no baseline {baseline}: make it with {UPDATE_COMMAND}"
    result = compare(baseline.read_bytes(), actual)
    if result.passed:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    actual_path = SCREENSHOTS / f"{name}-actual.png"
    diff_path = SCREENSHOTS / f"{name}-diff.png"
    actual_path.write_bytes(actual)
    diff_path.write_bytes(diff_png(actual, result))
    pytest.fail(
        f"screenshot {name} differs from its baseline {baseline}: {result.summary()}.\n"
        f"Actual: {actual_path}\nDiff (differing pixels in red): {diff_path}\n"
        f"If the change is intended, update the baselines with {UPDATE_COMMAND} and commit them.",
        pytrace=False,
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_chapter_with_a_wrong_and_a_right_answer(
    shot_page: Page, site_url: str, browser: Browser, width: int
) -> None:
    page = shot_page
    page.goto(site_url + CHAPTER)
    first, second = page.locator("#quiz-0"), page.locator("#quiz-1")
    choose(first, correct=False)
    expect(first.locator(".quiz-feedback-item.incorrect")).to_be_visible()
    choose(second, correct=True)
    expect(second.locator(".quiz-feedback-item.correct")).to_be_visible()
    expect(page.locator(".confidant-first-try")).to_contain_text("First-try correct: 1 of 2 answered")
    settle(page)
    quizzes = region(page, ["#quiz-0", "#quiz-1"])
    panel = region(page, [".confidant-first-try"])
    check_against_baseline(f"chapter-quizzes-{width}", stack([quizzes, panel]), browser)


def one_sample_question(route: Route) -> None:
    """The practice exam's bank file, with every question carrying the sample question's text."""
    response = route.fetch()
    sample = json.loads(SAMPLE_QUESTION.read_text())
    bank = [{**question, **sample} for question in response.json()]
    route.fulfill(response=response, json=bank)


def start_exam(page: Page, site_url: str) -> None:
    page.route("**/practice-exam/bank.json", one_sample_question)
    page.goto(site_url + "practice-exam/")
    page.locator("[data-start='short']").click()
    answer_two_questions(page)
    page.locator("[data-next]").click()
    answer_current(page, correct=True)
    expect(page.locator("[data-progress]")).to_have_text("Question 3 of 25")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_practice_exam_mid_way(shot_page: Page, site_url: str, browser: Browser, width: int) -> None:
    start_exam(shot_page, site_url)
    expect(shot_page.locator("[data-timer]")).to_have_text("30:00 left")
    settle(shot_page)
    check_against_baseline(f"exam-question-{width}", region(shot_page, [".practice-exam__run"]), browser)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_practice_exam_results(shot_page: Page, site_url: str, browser: Browser, width: int) -> None:
    page = shot_page
    start_exam(page, site_url)
    finish_exam(page, 22)
    expect(page.locator("[data-score]")).to_have_text("24 of 25 correct (96%).")
    expect(page.locator("[data-review] li")).to_have_count(2)
    settle(page)
    # The results view down to the first reviewed question (the second one looks the same).
    results = region(page, ["#practice-results", "[data-review] li"])
    check_against_baseline(f"exam-results-{width}", results, browser)
