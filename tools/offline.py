"""Build the offline copy of the website and zip it into downloads/confidant-offline.zip.

    python -m tools.offline --site site

The copy is a second build of the same sources with CONFIDANT_OFFLINE=true: Material's offline
plugin turns links into .html files that open from disk (file://) and puts the search index in a
script; hooks/offline.py adds the self-hosted iframe-worker shim that runs search without a server.
It has no site_url, so no page points at the published site. Unzip it and open confidant/index.html.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIP_NAME = Path("downloads/confidant-offline.zip")
FOLDER = "confidant"
# The print book is the PDF's source, not a page for readers.
LEFT_OUT = ("print/",)


def build_offline(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CONFIDANT_OFFLINE": "true", "CONFIDANT_SITE_URL": ""}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(target)]
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def zip_site(built: Path, output: Path) -> int:
    """Zip every file of the build under confidant/; returns the number of files."""
    output.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in built.rglob("*") if p.is_file())
    count = 0
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            relative = path.relative_to(built).as_posix()
            if relative.startswith(LEFT_OUT):
                continue
            archive.write(path, f"{FOLDER}/{relative}")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="confidant-offline-") as temporary:
        built = Path(temporary) / FOLDER
        build_offline(built)
        output = args.site / ZIP_NAME
        count = zip_site(built, output)
    seconds = time.perf_counter() - started
    print(f"Offline copy: {output} ({count} files, {output.stat().st_size / 1e6:.1f} MB) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
