"""The study pages in the built site: My progress and Review carry the bank's data, and nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site.site_dir


def bank_ids() -> set[str]:
    return {
        q["id"]
        for path in (ROOT / "data/questions").glob("*.yml")
        for q in yaml.safe_load(path.read_text())["questions"]
    }


def embedded(html: str, element_id: str):
    text = re.search(rf'id="{element_id}">(.*?)</script>', html, re.S).group(1)
    assert "<" not in text  # no `</script>` or `<!--` can end or bend the data block
    return json.loads(text)


def test_study_pages_are_in_the_nav_and_out_of_the_printed_book(built_site) -> None:
    home = (built_site.site_dir / "index.html").read_text()
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', home)
    assert "My progress" in nav and "Review" in nav, nav
    book = (built_site.site_dir / "print/book.html").read_text()
    assert "confidant-bank-meta" not in book and "confidant-review-bank" not in book


def test_progress_page_embeds_the_bank_metadata_once_without_question_text(site: Path) -> None:
    html = (site / "progress/index.html").read_text()
    assert html.count('id="confidant-bank-meta"') == 1
    meta = embedded(html, "confidant-bank-meta")
    assert {q["id"] for q in meta["questions"]} == bank_ids()
    assert set(meta["questions"][0]) == {"id", "area", "chapter", "section", "family"}
    plan = yaml.safe_load((ROOT / "data/exam-plan.yml").read_text())
    assert [a["code"] for a in meta["areas"]] == [a["code"] for a in plan["areas"]]
    # Every section a question checks has a title and a link to its heading in the chapter.
    for q in meta["questions"]:
        section = meta["sections"][f"{q['chapter']}#{q['section']}"]
        target, _, anchor = section["href"].partition("#")
        page = (site / "progress" / target / "index.html").resolve()
        assert page.is_file() and f'id="{anchor}"' in page.read_text(), section
    assert "Nothing leaves this device" in html
    assert "progress.js" in html and "study.js" in html


def test_review_page_embeds_every_question_with_its_feedback(site: Path) -> None:
    html = (site / "review/index.html").read_text()
    bank = embedded(html, "confidant-review-bank")
    assert set(bank) == bank_ids()
    for question in bank.values():
        assert len(question["choices"]) == len(question["feedback"]) == 4
        assert 0 <= question["correct"] < 4
        assert "<script" not in question["stem"] and "onerror" not in json.dumps(question)
    assert "Leitner" in html


@pytest.mark.parametrize("page", ["progress", "review", "downloads"])
def test_study_pages_have_their_front_matter_read_not_printed(site: Path, page: str) -> None:
    html = (site / page / "index.html").read_text()
    assert '<meta name="description"' in html
    assert "title:" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
