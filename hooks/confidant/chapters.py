"""Rules every chapter's front matter follows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from .errors import content_error
from .safehtml import plain_problem
from .yamldata import parse_yaml

# Chapters live in docs/chapters/; their question files are data/questions/<chapter stem>.yml.
CHAPTERS_DIR = "chapters/"
REQUIRED_KEYS = ("title", "description", "last_reviewed")


def front_matter_problem(meta: Mapping[str, Any], area_codes: set[str]) -> tuple[str, str] | None:
    """(rule, fix) for the first problem in a chapter's front matter, or None."""
    for key in REQUIRED_KEYS:
        if not meta.get(key):
            return f"chapter front matter lacks `{key}`", f"add `{key}:` to the front matter at the top of the file"
    for key in ("title", "description"):
        problem = plain_problem(str(meta[key]))
        if problem:
            return f"front matter `{key}`: {problem[0]}", problem[1]
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


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
DATE_LINE = re.compile(r"^last_reviewed:\s*['\"]?(?P<value>[^'\"\n#]*?)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def check_front_matter_text(text: str, display_path: str, today: dt.date) -> None:
    """Fail on what MkDocs would silently swallow: a front-matter YAML error (MkDocs then drops
    the whole block, and the chapter seems to lack its `title`), a `last_reviewed` that is no
    real date, or one in the future."""
    match = FRONT_MATTER.match(text)
    if not match:
        return
    body = match["body"]
    date = DATE_LINE.search(body)
    if date:
        line = body.count("\n", 0, date.start()) + 2
        value = date["value"].strip()
        try:
            reviewed = dt.date.fromisoformat(value)
        except ValueError:
            raise content_error(
                display_path,
                line,
                None,
                f"`last_reviewed: {value}` is not a real date",
                "write the date the law in this chapter was last checked as YYYY-MM-DD",
            ) from None
        if reviewed > today:
            raise content_error(
                display_path,
                line,
                None,
                f"`last_reviewed: {value}` is in the future",
                "write the day the chapter was actually checked against the law (today or earlier)",
            )
    document = parse_yaml(body, display_path, first_line=2)
    if not isinstance(document, dict):
        raise content_error(
            display_path, 2, None, "the front matter is not a list of `key: value` lines", "see CONTRIBUTING.md"
        )


HEADING = re.compile(r"^##[ \t]+(?P<title>.+?)[ \t]*$", re.MULTILINE)
HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}[ \t]*$")
FENCE = re.compile(r"^[ \t]*(?P<fence>```|~~~).*?^[ \t]*(?P=fence)", re.MULTILINE | re.DOTALL)


def heading_ids(text: str) -> list[tuple[int, str, str | None]]:
    """(line, title, explicit id or None) of every `##` heading outside code blocks."""
    fenced = [(m.start(), m.end()) for m in FENCE.finditer(text)]
    found = []
    for match in HEADING.finditer(text):
        if any(start <= match.start() < end for start, end in fenced):
            continue
        line = text.count("\n", 0, match.start()) + 1
        explicit = HEADING_ID.search(match["title"])
        found.append((line, match["title"], explicit["id"] if explicit else None))
    return found


def check_headings(text: str, display_path: str) -> None:
    """Every `##` heading carries its own explicit `{ #id }`: questions and links point at these ids,
    so a removed or repeated id is reported here, on the chapter, where it was removed."""
    seen: dict[str, int] = {}
    for line, title, heading_id in heading_ids(text):
        if heading_id is None:
            raise content_error(
                display_path,
                line,
                None,
                f"the heading `## {title}` has no `{{ #id }}`",
                "end the heading with its id, e.g. `## Timelines { #child-reporting-timelines }`; if you removed "
                "an id, put the old one back (questions' `section:` and links point at it)",
            )
        if heading_id in seen:
            raise content_error(
                display_path,
                line,
                None,
                f"the heading id `{heading_id}` is already used on line {seen[heading_id]}",
                "give each `##` heading its own id",
            )
        seen[heading_id] = line
