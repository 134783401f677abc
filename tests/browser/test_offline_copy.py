"""The offline copy (downloads/confidant-offline.zip), unzipped and opened from file:// only."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_site_in_browser import answer_current, choose, first_quiz
from tools.offline import ZIP_NAME

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def offline_root(built_site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip made the way `make site` makes it, unzipped into an empty folder."""
    completed = subprocess.run(
        [sys.executable, "-m", "tools.offline", "--site", str(built_site.site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built_site.site_dir / ZIP_NAME) as archive:
        archive.extractall(folder)
    return folder / "confidant"


@pytest.fixture
def disk(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.requests = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()


def only_file_requests(page: Page) -> list[str]:
    return [url for url in page.requests if not url.startswith(("file://", "data:", "blob:", "about:"))]  # type: ignore[attr-defined]


def test_the_offline_copy_navigates_and_searches_from_disk(disk: Page, offline_root: Path) -> None:
    disk.goto((offline_root / "index.html").as_uri())
    link = disk.locator("article a[href$='chapters/confidentiality.html']").first
    link.click()
    disk.wait_for_url(re.compile(r".*/chapters/confidentiality\.html$"))
    expect(disk.locator("h1")).to_be_visible()
    # Diagrams are inline SVG: nothing to load.
    expect(disk.locator(".confidant-diagram svg").first).to_be_attached()
    disk.locator("input.md-search__input").click()
    disk.keyboard.type("breach", delay=20)
    results = disk.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=15_000)
    assert any(".html" in (results.nth(i).get_attribute("href") or "") for i in range(results.count()))
    assert disk.errors == []  # type: ignore[attr-defined]
    assert only_file_requests(disk) == []


def test_quizzes_keep_progress_and_glossary_tooltips_show_from_disk(disk: Page, offline_root: Path) -> None:
    disk.goto((offline_root / "chapters/confidentiality.html").as_uri())
    disk.evaluate("localStorage.clear()")
    disk.reload()
    quiz = first_quiz(disk)
    choose(quiz, correct=True)
    expect(quiz.locator(".quiz-feedback-item.correct")).to_be_visible()
    disk.reload()
    expect(first_quiz(disk).locator('input[data-correct="true"]')).to_be_checked()
    term = disk.locator("article a.glossary-term").first
    term.scroll_into_view_if_needed()
    term.hover()
    expect(disk.locator(".md-tooltip2--active")).to_be_visible()
    assert disk.errors == []  # type: ignore[attr-defined]
    assert only_file_requests(disk) == []


def test_the_practice_exam_runs_from_disk(disk: Page, offline_root: Path) -> None:
    disk.goto((offline_root / "practice-exam.html").as_uri())
    disk.evaluate("localStorage.clear()")
    disk.reload()
    disk.locator("[data-start='short']").click()
    expect(disk.locator("[data-progress]")).to_have_text("Question 1 of 25")
    answer_current(disk, correct=True)
    disk.locator("[data-next]").click()
    disk.reload()
    expect(disk.locator("[data-progress]")).to_have_text("Question 2 of 25")
    assert disk.errors == []  # type: ignore[attr-defined]
    assert only_file_requests(disk) == []


def test_the_home_page_and_the_announcement_bar_offer_both_downloads(built_site) -> None:
    home = (built_site.site_dir / "index.html").read_text()
    chapter = (built_site.site_dir / "chapters/confidentiality/index.html").read_text()
    article = home[home.index("<article") :]
    for html in (article, chapter[chapter.index("md-banner") :]):
        assert 'href="downloads/confidant-study-guide.pdf"' in html or "confidant-study-guide.pdf" in html
        assert "confidant-offline.zip" in html
