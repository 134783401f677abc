"""Run Lighthouse (mobile, performance) on four pages served with gzip, as a static host serves them.

    python -m tools.lighthouse --site site

Needs Node and npm: Lighthouse 12.8.2 comes from the npm registry through npx, and drives Debian's
Chromium (CHROME_PATH). Runs each page three times (--runs) and prints the median run's score, its
metrics and the weight Lighthouse measured, and the machine's load. Not run in CI (about 15 s a run
on two cores, and scores vary with the machine's load: measure on an idle machine).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from tools.pdf import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"home": "", "chapter": "chapters/confidentiality/", "glossary": "glossary/", "practice exam": "practice-exam/"}
LIGHTHOUSE = "lighthouse@12.8.2"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it (as GitHub Pages does)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
            or path.suffix not in COMPRESSIBLE
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "speed-index": "SI",
}


def _metrics(result: dict) -> str:
    """The metrics the score is made of, as Lighthouse displays them (FCP 1.2 s, TBT 30 ms, ...)."""
    audits = result["audits"]
    return ", ".join(f"{short} {audits[key]['displayValue']}" for key, short in METRICS.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median run is reported")
    parser.add_argument("--page", choices=sorted(PAGES), action="append", help="only these pages (repeatable)")
    parser.add_argument("--keep", type=Path, help="a folder to keep each page's full Lighthouse report in")
    args = parser.parse_args(argv)
    handler = functools.partial(GzipHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    print(f"Machine load before: {_load()}")
    scores: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, path in PAGES.items():
            if args.page and name not in args.page:
                continue
            runs = [_run(base + path, Path(folder) / f"run-{n}.json", env) for n in range(args.runs)]
            runs.sort(key=lambda result: result["categories"]["performance"]["score"])
            result = runs[len(runs) // 2]  # the median run, as Lighthouse's docs advise for noisy scores
            score = round(result["categories"]["performance"]["score"] * 100)
            weight = result["audits"]["total-byte-weight"]["numericValue"] / 1024
            cls = result["audits"]["cumulative-layout-shift"]["numericValue"]
            scores[name] = score
            each = ", ".join(str(round(r["categories"]["performance"]["score"] * 100)) for r in runs)
            print(
                f"{name}: performance {score}, median of {args.runs} runs ({each}); transferred {weight:.0f} KB, CLS {cls:.3f}"
            )
            print("   " + _metrics(result))
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{name.replace(' ', '-')}.json").write_text(json.dumps(result))
    server.shutdown()
    print(f"Machine load after: {_load()}")
    print("Lighthouse mobile performance: " + ", ".join(f"{name} {score}" for name, score in scores.items()))
    return 0 if all(score >= 95 for score in scores.values()) else 1


def _run(url: str, report: Path, env: dict[str, str]) -> dict:
    command = ["npx", "--yes", LIGHTHOUSE, url, "--only-categories=performance", "--output=json"]
    command += [f"--output-path={report}", "--quiet", "--chrome-flags=--headless --no-sandbox --disable-gpu"]
    subprocess.run(command, check=True, env=env)
    return json.loads(report.read_text())


def _load() -> str:
    """The 1-minute load average against the cores: scores mean little on a busy machine."""
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    sys.exit(main())
