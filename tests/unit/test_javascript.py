"""The pure JavaScript of the study loop, run by Node's built-in test runner (`node --test`).

tests/unit/js/ holds the tests: Leitner scheduling and readiness statistics on a fixed clock
(study.js), and the answer record's version upgrade and import validation (answer-record.js).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).resolve().parent / "js"


def test_javascript_unit_tests_pass_under_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: run `make test`, which installs Debian's nodejs")
    files = sorted(str(path) for path in JS_TESTS.glob("*.test.js"))
    assert files, "no JavaScript tests found"
    completed = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120, cwd=JS_TESTS)
    summary = [line for line in completed.stdout.splitlines() if line.startswith(("# pass", "# fail", "not ok"))]
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert "# fail 0" in summary, summary
    assert int(next(line for line in summary if line.startswith("# pass")).split()[-1]) >= 10, summary
