"""Print what a first visit to a page downloads, gzip-compressed, as a static host would serve it, and its CLS.

    python -m tools.page_weight --site site                 # home, a chapter, glossary, practice exam
    python -m tools.page_weight --site site chapters/confidentiality/

Each page is opened in a fresh Chromium profile (nothing cached) from a local server; every response
the page loads is gzip-compressed (level 6) and added up. The site-wide search index is counted
separately, and the script reports whether it was fetched before the page was interactive. It exits
non-zero when a chapter is over 200 KB or a page's cumulative layout shift is over 0.02.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.pdf import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ["", "chapters/confidentiality/", "glossary/", "practice-exam/"]
SEARCH_INDEX = "search/search_index.json"
# A chapter's first visit, all assets but the search index (issue #16); CLS applies to every page.
BUDGET_KB = 200
BUDGETED = "chapters/"
CLS_BUDGET = 0.02
# Cumulative layout shift as Lighthouse counts it: shifts not caused by the reader's input.
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Visit:
    url: str
    assets: dict[str, int] = field(default_factory=dict)  # url -> gzip bytes
    index_bytes: int = 0
    index_before_interactive: bool = False
    cls: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.assets.values())


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def visit(browser, base: str, path: str, viewport: dict[str, int]) -> Visit:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    result = Visit(path or "/")
    interactive = {"done": False}

    def on_response(response) -> None:
        if not response.url.startswith(base):
            return
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        if response.url.endswith(SEARCH_INDEX):
            result.index_bytes = gzip_size(body)
            result.index_before_interactive = not interactive["done"]
        else:
            result.assets[response.url.removeprefix(base)] = gzip_size(body)

    page.on("response", on_response)
    page.add_init_script(CLS_OBSERVER)
    page.goto(base + path, wait_until="domcontentloaded")
    interactive["done"] = True
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    result.cls = page.evaluate("window.__cls")
    context.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--verbose", action="store_true", help="list every asset")
    parser.add_argument("--width", type=int, default=412, help="viewport width (412: a phone; 1350: desktop)")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    args = parser.parse_args(argv)
    handler = functools.partial(QuietHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    over = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in args.pages:
            result = visit(browser, base, path, {"width": args.width, "height": 900 if args.width > 800 else 823})
            when = "before the page was interactive" if result.index_before_interactive else "after it was interactive"
            if not result.index_bytes:
                index_file = args.site / SEARCH_INDEX
                result.index_bytes = gzip_size(index_file.read_bytes()) if index_file.exists() else 0
                when = "not loaded until search opens"
            budget = f" (budget {BUDGET_KB} KB)" if path.startswith(BUDGETED) else ""
            print(
                f"{result.url}: {result.total / 1024:.1f} KB gzip in {len(result.assets)} requests"
                f"{budget}; search index {result.index_bytes / 1024:.1f} KB gzip, {when}; "
                f"CLS {result.cls:.3f} (budget {CLS_BUDGET})"
            )
            if args.verbose:
                for url, size in sorted(result.assets.items(), key=lambda item: -item[1]):
                    print(f"    {size / 1024:7.1f} KB  {url}")
            over += (budget and result.total > BUDGET_KB * 1024) or result.cls > CLS_BUDGET
        browser.close()
    server.shutdown()
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
