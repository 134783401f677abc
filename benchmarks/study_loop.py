"""The study loop's costs in Debian's Chromium: the record's size after a full exam, and My progress with
1,000 answered items.

    .venv/bin/python benchmarks/study_loop.py [--site site]

Builds the site into a temporary folder unless --site names a built one, serves it on 127.0.0.1 and
prints: the answer record's size in bytes after one full practice exam (75 answers) taken from an
empty record; My progress's load time (navigation start to the load event, median of 7 loads) and its render time (the
median of 20 calls of its render function) with an empty record and with 1,000 answered items (every
question of the bank plus ids of questions no longer in it, three attempts each), and their ratio.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
ANSWERED = 1000
LOADS = 7  # page loads per measure; the median is printed (the machine is shared, single loads vary)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(target: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(target)],
        check=True,
        env=env,
    )
    return target


def full_exam_record_bytes(page: Page, url: str) -> int:
    page.goto(url + "practice-exam/")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator("[data-start='full']").click()
    page.evaluate(
        """() => { const s = JSON.parse(localStorage.getItem('confidant-practice-exam'));
                   s.ids.forEach((id, i) => { s.answers[id] = i % 4; });
                   localStorage.setItem('confidant-practice-exam', JSON.stringify(s)); }"""
    )
    page.reload()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-submit]").click()
    page.locator("[data-score]").wait_for()
    return page.evaluate("new TextEncoder().encode(localStorage.getItem('confidant-record')).length")


def seed(page: Page, url: str, count: int) -> None:
    page.goto(url + "progress/")
    page.evaluate(
        """count => {
             const meta = JSON.parse(document.getElementById('confidant-bank-meta').textContent);
             const r = window.ConfidantRecord, record = r.empty();
             const ids = meta.questions.map(q => q.id);
             for (let i = ids.length; i < count; i++) ids.push('removed-question-' + i);
             ids.slice(0, count).forEach((id, i) => {
               ['2026-10-01', '2026-10-20', '2026-11-15'].forEach((day, k) =>
                 r.addAttempts(record, [{id, correct: (i + k) % 3 !== 0}], k ? 'review' : 'chapter', day + 'T10:00:00.000Z'));
             });
             localStorage.clear();
             r.save(record);
           }""",
        count,
    )


def measure(page: Page, url: str) -> tuple[float, float, int]:
    loads = []
    for _ in range(LOADS):
        page.goto(url + "progress/", wait_until="load")
        loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart"))
    load = statistics.median(loads)
    renders = page.evaluate(
        """() => Array.from({length: 20}, () => {
             const t = performance.now(); window.ConfidantProgress.render(); return performance.now() - t; })"""
    )
    size = page.evaluate("(localStorage.getItem('confidant-record') || '').length")
    return load, statistics.median(renders), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp) / "site")
        handler = functools.partial(Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            size = full_exam_record_bytes(page, url)
            print(f"record after one full practice exam (75 answers), from empty: {size} bytes")
            page.evaluate("localStorage.clear()")
            empty = measure(page, url)
            seed(page, url, ANSWERED)
            loaded = measure(page, url)
            browser.close()
        server.shutdown()
    print(f"My progress, empty record:      load {empty[0]:.0f} ms, render {empty[1]:.2f} ms")
    print(
        f"My progress, {ANSWERED} answered items: load {loaded[0]:.0f} ms, render {loaded[1]:.2f} ms "
        f"(record {loaded[2]} bytes)"
    )
    print(
        f"ratio 1,000 answered / empty: load {loaded[0] / empty[0]:.2f}, render {loaded[1] / max(empty[1], 0.01):.1f}"
    )
    print(json.dumps({"record_bytes_after_full_exam": size, "load_ms": loaded[0], "render_ms": loaded[1]}))


if __name__ == "__main__":
    main()
