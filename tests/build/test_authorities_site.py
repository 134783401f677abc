"""The built site's citations: canonical links to the official text, the table of authorities, search."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urldefrag, urljoin, urlparse

import pytest
import yaml

from confidant import citations
from confidant.questions import load_bank

ROOT = Path(__file__).resolve().parents[2]
LINKS = yaml.safe_load((ROOT / "data/authority-links.yml").read_text(encoding="utf-8"))
LEGINFO_SECTION = "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"


class Page(HTMLParser):
    """Ids, links (with their text) and elements that carry `data-authority`."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[dict[str, str]] = []
        self.authorities: list[str] = []
        self.entries: list[str] = []
        self._open: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if "data-authority" in values:
            self.authorities.append(values["data-authority"])
        if "toa-entry" in values.get("class", "").split():
            self.entries.append(values["id"])
        if tag == "a" and "href" in values:
            values["text"] = ""
            self.links.append(values)
            self._open.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for link in self._open:
            link["text"] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def page_file(site: Path, url: str) -> Path:
    path = site / url.lstrip("/")
    return path / "index.html" if not path.suffix else path


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site.site_dir


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return {
        "/" + p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html") if "print/" not in p.as_posix()
    }


@pytest.fixture(scope="module")
def table(pages: dict[str, Page]) -> Page:
    return pages["/authorities/index.html"]


def places(table: Page) -> list[dict[str, str]]:
    return [link for link in table.links if "toa-place" in link.get("class", "")]


def test_the_table_has_an_entry_for_every_authority_cited_in_a_page(pages: dict[str, Page], table: Page) -> None:
    cited = {key for name, page in pages.items() if name != "/authorities/index.html" for key in page.authorities}
    assert len(cited) > 300
    assert cited <= set(table.entries), sorted(cited - set(table.entries))[:10]


def test_every_question_and_glossary_entry_with_citations_is_listed_in_the_table(table: Page) -> None:
    targets = {urldefrag(link["href"])[1] for link in places(table)}
    bank = load_bank(ROOT / "data/questions", ROOT / "schemas/questions.schema.json", _areas(), ROOT)
    questions = {f"q-{q.id}" for qs in bank.values() for q in qs if q.citations}
    assert questions <= targets, sorted(questions - targets)[:10]
    terms = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))["terms"]
    slugs = {t["slug"] for t in terms if t.get("citations")}
    assert slugs <= targets, sorted(slugs - targets)[:10]


def _areas() -> list[str]:
    plan = yaml.safe_load((ROOT / "data/exam-plan.yml").read_text(encoding="utf-8"))
    return [area["code"] for area in plan["areas"]]


def test_every_back_link_of_the_table_lands_on_an_anchor_that_exists(
    site: Path, pages: dict[str, Page], table: Page
) -> None:
    links = places(table)
    assert len(links) > 1000
    for link in links:
        target, fragment = urldefrag(urljoin("/authorities/", link["href"]))
        page = pages["/" + page_file(site, target).relative_to(site).as_posix()]
        assert fragment in page.ids, link["href"]


def test_every_chapter_citation_is_a_back_link_target_or_shares_its_section_with_one(
    pages: dict[str, Page], table: Page
) -> None:
    # The table links each page section once per authority: every cited authority of a chapter has a
    # back-link to that chapter.
    linked = {(urljoin("/authorities/", urldefrag(link["href"])[0])) for link in places(table)}
    chapters = [name for name in pages if name.startswith("/chapters/")]
    assert chapters
    for name in chapters:
        if pages[name].authorities:
            assert name.removesuffix("index.html") in linked, name


def test_california_code_links_have_the_right_code_and_section(pages: dict[str, Page]) -> None:
    law_codes = LINKS["california_codes"]["law_codes"]
    checked = 0
    for name, page in pages.items():
        previous_code = None
        for link in page.links:
            if not link["href"].startswith(LEGINFO_SECTION):
                continue
            query = {k: v[0] for k, v in parse_qs(urlparse(link["href"]).query).items()}
            text = " ".join(link["text"].split())
            if text[:1].isdigit():  # a further section of a list: "Bus. & Prof. Code §§ 4982(m), 4992.3(n)"
                assert previous_code is not None, (name, text)
                code, section = previous_code, re.match(r"[\d.]+", text).group(0)
            else:
                (citation, *_) = citations.parse_entry(text)
                code, section = citation.authority.code, citation.authority.section.split("–")[0]
            previous_code = code
            assert query == {"lawCode": law_codes[code], "sectionNum": section}, (name, text, query)
            checked += 1
    assert checked > 1000


def test_citation_links_in_pages_show_the_canonical_form(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        for link in page.links:
            if "citation" not in link.get("class", "").split() or not link.get("id"):
                continue
            text = " ".join(link["text"].split())
            # The first link of a list names the code in the plural: "Bus. & Prof. Code §§ 4982(m)", …
            single = text.replace("§§", "§", 1).replace(", stds. ", ", std. ", 1)
            canonical = citations.join_displays(citations.parse_entry(text)).replace("*", "")
            # After its first citation in a page, Title 16 is cited in the style's short form.
            short = re.sub(r"^Cal\. Code Regs\., tit\. (\d+),", r"\1 CCR", canonical)
            assert {text, single} & {canonical, short}, (name, text)


def test_the_search_index_splits_section_numbers_into_searchable_words(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words = {w.lower() for doc in index["docs"] for w in separator.split(re.sub(r"<[^>]+>", " ", doc["text"])) if w}
    assert {"11166", "4980.32", "164.524", "15630"} <= words
    assert "11166(a)" not in words
