"""Broken content fails `mkdocs build` with a clear message: file, line, entry, fix. Never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_mkdocs_build


def build(root: Path):
    return run_mkdocs_build(root / "mkdocs.yml", root / "site")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_the_minisite_builds_cleanly(make_minisite) -> None:
    root = make_minisite()
    result = build(root)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    html = (root / "site/chapters/sample/index.html").read_text()
    assert html.count('<div class="quiz"') == 2


@pytest.mark.parametrize(
    ("target", "old", "new", "expected"),
    [
        (
            "data/questions/sample.yml",
            "        correct: true\n        feedback: Right, the patient holds it.",
            "        feedback: Right, the patient holds it.",
            "data/questions/sample.yml:2 [sample-holder]: a single-answer item needs exactly one correct choice",
        ),
        (
            "data/questions/sample.yml",
            "section: reporting",
            "section: nowhere",
            "data/questions/sample.yml:19 [sample-report]: unknown section 'nowhere': docs/chapters/sample.md has no "
            "heading with that id\n  How to fix: set `section:` to one of the chapter's heading ids: holder, reporting.",
        ),
        (
            "docs/chapters/sample.md",
            "<!-- questions -->",
            "",
            "data/questions/sample.yml:19 [sample-report]: questions with no marker in docs/chapters/sample.md",
        ),
        (
            "docs/chapters/other.md",
            "Nothing to check",
            "<!-- questions -->\n\nNothing to check",
            "docs/chapters/other.md:9: question marker on a page that has no questions",
        ),
        (
            "data/glossary.yml",
            "    slug: canra",
            "    slug: privilege",
            "data/glossary.yml:11 [Child Abuse and Neglect Reporting Act]: duplicate slug 'privilege'",
        ),
        (
            "docs/chapters/sample.md",
            "last_reviewed: 2026-11-26",
            "last_reviewed: soon",
            "docs/chapters/sample.md:5: `last_reviewed: soon` is not a real date",
        ),
        (
            "docs/chapters/sample.md",
            "last_reviewed: 2026-11-26",
            "last_reviewed: 2026-02-30",
            "docs/chapters/sample.md:5: `last_reviewed: 2026-02-30` is not a real date",
        ),
        (
            "docs/chapters/sample.md",
            "last_reviewed: 2026-11-26",
            "last_reviewed: 2999-01-01",
            "docs/chapters/sample.md:5: `last_reviewed: 2999-01-01` is in the future",
        ),
        (
            "docs/chapters/sample.md",
            "description: A chapter with questions in two places.",
            "description: A chapter: with questions: in two places.",
            "docs/chapters/sample.md:3: a text contains `: ` (a colon and a space) and is not in quotes\n"
            "    3 | description: A chapter: with questions: in two places.\n"
            "      |                       ^\n",
        ),
        (
            "data/questions/sample.yml",
            "      - text: The supervisor\n        feedback: Supervisors do not hold it.\n",
            "",
            "data/questions/sample.yml:2 [sample-holder]: the item has 3 choices; exam items have 4",
        ),
        (
            "data/questions/sample.yml",
            "        correct: true\n        feedback: Right, the patient holds it.",
            "        Correct: true\n        feedback: Right, the patient holds it.",
            "data/questions/sample.yml:2 [sample-holder]: choice B has the key `Correct`; keys are lower case",
        ),
        (
            "data/questions/sample.yml",
            "    section: holder\n",
            "    section: holder\n    multiple: true\n",
            "data/questions/sample.yml:2 [sample-holder]: select-all items (`multiple: true`) are not used",
        ),
        (
            "data/exam-plan.yml",
            "weight: 44",
            "weight: 45",
            "the part weights add up to 101, not 100",
        ),
        (
            "data/exam-plan.yml",
            "weight: 12",
            "weight: 13",
            "[law]: the confirmed weights of the law areas add up to 45, but the part's weight is 44",
        ),
        (
            "docs/chapters/sample.md",
            "## Reporting { #reporting }",
            "## Reporting { #reporting }\n\nSee [missing](missing.md).",
            "contains a link 'missing.md', but the target 'chapters/missing.md' is not found",
        ),
        (
            "data/questions/sample.yml",
            "      - Evid. Code § 1013",
            "      - Evidence Cod § 1013",
            "data/questions/sample.yml:18 [sample-holder]: citations[0]: citation not understood: 'Evidence Cod § 1013' "
            "is not a citation form the guide knows\n  How to fix: write it as `Evid. Code § 1013`",
        ),
        (
            "docs/chapters/sample.md",
            "(Pen. Code § 11166)",
            "(Penal Cod § 11166)",
            "docs/chapters/sample.md:20: citation not understood: 'Penal Cod § 11166' is not a citation form "
            "the guide knows\n  How to fix: write it as `Pen. Code § 11166`",
        ),
    ],
    ids=[
        "no-correct-answer",
        "unknown-section",
        "no-marker",
        "marker-without-questions",
        "duplicate-slug",
        "bad-review-date",
        "impossible-review-date",
        "future-review-date",
        "front-matter-yaml-error",
        "three-choices",
        "capitalised-key",
        "select-all-item",
        "part-weights",
        "area-weights-above-their-part",
        "broken-link",
        "unreadable-citation-in-a-question",
        "unreadable-citation-in-a-chapter",
    ],
)
def test_broken_content_fails_with_a_clear_message(make_minisite, target, old, new, expected) -> None:
    root = make_minisite()
    edit(root / target, old, new)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.output, result.output
    assert "Traceback" not in result.output


def test_a_file_that_is_not_utf8_is_named_with_its_line(make_minisite) -> None:
    root = make_minisite()
    path = root / "data/questions/sample.yml"
    path.write_bytes(path.read_bytes().replace(b"Who holds the psychotherapist", b"Who holds the \x93psychotherapist"))
    result = build(root)
    assert result.returncode != 0
    assert "data/questions/sample.yml:5: the file is not UTF-8 text (byte 0x93" in result.output, result.output
    assert "Traceback" not in result.output


def test_a_yaml_alias_bomb_is_refused_with_a_short_message(make_minisite) -> None:
    root = make_minisite()
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"{c}: &{c} [{','.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    (root / "data/glossary.yml").write_text("\n".join(bomb) + "\n")
    result = build(root)
    assert result.returncode != 0
    assert "data/glossary.yml:1: YAML anchors and aliases (`&name`, `*name`) are not allowed" in result.output
    assert len(result.output) < 1024, len(result.output)


def test_a_data_file_that_is_a_symlink_is_refused_without_echoing_its_target(make_minisite, tmp_path) -> None:
    root = make_minisite()
    secret = tmp_path / "secret.txt"
    secret.write_text("questions: [TOP-SECRET-TOKEN]\n")
    path = root / "data/questions/sample.yml"
    path.unlink()
    path.symlink_to(secret)
    result = build(root)
    assert result.returncode != 0
    assert "data/questions/sample.yml: the file is a symbolic link" in result.output
    assert "TOP-SECRET-TOKEN" not in result.output


DIAGRAM = (
    '```mermaid\nflowchart TD\n    A["Suspicion?"] -->|Yes| B["Report by phone"]\n    B --> C["Written report"]\n```\n'
)


def test_a_diagram_is_drawn_into_the_page_as_svg_without_mermaid_script(make_minisite) -> None:
    root = make_minisite()
    edit(root / "docs/chapters/sample.md", "## Reporting { #reporting }", "## Reporting { #reporting }\n\n" + DIAGRAM)
    result = build(root)
    assert result.returncode == 0, result.output
    html = (root / "site/chapters/sample/index.html").read_text()
    assert html.count('<div class="confidant-diagram"') == 1
    assert '<pre class="mermaid"' not in html
    assert "mermaid.min.js" not in html
    # Text is SVG text (searchable, read aloud, printed), not HTML in foreignObject.
    start = html.index('<div class="confidant-diagram"')
    svg = html[start : html.index("</div>", start)]
    assert "Report by phone" in " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert "foreignObject" not in html
    assert "Report by phone" in (root / "site/search/search_index.json").read_text()
    assert not list((root / "site").rglob("mermaid*.js"))
    assert len(list((root / ".cache/diagrams").glob("*.json"))) == 1


def test_a_diagram_that_does_not_parse_fails_with_its_file_and_line(make_minisite) -> None:
    root = make_minisite()
    path = root / "docs/chapters/sample.md"
    broken = DIAGRAM.replace('B --> C["Written report"]', 'B --> C["Written report"]]')
    edit(path, "## Reporting { #reporting }", "## Reporting { #reporting }\n\n" + broken)
    fence = path.read_text().splitlines().index("```mermaid") + 1
    result = build(root)
    assert result.returncode != 0
    assert f"docs/chapters/sample.md:{fence + 3} [mermaid diagram]: the diagram does not parse" in result.output, (
        result.output
    )
    assert "Traceback" not in result.output
