"""The study loop in Debian's Chromium: one answer record shared by chapter quizzes, review sessions
and the practice exam, shown on My progress; reloads, export, reset and import; older records."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_site_in_browser import answer_current, choose

pytestmark = pytest.mark.browser

CHAPTER = "confidentiality"
REVIEW_CHAPTER = "abuse-reporting"


def bank_meta(page: Page) -> dict:
    return json.loads(page.locator("#confidant-bank-meta").text_content())


def stored_record(page: Page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('confidant-record'))")


def answer_review_question(page: Page, correct: bool) -> str:
    """Answer the review session's current question; returns its id."""
    question_id = page.locator("[data-form]").get_attribute("data-id")
    right = page.evaluate(
        "id => JSON.parse(document.getElementById('confidant-review-bank').textContent)[id].correct", question_id
    )
    page.locator("[data-choices] input").nth(right if correct else (right + 1) % 4).check()
    page.locator("[data-submit]").click()
    return question_id


def area_row(page: Page, code: str):
    return page.locator(f"[data-table='areas'] tr[data-key='{code}']")


def expected_rows(meta: dict, answered: dict[str, bool]) -> dict[str, tuple[int, int, int]]:
    """(seen, total, first right) per area, from the bank's metadata and the answers given."""
    by_id = {q["id"]: q for q in meta["questions"]}
    total = Counter(q["area"] for q in meta["questions"])
    seen = Counter(by_id[i]["area"] for i in answered)
    right = Counter(by_id[i]["area"] for i, ok in answered.items() if ok)
    return {area: (seen[area], total[area], right[area]) for area in total}


def check_dashboard(page: Page, answered: dict[str, bool]) -> None:
    meta = bank_meta(page)
    expect(page.locator("[data-summary]")).to_contain_text(
        f"You have answered {len(answered)} of the {len(meta['questions'])} questions"
    )
    for area, (seen, total, right) in expected_rows(meta, answered).items():
        row = area_row(page, area)
        expect(row.locator("td.is-seen")).to_have_text(f"{seen} of {total}")
        if seen:
            expect(row.locator("td.is-first")).to_contain_text(f"{right} of {seen}")
        else:
            expect(row).to_contain_text("Not started")


def test_answers_in_a_chapter_a_review_and_an_exam_show_on_the_dashboard(page: Page, site_url: str) -> None:
    answered: dict[str, bool] = {}
    # 1. A chapter quiz: wrong first, then right (only the first answer counts).
    page.goto(site_url + f"chapters/{CHAPTER}/")
    quiz = page.locator("div.quiz").first
    choose(quiz, correct=False)
    choose(quiz, correct=True)
    answered[quiz.get_attribute("data-question-id")] = False
    # 2. A review session limited to one chapter: one right, one wrong.
    page.goto(site_url + f"review/?scope=chapter:{REVIEW_CHAPTER}")
    expect(page.locator("[data-scope]")).to_have_value(f"chapter:{REVIEW_CHAPTER}")
    page.locator("[data-start]").click()
    first = answer_review_question(page, correct=True)
    expect(page.locator("[data-feedback]")).to_contain_text("Correct.")
    expect(page.locator("[data-explanation]")).to_contain_text("Why:")
    answered[first] = True
    page.locator("[data-next]").click()
    expect(page.locator("[data-progress]")).to_be_focused()  # not lost with the hidden Next button
    second = answer_review_question(page, correct=False)
    expect(page.locator("[data-feedback]")).to_contain_text("Not the best answer.")
    expect(page.locator("[data-explanation]")).to_be_hidden()
    answered[second] = False
    meta = bank_meta(page)
    chapters = {q["id"]: q["chapter"] for q in meta["questions"]}
    assert chapters[first] == chapters[second] == REVIEW_CHAPTER
    # 3. A short practice exam: three answers (right, right, wrong), the rest left blank.
    page.goto(site_url + "practice-exam/")
    page.locator("[data-start='short']").click()
    for correct in (True, True, False):
        question_id = page.locator("[data-question]").get_attribute("data-id")
        answer_current(page, correct)
        if question_id not in answered:
            answered[question_id] = correct
        page.locator("[data-next]").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-submit]").click()
    expect(page.locator("[data-score]")).to_contain_text("of 25 correct")
    # The dashboard counts all of them, by area, and keeps them after a reload.
    page.goto(site_url + "progress/")
    check_dashboard(page, answered)
    expect(page.locator("[data-table='exams'] tbody tr")).to_have_count(1)
    expect(page.locator("[data-chart] svg circle")).to_have_count(1)
    expect(page.locator("[data-chart] svg")).to_have_attribute(
        "aria-label", re.compile(r"Line chart of 1 practice exam scores; the latest is \d+%")
    )
    weak = page.locator("[data-weak] li a")
    assert 1 <= weak.count() <= 3
    assert all("#" in (weak.nth(i).get_attribute("href") or "") for i in range(weak.count()))
    page.reload()
    check_dashboard(page, answered)
    vias = Counter(a["via"] for entry in stored_record(page)["answers"].values() for a in entry["attempts"])
    assert vias["chapter"] == 2 and vias["review"] == 2 and vias["exam"] == 3
    assert page.watch.errors == []
    assert page.watch.foreign_requests == []


