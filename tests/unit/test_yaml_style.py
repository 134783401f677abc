"""Every data file is in the one canonical YAML style that `make format` applies, and the
formatter only changes layout: the data, the comments and the quoting stay as written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tools.format_yaml import data_files, formatted, main

ROOT = Path(__file__).resolve().parents[2]

COLUMN_ZERO = """\
# A comment the formatter keeps.
questions:
- id: q-one  # and this one
  weight: null
  tags: [a, b]
  checked: '2026-12-01'
  stem: >-
    A folded text
    on two lines.
  choices:
  - text: One
    correct: true

- id: q-two
  citations:
  - Pen. Code § 11166(a)
"""


@pytest.mark.parametrize("path", data_files(ROOT), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_data_file_is_in_the_canonical_style(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert formatted(text) == text, f"{path.relative_to(ROOT)} is not in the canonical YAML style: run `make format`"


def test_the_formatter_indents_list_entries_and_keeps_everything_else() -> None:
    result = formatted(COLUMN_ZERO)
    assert result.startswith("# A comment the formatter keeps.\nquestions:\n  - id: q-one")
    assert "# and this one" in result
    assert "    weight: null\n" in result
    assert "    tags: [a, b]\n" in result
    assert "    checked: '2026-12-01'\n" in result
    assert "    stem: >-\n      A folded text\n      on two lines.\n" in result
    assert "    choices:\n      - text: One\n        correct: true\n\n  - id: q-two\n" in result
    assert yaml.safe_load(result) == yaml.safe_load(COLUMN_ZERO)
    assert formatted(result) == result


def test_long_plain_text_is_wrapped_without_trailing_spaces() -> None:
    long = "questions:\n- id: q\n  text: " + " ".join(["word"] * 60) + "\n"
    result = formatted(long)
    assert all(len(line) <= 120 and line == line.rstrip() for line in result.splitlines())
    assert yaml.safe_load(result) == yaml.safe_load(long)


def test_check_mode_reports_and_leaves_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "q.yml"
    path.write_text(COLUMN_ZERO, encoding="utf-8")
    assert main(["--check", str(path)]) == 1
    assert f"{path}:3: not in the canonical YAML style; the formatter writes this line as:   - id: q-one" in (
        capsys.readouterr().out
    )
    assert path.read_text(encoding="utf-8") == COLUMN_ZERO
    assert main([str(path)]) == 1
    assert main(["--check", str(path)]) == 0


def test_in_github_actions_a_style_difference_is_an_annotation_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.yml"
    path.write_text("questions:\n  - id: q\n    stem:   spaced\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--check", str(path)]) == 1
    assert f"::error file={path},line=3,title=YAML style::" in capsys.readouterr().out
