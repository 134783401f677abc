"""Under `mkdocs serve`, the page open in the browser turns into the error message when a content
file breaks, and back into the page when the file is fixed, without the reader touching anything."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.sync_api import Browser, expect

from tests.build.test_error_feedback import BROKEN, fetch, free_port, wait_for

pytestmark = pytest.mark.browser


def test_the_open_page_shows_the_error_and_then_the_fixed_page(browser: Browser, make_minisite) -> None:
    root = make_minisite()
    data = root / "data/questions/sample.yml"
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--strict",
            "-f",
            str(root / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    context = browser.new_context()
    try:
        url = f"http://127.0.0.1:{port}/chapters/sample/"
        wait_for(url, "Check your understanding")
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_role("heading", name="Check your understanding")).to_be_visible()

        data.write_text(data.read_text(encoding="utf-8").replace(*BROKEN, 1), encoding="utf-8")
        error = page.locator("pre.confidant-build-error")
        expect(error).to_contain_text("unknown section 'reportng'", timeout=60_000)
        expect(error).to_contain_text("How to fix: Did you mean `reporting`?")
        assert page.url == url

        data.write_text(data.read_text(encoding="utf-8").replace(BROKEN[1], BROKEN[0], 1), encoding="utf-8")
        expect(page.get_by_role("heading", name="Check your understanding")).to_be_visible(timeout=60_000)
        assert "The site could not be built" not in fetch(url)
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=20)
