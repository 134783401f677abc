"""Fail on trailing whitespace and on files that do not end with exactly one newline.

Usage: python tools/whitespace_check.py FILE...   (pre-commit passes the files)

A small stand-in for pre-commit-hooks' `trailing-whitespace` and `end-of-file-fixer`,
which pre-commit cannot download here. It reports and never rewrites: every problem
is printed as `file:line: rule` and the exit code is 1.
"""

from __future__ import annotations

import sys
from pathlib import Path


def problems(path: Path) -> list[str]:
    """Every whitespace problem in one file, as 'file:line: rule' strings."""
    data = path.read_bytes()
    if not data or b"\0" in data[:8192]:
        return []  # empty or binary: nothing to check
    found = []
    lines = data.split(b"\n")
    for number, line in enumerate(lines, start=1):
        stripped = line.rstrip(b"\r")
        if stripped != stripped.rstrip(b" \t"):
            found.append(f"{path}:{number}: trailing whitespace")
    if not data.endswith(b"\n"):
        found.append(f"{path}:{len(lines)}: no newline at end of file")
    elif data.endswith(b"\n\n") or data.endswith(b"\r\n\r\n"):
        found.append(f"{path}:{len(lines) - 1}: blank line(s) at end of file")
    return found


def main(argv: list[str]) -> int:
    found = [problem for name in argv for problem in problems(Path(name))]
    for problem in found:
        print(problem)
    if found:
        print("How to fix: delete the trailing spaces and end the file with a single newline.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
