"""tools/pdf.py `finish`: bookmarks respelled and metadata set by an incremental update appended to
Chromium's bytes, which two independent readers (qpdf through pikepdf, and pypdf) read back."""

from __future__ import annotations

import io

import pikepdf
import pypdf

from tools.pdf import finish


def chromium_like_pdf() -> bytes:
    """Three pages and bookmarks, one with the space Chromium drops where a heading wraps."""
    document = pikepdf.new()
    for _ in range(3):
        document.add_blank_page()
    with document.open_outline() as outline:
        chapter = pikepdf.OutlineItem("Law and ethics in theCalifornia exam", 0)
        chapter.children.append(pikepdf.OutlineItem("Duty to protect", 1))
        outline.root.extend([chapter, pikepdf.OutlineItem("Glossary", 2)])
    document.docinfo["/Producer"] = "Skia/PDF"
    output = io.BytesIO()
    document.save(output, static_id=True)
    return output.getvalue()


def titles(pdf: bytes) -> list[str]:
    def walk(items: list) -> list[str]:
        found: list[str] = []
        for item in items:
            found += walk(item) if isinstance(item, list) else [item.title]
        return found

    return walk(pypdf.PdfReader(io.BytesIO(pdf), strict=True).outline)


def test_the_original_bytes_stay_and_the_changes_are_appended() -> None:
    original = chromium_like_pdf()
    finished = finish(original, ["Law and ethics in the California exam"], {"Title": "Confidant"})
    assert finished.startswith(original)
    assert finished.count(b"%%EOF") == original.count(b"%%EOF") + 1


def test_bookmarks_take_the_headings_spelling_and_the_metadata_is_set() -> None:
    metadata = {"Title": "Confidant — a study guide", "Author": "Confidant contributors", "Subject": "Law é ethics"}
    finished = finish(chromium_like_pdf(), ["Law and ethics in the California exam", "Glossary"], metadata)
    assert titles(finished) == ["Law and ethics in the California exam", "Duty to protect", "Glossary"]
    reader = pypdf.PdfReader(io.BytesIO(finished), strict=True)
    assert (reader.metadata.title, reader.metadata.author, reader.metadata.subject) == tuple(metadata.values())
    assert reader.metadata["/Producer"] == "Skia/PDF"  # what was there stays
    assert len(reader.pages) == 3
    with pikepdf.open(io.BytesIO(finished)) as document:
        assert str(document.docinfo["/Title"]) == metadata["Title"]
        assert len(document.pages) == 3


def test_a_bookmark_that_matches_no_heading_is_left_as_it_is() -> None:
    finished = finish(chromium_like_pdf(), ["Something else"], {})
    assert titles(finished)[0] == "Law and ethics in theCalifornia exam"
