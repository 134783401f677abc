"""Scan a built site for markup that can run script; exit 1 and list every finding if there is any.

    python -m tools.scan_site                    # site/, built for the site_url in mkdocs.yml
    python -m tools.scan_site DIR --base-path /  # another build, served at the root of its host

Every build runs the same scan at its end (hooks/security.py); this is for a site built elsewhere,
such as CI's artifact, and lists all findings where the build shows the first ten. See
hooks/confidant/sitescan.py for what is checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import material  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402

from confidant.sitescan import Allowlist, scan_site  # noqa: E402

THEME_DIRS = (ROOT / "overrides", Path(material.__file__).parent / "templates")


def configured_base_path() -> str:
    """The URL path of site_url in mkdocs.yml (CONFIDANT_SITE_URL or its default)."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        site_url = yaml_load(config).get("site_url") or "/"
    return urlsplit(site_url).path or "/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--base-path", help="the URL path the site is served at (default: from mkdocs.yml)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} is not a built site (no index.html): build it first (make site)", file=sys.stderr)
        return 2
    allow = Allowlist.from_theme(THEME_DIRS, args.base_path or configured_base_path())
    findings = scan_site(args.site, allow)
    for finding in findings:
        print(finding)
    files = len({finding.path for finding in findings})
    print(f"{len(findings)} findings in {files} files of {args.site}" if findings else f"{args.site}: no findings")
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
