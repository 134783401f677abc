"""Glossary linking cost: it should grow with the length of the text, not with terms x text.

    .venv/bin/python benchmarks/glossary_linking.py

Links 1,000 and then 2,000 synthetic terms into the same 1 MB of HTML prose and prints both
times and their ratio. A matcher that tried every term at every position would take about twice
as long with twice the terms (ratio ~2.0); the trie-shaped single regex should stay near 1.0.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import html as html_lib
import re

from confidant.glossary import Matcher, Term, build_matcher, link_terms

TARGET_BYTES = 1_000_000
REPEATS = 3


def synthetic_terms(count: int, rng: random.Random) -> list[Term]:
    syllables = ["ka", "lo", "mi", "ne", "ra", "su", "ti", "vo", "xe", "zu", "pra", "glo", "tri", "sen", "dor"]
    terms, seen = [], set()
    while len(terms) < count:
        words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 3))]
        name = " ".join(words)
        if name in seen:
            continue
        seen.add(name)
        slug = "-".join(words) + f"-{len(terms)}"
        terms.append(Term(name, slug, (name + "s",), "A synthetic definition.", (), (), len(terms) + 1))
    return terms


def synthetic_prose(terms: list[Term], rng: random.Random) -> str:
    filler = [
        "the",
        "client",
        "and",
        "the",
        "therapist",
        "discussed",
        "what",
        "the",
        "law",
        "requires",
        "before",
        "any",
        "disclosure",
        "is",
        "made",
    ]
    paragraphs, size = [], 0
    while size < TARGET_BYTES:
        words = []
        for _ in range(80):
            words.append(rng.choice(terms).term if rng.random() < 0.05 else rng.choice(filler))
        paragraph = "<p>" + " ".join(words) + ".</p>\n"
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "".join(paragraphs)


def naive_matcher(terms: list[Term]) -> Matcher:
    """For comparison: one plain alternation, longest spelling first (what a naive linker does)."""
    trie = build_matcher(terms)
    spellings = sorted({html_lib.escape(s, quote=False) for s in trie.by_spelling}, key=len, reverse=True)
    alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in spellings)
    return Matcher(re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])", re.IGNORECASE), trie.by_spelling)


def best_time(terms: list[Term], html: str, make=build_matcher) -> float:
    matcher = make(terms)
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        link_terms(html, matcher, lambda term, text: f'<a href="#{term.slug}">{text}</a>')
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    rng = random.Random(20261126)
    all_terms = synthetic_terms(2000, rng)
    # The same prose for both runs, drawing only on the first 1,000 terms, so the two runs
    # differ only in the number of terms the matcher knows.
    html = synthetic_prose(all_terms[:1000], rng)
    small = best_time(all_terms[:1000], html)
    large = best_time(all_terms, html)
    print(f"prose: {len(html) / 1e6:.2f} MB of HTML")
    print(f"1,000 terms: {small:.3f} s")
    print(f"2,000 terms: {large:.3f} s")
    print(
        f"ratio 2,000 / 1,000 terms: {large / small:.2f} (about 1.0 means the cost does not grow with the term count)"
    )
    naive_small = best_time(all_terms[:1000], html, naive_matcher)
    naive_large = best_time(all_terms, html, naive_matcher)
    print(
        f"for comparison, a plain alternation: {naive_small:.3f} s / {naive_large:.3f} s, "
        f"ratio {naive_large / naive_small:.2f}; trie speed-up at 2,000 terms: {naive_large / large:.1f}x"
    )


if __name__ == "__main__":
    main()
