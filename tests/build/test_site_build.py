"""The real site, built with --strict: pages, chapters, home-page facts, quizzes and glossary links."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
import yaml

from confidant.citelinks import NO_LINKS, entry_markdown
from confidant.glossary import GENERATED_ANCHOR_PREFIX, RESERVED_ANCHORS
from confidant.questions import load_bank

ROOT = Path(__file__).resolve().parents[2]
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects


def nav_pages(items: list) -> list[str]:
    pages: list[str] = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


NAV_PAGES = nav_pages(CONFIG["nav"])
CHAPTERS = [p for p in NAV_PAGES if p.startswith("chapters/")]


def html_path(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


class Links(HTMLParser):
    """Collects ids, hrefs and element classes of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append((values["href"], values))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site.site_dir


def test_strict_build_prints_no_warning(built_site) -> None:
    assert "WARNING" not in built_site.output
    assert "Material for MkDocs reaches end of life" not in built_site.output


def test_every_nav_page_exists(site: Path) -> None:
    for page in NAV_PAGES:
        assert html_path(site, page).is_file(), page


def test_home_page_shows_the_exam_facts(site: Path) -> None:
    text = re.sub(r"<[^>]+>", " ", (site / "index.html").read_text())
    text = " ".join(text.split())
    for fact in (
        "75 multiple-choice items",
        "50 items count",
        "25 are unscored",
        "90 minutes",
        "Law 44%",
        "ethics 56%",
    ):
        assert fact in text, fact
    assert "not legal advice" in text


def test_no_table_has_an_empty_header_row(site: Path) -> None:
    """A key-value table written with a blank header (`| | |`) showed an empty header row on the home page."""
    empty = []
    for path in sorted(site.rglob("*.html")):
        for head in re.findall(r"<thead>(.*?)</thead>", path.read_text(encoding="utf-8"), re.S):
            for row in re.findall(r"<tr>(.*?)</tr>", head, re.S):
                if not re.sub(r"<[^>]+>|&nbsp;|\s", "", row):
                    empty.append(path.relative_to(site).as_posix())
    assert not empty, empty
    assert "<th>Feature</th>" in (site / "index.html").read_text()  # the home page's first table


def test_confidentiality_chapter_has_its_sections_and_citations(site: Path) -> None:
    page = html_path(site, "chapters/confidentiality.md").read_text()
    ids = parse(html_path(site, "chapters/confidentiality.md")).ids
    for section in (
        "why-it-matters",
        "who-may-know",
        "breaches",
        "consequences",
        "keeping-records-secure",
        "key-facts",
    ):
        assert section in ids, section
    for citation in ("Civ. Code § 56.10", "45 C.F.R. §", "Evid. Code §"):
        assert citation in page, citation


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_shows_its_review_date(site: Path, chapter: str) -> None:
    assert "Law last reviewed" in html_path(site, chapter).read_text()


def test_rendered_quizzes_match_the_question_bank(site: Path) -> None:
    plan = yaml.safe_load((ROOT / "data/exam-plan.yml").read_text())
    bank = load_bank(
        ROOT / "data/questions", ROOT / "schemas/questions.schema.json", [a["code"] for a in plan["areas"]], ROOT
    )
    assert bank, "the question bank is empty"
    for chapter, questions in bank.items():
        page = html_path(site, f"chapters/{chapter}.md").read_text()
        quizzes = re.findall(r'<div class="quiz"[^>]*>(.*?)</section>\s*</div>', page, re.DOTALL)
        assert len(quizzes) == len(questions), chapter
        for question, quiz in zip(questions, quizzes, strict=True):
            # Candidates see no raw id; the "Report a problem" link carries it to the issue form.
            assert f"title=Content+error%3A+question+{question.id}&amp;" in quiz
            explanation = html.unescape(re.sub(r"<[^>]+>", "", quiz.split('<section class="content', 1)[1]))
            for citation in question.citations:
                # Shown in the canonical form of the citation style (confidant.citations).
                canonical = entry_markdown(citation, NO_LINKS)
                assert canonical.replace("*", "") in explanation, (question.id, citation)
        assert "quiz-results" in page or "mkdocs-quiz results" not in page


def test_pages_without_questions_carry_no_quiz_assets(site: Path) -> None:
    for page in ("index.md", "glossary.md", "about/index.md", "about/law-changes.md"):
        html = html_path(site, page).read_text()
        assert "mkdocsQuizConfig" not in html and "quiz-progress" not in html, page


def test_quiz_pages_carry_assets_without_confetti(site: Path) -> None:
    html = html_path(site, "chapters/confidentiality.md").read_text()
    assert "mkdocsQuizConfig" in html
    assert "confetti: false" in html


def test_glossary_has_an_anchor_for_every_term(site: Path) -> None:
    terms = yaml.safe_load((ROOT / "data/glossary.yml").read_text())["terms"]
    ids = parse(html_path(site, "glossary.md")).ids
    assert len(terms) >= 40
    for entry in terms:
        assert entry["slug"] in ids, entry["slug"]


