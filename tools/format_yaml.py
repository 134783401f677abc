"""The one YAML style of Confidant's data files, applied or checked.

Usage:
    python -m tools.format_yaml FILE...           rewrite each file in the canonical style
    python -m tools.format_yaml --check FILE...   list the files that are not, exit 1 if any

With no FILE, every data file (data/*.yml and data/questions/*.yml) is taken.

The style: list entries indented under their key (`questions:` then `  - id: …`), mappings by 2
spaces, lines wrapped at 120 characters, quotes, comments, blank lines and `>-` blocks kept as
written, `null` written out. It is a ruamel.yaml round trip (the library keeps comments), with
two repairs the ready-made formatter (`pretty-format-yaml`) lacks: ruamel writes empty values for
`null` and leaves a trailing space where it wraps a long plain text.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

ROOT = Path(__file__).resolve().parent.parent
DATA_GLOBS = ("data/*.yml", "data/questions/*.yml")
WIDTH = 120


def _represent_null(representer: RoundTripRepresenter, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.representer.add_representer(type(None), _represent_null)
    return yaml


def formatted(text: str) -> str:
    """`text` (one YAML document) in the canonical style."""
    yaml = _yaml()
    document = yaml.load(text)
    if not isinstance(document, dict | list):
        return text
    out = io.StringIO()
    yaml.dump(document, out)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    return "\n".join(lines).rstrip("\n") + "\n"


def data_files(root: Path = ROOT) -> list[Path]:
    return sorted(path for pattern in DATA_GLOBS for path in root.glob(pattern))


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report files that need formatting; change nothing")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(list(argv) if argv is not None else None)
    status = 0
    for path in args.files or data_files():
        text = path.read_text(encoding="utf-8")
        try:
            result = formatted(text)
        except Exception as error:  # a file that does not parse: the build explains it in plain words
            print(f"{path}: not valid YAML, left as it is ({type(error).__name__})", file=sys.stderr)
            status = 1
            continue
        if result == text:
            continue
        status = 1
        line, wanted = first_difference(text, result)
        print(f"{path}:{line}: not in the canonical YAML style; the formatter writes this line as: {wanted}")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(
                f"::error file={path},line={line},title=YAML style::Not in the canonical YAML style "
                f"(CONTRIBUTING.md, One YAML style). The formatter writes this line as:%0A{wanted}"
            )
        if not args.check:
            path.write_text(result, encoding="utf-8")
            print(f"{path}: reformatted")
    return status


def first_difference(text: str, result: str) -> tuple[int, str]:
    """(1-based line, the formatter's version of it) of the first line the formatter changes."""
    old, new = text.splitlines(), result.splitlines()
    for number, (before, after) in enumerate(zip(old, new, strict=False), start=1):
        if before != after:
            return number, after.replace("%", "%25")
    number = min(len(old), len(new)) + 1
    return number, new[number - 1] if number <= len(new) else "(end of file)"


if __name__ == "__main__":
    sys.exit(main())
