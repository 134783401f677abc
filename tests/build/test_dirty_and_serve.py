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
