"""A content error reaches the contributor where they look: as a GitHub annotation on the file
and line in CI, and in the browser while `mkdocs serve` runs (cleared once the file is fixed)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from confidant.errors import content_error
from confidant.feedback import github_annotation
from tests.conftest import run_mkdocs_build

BROKEN = ("section: reporting", "section: reportng")


def break_minisite(root: Path) -> Path:
    path = root / "data/questions/sample.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(*BROKEN, 1), encoding="utf-8")
    return path


def test_an_annotation_escapes_newlines_and_separators() -> None:
    error = content_error("data/q,1.yml", 7, "q-id", "50% wrong: here", "fix it\nnow")
    assert github_annotation(error) == (
        "::error file=data/q%2C1.yml,line=7,title=Content error::[q-id] 50%25 wrong: here%0AHow to fix: fix it now"
    )


def test_in_github_actions_a_content_error_becomes_an_annotation_on_its_line(make_minisite, monkeypatch) -> None:
    root = make_minisite()
    break_minisite(root)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode != 0
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1, result.output
    assert annotations[0].startswith(
        "::error file=data/questions/sample.yml,line=19,title=Content error::[sample-report] unknown section 'reportng'"
    )
    assert "%0AHow to fix: Did you mean `reporting`?" in annotations[0]


def test_outside_github_actions_no_annotation_is_printed(make_minisite, monkeypatch) -> None:
    root = make_minisite()
    break_minisite(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode != 0 and "::error" not in result.output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = fetch(url)
        if text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}; last body: {body[:500]!r}")


def test_under_serve_a_content_error_shows_in_the_browser_until_it_is_fixed(make_minisite) -> None:
    root = make_minisite()
    path = break_minisite(root)
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
    try:
        page = f"http://127.0.0.1:{port}/chapters/sample/"
        body = wait_for(page, "The site could not be built")
        assert "data/questions/sample.yml:19 [sample-report]: unknown section &#39;reportng&#39;" in body
        assert "How to fix: Did you mean `reporting`?" in body
        assert '<meta http-equiv="refresh"' in body
        path.write_text(path.read_text(encoding="utf-8").replace(BROKEN[1], BROKEN[0], 1), encoding="utf-8")
        body = wait_for(page, "Check your understanding")
        assert "The site could not be built" not in body
        # and a new mistake, in a chapter this time, replaces the site again
        chapter = root / "docs/chapters/sample.md"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("{ #reporting }", ""), encoding="utf-8")
        body = wait_for(page, "has no `{ #id }`")
        assert "docs/chapters/sample.md:18: the heading `## Reporting` has no `{ #id }`" in body
    finally:
        server.terminate()
        server.wait(timeout=20)
