"""The flashcard downloads: Anki decks opened with the standard library (zipfile + sqlite3) and CSV files.

An .apkg is a zip holding an SQLite collection (`collection.anki2`): notes (`notes.guid`, `notes.flds`
with fields separated by 0x1f, `notes.tags`) and cards. The tests count them against the data, check
that note GUIDs come from the stable ids (the same across two builds, and kept when a question's text
changes) and that every card field holds only the safe render path's markup.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import sqlite3
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from confidant.decks import (
    GLOSSARY_APKG,
    GLOSSARY_CSV,
    QUESTIONS_APKG,
    QUESTIONS_CSV,
    note_guid,
    question_cards,
    write_downloads,
)
from confidant.examplan import load_exam_plan
from confidant.glossary import load_glossary
from confidant.questions import load_bank
from confidant.safehtml import ALLOWED_TAGS, SAFE_URL

ROOT = Path(__file__).resolve().parents[2]
FIELD_SEPARATOR = "\x1f"
# The fixed markup a card adds around the safe fragments.
CARD_TAGS = ALLOWED_TAGS | {"hr"}


@dataclasses.dataclass
class Note:
    guid: str
    fields: list[str]
    tags: list[str]


def read_apkg(path: Path, tmp_path: Path) -> tuple[list[Note], int]:
    """The notes and the number of cards of an .apkg, through zipfile and sqlite3 only."""
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()
        target = tmp_path / f"{path.stem}.anki2"
        target.write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(target) as db:
        notes = [
            Note(guid, flds.split(FIELD_SEPARATOR), tags.split())
            for guid, flds, tags in db.execute("SELECT guid, flds, tags FROM notes ORDER BY id")
        ]
        cards = db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    return notes, cards


@pytest.fixture(scope="module")
def data():
    plan = load_exam_plan(ROOT / "data/exam-plan.yml", ROOT / "schemas/exam-plan.schema.json", "data/exam-plan.yml")
    bank = load_bank(ROOT / "data/questions", ROOT / "schemas/questions.schema.json", plan.areas.keys(), ROOT)
    questions = [q for qs in bank.values() for q in qs]
    terms = load_glossary(ROOT / "data/glossary.yml", "data/glossary.yml", ROOT / "schemas/glossary.schema.json")
    return plan, questions, terms


@pytest.fixture(scope="module")
def downloads(built_site) -> Path:
    return built_site.site_dir / "downloads"


def raw_counts() -> tuple[int, int]:
    questions = sum(len(yaml.safe_load(p.read_text())["questions"]) for p in (ROOT / "data/questions").glob("*.yml"))
    terms = len(yaml.safe_load((ROOT / "data/glossary.yml").read_text())["terms"])
    return questions, terms


def test_each_deck_has_one_card_per_question_or_term(downloads: Path, tmp_path: Path) -> None:
    question_count, term_count = raw_counts()
    questions, question_cards = read_apkg(downloads / QUESTIONS_APKG, tmp_path)
    terms, term_cards = read_apkg(downloads / GLOSSARY_APKG, tmp_path)
    assert len(questions) == question_cards == question_count
    assert len(terms) == term_cards == term_count
    print(f"\ncards per deck: {QUESTIONS_APKG} {question_cards}, {GLOSSARY_APKG} {term_cards}")


def test_question_cards_carry_choices_answer_rationale_sources_and_tags(data, downloads: Path, tmp_path) -> None:
    _, questions, _ = data
    notes = {note.fields[2]: note for note in read_apkg(downloads / QUESTIONS_APKG, tmp_path)[0]}
    for question in questions:
        note = notes[f"question:{question.id}"]
        front, back = note.fields[:2]
        assert question.html.stem in front
        for letter, choice in zip("ABCD", question.html.choices, strict=True):
            assert f"<strong>{letter}.</strong> {choice}" in front
        assert f"<strong>Answer: {question.correct_letters}.</strong>" in back
        assert question.html.rationale in back and all(c in back for c in question.html.citations)
        assert {f"area::{question.area}", f"chapter::{question.chapter}"} <= set(note.tags)
        assert note.guid == note_guid(f"question:{question.id}")


def test_glossary_cards_carry_the_definition_and_its_sources(data, downloads: Path, tmp_path) -> None:
    _, _, terms = data
    notes = {note.fields[2]: note for note in read_apkg(downloads / GLOSSARY_APKG, tmp_path)[0]}
    for term in terms:
        note = notes[f"term:{term.slug}"]
        assert term.definition_html in note.fields[1]
        if term.citations:
            assert "Sources:" in note.fields[1]


def test_guids_are_stable_across_builds_and_a_changed_question_keeps_its_guid(
    data, downloads: Path, tmp_path: Path
) -> None:
    plan, questions, terms = data
    built = {n.fields[2]: n.guid for n in read_apkg(downloads / QUESTIONS_APKG, tmp_path)[0]}
    # A second build of the decks from the same data gives the same GUIDs.
    again = tmp_path / "again"
    write_downloads(questions, terms, plan, {}, again)
    rebuilt = {n.fields[2]: n.guid for n in read_apkg(again / QUESTIONS_APKG, tmp_path)[0]}
    assert rebuilt == built
    assert {n.guid for n in read_apkg(again / GLOSSARY_APKG, tmp_path)[0]} == {
        n.guid for n in read_apkg(downloads / GLOSSARY_APKG, tmp_path)[0]
    }
    # A question whose stem and answer change keeps its GUID, with the new text on the card.
    changed = dataclasses.replace(questions[0], stem="A *rewritten* stem for the next release?")
    edited = tmp_path / "edited"
    write_downloads([changed, *questions[1:]], terms, plan, {}, edited)
    notes = {n.fields[2]: n for n in read_apkg(edited / QUESTIONS_APKG, tmp_path)[0]}
    note = notes[f"question:{changed.id}"]
    assert note.guid == built[f"question:{changed.id}"]
    assert "A <em>rewritten</em> stem" in note.fields[0]
    assert len(set(built.values())) == len(built)  # no two questions share a GUID


class MarkupCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in CARD_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if tag == "a" and name in ("href", "rel"):
                if name == "href" and not SAFE_URL.match(value or ""):
                    self.problems.append(f"href={value}")
            elif not (tag == "hr" and name == "id" and value == "answer"):
                self.problems.append(f"<{tag} {name}>")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")


@pytest.mark.parametrize("deck", [QUESTIONS_APKG, GLOSSARY_APKG])
def test_no_card_holds_unsafe_markup(downloads: Path, tmp_path: Path, deck: str) -> None:
    for note in read_apkg(downloads / deck, tmp_path)[0]:
        for field in note.fields:
            check = MarkupCheck()
            check.feed(field)
            assert not check.problems, (note.fields[2], check.problems)
            assert "javascript:" not in field.lower() and "<script" not in field.lower()


def test_csv_files_hold_the_same_cards_as_plain_text(downloads: Path) -> None:
    question_count, term_count = raw_counts()
    for name, count in ((QUESTIONS_CSV, question_count), (GLOSSARY_CSV, term_count)):
        with (downloads / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == ["Front", "Back", "Tags", "Id"]
        assert len(rows) == count + 1
        assert all(len(row) == 4 and row[0] and row[1] for row in rows[1:])
        assert not any(
            re.search(r"</?(?:p|strong|em|a|code|br|ol|ul|li)\b|&#\d+;", row[0] + row[1]) for row in rows[1:]
        )
        assert not any("\n" in cell for row in rows for cell in row)


def test_home_and_downloads_pages_link_every_file(built_site) -> None:
    site = built_site.site_dir
    for page in (site / "index.html", site / "downloads/index.html"):
        text = page.read_text()
        for name in (QUESTIONS_APKG, GLOSSARY_APKG, QUESTIONS_CSV, GLOSSARY_CSV):
            assert f'downloads/{name}"' in text or f'href="{name}"' in text, (page, name)
            assert (site / "downloads" / name).is_file()


def test_a_card_is_built_from_the_safe_render_even_for_text_that_slipped_past_validation(data) -> None:
    plan, questions, _ = data
    hostile = dataclasses.replace(
        questions[0], stem='Is <img src=x onerror="alert(1)"> [this](javascript:alert(1)) *safe*?'
    )
    card = question_cards([hostile], plan, {})[0]
    check = MarkupCheck()
    check.feed(card.front + card.back)
    assert not check.problems, check.problems
    assert "<img" not in card.front and "&lt;img" in card.front  # shown as text, never as an element
    assert "javascript:" not in card.front
    assert "<em>safe</em>" in card.front
