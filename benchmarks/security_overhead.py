"""What the Content Security Policy and the post-build scan add to a build of the real site.

    .venv/bin/python benchmarks/security_overhead.py

Builds the site once into a temporary folder (the build runs both, as every build does), then
times them again on their own over the built files: the policy on every HTML page, the scan over
the whole site. Prints each time and its share of the build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT))

from confidant.csp import CSP_META, with_policy  # noqa: E402
from confidant.sitescan import Allowlist, scan_site  # noqa: E402
from tools.scan_site import THEME_DIRS, configured_base_path  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d"]
        subprocess.run([*command, str(site)], check=True, env=env, cwd=ROOT)
        build = time.perf_counter() - started
        pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
        # The policy goes into pages without one: take the built pages' policy out again first.
        bare = [CSP_META.sub("<meta data-x", page, count=1) for page in pages]
        started = time.perf_counter()
        for page in bare:
            with_policy(page)
        policy = time.perf_counter() - started
        started = time.perf_counter()
        findings = scan_site(site, Allowlist.from_theme(THEME_DIRS, configured_base_path()))
        scan = time.perf_counter() - started
        size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    print(f"site: {len(pages)} HTML files, {size / 1e6:.1f} MB in all; build {build:.1f} s ({len(findings)} findings)")
    print(f"policy on every page: {policy:.2f} s = {policy / build:.1%} of the build")
    print(f"scan of the whole site: {scan:.2f} s = {scan / build:.1%} of the build")


if __name__ == "__main__":
    main()
