"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The 404 page links its assets from the published site's path (site_url), as a host serves it for
# any missing URL; the test server answers that path from the site's root too.
PUBLISHED_PATH = urlparse(os.environ.get("CONFIDANT_SITE_URL", "https://confidant-guide.github.io/confidant/")).path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if PUBLISHED_PATH != "/" and path.startswith(PUBLISHED_PATH):
            path = "/" + path.removeprefix(PUBLISHED_PATH)
        return super().translate_path(path)


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(built_site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test`, which installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Console errors, uncaught exceptions and requests that leave the local server."""

    def __init__(self, page: Page, origin: str) -> None:
        self.errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)
        self._origin = origin

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if f"{url.scheme}://{url.netloc}" != self._origin:
            self.foreign_requests.append(request.url)


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))  # type: ignore[attr-defined]
    yield page
    context.close()


SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep a screenshot of the page when a browser test fails (CI uploads the folder)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for name in ("page", "phone"):
        fixture = item.funcargs.get(name) if hasattr(item, "funcargs") else None
        if fixture is not None:
            SCREENSHOTS.mkdir(exist_ok=True)
            try:
                fixture.screenshot(path=str(SCREENSHOTS / f"{item.name}-{name}.png"), full_page=False)
            except Exception as error:  # a crashed page must not hide the test's own failure
                report.sections.append(("screenshot", f"could not save a screenshot: {error}"))
