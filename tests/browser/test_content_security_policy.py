"""Every page of the built site, and the print book Chromium turns into the PDF, runs under its
Content Security Policy with no violation and no script error, and the policy does refuse script
that is not the project's own."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

pytestmark = pytest.mark.browser

# Recorded in every document before any of its own scripts runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || "inline"} (line ${e.lineNumber})`);
});
"""
# The site is built for https://…/confidant/; the 404 page links its assets by that absolute path.
SITE_PATH = "/confidant/"


class Watch:
    """CSP violations (the DOM event and Chromium's console report) and uncaught script errors."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"console: {message.text[:300]}")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def open_and_check(context: BrowserContext, url: str) -> list[str]:
    page = context.new_page()
    watch = Watch(page)
    page.goto(url, wait_until="networkidle")
    page.mouse.wheel(0, 4000)  # lazy content and scroll handlers
    page.wait_for_timeout(200)
    problems = watch.problems + violations(page)
    page.close()
    return problems


def test_every_page_loads_with_no_violation_and_no_script_error(context: BrowserContext, built_site, site_url) -> None:
    def unprefix(route: Route) -> None:
        route.continue_(url=route.request.url.replace(SITE_PATH, "/", 1))

    context.route(re.compile(rf"^{re.escape(site_url.rstrip('/'))}{SITE_PATH}"), unprefix)
    pages = sorted(built_site.site_dir.rglob("*.html"))
    assert len(pages) > 15
    found = {}
    for path in pages:
        relative = path.relative_to(built_site.site_dir).as_posix()
        problems = open_and_check(context, site_url + relative)
        if problems:
            found[relative] = problems[:3]
    assert found == {}


def test_the_print_book_runs_from_a_file_under_its_policy(context: BrowserContext, built_site) -> None:
    # tools/pdf.py opens the book as a file:// URL and waits for print-book.js.
    page = context.new_page()
    watch = Watch(page)
    page.goto((built_site.site_dir / "print/book.html").as_uri(), wait_until="load")
    page.wait_for_function("window.confidantBook && window.confidantBook.ready", timeout=120_000)
    assert page.evaluate("window.confidantBook.error") is None
    assert watch.problems + violations(page) == []


def test_search_quiz_and_tooltips_run_with_no_violation(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    watch = Watch(page)
    page.goto(site_url + "chapters/confidentiality/", wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("privilege", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")
    quiz = page.locator("div.quiz").first
    answer = quiz.locator('input[name="answer"]:not([data-correct])').first
    quiz.locator(f'label[for="{answer.get_attribute("id")}"]').click()
    quiz.locator('button[type="submit"]').click()
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    # The quiz's form has no action or handler of its own: the submit must not load a page.
    assert page.url.split("#")[0] == site_url + "chapters/confidentiality/"
    page.locator("article a.glossary-term").first.hover()
    expect(page.locator(".md-tooltip2--active")).to_be_visible()
    assert watch.problems + violations(page) == []


def test_the_policy_refuses_script_that_is_not_the_projects(context: BrowserContext, site_url: str) -> None:
    """If markup with a handler, a script URL or an inline script got into a page, it would not run."""
    page = context.new_page()
    page.goto(site_url + "chapters/confidentiality/", wait_until="networkidle")
    page.evaluate(
        """() => {
          document.body.insertAdjacentHTML("beforeend",
            '<img src="data:," onerror="window.__ran = (window.__ran || 0) + 1">'
            + '<a id="__js" href="javascript:window.__ran = 9">x</a>');
          const script = document.createElement("script");
          script.textContent = "window.__ran = 7";
          document.body.append(script);
          document.getElementById("__js").click();
        }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    found = violations(page)
    assert len(found) >= 3, found
    assert all(v.startswith("script-src") for v in found), found