def test_glossary_slugs_cannot_take_an_anchor_the_page_makes_itself(site: Path) -> None:
    """Every id of the glossary page that is not a term's is reserved, a letter heading, or one the
    slug pattern refuses (Material's `__…`), so no slug can collide with it."""
    schema = json.loads((ROOT / "schemas/glossary.schema.json").read_text())
    slug_pattern = re.compile(schema["properties"]["terms"]["items"]["properties"]["slug"]["pattern"])
    slugs = {entry["slug"] for entry in yaml.safe_load((ROOT / "data/glossary.yml").read_text())["terms"]}
    generated = parse(html_path(site, "glossary.md")).ids - slugs
    assert "glossary" in generated and "letter-a" in generated
    takeable = {
        anchor
        for anchor in generated
        if slug_pattern.match(anchor)
        and anchor not in RESERVED_ANCHORS
        and not anchor.startswith(GENERATED_ANCHOR_PREFIX)
    }
    assert takeable == set()


def test_appears_in_links_resolve(site: Path) -> None:
    glossary = html_path(site, "glossary.md")
    appears = re.findall(r'class="glossary-meta"><strong>Appears in:</strong>(.*?)</p>', glossary.read_text(), re.S)
    assert appears, "no 'Appears in' lists"
    assert not [block for block in appears if "&amp;amp;" in block], "a section title is escaped twice"
    for block in appears:
        for href in re.findall(r'href="([^"]+)"', block):
            target, fragment = urldefrag(urljoin("glossary/", href))
            page = site / target / "index.html"
            assert page.is_file(), href
            assert not fragment or fragment in parse(page).ids, href


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapters_link_terms_to_existing_glossary_anchors(site: Path, chapter: str) -> None:
    glossary_ids = parse(html_path(site, "glossary.md")).ids
    links = [
        (href, attrs)
        for href, attrs in parse(html_path(site, chapter)).links
        if "glossary-term" in attrs.get("class", "")
    ]
    assert links, f"{chapter} links no glossary term"
    for href, attrs in links:
        assert href.startswith("../../glossary/#"), href
        assert href.split("#", 1)[1] in glossary_ids, href
        assert attrs.get("title"), href


def test_glossary_edit_link_opens_the_data_file(site: Path) -> None:
    html = html_path(site, "glossary.md").read_text()
    assert re.search(r'href="[^"]*/edit/main/data/glossary\.yml"', html)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_shows_its_last_git_update(site: Path, chapter: str) -> None:
    html = html_path(site, chapter).read_text()
    assert re.search(r'git-revision-date-localized-plugin-date"[^>]*>[A-Z][a-z]+ \d{1,2}, \d{4}<', html)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_links_to_its_question_file_for_fixes(site: Path, chapter: str) -> None:
    stem = Path(chapter).stem
    html = html_path(site, chapter).read_text()
    assert re.search(rf'href="[^"]*/edit/main/data/questions/{stem}\.yml"', html)
    assert re.search(rf'href="[^"]*/edit/main/docs/chapters/{stem}\.md"', html)


def test_glossary_terms_are_linked_inside_quiz_explanations(site: Path) -> None:
    linked = 0
    for chapter in CHAPTERS:
        page = html_path(site, chapter).read_text()
        for section in re.findall(r'<section class="content hidden">(.*?)</section>', page, re.DOTALL):
            linked += section.count('class="glossary-term"')
    assert linked >= len(CHAPTERS)


def test_practice_exam_page_fetches_the_whole_bank_and_carries_a_75_item_blueprint(site: Path) -> None:
    html = html_path(site, "practice-exam.md").read_text()
    # The bank is a file beside the page (it would delay the page's first paint), named by the page.
    assert re.search(r'id="practice-exam-bank" data-src="bank.json">null</script>', html)
    bank_json = (site / "practice-exam/bank.json").read_text()
    # Question HTML travels as JSON with every "<" escaped: no "</script>" or "<!--" can end the block early.
    assert "<" not in bank_json and "\\u003cp>" in bank_json
    bank = json.loads(bank_json)
    assert bank[0]["stem"].startswith("<p>")
    blueprint = json.loads(re.search(r'id="practice-exam-blueprint">(.*?)</script>', html, re.S).group(1))
    plan = yaml.safe_load((ROOT / "data/exam-plan.yml").read_text())
    expected_ids = {
        q["id"]
        for path in (ROOT / "data/questions").glob("*.yml")
        for q in yaml.safe_load(path.read_text())["questions"]
    }
    assert {q["id"] for q in bank} == expected_ids
    assert all(q["rationale"] and q["citations"] and len(q["correct"]) >= 1 for q in bank)
    assert blueprint["full"]["items"] == plan["exam"]["items"] == sum(blueprint["full"]["perArea"].values())
    assert blueprint["full"]["minutes"] == plan["exam"]["minutes"]
    for question in bank:
        target, _, anchor = question["href"].partition("#")
        page = (site / "practice-exam" / target / "index.html").resolve()
        assert page.is_file() and anchor in parse(page).ids, question["href"]


def test_practice_exam_is_not_in_the_printed_book(built_site) -> None:
    assert "practice-exam-bank" not in (built_site.site_dir / "print/book.html").read_text()
