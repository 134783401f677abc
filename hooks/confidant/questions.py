"""The question bank: loading, the rules a question must follow, and quiz Markdown."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from pathlib import Path
from typing import Any

from .citelinks import NO_LINKS, LinkTable, canonical_markdown, check_citations, entry_markdown
from .errors import content_error
from .filecache import cached
from .safehtml import ACTIVE_TEXT, RenderedQuestion, markdown_problem, render_markdown
from .yamldata import LineDict, check_nesting, load_yaml, validate_against_schema

LETTERS = "ABCDEF"
TEXT_FIELDS = ("stem", "rationale")
# Feedback opens with a verdict in words, so the result is not shown by colour alone; an
# author's own "Right." or "Incorrect:" at the start is dropped to avoid saying it twice.
VERDICT = {True: "**Correct.**", False: "**Not the best answer.**"}
AUTHOR_VERDICT = re.compile(r"^(?:right|correct|yes|no|wrong|incorrect|not quite)\b[.!:,;—–-]*\s*", re.IGNORECASE)
# mkdocs-quiz treats any line like "- [x] ..." as an answer; a stem may not contain one.
ANSWER_LIKE_LINE = re.compile(r"^\s*[-*]\s*\[.?\]", re.MULTILINE)


@dataclass(frozen=True)
class Choice:
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    section: str
    stem: str
    choices: tuple[Choice, ...]
    rationale: str
    citations: tuple[str, ...]
    multiple: bool
    difficulty: int | None
    tags: tuple[str, ...]
    family: str  # items testing the same fact share one; defaults to the item's own id
    chapter: str  # stem of the chapter file, e.g. "confidentiality"
    source: str  # display path of the YAML file
    line: int
    links: LinkTable = dataclass_field(default=NO_LINKS, compare=False, repr=False)  # official-text addresses

    @cached_property
    def html(self) -> RenderedQuestion:
        """The question's texts through the safe render path, once per build (every output reuses it)."""
        # Citations in the texts are shown in canonical form; linked only where a click cannot also answer
        # the question (the explanation and the feedback, not the stem or an option's label).
        return RenderedQuestion(
            stem=render_markdown(canonical_markdown(self.stem, None)),
            choices=tuple(render_markdown(canonical_markdown(c.text, None), inline=True) for c in self.choices),
            feedback=tuple(feedback_html(choice, self.links) for choice in self.choices),
            rationale=render_markdown(canonical_markdown(self.rationale, self.links), inline=True),
            # Each citation in its canonical form, linked to the official text (confidant.citelinks).
            citations=tuple(
                render_markdown(entry_markdown(citation, self.links), inline=True) for citation in self.citations
            ),
        )

    @property
    def correct_letters(self) -> str:
        return ", ".join(LETTERS[i] for i, choice in enumerate(self.choices) if choice.correct)


def _fail(source: str, raw: Mapping[str, Any], index: int, rule: str, fix: str) -> None:
    name = raw.get("id") if isinstance(raw.get("id"), str) else f"question #{index + 1}"
    raise content_error(source, getattr(raw, "line", None), name, rule, fix)


CHOICE_KEYS = ("text", "correct", "feedback")


