"""mkdocs-quiz takes the fragments of HTML the quiz hook wrote as they are (confidant.quizfragments),
and the quizzes it lays out are the ones its own Markdown conversion of those fragments makes."""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_quiz.plugin import MkDocsQuizPlugin

from confidant.citelinks import site_links
from confidant.examplan import load_exam_plan
from confidant.links import report_url
from confidant.questions import Choice, Question, load_bank, quiz_block
from confidant.quizfragments import KnownFragments, LazyMarkdown, convert_known, converted, lazy_markdown
from tests.unit.factories import make_question

ROOT = Path(__file__).resolve().parents[2]
# mkdocs-quiz's own methods, also when the quiz hook has already wrapped them in this process.
CONVERT = inspect.unwrap(MkDocsQuizPlugin._convert_fragment_markdown)
CREATE = inspect.unwrap(MkDocsQuizPlugin._create_fragment_markdown)


class OwnConversion(MkDocsQuizPlugin):
    """mkdocs-quiz as it is: a Markdown instance per quiz, every fragment converted."""

    _convert_fragment_markdown = CONVERT
    _create_fragment_markdown = CREATE


def known_fragments_plugin(known: KnownFragments, made: list[str]) -> MkDocsQuizPlugin:
    """mkdocs-quiz as the build runs it, counting the Markdown instances it makes."""

    def create(plugin: Any, page: Page, config: MkDocsConfig, files: Files) -> Any:
        made.append(page.file.src_uri)
        return CREATE(plugin, page, config, files)

    class KnownFragmentsPlugin(MkDocsQuizPlugin):
        _convert_fragment_markdown = convert_known(CONVERT, known)
        _create_fragment_markdown = lazy_markdown(create)

    return KnownFragmentsPlugin()


@cache
def site_config() -> MkDocsConfig:
    """The site's own configuration: every Markdown extension a page has."""
    return load_config(str(ROOT / "mkdocs.yml"))