def seed_answers(page: Page, site_url: str, answers: dict[str, bool], when: str = "2026-11-20T10:00:00.000Z") -> None:
    page.goto(site_url + "progress/")
    page.evaluate(
        """([answers, when]) => {
             const r = window.ConfidantRecord;
             const record = r.empty();
             r.addAttempts(record, Object.entries(answers).map(([id, correct]) => ({id, correct})), "chapter", when);
             r.save(record);
           }""",
        [answers, when],
    )
    page.reload()


def test_export_reset_and_import_restore_progress_and_a_corrupt_file_changes_nothing(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    page.goto(site_url + "progress/")
    ids = [q["id"] for q in bank_meta(page)["questions"]]
    answered = {ids[0]: True, ids[1]: False, ids[-1]: True}
    seed_answers(page, site_url, answered)
    check_dashboard(page, answered)
    expect(page.locator(".confidant-progress__actions")).to_contain_text("Nothing leaves this device")
    # Export.
    with page.expect_download() as download_info:
        page.locator("[data-export]").click()
    exported = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(exported)
    assert exported.name.startswith("confidant-progress-") and exported.suffix == ".json"
    assert json.loads(exported.read_text())["app"] == "confidant"
    # Reset, after confirming (dismissing first changes nothing).
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-reset]").click()
    check_dashboard(page, answered)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-reset]").click()
    expect(page.locator("[data-summary]")).to_contain_text("You have not answered any")
    page.reload()
    expect(page.locator("[data-summary]")).to_contain_text("You have not answered any")
    # Import restores it.
    page.locator("[data-import]").set_input_files(str(exported))
    expect(page.locator("[data-message]")).to_contain_text("Imported")
    check_dashboard(page, answered)
    page.reload()
    check_dashboard(page, answered)
    before = page.evaluate("localStorage.getItem('confidant-record')")
    # A corrupt file, a foreign JSON file and a damaged record: a clear message, nothing changed.
    bad_files = {
        "corrupt.json": ('{"app": "confidant", "version": 2, "answers": {', "not valid JSON"),
        "foreign.json": ('{"name": "some other app", "items": [1, 2, 3]}', "not a Confidant progress file"),
        "damaged.json": (
            '{"app": "confidant", "version": 2, "answers": {"x": {"first": 1}}, "exams": [], "families": {}}',
            "damaged",
        ),
    }
    for name, (text, message) in bad_files.items():
        path = tmp_path / name
        path.write_text(text)
        page.locator("[data-import]").set_input_files(str(path))
        expect(page.locator("[data-message]")).to_contain_text(message)
        expect(page.locator("[data-message]")).to_contain_text("Nothing was changed.")
        assert page.evaluate("localStorage.getItem('confidant-record')") == before
        check_dashboard(page, answered)
    assert page.watch.errors == []


