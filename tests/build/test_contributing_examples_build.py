"""CONTRIBUTING.md's examples, copied into their files as a contributor would, build into the site:
the chapter is a page, the question is on it, the glossary terms are on the glossary page and linked
from the chapter. (A copy of the small test site, so the build takes seconds.)"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_mkdocs_build

ROOT = Path(__file__).resolve().parents[2]
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
FIXTURE_CANRA = re.compile(r"^  - term: Child Abuse and Neglect Reporting Act\n(?:    .*\n)+", re.MULTILINE)


def example(fence: str, starts: str) -> str:
    """The first block fenced by `fence` (e.g. ```yaml) whose text starts with `starts`."""
    ticks = fence[: len(fence) - len(fence.lstrip("`"))]
    blocks = re.findall(rf"^{fence}\n(.*?)^{ticks}$", CONTRIBUTING, re.MULTILINE | re.DOTALL)
    found = [block for block in blocks if block.startswith(starts)]
    assert found, f"no {fence} example starting {starts!r}"
    return found[0]


def test_the_examples_copied_into_their_files_build_into_the_site(make_minisite) -> None:
    root = make_minisite()
    chapter = example("````markdown", "---\ntitle:")
    question_file = example("```yaml", "questions:")
    terms = example("```yaml", "terms:")

    (root / "docs/chapters/child-abuse-reports.md").write_text(chapter, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - chapters/other.md\n", "  - chapters/other.md\n  - chapters/child-abuse-reports.md\n"
        ),
        encoding="utf-8",
    )
    (root / "data/questions/child-abuse-reports.yml").write_text(question_file, encoding="utf-8")
    glossary = root / "data/glossary.yml"
    # The test site's own short CANRA entry gives way to the example's (a spelling has one entry).
    text = FIXTURE_CANRA.sub("", glossary.read_text(encoding="utf-8"), count=1)
    glossary.write_text(text.rstrip("\n") + "\n" + terms.split("\n", 1)[1], encoding="utf-8")

    result = run_mkdocs_build(config, root / "site")
    assert result.returncode == 0, result.output

    page = (root / "site/chapters/child-abuse-reports/index.html").read_text(encoding="utf-8")
    question_id = re.search(r"^  - id: (\S+)", question_file, re.MULTILINE)[1]
    assert f'id="q-{question_id}"' in page
    assert "Phone the report right away, then send a written report within 36 hours." in page
    assert 'id="child-reporting-timelines"' in page
    assert "#mandated-reporter" in page, "the chapter links the new glossary term"

    glossary_page = (root / "site/glossary/index.html").read_text(encoding="utf-8")
    for slug in re.findall(r"^    slug: (\S+)", terms, re.MULTILINE):
        assert f'id="{slug}"' in glossary_page
