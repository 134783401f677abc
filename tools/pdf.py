"""Print site/print/book.html to the PDF book with Debian's Chromium.

    python -m tools.pdf --site site            # the site is already built
    python -m tools.pdf --site site --build    # build the site first and compare the two times

Chromium has no CSS `target-counter()`, so the table of contents and the table of authorities get
their page numbers from a first, quick print: its named destinations say on which page each part and
each cited place falls, the numbers are written into the book, and the book is printed again, tagged
and with its bookmarks; that print is kept once it shows the numbers it was given.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
]
# The print only: keep the Chromium process tree under 1 GiB at its peak (issue 19, `make bench`).
# A smaller V8 heap makes the book's renderer collect garbage sooner (about 150 MiB less at the
# peak, measured); one renderer, no software rasteriser and no background features do the rest.
# `--expose-gc` lets print_pdf collect between the passes.
PRINT_ARGS = [
    "--js-flags=--max-old-space-size=256 --expose-gc",
    "--renderer-process-limit=1",
    "--disable-software-rasterizer",
    "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
BOOK = Path("print/book.html")
PDF_NAME = Path("downloads/confidant-study-guide.pdf")
MAX_PASSES = 4


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    page: int  # 1-based


def read_outline(pdf: bytes) -> list[OutlineEntry]:
    """Bookmarks in document order, with the page each one opens."""
    entries: list[OutlineEntry] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers, names = page_numbers(document), named_destinations(document)

        def walk(items: list, level: int) -> None:
            for item in items:
                destination = item.destination
                if destination is None and item.action is not None:
                    destination = item.action.get("/D")
                page = destination_page(destination, numbers, names)
                entries.append(OutlineEntry(level, " ".join(str(item.title).split()), page or 0))
                walk(item.children, level + 1)

        with document.open_outline() as outline:
            walk(outline.root, 0)
    return entries


def page_numbers(document: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """Each page object's 1-based page number."""
    return {page.objgen: number for number, page in enumerate(document.pages, start=1)}


def named_destinations(document: pikepdf.Pdf) -> dict[str, object]:
    """The document's named destinations, by name without its slash: Chromium writes them in the
    catalog's /Dests dictionary; a /Names tree (PDF 1.2 and later) is read too."""
    root = document.Root
    found: dict[str, object] = {}
    if "/Dests" in root:
        found.update((str(name).lstrip("/"), destination) for name, destination in root.Dests.items())
    if "/Names" in root and "/Dests" in root.Names:
        found.update((str(name), destination) for name, destination in pikepdf.NameTree(root.Names.Dests).items())
    return found


def destination_page(destination: object, numbers: dict[tuple[int, int], int], names: dict[str, object]) -> int | None:
    """The page a destination opens: an array [page, fit, ...], a dictionary with /D, or a name."""
    if isinstance(destination, (str, pikepdf.String, pikepdf.Name)):
        destination = names.get(str(destination).lstrip("/"))
    if isinstance(destination, pikepdf.Dictionary):
        destination = destination.get("/D")
    if isinstance(destination, pikepdf.Array) and len(destination):
        return numbers.get(destination[0].objgen)
    return None


def squeeze(text: str) -> str:
    return "".join(text.split())


def start_pages(outline: list[OutlineEntry], titles: list[str]) -> list[int | None]:
    """The page of each title, matched in order (a title may repeat later in the book).

    Chromium drops the space where a heading wraps onto a new line, so titles are compared
    without whitespace.
    """
    pages: list[int | None] = []
    cursor = 0
    for title in titles:
        found = None
        for index in range(cursor, len(outline)):
            if squeeze(outline[index].title) == squeeze(title):
                found, cursor = outline[index].page, index + 1
                break
        pages.append(found)
    return pages