def test_a_record_from_the_previous_schema_version_is_read(page: Page, site_url: str) -> None:
    page.goto(site_url + "progress/")
    ids = [q["id"] for q in bank_meta(page)["questions"]]
    families = {q["id"]: q["family"] for q in bank_meta(page)["questions"]}
    version_1 = {
        "version": 1,
        "answers": {
            ids[0]: {
                "first": False,
                "firstAt": "2026-11-20T10:00:00.000Z",
                "attempts": [
                    {"correct": False, "at": "2026-11-20T10:00:00.000Z", "via": "chapter"},
                    {"correct": True, "at": "2026-11-20T10:00:09.000Z", "via": "chapter"},
                ],
            },
            ids[2]: {
                "first": True,
                "firstAt": "2026-11-21T10:00:00.000Z",
                "attempts": [{"correct": True, "at": "2026-11-21T10:00:00.000Z", "via": "chapter"}],
            },
        },
    }
    page.evaluate(
        """([record, families]) => {
             localStorage.setItem('confidant-record', JSON.stringify(record));
             localStorage.setItem('confidant-seen-families', JSON.stringify(families));
           }""",
        [version_1, {families[ids[5]]: 1}],
    )
    page.reload()
    check_dashboard(page, {ids[0]: False, ids[2]: True})
    upgraded = stored_record(page)
    assert upgraded["version"] == 2
    assert upgraded["answers"] == version_1["answers"]
    assert upgraded["exams"] == []
    assert upgraded["families"] == {families[ids[5]]: 1}
    assert page.evaluate("localStorage.getItem('confidant-seen-families')") is None
    assert page.watch.errors == []


def test_review_queue_on_a_fixed_clock_brings_missed_items_back_first(page: Page, site_url: str) -> None:
    page.clock.set_fixed_time("2026-11-21T18:00:00Z")
    page.goto(site_url + "review/")
    meta = bank_meta(page)
    ids = [q["id"] for q in meta["questions"] if q["chapter"] == REVIEW_CHAPTER]
    missed, known = ids[0], ids[1]
    # Answered the day before: the missed one (box 1) is due after 1 day, the right one (box 2) after 2.
    seed_answers(page, site_url, {missed: False, known: True}, when="2026-11-20T18:00:00.000Z")
    page.goto(site_url + f"review/?scope=chapter:{REVIEW_CHAPTER}")
    expect(page.locator("[data-start]")).to_have_text("Review today (1 due)")
    page.locator("[data-start]").click()
    assert page.locator("[data-form]").get_attribute("data-id") == missed
    expect(page.locator("[data-progress]")).to_have_text(f"Question 1 of {min(10, len(ids) - 1)}")
    # A day later both are due; on My progress the button says so too.
    page.clock.set_fixed_time("2026-11-22T18:00:00Z")
    page.goto(site_url + f"review/?scope=chapter:{REVIEW_CHAPTER}")
    expect(page.locator("[data-start]")).to_have_text("Review today (2 due)")
    page.goto(site_url + "progress/")
    expect(page.locator("[data-review-link]")).to_have_text("Review today (2 due)")
    assert page.watch.errors == []


def test_a_new_exam_prefers_families_not_yet_seen(page: Page, site_url: str) -> None:
    page.goto(site_url + "practice-exam/")
    bank = page.evaluate("fetch('bank.json').then(r => r.json())")
    blueprint = json.loads(page.locator("#practice-exam-blueprint").text_content())
    # Mark as answered one question of every family but as many as the full exam needs per area
    # (families whose questions all sit in one area, so that each area's count is exact).
    areas_of: dict[str, set[str]] = {}
    first_of_family: dict[str, str] = {}
    for q in bank:
        areas_of.setdefault(q["family"], set()).add(q["area"])
        first_of_family.setdefault(q["family"], q["id"])
    by_area: dict[str, list[str]] = {}
    for family, areas in areas_of.items():
        if len(areas) == 1:
            by_area.setdefault(next(iter(areas)), []).append(family)
    keep_fresh = {f for area, fams in by_area.items() for f in fams[: blueprint["full"]["perArea"].get(area, 0)]}
    seen = {first_of_family[f]: True for f in first_of_family if f not in keep_fresh}
    seed_answers(page, site_url, seen)
    page.goto(site_url + "practice-exam/")
    page.locator("[data-start='full']").click()
    drawn = page.evaluate("JSON.parse(localStorage.getItem('confidant-practice-exam')).ids")
    families = {q["id"]: q["family"] for q in bank}
    assert len(drawn) == 75
    assert {families[i] for i in drawn} == keep_fresh
    assert page.watch.errors == []
