"""Flashcards from the same data as the site: Anki decks (genanki) and CSV files for Quizlet and others.

* `confidant-glossary.apkg`: one note per glossary term, the definition and its sources on the back;
* `confidant-questions.apkg`: one note per question, the stem and lettered choices on the front, the
  answer, the rationale and the sources on the back, tagged by exam-plan area and chapter.

Every note's GUID comes from its stable id (`genanki.guid_for`), so importing a newer release
updates the cards a reader already has instead of adding copies. The card HTML is assembled only
from fragments of the safe render path (`Question.html`, `Term.definition_html`, `render_markdown`,
`render_plain`) and a few fixed tags; the CSV files hold the same texts as plain text.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from .examplan import ExamPlan
from .glossary import Term, sorted_terms
from .questions import LETTERS, Question
from .safehtml import render_markdown, render_plain

GLOSSARY_APKG = "confidant-glossary.apkg"
QUESTIONS_APKG = "confidant-questions.apkg"
GLOSSARY_CSV = "confidant-glossary.csv"
QUESTIONS_CSV = "confidant-questions.csv"

# Fixed ids: Anki recognises a deck and a note type by them, so they never change between releases.
GLOSSARY_DECK_ID = 1_733_091_001
QUESTIONS_DECK_ID = 1_733_091_002
GLOSSARY_MODEL_ID = 1_733_091_011
QUESTIONS_MODEL_ID = 1_733_091_012

CARD_CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; max-width: 40em;
margin: 0 auto; line-height: 1.45; }"""


def _model(model_id: int, name: str) -> genanki.Model:
    return genanki.Model(
        model_id,
        name,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Id"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=CARD_CSS,
    )


GLOSSARY_MODEL = _model(GLOSSARY_MODEL_ID, "Confidant glossary term")
QUESTIONS_MODEL = _model(QUESTIONS_MODEL_ID, "Confidant exam question")


@dataclass(frozen=True)
class Card:
    """One flashcard: safe HTML on both sides, its stable id and its tags."""

    id: str
    front: str
    back: str
    tags: tuple[str, ...]

    @property
    def guid(self) -> str:
        return note_guid(self.id)


def note_guid(stable_id: str) -> str:
    return genanki.guid_for("confidant", stable_id)


def _paragraph(fragment: str) -> str:
    """A safe fragment as one paragraph (block fragments such as a stem already are)."""
    return fragment if fragment.startswith("<p>") else f"<p>{fragment}</p>"


def question_card(question: Question, area_title: str, chapter_title: str) -> Card:
    rendered = question.html
    choices = "".join(f"<p><strong>{LETTERS[i]}.</strong> {text}</p>" for i, text in enumerate(rendered.choices))
    right = next(i for i, choice in enumerate(question.choices) if choice.correct)
    back = (
        f"<p><strong>Answer: {LETTERS[right]}.</strong> {rendered.choices[right]}</p>"
        f"<p><strong>Why:</strong> {rendered.rationale}</p>"
        f"<p><strong>Sources:</strong> {'; '.join(rendered.citations)}</p>"
        f"<p><em>{render_plain(area_title)} · {render_plain(chapter_title)}</em></p>"
    )
    tags = ("confidant", f"area::{question.area}", f"chapter::{question.chapter}")
    return Card(f"question:{question.id}", _paragraph(rendered.stem) + choices, back, tags)


def term_card(term: Term) -> Card:
    back = f"<p>{term.definition_html}</p>"
    if term.aliases:
        back += f"<p><em>Also:</em> {', '.join(render_plain(alias) for alias in term.aliases)}</p>"
    if term.citations:
        back += f"<p><strong>Sources:</strong> {'; '.join(render_markdown(c, inline=True) for c in term.citations)}</p>"
    return Card(
        f"term:{term.slug}", f"<p><strong>{render_plain(term.term)}</strong></p>", back, ("confidant", "glossary")
    )


def question_cards(questions: Sequence[Question], plan: ExamPlan, chapter_titles: Mapping[str, str]) -> list[Card]:
    return [question_card(q, plan.areas[q.area].title, chapter_titles.get(q.chapter, q.chapter)) for q in questions]


def glossary_cards(terms: Sequence[Term]) -> list[Card]:
    return [term_card(term) for term in sorted_terms(terms)]


def write_apkg(cards: Sequence[Card], deck_id: int, deck_name: str, model: genanki.Model, path: Path) -> None:
    deck = genanki.Deck(deck_id, deck_name, description="From Confidant, an open study guide. Not legal advice.")
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[card.front, card.back, html.escape(card.id)],
                guid=card.guid,
                tags=list(card.tags),
            )
        )
    genanki.Package(deck).write_to_file(str(path))
    _deflate(path)


def _deflate(path: Path) -> None:
    """genanki stores the collection uncompressed; Anki reads deflated packages too (about a fifth the size)."""
    with zipfile.ZipFile(path) as stored:
        members = [(info.filename, stored.read(info)) for info in stored.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as packed:
        for name, data in members:
            packed.writestr(name, data)


TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</p>|<br\s*/?>")


def plain_text(fragment: str) -> str:
    """The text of a safe HTML fragment, on one line (paragraphs become ' / ')."""
    text = BLOCK_END.sub(" / ", fragment)
    text = html.unescape(TAG.sub("", text))
    return " ".join(text.split()).strip(" /").replace(" / / ", " / ")


def csv_text(cards: Sequence[Card]) -> str:
    """RFC 4180 CSV: a header row, then Front, Back (plain text, one line each), Tags, Id per card."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Front", "Back", "Tags", "Id"])
    for card in cards:
        writer.writerow([plain_text(card.front), plain_text(card.back), " ".join(card.tags), card.id])
    return out.getvalue()


def write_downloads(
    questions: Sequence[Question],
    terms: Sequence[Term],
    plan: ExamPlan,
    chapter_titles: Mapping[str, str],
    out_dir: Path,
) -> dict[str, int]:
    """Write both decks and both CSV files into `out_dir`; returns the number of cards per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    glossary = glossary_cards(terms)
    bank = question_cards(questions, plan, chapter_titles)
    write_apkg(glossary, GLOSSARY_DECK_ID, "Confidant::Glossary", GLOSSARY_MODEL, out_dir / GLOSSARY_APKG)
    write_apkg(bank, QUESTIONS_DECK_ID, "Confidant::Exam questions", QUESTIONS_MODEL, out_dir / QUESTIONS_APKG)
    (out_dir / GLOSSARY_CSV).write_text(csv_text(glossary), encoding="utf-8")
    (out_dir / QUESTIONS_CSV).write_text(csv_text(bank), encoding="utf-8")
    return {
        GLOSSARY_APKG: len(glossary),
        QUESTIONS_APKG: len(bank),
        GLOSSARY_CSV: len(glossary),
        QUESTIONS_CSV: len(bank),
    }