def outline_items(document: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every bookmark's dictionary, depth first, read straight from the outline's linked lists."""
    items: list[pikepdf.Dictionary] = []
    root = document.Root.get("/Outlines")
    todo = [root.get("/First")] if root is not None else []
    while todo:
        item = todo.pop()
        if item is None:
            continue
        items.append(item)
        todo += [item.get("/Next"), item.get("/First")]
    return items


def finish(pdf: bytes, headings: list[str], metadata: dict[str, str]) -> bytes:
    """Bookmarks spelled as their headings, and the document's Title, Author and Subject.

    Chromium drops the space where a heading wraps onto a new line ("theCalifornia"); each bookmark
    whose title equals a heading but for whitespace gets the heading's text. The changes are
    appended to Chromium's file as an incremental update (PDF 2.0, 7.5.6): the objects changed and
    a cross-reference section for them, after the original bytes, which stay as they are (the
    structure tree included). Rewriting all 60,000-odd objects through qpdf took 1.5 s of the step.
    """
    spelled = {squeeze(heading): heading for heading in headings}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        changed: dict[tuple[int, int], pikepdf.Object] = {}
        for item in outline_items(document):
            title = str(item.get("/Title", ""))
            fixed = spelled.get(squeeze(title))
            if fixed and fixed != title:
                item.Title = pikepdf.String(fixed)
                changed[item.objgen] = item
        trailer = document.trailer
        size = int(trailer.Size)
        info = trailer.get("/Info")
        if info is None or not info.is_indirect:
            info = document.make_indirect(pikepdf.Dictionary(dict(info or {})))
            size = max(size, info.objgen[0] + 1)
        for key, value in metadata.items():
            if value:
                info[f"/{key}"] = pikepdf.String(value)
        changed[info.objgen] = info
        return pdf + incremental_update(pdf, changed, size, info.objgen, trailer)


def incremental_update(
    pdf: bytes,
    changed: dict[tuple[int, int], pikepdf.Object],
    size: int,
    info: tuple[int, int],
    trailer: pikepdf.Dictionary,
) -> bytes:
    """The bytes to append to `pdf` so that `changed` replaces those objects: each object, a
    cross-reference section listing them, and a trailer pointing back at the previous section."""
    previous = int(pdf[pdf.rindex(b"startxref") + len(b"startxref") :].split()[0])
    body = bytearray(b"" if pdf.endswith(b"\n") else b"\n")
    offsets: dict[tuple[int, int], int] = {}
    for objgen, obj in sorted(changed.items()):
        offsets[objgen] = len(pdf) + len(body)
        # `resolved=True` writes the object itself; the objects it refers to stay references.
        body += f"{objgen[0]} {objgen[1]} obj\n".encode() + obj.unparse(resolved=True) + b"\nendobj\n"
    xref_at = len(pdf) + len(body)
    # The free list's head first, as writers do: some readers take a section that does not start at
    # object 0 for a misnumbered one.
    body += b"xref\n0 1\n0000000000 65535 f \n"
    for (number, generation), offset in offsets.items():
        body += f"{number} 1\n{offset:010d} {generation:05d} n \n".encode()
    ids = trailer.get("/ID")
    extra = f" /ID {ids.unparse().decode('latin-1')}" if ids is not None else ""
    body += (
        f"trailer\n<< /Size {size} /Root {document_reference(trailer.Root)} /Info {info[0]} {info[1]} R"
        f" /Prev {previous}{extra} >>\nstartxref\n{xref_at}\n%%EOF\n"
    ).encode("latin-1")
    return bytes(body)


def document_reference(obj: pikepdf.Object) -> str:
    number, generation = obj.objgen
    return f"{number} {generation} R"


def destination_pages(pdf: bytes, anchors: list[str]) -> list[int | None]:
    """The page of each anchor, from the PDF's named destinations (Chromium writes one for every
    element a link in the document points to)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers, names = page_numbers(document), named_destinations(document)
        return [destination_page(names.get(anchor), numbers, names) for anchor in anchors]


# For the first pass: every box laid out where it will be, nothing painted. Chromium still writes a
# named destination for each link target (it takes them from the layout, not from the paint).
LAYOUT_ONLY = "html { visibility: hidden !important; } * { visibility: inherit !important; }"


def print_pdf(page: Page, final: bool = True) -> bytes:
    """The book as a PDF. A pass that only finds where things fall (`final=False`) paints nothing
    and leaves out the tags, the bookmarks and the backgrounds: none of them moves anything, and
    the print takes less than half the time (about 3 against 7 s). Named destinations are written
    either way."""
    if final:
        return page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
    page.evaluate(
        "(css) => { const s = document.createElement('style'); s.id = 'confidant-layout-only';"
        " s.textContent = css; document.head.append(s); }",
        LAYOUT_ONLY,
    )
    try:
        return page.pdf(prefer_css_page_size=True, print_background=False, outline=False, tagged=False)
    finally:
        # The styles of the hidden pass are garbage now; collected before the final print, the
        # peak is about 100 MiB lower (910-950 against 825-835 MiB PSS, measured).
        page.evaluate("() => { document.getElementById('confidant-layout-only').remove(); window.gc?.(); }")


