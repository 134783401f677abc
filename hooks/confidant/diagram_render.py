"""Draw mermaid sources to SVG with the vendored mermaid in Debian's Chromium, through a cache.

One browser is started per build, and only when a diagram is not in the cache yet.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from confidant.diagrams import MERMAID_CONFIG, Drawn, cache_key, diagram_id, fit

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DRAW = """async ([id, source, config]) => {
  mermaid.initialize(config);
  try { await mermaid.parse(source); } catch (error) { return { error: String(error.message || error) }; }
  const { svg } = await mermaid.render(id, source);
  return { svg };
}"""


class DiagramError(Exception):
    """A diagram mermaid cannot parse; `message` is mermaid's."""


@dataclass
class DiagramCache:
    """SVGs on disk, one file per cache key."""

    folder: Path
    mermaid_js: Path
    fingerprint: str = field(init=False)

    def __post_init__(self) -> None:
        self.fingerprint = hashlib.sha256(self.mermaid_js.read_bytes()).hexdigest()[:16]

    def key(self, source: str) -> str:
        return cache_key(source, self.fingerprint)

    def get(self, key: str) -> Drawn | None:
        path = self.folder / f"{key}.json"
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Drawn(data["svg"], float(data["width"]), float(data["height"]))
        except (ValueError, KeyError):
            return None  # a damaged entry is drawn again

    def put(self, key: str, drawn: Drawn) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{key}.json.tmp"
        temporary.write_text(json.dumps({"svg": drawn.svg, "width": drawn.width, "height": drawn.height}))
        temporary.replace(self.folder / f"{key}.json")


def draw(sources: Iterable[str], cache: DiagramCache) -> tuple[dict[str, Drawn], dict[str, str]]:
    """Draw every source not in the cache. Returns (drawn by key, mermaid's error by source)."""
    drawn: dict[str, Drawn] = {}
    missing: list[str] = []
    for source in dict.fromkeys(sources):
        key = cache.key(source)
        hit = cache.get(key)
        if hit is None:
            missing.append(source)
        else:
            drawn[key] = hit
    errors: dict[str, str] = {}
    if not missing:
        return drawn, errors
    if not CHROMIUM.exists():
        raise DiagramError(
            f"{CHROMIUM} is missing: diagrams are drawn at build time with Debian's chromium "
            "(make site installs it; or apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright  # only when there is something to draw

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
        page.add_script_tag(path=str(cache.mermaid_js))
        for source in missing:
            key = cache.key(source)
            result = page.evaluate(DRAW, [diagram_id(key), source, MERMAID_CONFIG])
            if "error" in result:
                errors[source] = result["error"]
                continue
            drawn[key] = fit(result["svg"])
            cache.put(key, drawn[key])
        browser.close()
    return drawn, errors
