"""Rules every chapter's front matter follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

# Chapters live in docs/chapters/; their question files are data/questions/<chapter stem>.yml.
CHAPTERS_DIR = "chapters/"
REQUIRED_KEYS = ("title", "description", "last_reviewed")


def front_matter_problem(meta: Mapping[str, Any], area_codes: set[str]) -> tuple[str, str] | None:
    """(rule, fix) for the first problem in a chapter's front matter, or None."""
    for key in REQUIRED_KEYS:
        if not meta.get(key):
            return f"chapter front matter lacks `{key}`", f"add `{key}:` to the front matter at the top of the file"
    reviewed = meta["last_reviewed"]
    if not isinstance(reviewed, dt.date):
        return (
            f"`last_reviewed: {reviewed}` is not a date",
            "write the date the law in this chapter was last checked as YYYY-MM-DD",
        )
    area = meta.get("area")
    if area is not None and area not in area_codes:
        return f"unknown area '{area}'", f"use an area code from data/exam-plan.yml: {', '.join(sorted(area_codes))}"
    return None


def review_date_label(reviewed: dt.date) -> str:
    """'26 November 2026': unambiguous for readers in any locale."""
    return f"{reviewed.day} {reviewed:%B %Y}"