def render(book: Path, output: Path) -> tuple[int, int]:
    """Print the book; returns (pages, passes)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + PRINT_ARGS)
        page = browser.new_page()
        page.goto(book.resolve().as_uri(), wait_until="load")
        page.wait_for_function("window.confidantBook && window.confidantBook.ready", timeout=120_000)
        problem = page.evaluate("window.confidantBook.error")
        if problem:
            raise SystemExit(f"A diagram in the book failed to render: {problem}")
        titles = page.evaluate(
            """() => Array.from(document.querySelectorAll('.toc__page')).map(el => {
                 const heading = document.getElementById(el.dataset.anchor).querySelector('h1');
                 return heading.textContent.replace(/\\s+/g, ' ').trim();
               })"""
        )
        headings = page.evaluate(
            """() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
                 .map(h => h.textContent.replace(/\\s+/g, ' ').trim())"""
        )
        metadata = page.evaluate(
            """() => ({ Title: document.title,
                        Author: document.querySelector('meta[name=author]')?.content || '',
                        Subject: document.querySelector('meta[name=description]')?.content || '' })"""
        )
        # The table of authorities: each place's link target, whose page is written beside it.
        places = page.evaluate("() => Array.from(document.querySelectorAll('.toa-place')).map(a => a.hash.slice(1))")
        anchors = page.evaluate(
            "() => Array.from(document.querySelectorAll('.toc__page')).map(el => el.dataset.anchor)"
        )
        numbers: list[int | None] = []
        place_numbers: list[int | None] = []
        pdf = b""
        passes = 0
        while passes < MAX_PASSES:
            passes += 1
            # The first pass only finds the page numbers; the PDF kept is always a full print
            # whose numbers are the ones it shows.
            final = passes > 1
            pdf = print_pdf(page, final)
            found = destination_pages(pdf, anchors + places)
            found, found_places = found[: len(anchors)], found[len(anchors) :]
            if None in found:
                missing = [t for t, n in zip(titles, found, strict=True) if n is None]
                raise SystemExit(f"No named destination for: {missing}")
            if final and found == numbers and found_places == place_numbers:
                break
            numbers, place_numbers = found, found_places
            page.evaluate(
                "(numbers) => document.querySelectorAll('.toc__page').forEach((el, i) => el.textContent = numbers[i])",
                numbers,
            )
            page.evaluate(
                "(numbers) => document.querySelectorAll('.toa-page').forEach((el, i) => "
                "el.textContent = numbers[i] ? ` p.\\u00a0${numbers[i]}` : '')",
                place_numbers,
            )
        browser.close()
    bookmarked = start_pages(read_outline(pdf), titles)
    if bookmarked != numbers:
        wrong = [t for t, b, n in zip(titles, bookmarked, numbers, strict=True) if b != n]
        raise SystemExit(f"The bookmarks and the contents disagree (or a bookmark is missing) for: {wrong}")
    pdf = finish(pdf, headings, metadata)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages), passes


def build_site(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(ROOT / "mkdocs.yml"),
        "--site-dir",
        str(site),
    ]
    subprocess.run(command, check=True, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--build", action="store_true", help="build the site first and report both times")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium (make site does it when it can)", file=sys.stderr)
        return 1
    html_seconds = None
    if args.build:
        started = time.perf_counter()
        build_site(args.site)
        html_seconds = time.perf_counter() - started
    book = args.site / BOOK
    if not book.exists():
        print(f"{book} is missing: build the site first (make site)", file=sys.stderr)
        return 1
    started = time.perf_counter()
    pages, passes = render(book, args.site / PDF_NAME)
    pdf_seconds = time.perf_counter() - started
    print(f"PDF: {args.site / PDF_NAME} ({pages} pages, {passes} print passes) in {pdf_seconds:.1f} s")
    if html_seconds is not None:
        print(
            f"HTML build: {html_seconds:.1f} s; PDF: {pdf_seconds:.1f} s; PDF/HTML = {pdf_seconds / html_seconds:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
