"""Real interaction in Debian's Chromium: no foreign requests, search, quizzes, glossary tooltips."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CHAPTER = "chapters/confidentiality/"


def first_quiz(page: Page):
    return page.locator("div.quiz").first


def choose(quiz, correct: bool):
    """Answer a quiz: "Try again" if it was answered, click a correct or a wrong choice, Submit.

    Returns the chosen input. Chapter quizzes do not submit on selection (the first answer
    counts, so reading the options with the arrow keys must not answer the question).
    """
    retry = quiz.locator("button.quiz-reset-button")
    if retry.is_visible():
        retry.click()
    selector = 'input[data-correct="true"]' if correct else 'input[name="answer"]:not([data-correct])'
    answer = quiz.locator(selector).first
    quiz.locator(f'label[for="{answer.get_attribute("id")}"]').click()
    quiz.locator('button[type="submit"]').click()
    return answer


def test_home_page_loads_without_errors_or_foreign_requests(page: Page, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    expect(page.locator("h1")).to_contain_text("Confidant")
    expect(page.locator("article")).to_contain_text("90 minutes")
    assert page.watch.errors == []
    assert page.watch.foreign_requests == []


def test_search_finds_the_chapter(page: Page, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("breach", delay=20)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("chapters/confidentiality/" in (href or "") for href in hrefs), hrefs
    assert page.watch.errors == []


def test_wrong_then_right_answer_shows_feedback_and_rationale(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    quiz = first_quiz(page)
    quiz.scroll_into_view_if_needed()
    wrong = choose(quiz, correct=False)
    wrong_feedback = wrong.locator("xpath=following-sibling::div[contains(@class,'answer-feedback')]").inner_text()
    shown = quiz.locator(".quiz-feedback .quiz-feedback-item.incorrect")
    expect(shown).to_be_visible()
    expect(shown).to_contain_text("Not the best answer.")
    expect(shown).to_contain_text(wrong_feedback.split(".", 2)[1].strip()[:30])
    # A wrong answer does not give the right one away: no highlight, no explanation yet.
    expect(quiz.locator("section.content")).to_be_hidden()
    expect(quiz.locator(".correct")).to_have_count(0)
    choose(quiz, correct=True)
    expect(quiz.locator(".quiz-feedback .quiz-feedback-item.correct")).to_contain_text("Correct.")
    expect(quiz.locator("section.content")).to_be_visible()
    expect(quiz.locator("section.content")).to_contain_text("Why:")
    expect(quiz.locator("section.content")).to_contain_text("Sources:")
    assert page.watch.errors == []


def test_only_the_first_answer_counts_even_after_a_reload(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    quiz = first_quiz(page)
    choose(quiz, correct=False)
    choose(quiz, correct=True)
    panel = page.locator(".confidant-first-try")
    expect(panel).to_contain_text("First-try correct: 0 of 1 answered")
    page.reload()
    expect(page.locator(".confidant-first-try")).to_contain_text("First-try correct: 0 of 1 answered")
    second = page.locator("div.quiz").nth(1)
    choose(second, correct=True)
    expect(page.locator(".confidant-first-try")).to_contain_text("First-try correct: 1 of 2 answered")
    record = page.evaluate("JSON.parse(localStorage.getItem('confidant-record'))")
    first_id = next(iter(record["answers"]))
    assert record["version"] == 2
    assert [a["correct"] for a in record["answers"][first_id]["attempts"]] == [False, True]
    assert record["answers"][first_id]["first"] is False
    assert page.watch.errors == []


def test_progress_survives_a_reload(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    choose(first_quiz(page), correct=True)
    expect(first_quiz(page).locator(".quiz-feedback .quiz-feedback-item.correct")).to_be_visible()
    page.reload()
    quiz = first_quiz(page)
    expect(quiz.locator('input[data-correct="true"]')).to_be_checked()
    expect(quiz.locator("section.content")).to_be_visible()
    expect(page.locator(".quiz-progress-answered").first).to_have_text("1")


def test_quiz_reached_through_site_navigation_works(page: Page, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    page.locator("article a[href$='chapters/confidentiality/']").first.click()
    page.wait_for_url(re.compile(r".*/chapters/confidentiality/$"))
    quiz = first_quiz(page)
    choose(quiz, correct=True)
    expect(quiz.locator(".quiz-feedback .quiz-feedback-item.correct")).to_be_visible()
    assert page.watch.errors == []


def test_keyboard_alone_answers_a_question_and_arrows_do_not_submit(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    quiz = first_quiz(page)
    quiz.locator("a.quiz-header-link").focus()
    focused = ""
    for _ in range(10):  # past any glossary links in the question, to the first choice
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.name + ':' + document.activeElement.type")
        if focused == "answer:radio":
            break
    assert focused == "answer:radio"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    # Reading the options with the arrow keys selects them but answers nothing.
    expect(quiz.locator("input[name='answer']:checked")).to_have_count(1)
    expect(quiz.locator(".quiz-feedback")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('confidant-record')") is None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    expect(quiz.locator(".quiz-feedback")).to_be_visible()


def test_hover_and_focus_show_a_glossary_definition(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    term = page.locator("article a.glossary-term").first
    term.scroll_into_view_if_needed()
    definition = term.get_attribute("data-md-tooltip-title") or ""
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    page.mouse.move(0, 0)
    expect(page.locator(".md-tooltip2--active")).to_have_count(0)
    term.focus()
    expect(page.locator(".md-tooltip2--active")).to_be_visible()
    text = page.locator(".md-tooltip2--active").inner_text()
    assert len(text) > 10 and (not definition or definition[:20] in text)


def test_a_tooltip_is_described_hoverable_and_dismissed_with_escape(page: Page, site_url: str) -> None:
    """One tooltip serves the page (tooltips.js): it names the term's definition as the link's
    description while it shows, stays while the pointer moves onto it, and Escape closes it."""
    page.goto(site_url + CHAPTER)
    term = page.locator("article a.glossary-term").first
    definition = term.get_attribute("title") or ""
    assert len(definition) > 10
    term.focus()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_have_text(definition)
    assert term.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    assert term.get_attribute("title") is None  # no second, native tooltip
    page.keyboard.press("Escape")
    expect(tooltip).to_have_count(0)
    assert term.get_attribute("title") == definition and term.get_attribute("aria-describedby") is None
    page.locator("h1").focus()
    term.hover()
    expect(tooltip).to_be_visible()
    box = page.locator("#confidant-tooltip .md-tooltip2__inner").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(400)
    expect(tooltip).to_be_visible()
    assert page.locator("[title]").count() > 100  # set up lazily: every other term keeps its title


def test_glossary_anchor_scrolls_to_its_entry(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    href = page.locator("article a.glossary-term").first.get_attribute("href")
    slug = href.split("#", 1)[1]
    page.locator("article a.glossary-term").first.click()
    page.wait_for_url(re.compile(rf".*/glossary/#{slug}$"))
    expect(page.locator(f"[id='{slug}']")).to_be_in_viewport()


def test_tap_shows_the_definition_then_opens_the_entry(phone: Page, site_url: str) -> None:
    phone.goto(site_url + CHAPTER)
    term = phone.locator("article a.glossary-term").first
    term.scroll_into_view_if_needed()
    term.tap()
    expect(phone.locator(".md-tooltip2--active")).to_be_visible()
    assert phone.url.endswith(CHAPTER)
    term.tap()
    phone.wait_for_url(re.compile(r".*/glossary/#.+$"))
    assert phone.watch.errors == []


def test_decision_diagram_is_inline_svg_readable_on_a_phone(phone: Page, site_url: str) -> None:
    phone.goto(site_url + CHAPTER, wait_until="networkidle")
    diagram = phone.locator(".confidant-diagram").first
    diagram.scroll_into_view_if_needed()
    box = diagram.locator("svg").bounding_box()
    assert box and box["height"] > 150, box
    # Text is at least 12 px on screen: the SVG is shown at no less than 3/4 of its drawn size
    # (16 px text); a wider diagram scrolls sideways inside its focusable region.
    smallest = phone.evaluate(
        """el => { const svg = el.querySelector('svg');
                   const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                   return Math.min(...Array.from(svg.querySelectorAll('text'))
                     .map(t => parseFloat(getComputedStyle(t).fontSize) * scale)); }""",
        diagram.element_handle(),
    )
    assert smallest >= 12, smallest
    assert diagram.get_attribute("tabindex") == "0"
    scrolls = phone.evaluate("el => el.scrollWidth > el.clientWidth", diagram.element_handle())
    assert scrolls or box["width"] <= diagram.bounding_box()["width"]
    expect(diagram).to_contain_text("Written authorization")
    assert phone.eval_on_selector_all("script[src]", "els => els.filter(e => /mermaid/.test(e.src)).length") == 0
    assert phone.evaluate("typeof window.mermaid") == "undefined"
    assert phone.watch.errors == []
    assert phone.watch.foreign_requests == []


# The practice exam's bank, as its script gets it: fetched online, inside the page in the offline copy.
BANK_JS = (
    "(s => s.dataset.src ? fetch(s.dataset.src).then(r => r.json()) : Promise.resolve(JSON.parse(s.textContent)))"
    "(document.getElementById('practice-exam-bank'))"
)


def answer_current(page: Page, correct: bool) -> None:
    question_id = page.locator("[data-question]").get_attribute("data-id")
    right = page.evaluate(
        "id => " + BANK_JS + ".then(bank => bank.find(q => q.id === id).correct)",
        question_id,
    )
    choice = right[0] if correct else next(i for i in range(4) if i not in right)
    page.locator("[data-choices] input").nth(choice).check()


def answer_two_questions(page: Page) -> None:
    """In a started exam: the first question answered wrong, the second right and flagged."""
    answer_current(page, correct=False)
    page.locator("[data-next]").click()
    answer_current(page, correct=True)
    page.locator("[data-flag]").check()


def finish_exam(page: Page, remaining: int) -> None:
    """Answer the next `remaining` questions right, then submit the exam (accepting its confirmation)."""
    for _ in range(remaining):
        page.locator("[data-next]").click()
        answer_current(page, correct=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-submit]").click()


def test_the_practice_exam_says_so_when_its_bank_cannot_be_fetched(page: Page, site_url: str) -> None:
    page.route("**/practice-exam/bank.json", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + "practice-exam/")
    expect(page.get_by_role("alert")).to_contain_text("The question bank could not be loaded")
    expect(page.locator("[data-start='short']")).to_be_disabled()


def test_practice_exam_runs_resumes_after_reload_and_scores(page: Page, site_url: str) -> None:
    page.goto(site_url + "practice-exam/")
    page.locator("[data-start='short']").click()
    expect(page.locator("[data-progress]")).to_have_text("Question 1 of 25")
    expect(page.locator("[data-timer]")).to_contain_text("left")
    expect(page.locator("[data-palette] button")).to_have_count(25)
    answer_two_questions(page)
    page.reload()
    expect(page.locator("[data-progress]")).to_have_text("Question 2 of 25")
    expect(page.locator("[data-palette] button.is-answered")).to_have_count(2)
    expect(page.locator("[data-palette] button.is-flagged")).to_have_count(1)
    finish_exam(page, 23)
    expect(page.locator("[data-score]")).to_have_text("24 of 25 correct (96%).")
    # The review shows only the wrong, unanswered or flagged items; a button shows them all.
    expect(page.locator("[data-review] li")).to_have_count(2)
    expect(page.locator("[data-review] li.is-wrong")).to_have_count(1)
    expect(page.locator("[data-review] li.is-flagged")).to_have_count(1)
    expect(page.locator("[data-review] li").first).to_contain_text("Why:")
    page.locator("[data-review-filter]").click()
    expect(page.locator("[data-review] li")).to_have_count(25)
    # Sources are the citations' links, not their markup shown as text.
    expect(page.locator("[data-review] .practice-exam__sources a[href^='https://']").first).to_be_visible()
    expect(page.locator("[data-review]")).not_to_contain_text("href=")
    # The per-area table follows the exam plan's order.
    rows = page.locator("[data-area-scores] tr")
    assert rows.count() >= 3
    order = page.evaluate(
        "JSON.parse(document.getElementById('practice-exam-blueprint').textContent).areas.map(a => a.code)"
    )
    shown = [rows.nth(i).get_attribute("data-area") for i in range(rows.count())]
    assert shown == [code for code in order if code in shown]
    # Every answer went into the shared record, and the attempt into the exam history, once.
    page.reload()
    saved = page.evaluate("JSON.parse(localStorage.getItem('confidant-record'))")
    assert saved["version"] == 2
    assert len(saved["exams"]) == 1
    assert saved["exams"][0]["items"] == 25 and saved["exams"][0]["correct"] == 24
    exam_answers = [a for e in saved["answers"].values() for a in e["attempts"] if a["via"] == "exam"]
    assert len(exam_answers) == 25
    assert page.watch.errors == []


def test_full_exams_draw_one_item_per_family_and_prefer_families_not_yet_met(page: Page, site_url: str) -> None:
    page.goto(site_url + "practice-exam/")
    expect(page.locator(".practice-exam__fresh").first).to_contain_text("full exams")
    bank = page.evaluate(BANK_JS)
    family = {q["id"]: q["family"] for q in bank}
    drawn: list[set[str]] = []
    for _ in range(2):
        page.evaluate("localStorage.removeItem('confidant-practice-exam')")
        page.reload()
        page.locator("[data-start='full']").click()
        expect(page.locator("[data-progress]")).to_have_text("Question 1 of 75")
        ids = page.evaluate("JSON.parse(localStorage.getItem('confidant-practice-exam')).ids")
        families = [family[i] for i in ids]
        assert len(families) == len(set(families)) == 75
        drawn.append(set(families))
    # The bank holds enough families for several fresh exams, so the second exam repeats none.
    assert not drawn[0] & drawn[1]


def test_practice_exam_submits_itself_when_time_runs_out(page: Page, site_url: str) -> None:
    page.goto(site_url + "practice-exam/")
    page.locator("[data-start='full']").click()
    expect(page.locator("[data-palette] button")).to_have_count(75)
    page.evaluate(
        """() => { const s = JSON.parse(localStorage.getItem('confidant-practice-exam'));
                   s.startedAt -= 91 * 60000; localStorage.setItem('confidant-practice-exam', JSON.stringify(s)); }"""
    )
    page.reload()
    expect(page.locator("[data-score]")).to_contain_text("Time ran out. 0 of 75 correct")


CANONICAL = re.compile(
    r"^(?:Bus\. & Prof\. Code|Civ\. Code|Evid\. Code|Fam\. Code|Health & Saf\. Code|Pen\. Code|Welf\. & Inst\. Code"
    r"|Code Civ\. Proc\.|Gov\. Code) §§? [\d.]+(?:\([0-9A-Za-z]+\))*$"
)


def test_citations_in_a_chapter_and_a_quiz_explanation_are_links_with_the_canonical_text(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + CHAPTER, wait_until="networkidle")
    in_prose = page.locator("article p a.citation[href^='https://leginfo.legislature.ca.gov/']").first
    expect(in_prose).to_be_visible()
    assert CANONICAL.match(in_prose.inner_text()), in_prose.inner_text()
    href = in_prose.get_attribute("href") or ""
    section = re.search(r"§§? ([\d.]+)", in_prose.inner_text()).group(1)
    assert href.endswith(f"&sectionNum={section}"), href
    quiz = first_quiz(page)
    quiz.scroll_into_view_if_needed()
    choose(quiz, correct=True)
    sources = quiz.locator("section.content a[href^='https://']")
    expect(sources.first).to_be_visible()
    texts = [sources.nth(i).inner_text() for i in range(sources.count())]
    assert any(CANONICAL.match(text) for text in texts), texts
    # A link loads nothing until it is followed: still no request leaves the site.
    assert page.watch.foreign_requests == []
    assert page.watch.errors == []


def test_the_table_of_authorities_links_back_to_the_citation(page: Page, site_url: str) -> None:
    page.goto(site_url + "authorities/", wait_until="networkidle")
    entry = page.locator(".toa-entry").filter(has_text="Pen. Code § 11166 ").first
    expect(entry.locator("a[href*='lawCode=PEN&sectionNum=11166']").first).to_be_visible()
    back = entry.locator("a.toa-place--page").first
    target = (back.get_attribute("href") or "").split("#")[1]
    back.click()
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
    assert "11166" in page.locator(f"[id='{target}']").inner_text()
    assert page.watch.foreign_requests == []


def test_search_finds_a_section_number(page: Page, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("4980.32", delay=20)  # cited as "§ 4980.32(a)" or "§ 4980.32;" in the pages
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("professional-practice-law" in (href or "") for href in hrefs), hrefs