def check_question_rules(
    raw: Mapping[str, Any], index: int, source: str, area_codes: Iterable[str], choices_per_item: int = 4
) -> None:
    """The rules a JSON Schema cannot say clearly, checked first so the message is specific."""
    if not str(raw.get("rationale") or "").strip():
        _fail(
            source, raw, index, "missing rationale", "add `rationale:` with two to four sentences that teach the rule"
        )
    citations = raw.get("citations")
    if not isinstance(citations, list) or not [c for c in citations if str(c).strip()]:
        _fail(
            source,
            raw,
            index,
            "missing citation",
            "add `citations:` with at least one code section, regulation, case or ethics standard",
        )
    choices = raw.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        _fail(
            source, raw, index, "fewer than 2 choices", "give the question 4 choices (exam style), each with feedback"
        )
    if raw.get("multiple") is True:
        _fail(
            source,
            raw,
            index,
            "select-all items (`multiple: true`) are not used: the exam's items have one best answer",
            "remove `multiple: true` and rewrite the item so that exactly one choice is the best answer",
        )
    if len(choices) != choices_per_item:
        _fail(
            source,
            raw,
            index,
            f"the item has {len(choices)} choices; exam items have {choices_per_item}",
            f"give it exactly {choices_per_item} choices, each with its own feedback",
        )
    for number, choice in enumerate(choices):
        if isinstance(choice, Mapping):
            wrong_case = [
                key for key in choice if isinstance(key, str) and key.lower() in CHOICE_KEYS and key not in CHOICE_KEYS
            ]
            if wrong_case:
                _fail(
                    source,
                    raw,
                    index,
                    f"choice {LETTERS[number] if number < len(LETTERS) else number + 1} has the key "
                    f"`{wrong_case[0]}`; keys are lower case",
                    f"write `{wrong_case[0].lower()}:`",
                )
    for number, choice in enumerate(choices):
        if isinstance(choice, Mapping) and choice.get("correct") is False:
            _fail(
                source,
                raw,
                index,
                f"choice {LETTERS[number] if number < len(LETTERS) else number + 1} has `correct: false`; "
                "wrong choices leave `correct` out",
                "delete the `correct: false` line (only the right answer has a `correct:` line)",
            )
    correct = [LETTERS[i] for i, c in enumerate(choices) if isinstance(c, Mapping) and c.get("correct") is True]
    if len(correct) != 1:
        found = "no correct choice" if not correct else f"{len(correct)} correct choices ({' and '.join(correct)})"
        _fail(
            source,
            raw,
            index,
            f"a single-answer item needs exactly one correct choice, found {found}",
            "mark exactly one choice `correct: true`"
            + (f": keep it only on the best answer (now on {' and '.join(correct)})" if correct else ""),
        )
    texts = [str(c.get("text", "")).strip().lower() for c in choices if isinstance(c, Mapping)]
    if len(set(texts)) != len(texts):
        _fail(source, raw, index, "two choices have the same text", "make every choice's text different")
    if raw.get("area") not in set(area_codes):
        _fail(
            source,
            raw,
            index,
            f"unknown area '{raw.get('area')}'",
            did_you_mean(
                str(raw.get("area")),
                area_codes,
                f"use an area code from data/exam-plan.yml: {', '.join(sorted(area_codes))}",
            ),
        )
    for field_name, text in _text_fields(raw):
        problem = markdown_problem(text)
        if problem:
            _fail(source, raw, index, f"{field_name}: {problem[0]}", problem[1])
    check_citations(raw.get("citations"), source, raw.get("id") or f"question #{index + 1}", getattr(raw, "line", None))
    for number, choice in enumerate(choices):
        if isinstance(choice, Mapping) and isinstance(choice.get("text"), str) and "\n\n" in choice["text"].strip():
            _fail(
                source,
                raw,
                index,
                f"choices[{number}].text has more than one paragraph",
                "write each choice as one paragraph (no blank line inside it)",
            )


def did_you_mean(value: str, options: Iterable[str], fix: str) -> str:
    """`fix`, led by "Did you mean `x`?" when one option is close to a misspelled value."""
    close = difflib.get_close_matches(value, list(options), n=1)
    return f"Did you mean `{close[0]}`? {fix[:1].upper()}{fix[1:]}" if close else fix