def chapter_page(chapter: str) -> tuple[Page, Files]:
    config = site_config()
    file = File(f"chapters/{chapter}.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    return Page(None, file, config), Files([file])


def quiz_html(plugin: MkDocsQuizPlugin, block: str, number: int, page: Page, files: Files) -> str:
    """mkdocs-quiz's HTML for one `<quiz>` block, with the site's quiz options."""
    config = site_config()
    configured = config.plugins["mkdocs_quiz"]
    page.meta = {"quiz": {"enabled": True}}
    inner = block.removeprefix("<quiz>").removesuffix("</quiz>")
    options = configured._get_quiz_options(page)
    translations = configured._get_translation_manager(page, config)
    return plugin._process_quiz(inner, number, options, translations, config, page, files)


def bank_questions() -> list[Question]:
    config = site_config()
    plan = load_exam_plan(ROOT / "data/exam-plan.yml", ROOT / "schemas/exam-plan.schema.json", "data/exam-plan.yml")
    bank = load_bank(
        ROOT / "data/questions",
        ROOT / "schemas/questions.schema.json",
        plan.areas,
        ROOT,
        plan.choices_per_item,
        site_links(ROOT, config.extra["confidant"]),
    )
    return [question for questions in bank.values() for question in questions]


def same_quiz_both_ways(questions: list[Question]) -> list[str]:
    """Each question's quiz laid out by mkdocs-quiz with its own conversion and with the known
    fragments; the ids of the questions whose HTML differs. Fails when a Markdown instance is made."""
    config = site_config()
    differ = []
    for number, question in enumerate(questions, start=1):
        page, files = chapter_page(question.chapter)
        address = f"{config.site_url}chapters/{question.chapter}/"
        block = quiz_block(question, number, report_url(config.repo_url, question.id, address))
        known, made = KnownFragments(), []
        known.add(block.fragments)
        fast = quiz_html(known_fragments_plugin(known, made), block.markdown, number, page, files)
        own = quiz_html(OwnConversion(), block.markdown, number, page, files)
        assert made == [], f"{question.id}: a fragment was converted again"
        if fast != own:
            differ.append(question.id)
    return differ


def test_every_question_of_the_bank_is_laid_out_as_mkdocs_quiz_own_conversion_lays_it_out() -> None:
    """Over the whole bank: the same quiz HTML both ways, and no Markdown instance made. A question
    listed here would be one whose safe HTML mkdocs-quiz's second Markdown pass alters (a defect of
    rendering twice, to be fixed in the safe render path): none is."""
    questions = bank_questions()
    assert len(questions) > 500
    assert same_quiz_both_ways(questions) == []


def choice(text: str, feedback: str, correct: bool = False) -> Choice:
    return Choice(text, feedback, correct)


EDGE_CASES = [
    make_question("list-stem", stem="Which apply?\n\n- the first\n- the second"),
    make_question("stem-paragraphs", stem="A *first* paragraph.\n\nA second with `code` and 3 < 4 & 5 > 2."),
    make_question(
        "marked-choices",
        choices=(
            choice("*Emphasis* first", "**Strong** feedback with [a link](https://leginfo.legislature.ca.gov)", True),
            choice("`code` first", "Feedback with - a dash, # a hash & an ampersand"),
            choice("Text with 1. a number and a \\* star", "- feedback that reads as a list item"),
            choice("[A link](https://www.ecfr.gov) first", "1. feedback that reads as a numbered list"),
        ),
    ),
    replace(make_question("rationale-paragraphs"), rationale="A first paragraph.\n\nA second *one*."),
    replace(make_question("rationale-list"), rationale="- one reason\n- another reason"),
]


@pytest.mark.parametrize("question", EDGE_CASES, ids=[q.id for q in EDGE_CASES])
def test_block_stems_lists_several_paragraphs_and_inline_markup_are_laid_out_the_same(question: Question) -> None:
    assert same_quiz_both_ways([question]) == []


HAND_WRITTEN = """
What does **this** mean? See [the chapter](privilege-and-disclosure.md).

- [x] An *answer* with `code`
> Feedback with **strong** text.
- [ ] Another answer

Some content after the answers, with a [link](privilege-and-disclosure.md#holder).
"""
FILL_IN_THE_BLANK = """
The **holder** of the privilege is the [[patient]].

See the [chapter](privilege-and-disclosure.md#holder).
"""


@pytest.mark.parametrize("written", [HAND_WRITTEN, FILL_IN_THE_BLANK], ids=["choices", "fill-in-the-blank"])
def test_a_quiz_written_by_hand_in_a_page_is_still_converted_by_mkdocs_quiz(written: str) -> None:
    page, _ = chapter_page("confidentiality")
    config = site_config()
    target = File("chapters/privilege-and-disclosure.md", config.docs_dir, config.site_dir, True)
    files = Files([page.file, target])
    known, made = KnownFragments(), []
    known.add(quiz_block(make_question("q"), 1).fragments)
    fast = quiz_html(known_fragments_plugin(known, made), f"<quiz>{written}</quiz>", 0, page, files)
    assert fast == quiz_html(OwnConversion(), f"<quiz>{written}</quiz>", 0, page, files)
    assert made == ["chapters/confidentiality.md"]  # one Markdown instance, as mkdocs-quiz makes
    assert "<strong>" in fast and 'href="../privilege-and-disclosure/#holder"' in fast


def test_a_known_fragment_is_found_with_the_blank_lines_around_it_and_nothing_else_is() -> None:
    known = KnownFragments()
    known.add(["<p>Why: a.</p>\n<p>Sources: b.</p>", "An answer", "<strong>Correct.</strong> Yes."])
    assert known.html("\n<p>Why: a.</p>\n<p>Sources: b.</p>\n") == "<p>Why: a.</p>\n<p>Sources: b.</p>"
    assert known.html("An answer") == "<p>An answer</p>"
    assert known.html("<strong>Correct.</strong> Yes.") == "<p><strong>Correct.</strong> Yes.</p>"
    assert known.html("An answer!") is None
    assert known.html("    An answer") is None
    known.clear()
    assert known.html("An answer") is None and len(known) == 0


def test_blocks_keep_their_html_on_a_line_each_and_inline_html_becomes_a_paragraph() -> None:
    stem = '<p id="q-a"><strong>Question 1.</strong> Which?</p> <ul> <li><p>a</p></li> <li>b</li> </ul>'
    assert (
        converted(stem)
        == '<p id="q-a"><strong>Question 1.</strong> Which?</p>\n<ul> <li><p>a</p></li> <li>b</li> </ul>'
    )
    assert converted("<p>Why: a.</p>\n<p>Sources: b.</p>") == "<p>Why: a.</p>\n<p>Sources: b.</p>"
    assert converted("<em>a</em> b &amp; c") == "<p><em>a</em> b &amp; c</p>"


@pytest.mark.parametrize(
    "fragment", ["a <ul><li>b</li></ul>", "<p>a</p> b <p>c</p>", "<p>a</p> b", "<p>a</p></p>", "<ul><li>a</li>"]
)
def test_a_fragment_of_another_shape_is_left_to_mkdocs_quiz(fragment: str) -> None:
    assert converted(fragment) is None
    known = KnownFragments()
    known.add([fragment])
    assert known.html(fragment) is None


def test_a_lazy_markdown_instance_is_made_once_and_only_when_it_converts() -> None:
    made: list[int] = []

    class Converter:
        def reset(self) -> Converter:
            made.append(0)
            return self

        def convert(self, text: str) -> str:
            return f"<p>{text}</p>"

    def make() -> Converter:
        made.append(1)
        return Converter()

    lazy = LazyMarkdown(make)
    assert lazy.reset() is lazy and not lazy.made and made == []
    assert lazy.convert("a") == "<p>a</p>" and lazy.convert("b") == "<p>b</p>"
    lazy.reset()
    assert made == [1, 0] and lazy.made


def load_quiz_hook() -> Any:
    spec = importlib.util.spec_from_file_location("quizzes_hook_under_test", ROOT / "hooks" / "quizzes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_quiz_hook_wraps_mkdocs_quiz_once_however_often_it_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MkDocsQuizPlugin, "_convert_fragment_markdown", CONVERT)
    monkeypatch.setattr(MkDocsQuizPlugin, "_create_fragment_markdown", CREATE)
    for _ in range(3):  # `mkdocs serve` loads the hook again for each rebuild
        load_quiz_hook()._take_known_fragments()
    wrapped: list[Callable[..., Any]] = [
        MkDocsQuizPlugin._convert_fragment_markdown,
        MkDocsQuizPlugin._create_fragment_markdown,
    ]
    assert [function.__wrapped__ for function in wrapped] == [CONVERT, CREATE]
