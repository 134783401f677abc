"""Chapters adapt the source article in their own words: no 8-word run may be shared with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT.parent / "shared" / "source" / "confidentiality-article.txt"
RUN = 8


def words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9']+", text.lower())


def shingles(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def test_detector_finds_a_copied_run() -> None:
    source = "When clients know their information is strictly between them and their therapist it is safe."
    copied = "Remember: when clients know their information is strictly between them, they talk."
    assert shingles(source) & shingles(copied)
    assert not shingles(source) & shingles("Clients who trust that their words stay private speak more freely.")


@pytest.mark.skipif(not ARTICLE.exists(), reason="shared/source is not beside this checkout")
@pytest.mark.parametrize("chapter", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: p.name)
def test_no_eight_word_run_from_the_article(chapter: Path) -> None:
    shared = shingles(ARTICLE.read_text(encoding="utf-8")) & shingles(chapter.read_text(encoding="utf-8"))
    assert not shared, [" ".join(run) for run in sorted(shared)][:5]
