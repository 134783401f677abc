"""The PDF book: structure, table of contents, answer key, glossary, fonts, and no leaked markup."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from confidant.questions import load_bank
from tools.pdf import BOOK, PDF_NAME, read_outline, squeeze

ROOT = Path(__file__).resolve().parents[2]
PREVIEW_DIR = ROOT / "build" / "pdf-preview"


class BookHeadings(HTMLParser):
    """(level, text) of every h1/h2 inside the book's parts, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self._level: int | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2"):
            self._level, self._text = int(tag[1]), []
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("h1", "h2") and self._level is not None:
            self.headings.append((self._level, " ".join("".join(self._text).split())))
            self._level = None
        elif tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if self._level is not None and not self._skip:
            self._text.append(data)


@pytest.fixture(scope="module")
def pdf_path(built_site) -> Path:
    """The PDF, made the way `make site` makes it (a separate process drives Chromium)."""
    completed = subprocess.run(
        [sys.executable, "-m", "tools.pdf", "--site", str(built_site.site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    passes = int(re.search(r"(\d+) print passes", completed.stdout).group(1))
    assert passes >= 2, "the table of contents needs a second print to carry page numbers"
    return built_site.site_dir / PDF_NAME


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def page_texts(pdf_path: Path, reader: PdfReader) -> list[str]:
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, len(reader.pages) + 1)
    ]


@pytest.fixture(scope="module")
def bank() -> dict:
    plan = yaml.safe_load((ROOT / "data/exam-plan.yml").read_text())
    return load_bank(
        ROOT / "data/questions", ROOT / "schemas/questions.schema.json", [a["code"] for a in plan["areas"]], ROOT
    )


def test_page_count_is_plausible(reader: PdfReader) -> None:
    chapters = len(list((ROOT / "docs/chapters").glob("*.md")))
    assert chapters * 5 < len(reader.pages) < 1000


def test_outline_lists_every_chapter_and_section_in_order(built_site, pdf_path: Path) -> None:
    parser = BookHeadings()
    parser.feed((built_site.site_dir / BOOK).read_text())
    expected = [(level - 1, squeeze(text)) for level, text in parser.headings]
    outline = [(entry.level, squeeze(entry.title)) for entry in read_outline(pdf_path.read_bytes()) if entry.level <= 1]
    assert outline == expected
    chapter_titles = [text for level, text in expected if level == 0]
    assert any("Confidentiality" in title for title in chapter_titles)


def test_table_of_contents_page_numbers_match_where_parts_start(pdf_path: Path) -> None:
    outline = read_outline(pdf_path.read_bytes())
    starts = {squeeze(e.title): e.page for e in outline if e.level == 0}
    # Reading order (no -layout): each entry's title is followed by its page number. The crop
    # (A4 is 595 x 842 pt) leaves out the running header and the page number in the footer.
    contents = squeeze(
        subprocess.run(
            ["pdftotext", "-f", "2", "-l", "2", "-x", "0", "-y", "40", "-W", "595", "-H", "740", str(pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert contents.startswith("Contents")
    checked = 0
    for title, page in starts.items():
        if title in ("Confidant", "Contents"):
            continue
        match = re.search(re.escape(title) + r"(\d+)", contents)
        assert match, f"{title} is not in the table of contents"
        assert int(match.group(1)) == page, f"{title}: contents say {match.group(1)}, it starts on {page}"
        checked += 1
    assert checked >= 10


def test_every_question_is_in_the_answer_key_with_its_letter(bank: dict, page_texts: list[str]) -> None:
    text = " ".join(" ".join(page_texts).split())
    key = text[text.rindex("Answer key Every self-check question") :]
    found = {
        qid: letters for letters, qid in re.findall(r"\d+\.\d+ ((?:[A-F], )*[A-F]) ([a-z0-9]+(?:-[a-z0-9]+)+)", key)
    }
    for questions in bank.values():
        for question in questions:
            assert found.get(question.id) == question.correct_letters, question.id


def test_every_question_is_printed_with_lettered_options(bank: dict, page_texts: list[str]) -> None:
    text = " ".join(" ".join(page_texts).split())
    total = sum(len(q) for q in bank.values())
    printed = re.findall(r"\b\d+\.\d+ .{10,}? A\. .+? B\. ", text)
    assert len(printed) >= total


def test_every_glossary_term_appears(page_texts: list[str]) -> None:
    text = squeeze(" ".join(page_texts)).lower()
    glossary = text[text.rindex("appendixb") :]
    for entry in yaml.safe_load((ROOT / "data/glossary.yml").read_text())["terms"]:
        assert squeeze(entry["term"]).lower() in glossary, entry["term"]


@pytest.mark.parametrize(
    "leak",
    # Markup of the site, and mermaid source (a diagram that failed to render would print as text).
    [
        "<quiz>",
        "</quiz>",
        "[x]",
        "[ ]",
        "{{",
        "}}",
        "<!--",
        "</",
        "<div",
        "<p>",
        "MKDOCS_QUIZ",
        "{ #",
        "flowchart TD",
        "-->",
    ],
)
def test_no_raw_markup_leaks(page_texts: list[str], leak: str) -> None:
    for number, text in enumerate(page_texts, start=1):
        assert leak not in text, f"page {number}"


def test_fonts_are_embedded(reader: PdfReader) -> None:
    checked = 0
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            assert descriptor is not None, font.get("/BaseFont")
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
            checked += 1
    assert checked


def test_links_inside_the_book_jump_within_the_pdf(reader: PdfReader) -> None:
    internal = external_to_book = 0
    for page in reader.pages[1:3]:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            action = annotation.get("/A", {})
            if "/Dest" in annotation or action.get("/S") == "/GoTo":
                internal += 1
            elif action.get("/S") == "/URI":
                external_to_book += 1
    assert internal >= 10, "the table of contents should link to the parts"


def test_site_links_the_pdf(built_site) -> None:
    assert 'href="downloads/confidant-study-guide.pdf"' in (built_site.site_dir / "index.html").read_text()


def test_pages_render_to_png_for_a_visual_check(pdf_path: Path) -> None:
    """Writes build/pdf-preview/page-*.png (cover, contents, a chapter, the answer key) to look at."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is missing: make test installs it")
    PREVIEW_DIR.mkdir(parents=True, exist_ok=True)
    for page in (1, 2, 5):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf_path),
                str(PREVIEW_DIR / "page"),
            ],
            check=True,
        )
    images = sorted(PREVIEW_DIR.glob("page-*.png"))
    assert len(images) >= 3
    assert all(image.stat().st_size > 5_000 for image in images)


class TableHeaders(HTMLParser):
    """The text of every <th> in the book."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "th":
            self._inside, self._text = True, []

    def handle_endtag(self, tag):
        if tag == "th" and self._inside:
            self.headers.append(" ".join("".join(self._text).split()))
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self._text.append(data)


def test_bookmark_titles_equal_the_heading_text(built_site, pdf_path: Path) -> None:
    parser = BookHeadings()
    parser.feed((built_site.site_dir / BOOK).read_text())
    expected = [(level - 1, text) for level, text in parser.headings]
    outline = [(entry.level, entry.title) for entry in read_outline(pdf_path.read_bytes()) if entry.level <= 1]
    assert outline == expected


def test_no_word_is_split_inside_a_table_header(built_site, pdf_path: Path) -> None:
    parser = TableHeaders()
    parser.feed((built_site.site_dir / BOOK).read_text())
    words = {w for header in parser.headers for w in re.findall(r"[A-Za-z]{5,}", header)}
    assert len(words) > 10
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    split = [
        f"{word[:cut]}|{word[cut:]}"
        for word in words
        for cut in range(2, len(word) - 1)
        if re.search(rf"\b{word[:cut]}\n{word[cut:]}\b", text)
    ]
    assert split == []


@pytest.mark.parametrize("phrase", ["hover", "Edit this page", "click", "tap it", "tap them"])
def test_no_web_only_phrases_in_the_pdf(page_texts: list[str], phrase: str) -> None:
    for number, text in enumerate(page_texts, start=1):
        assert phrase.lower() not in " ".join(text.split()).lower(), f"page {number}"


def test_running_heads_name_the_part_not_the_web_navigation(pdf_path: Path, reader: PdfReader) -> None:
    starts = {e.title: e.page for e in read_outline(pdf_path.read_bytes()) if e.level == 0}
    introduction = next(page for title, page in starts.items() if title.startswith("Confidant: a study guide"))
    # The running head is in the top margin (A4: 842 pt tall); read the part's second page.
    head = subprocess.run(
        [
            "pdftotext",
            "-f",
            str(introduction + 1),
            "-l",
            str(introduction + 1),
            "-x",
            "0",
            "-y",
            "0",
            "-W",
            "595",
            "-H",
            "50",
            str(pdf_path),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert head.startswith("Confidant: a study guide"), head
    assert head != "Home"


def test_metadata_names_title_author_and_subject_and_the_pdf_stays_tagged(reader: PdfReader) -> None:
    info = reader.metadata
    assert info.title and "Law and Ethics Exam" in info.title
    assert info.author == "Confidant contributors"
    assert info.subject and "study guide" in info.subject
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])  # a pypdf BooleanObject, not the True singleton


class BookPlaces(HTMLParser):
    """The table of authorities' place links in order, and the text of every element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.places: list[str] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and "toa-place" in (values.get("class") or ""):
            self.places.append((values.get("href") or "")[1:])
        if values.get("id") and tag in ("a", "span", "div"):
            self._open.append(values["id"])
            self.text[values["id"]] = ""

    def handle_endtag(self, tag):
        if tag in ("a", "span", "div") and self._open:
            self._open.pop()

    def handle_data(self, data):
        for ident in self._open:
            self.text[ident] += data


def test_table_of_authorities_page_numbers_match_where_each_citation_falls(
    built_site, pdf_path: Path, reader: PdfReader, page_texts: list[str]
) -> None:
    book = BookPlaces()
    book.feed((built_site.site_dir / BOOK).read_text())
    assert len(book.places) > 1000
    destinations = {
        str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }
    expected = [destinations[place] for place in book.places]
    start = next(
        e.page for e in read_outline(pdf_path.read_bytes()) if e.level == 0 and e.title == "Table of authorities"
    )
    printed = [int(n) for text in page_texts[start - 1 :] for n in re.findall(r"\bp\.\s*(\d+)", text)]
    assert printed == expected
    # Each number is the page where the citation is printed: the chapter's citation, the question's
    # answer-key entry (its sources), the glossary entry.
    checked = 0
    for place, page in zip(book.places, expected, strict=True):
        text = squeeze(page_texts[page - 1])
        if "--cite-" in place:
            number = re.search(r"\d[\d.]*\w*", book.text[place])
            needle = number.group(0) if number else book.text[place][:20]
            assert squeeze(needle) in text, (place, page, book.text[place])
        elif place.startswith("answer-"):
            assert squeeze(place.removeprefix("answer-")) in text, (place, page)
        checked += 1
    assert checked == len(book.places)
