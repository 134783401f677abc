"""The issue forms match the book: the chapter and area lists are those of docs/ and data/, and
every link into the site that a form shows as an example leads to a real page and heading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from confidant.chapters import heading_ids
from confidant.examplan import load_exam_plan

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
SITE_URL = "https://confidant-guide.github.io/confidant/"
SITE_LINK = re.compile(re.escape(SITE_URL) + r"(?P<page>[^\s#\"')]*)(?:#(?P<anchor>[\w-]+))?")


def form(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))


def dropdown(name: str, field: str) -> list[str]:
    for item in form(name)["body"]:
        if item.get("id") == field:
            return item["attributes"]["options"]
    raise AssertionError(f"{name} has no field {field}")


def nav_chapters() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"^\s+- chapters/(?P<name>[\w-]+)\.md$", config, re.MULTILINE)


def test_the_site_url_the_forms_use_is_the_sites() -> None:
    assert f'"{SITE_URL}"' in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_question_form_lists_every_chapter_in_book_order() -> None:
    chapters = sorted(path.stem for path in (ROOT / "docs" / "chapters").glob("*.md"))
    assert sorted(nav_chapters()) == chapters
    assert dropdown("new-question.yml", "chapter") == nav_chapters()


def test_the_question_form_lists_every_exam_plan_area() -> None:
    plan = load_exam_plan(
        ROOT / "data" / "exam-plan.yml", ROOT / "schemas" / "exam-plan.schema.json", "data/exam-plan.yml"
    )
    assert dropdown("new-question.yml", "area") == list(plan.areas)


def site_links() -> list[tuple[str, str, str | None]]:
    found = []
    for path in FORMS:
        for match in SITE_LINK.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, match["page"], match["anchor"]))
    return found


def test_the_forms_show_example_links_into_the_site() -> None:
    assert site_links(), "the content-error form shows an example page address"


@pytest.mark.parametrize(("form_name", "page", "anchor"), site_links())
def test_every_example_link_in_a_form_resolves(form_name: str, page: str, anchor: str | None) -> None:
    source = ROOT / "docs" / (page.rstrip("/") + ".md" if page else "index.md")
    if not source.exists():
        source = ROOT / "docs" / page / "index.md"
    assert source.exists(), f"{form_name}: {SITE_URL}{page} has no page in docs/"
    if anchor:
        ids = {heading_id for _, _, heading_id in heading_ids(source.read_text(encoding="utf-8"))}
        ids |= set(re.findall(r"\{[^}]*#([\w-]+)[^}]*\}", source.read_text(encoding="utf-8")))
        assert anchor in ids, f"{form_name}: #{anchor} is no heading id of {source.relative_to(ROOT)}"
