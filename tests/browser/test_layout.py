"""Layout on a phone: wrapped answer choices, the exam's question box, the report link, diagram text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_site_in_browser import CHAPTER, answer_current, choose, first_quiz

pytestmark = pytest.mark.browser


def text_left_edges(page: Page, label_selector: str) -> list[tuple[float, float]]:
    """(left edge of the choice text's lines, right edge of its radio button) for each choice."""
    return page.evaluate(
        """sel => Array.from(document.querySelectorAll(sel)).map(label => {
             const input = label.querySelector('input') || document.getElementById(label.htmlFor);
             const range = document.createRange();
             range.selectNodeContents(label.querySelector('span') || label);
             const lefts = Array.from(range.getClientRects()).map(r => r.left);
             return [Math.min(...lefts), input.getBoundingClientRect().right];
           })""",
        label_selector,
    )


def test_wrapped_quiz_choices_stay_right_of_their_radio_button(phone: Page, site_url: str) -> None:
    phone.set_viewport_size({"width": 375, "height": 800})
    phone.goto(site_url + CHAPTER)
    first_quiz(phone).scroll_into_view_if_needed()
    edges = text_left_edges(phone, "div.quiz fieldset label")
    assert edges and all(text_left >= radio_right for text_left, radio_right in edges), edges


def test_the_report_link_replaces_contributor_details(phone: Page, site_url: str) -> None:
    phone.goto(site_url + CHAPTER)
    quiz = first_quiz(phone)
    choose(quiz, correct=True)
    content = quiz.locator("section.content")
    expect(content).to_be_visible()
    expect(content).not_to_contain_text("Question ID")
    link = content.get_by_role("link", name="Report a problem with this question")
    href = link.get_attribute("href") or ""
    assert "/issues/new?template=content-error.yml" in href and "statement=Question+" in href


def test_the_exam_question_box_and_wrapped_choices(phone: Page, site_url: str) -> None:
    phone.set_viewport_size({"width": 375, "height": 800})
    phone.goto(site_url + "practice-exam/")
    phone.evaluate("localStorage.clear()")
    phone.reload()
    phone.locator("[data-start='short']").click()
    answer_current(phone, correct=True)
    # The stem sits inside the box: the fieldset's top border is above the whole legend.
    box = phone.locator("[data-question]").bounding_box()
    legend = phone.locator("[data-question] legend").bounding_box()
    assert box and legend and legend["y"] >= box["y"] + 1, (box, legend)
    edges = text_left_edges(phone, ".practice-exam__choice")
    assert all(text_left >= radio_right for text_left, radio_right in edges), edges


def test_every_diagram_has_text_of_at_least_12_px_on_a_phone(phone: Page, site_url: str, built_site) -> None:
    """Diagram text was 4-5 px on a phone; a wide diagram scrolls sideways instead of shrinking."""
    site = built_site.site_dir
    pages = sorted(
        path.parent.relative_to(site).as_posix() + "/"
        for path in site.glob("chapters/*/index.html")
        if "confidant-diagram" in path.read_text(encoding="utf-8")
    )
    assert len(pages) >= 5, pages
    phone.set_viewport_size({"width": 375, "height": 800})
    small = {}
    for url in pages:
        phone.goto(site_url + url)
        sizes = phone.eval_on_selector_all(
            ".confidant-diagram",
            """els => els.map(el => { const svg = el.querySelector('svg');
                 const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 const px = Array.from(svg.querySelectorAll('text, foreignObject *'))
                   .filter(t => t.textContent.trim())
                   .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
                 return [Math.min(...px), el.getAttribute('tabindex')]; })""",
        )
        assert sizes, url
        # Layout rounds the drawn width to 1/64 px: 11.999 px is 12 px.
        small.update({f"{url} #{i}": size for i, (size, _) in enumerate(sizes) if round(size, 1) < 12})
        assert all(tabindex == "0" for _, tabindex in sizes), (url, sizes)
    assert not small, small
