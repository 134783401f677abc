"""The law changes of 2024-2026 that cost exam points are stated in the built chapters, not just in data."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest


def page_text(site: Path, page: str) -> str:
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    article = raw[raw.index("<article") : raw.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


FACTS = [
    # SB 1024: the Board notice also names the clinician, the license number, type and expiration date.
    (
        "chapters/professional-practice-law",
        r"full name as filed with the Board\s*, the license or registration number\s*, the type of license or "
        r"registration, and its expiration date",
    ),
    # (Citations are shown in their canonical form, so each section names its code.)
    (
        "chapters/professional-practice-law",
        r"§ 4980\.32\(b\)\s*;\s*(?:Bus\. & Prof\. Code )?§ 4996\.75\(b\)\s*;\s*(?:Bus\. & Prof\. Code )?§ 4999\.71\(b\)",
    ),
    # AB 1697: an authorization states an expiration date or event, one year at most unless the signer asks.
    ("chapters/confidentiality", r"state an expiration date or event"),
    ("chapters/confidentiality", r"one year"),
    ("chapters/confidentiality", r"Civ\. Code § 56\.11\(c\)"),
    # The 40-hour weekly cap is in force.
    ("chapters/professional-practice-law", r"no more than 40 hours in any seven consecutive days \(\(c\)\(2\)\)"),
    # Fee disclosure is statutory for all three licenses.
    (
        "chapters/professional-practice-law",
        r"§ 4982\(n\) for LMFTs; (?:Bus\. & Prof\. Code )?§ 4992\.3\(o\) for LCSWs; "
        r"(?:Bus\. & Prof\. Code )?§ 4999\.90\(n\) for LPCCs",
    ),
    # The temporary-practice allowance for out-of-state licensees.
    ("chapters/professional-practice-law", r"up to 30 consecutive days in a calendar year"),
    # AB 462: LPCCs may see couples and families without the old extra requirements.
    ("chapters/professional-practice-law", r"AB 462 \(Stats\. 2021, ch\. 440\) deleted that exclusion"),
]


@pytest.mark.parametrize(("page", "pattern"), FACTS, ids=[f"{p.split('/')[-1]}:{f[:40]}" for p, f in FACTS])
def test_the_built_chapter_states_the_current_rule(built_site, page: str, pattern: str) -> None:
    text = page_text(built_site.site_dir, page)
    assert re.search(pattern, text), f"{page} no longer says /{pattern}/"


STALE = [
    ("chapters/professional-practice-law", r"possibly removed"),
    ("chapters/professional-practice-law", r"1881\(j\)"),
    ("chapters/confidentiality", r"specific end date"),
    ("about/law-changes", r"date not confirmed"),
]


@pytest.mark.parametrize(("page", "pattern"), STALE, ids=[f"{p.split('/')[-1]}:{f}" for p, f in STALE])
def test_the_stale_rule_is_gone(built_site, page: str, pattern: str) -> None:
    assert not re.search(pattern, page_text(built_site.site_dir, page))