def _text_fields(raw: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for field in TEXT_FIELDS:
        if isinstance(raw.get(field), str):
            yield field, raw[field]
    for number, choice in enumerate(raw.get("choices") or []):
        if isinstance(choice, Mapping):
            for field in ("text", "feedback"):
                if isinstance(choice.get(field), str):
                    yield f"choices[{number}].{field}", choice[field]
    for number, citation in enumerate(raw.get("citations") or []):
        if isinstance(citation, str):
            yield f"citations[{number}]", citation


def _one_line(text: str) -> str:
    """mkdocs-quiz answers and feedback are single lines: fold YAML line breaks."""
    return " ".join(text.split())


def build_question(raw: LineDict, chapter: str, source: str, links: LinkTable = NO_LINKS) -> Question:
    return Question(
        id=raw["id"],
        area=raw["area"],
        section=raw["section"],
        stem=raw["stem"].strip(),
        choices=tuple(
            Choice(text=_one_line(c["text"]), feedback=_one_line(c["feedback"]), correct=c.get("correct", False))
            for c in raw["choices"]
        ),
        rationale=raw["rationale"].strip(),
        citations=tuple(c.strip() for c in raw["citations"]),
        multiple=raw.get("multiple", False),
        difficulty=raw.get("difficulty"),
        tags=tuple(raw.get("tags", ())),
        family=raw.get("family") or raw["id"],
        chapter=chapter,
        source=source,
        line=raw.line,
        links=links,
    )


def load_question_file(
    path: Path,
    source: str,
    schema_path: Path,
    area_codes: Iterable[str],
    choices_per_item: int = 4,
    links: LinkTable = NO_LINKS,
) -> list[Question]:
    """Load one data/questions/<chapter>.yml file and check every rule (kept while the file, the
    schema and the settings are unchanged: see filecache.py)."""
    codes = tuple(area_codes)
    return cached(
        ("questions", path),
        [path, schema_path],
        (source, codes, choices_per_item, links.fingerprint),
        lambda: _load_question_file(path, source, schema_path, codes, choices_per_item, links),
    )


def _load_question_file(
    path: Path, source: str, schema_path: Path, area_codes: Iterable[str], choices_per_item: int, links: LinkTable
) -> list[Question]:
    document = load_yaml(path, source)
    if not isinstance(document, dict) or not isinstance(document.get("questions"), list):
        raise content_error(
            source, 1, None, "the file must hold a `questions:` list", "start the file with `questions:`"
        )
    check_nesting(document, path, source, "questions", "id")
    codes = list(area_codes)
    for index, raw in enumerate(document["questions"]):
        if isinstance(raw, Mapping):
            check_question_rules(raw, index, source, codes, choices_per_item)
    validate_against_schema(document, schema_path, source, "questions", "id")
    return [build_question(raw, path.stem, source, links) for raw in document["questions"]]


def load_bank(
    questions_dir: Path,
    schema_path: Path,
    area_codes: Iterable[str],
    display_root: Path,
    choices_per_item: int = 4,
    links: LinkTable = NO_LINKS,
) -> dict[str, list[Question]]:
    """Load every question file; ids must be unique across the whole bank."""
    bank: dict[str, list[Question]] = {}
    seen: dict[str, Question] = {}
    codes = list(area_codes)
    for path in sorted(questions_dir.glob("*.yml")):
        source = path.relative_to(display_root).as_posix()
        questions = load_question_file(path, source, schema_path, codes, choices_per_item, links)
        for question in questions:
            first = seen.get(question.id)
            if first:
                raise content_error(
                    question.source,
                    question.line,
                    question.id,
                    f"duplicate question id (already used at {first.source}:{first.line})",
                    "give this question a new id; never reuse or renumber an existing one",
                )
            seen[question.id] = question
        bank[path.stem] = questions
    return bank


def _with_verdict(choice: Choice) -> str:
    """Feedback opening with the site's verdict in words (an author's own verdict is dropped)."""
    feedback = AUTHOR_VERDICT.sub("", choice.feedback)
    return f"{VERDICT[choice.correct]} {feedback[:1].upper()}{feedback[1:]}"


VERDICT_HTML = {True: "<strong>Correct.</strong>", False: "<strong>Not the best answer.</strong>"}


def feedback_html(choice: Choice, links: LinkTable = NO_LINKS) -> str:
    """`render_markdown(_with_verdict(choice), inline=True)`, without the converter when the text
    after the verdict is plain (tests/unit/test_safe_render.py holds the two to the same HTML).
    Citations in it are shown in canonical form, linked to the official text."""
    text = canonical_markdown(_with_verdict(choice), links)
    rest = text[len(VERDICT[choice.correct]) + 1 :]
    if rest.strip() and not ACTIVE_TEXT.search(rest.strip()):
        return f"{VERDICT_HTML[choice.correct]} {render_markdown(rest, inline=True)}"
    return render_markdown(text, inline=True)


@dataclass(frozen=True)
class QuizBlock:
    """One question as an mkdocs-quiz block, with the fragments of it that mkdocs-quiz converts
    (the stem, each choice, each feedback, the content after the choices), each final HTML."""

    markdown: str
    fragments: tuple[str, ...]


def _why(rationale: str) -> str:
    """The explanation as one paragraph led by "Why:" (a text of several paragraphs keeps them)."""
    label = "<p><strong>Why:</strong> "
    return f"{label}{rationale[3:]}" if rationale.startswith("<p>") else f"{label}{rationale}</p>"


def quiz_block(question: Question, number: int, report_url: str | None = None) -> QuizBlock:
    """One question as an mkdocs-quiz block. Every text is safe, inert HTML (see safehtml.py), so
    mkdocs-quiz can neither run script nor find quiz syntax in it, and every fragment it converts is
    final HTML: hooks/quizzes.py has mkdocs-quiz take it as it is (confidant.quizfragments).

    ``report_url`` opens the content-error issue form for this question (candidates see a link,
    not the question's id or data file)."""
    rendered = question.html
    label = f"<strong>Question {number}.</strong> "
    # The id is where the table of authorities links for the question's citations.
    opening = f'<p id="q-{question.id}">'
    stem = (
        f"{opening}{label}{rendered.stem[3:]}"
        if rendered.stem.startswith("<p>")
        else f"{opening}{label}</p>{rendered.stem}"
    )
    # The content after the choices: consecutive lines of HTML, one raw block for Markdown.
    content = [
        _why(rendered.rationale),
        f"<p><strong>Sources:</strong> {'; '.join(rendered.citations)}</p>",
    ]
    if report_url:
        content.append(
            f'<p class="confidant-report"><a href="{html.escape(report_url)}">Report a problem with this question</a></p>'
        )
    lines = ["<quiz>", stem, ""]
    for choice, text, feedback in zip(question.choices, rendered.choices, rendered.feedback, strict=True):
        lines.append(f"- [{'x' if choice.correct else ' '}] {text}")
        lines.append(f"> {feedback}")
    lines += ["", *content, "</quiz>"]
    fragments = (stem, *rendered.choices, *rendered.feedback, "\n".join(content))
    return QuizBlock("\n".join(lines), fragments)


def quiz_markdown(question: Question, number: int, report_url: str | None = None) -> str:
    """One question as an mkdocs-quiz block (`quiz_block`'s Markdown)."""
    return quiz_block(question, number, report_url).markdown
