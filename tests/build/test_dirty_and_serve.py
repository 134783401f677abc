"""The print book survives `mkdocs build --dirty`, and `mkdocs serve` skips the work only the PDF needs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import run_mkdocs_build


def dirty_build(root: Path) -> subprocess.CompletedProcess:
    # Not --strict: MkDocs itself warns that a dirty build may leave stale navigation.
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--dirty",
            "--no-strict",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(root / "site"),
        ],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_dirty_build_keeps_every_page_in_the_print_book(make_minisite) -> None:
    root = make_minisite()
    assert run_mkdocs_build(root / "mkdocs.yml", root / "site").returncode == 0
    full = (root / "site/print/book.html").read_text()
    assert full.count('class="print-question"') == 2
    chapter = root / "docs/chapters/other.md"
    time.sleep(0.05)
    chapter.write_text(chapter.read_text().replace("Nothing to check", "Nothing to check, edited for a dirty build"))
    result = dirty_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    book = (root / "site/print/book.html").read_text()
    assert "edited for a dirty build" in book
    # The unchanged chapter (and its printed questions) came from the previous build.
    assert book.count('class="print-question"') == 2
    assert book.replace(", edited for a dirty build", "") == full


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_serve_builds_the_site_without_the_print_book(make_minisite) -> None:
    root = make_minisite()
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
            "--no-livereload",
        ],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while status(f"http://127.0.0.1:{port}/chapters/sample/") != 200:
            assert server.poll() is None, "mkdocs serve stopped"
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.2)
        assert status(f"http://127.0.0.1:{port}/print/book.html") == 404
    finally:
        server.terminate()
        server.wait(timeout=30)


def page_text(url: str) -> str:
    """The page's text, or the error page the server returns instead (a 404 while a rebuild fails)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")
    except OSError:
        return ""


def term_entry(glossary: str, slug: str) -> str:
    """The HTML of one glossary entry: from its heading to the next."""
    start = glossary.index(f'id="{slug}"')
    end = glossary.find("<h3", start)
    return glossary[start : end if end > 0 else None]


def wait_for(predicate, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_serve_rebuilds_what_a_save_changed_and_keeps_the_rest_right(make_minisite) -> None:
    """hooks/preview.py restores unchanged pages from the last rebuild: the saved chapter shows the edit,
    the other chapter and its quiz are still served whole, the glossary's "appears in" follows a new use
    of a term, and a content error still stops the rebuild until it is fixed."""
    root = make_minisite()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
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
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    other = root / "docs/chapters/other.md"
    original = other.read_text()
    try:
        wait_for(lambda: "</html>" in page_text(f"{base}chapters/sample/"), "mkdocs serve did not start")
        sample_before = page_text(f"{base}chapters/sample/")
        assert 'class="quiz' in sample_before
        assert "Other chapter" not in term_entry(page_text(f"{base}glossary/"), "reasonable-suspicion")

        # A sentence that uses another term: the chapter and the glossary's "appears in" change.
        other.write_text(original.replace("Nothing to check", "Reasonable suspicion is enough. Nothing to check"))
        wait_for(lambda: "is enough. Nothing to check" in page_text(f"{base}chapters/other/"), "edit not served")
        assert "Other chapter" in term_entry(page_text(f"{base}glossary/"), "reasonable-suspicion")
        # The unchanged chapter is served as it was built, quiz and all.
        assert page_text(f"{base}chapters/sample/").count('class="quiz"') == sample_before.count('class="quiz"')

        # A content error shows (the error page), and the fixed file brings the page back.
        other.write_text(original.replace("# Other chapter", "# Other chapter\n\n<!-- questions: nowhere -->"))
        wait_for(
            lambda: "question marker on a page that has no questions" in page_text(f"{base}chapters/other/"),
            "error not shown",
        )
        other.write_text(original)
        wait_for(lambda: "Nothing to check here about" in page_text(f"{base}chapters/other/"), "fixed page not served")
        assert "is enough. Nothing to check" not in page_text(f"{base}chapters/other/")
    finally:
        other.write_text(original)
        server.terminate()
        server.wait(timeout=30)
