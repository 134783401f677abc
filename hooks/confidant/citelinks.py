"""Citations as links to the official text, in the canonical display form.

The address patterns live in data/authority-links.yml; this module fills them in from a parsed
`Authority` and writes the Markdown that the safe render path (data texts) or the page (chapter
prose) turns into links. A link is an ordinary `<a href>`: nothing loads until a reader follows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .citations import (
    Authority,
    Citation,
    Found,
    Registry,
    Unreadable,
    display_pieces,
    join_displays,
    parse_entry,
    read,
    skipped_spans,
)
from .errors import content_error
from .filecache import cached
from .yamldata import load_yaml, validate_against_schema


@dataclass(frozen=True)
class LinkTable:
    """The address patterns of data/authority-links.yml."""

    patterns: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        """The patterns as one string: a loaded file is reused only while its links are the same."""
        return json.dumps(self.patterns, sort_keys=True, default=str)

    def pattern(self, group: str, key: str) -> str | None:
        value = self.patterns.get(group, {}).get(key)
        return value or None

    def url(self, authority: Authority) -> str | None:
        """The official text of an authority, or None where no stable address exists."""
        section = authority.section.split("–")[0]
        if authority.kind == "ca-code":
            law_code = self.patterns.get("california_codes", {}).get("law_codes", {}).get(authority.code)
            pattern = self.pattern("california_codes", "url")
            return pattern.format(law_code=law_code, section=section) if pattern and law_code else None
        if authority.kind == "ca-regulation":
            return self.pattern("california_regulations", "url")
        if authority.kind == "federal":
            title, _, name = authority.code.partition(" ")
            if name == "C.F.R.":
                if section:
                    pattern = self.pattern("federal_regulations", "section")
                    return pattern.format(title=title, section=section) if pattern else None
                pattern = self.pattern("federal_regulations", "part")
                return pattern.format(title=title, part=authority.label.split()[-1]) if pattern else None
            pattern = self.pattern("federal_statutes", "section")
            return pattern.format(title=title, section=section) if pattern and section else None
        if authority.kind == "bill" and authority.section and authority.label:
            pattern = self.pattern("bills", "url")
            year = int(authority.label.split()[1].rstrip(","))
            first = year if year % 2 else year - 1
            house, number = authority.section.split()
            return pattern.format(session=f"{first}{first + 1}", house=house, number=number) if pattern else None
        if authority.kind == "ethics":
            return self.pattern("ethics_codes", authority.jurisdiction)
        if authority.kind == "publication":
            return self.pattern("publications", authority.jurisdiction)
        return None


NO_LINKS = LinkTable({})


def site_links(root: Path, settings: dict[str, str]) -> LinkTable:
    """The link patterns a site's `extra.confidant` settings name (default data/authority-links.yml)."""
    relative = settings.get("authority_links", "data/authority-links.yml")
    schema = root / settings.get("schemas_dir", "schemas") / "authority-links.schema.json"
    return load_links(root / relative, schema, relative)


def load_links(path: Path, schema_path: Path, display_path: str) -> LinkTable:
    """The link patterns; a site without the file (a test site) shows citations without links."""
    if not path.exists():
        return NO_LINKS
    return cached(
        ("links", path), [path, schema_path], display_path, lambda: _load_links(path, schema_path, display_path)
    )


def _load_links(path: Path, schema_path: Path, display_path: str) -> LinkTable:
    document = load_yaml(path, display_path)
    validate_against_schema(document, schema_path, display_path, "", "")
    return LinkTable(dict(document))


def _link(text: str, url: str | None, attributes: dict[str, str]) -> str:
    if not attributes:
        return f"[{text}]({url})" if url else text
    if url:
        listed = " ".join(f"#{v}" if k == "id" else f'{k}="{v}"' for k, v in attributes.items())
        return f"[{text}]({url}){{ .citation {listed} }}"
    listed = " ".join(f'{k}="{v}"' for k, v in attributes.items())
    return f'<span class="citation" {listed}>{text}</span>'


def citations_markdown(citations: Sequence[Citation], links: LinkTable, anchor: str | None = None) -> str:
    """Markdown for a list of citations: the canonical display, each piece a link to its official text.

    `anchor`, for page prose, is the id of the first piece (a back-link from the table of authorities
    lands on it); each piece then also names its authority in `data-authority` (the table's entry id)."""
    pieces = []
    for index, (citation, text) in enumerate(zip(citations, display_pieces(list(citations)), strict=True)):
        attributes: dict[str, str] = {}
        if anchor:
            attributes = {"id": anchor} if index == 0 else {}
            attributes["data-authority"] = citation.authority.key
        pieces.append(_link(text, links.url(citation.authority), attributes))
    return ", ".join(pieces)


def entry_markdown(text: str, links: LinkTable) -> str:
    """A `citations:` item in canonical form, with links; notes after a citation are kept."""
    parse_entry(text)  # raises Unreadable: loaders check every item first
    return replace_spans(
        text, read(text, strict_publications=True), lambda found: citations_markdown(found.citations, links)
    )


def canonical_markdown(text: str, links: LinkTable | None) -> str:
    """A data text (an explanation, a definition) with every citation it mentions in canonical form, linked
    when `links` is given. Code, links and HTML in the text are left alone, and so is a short form with
    nothing to refer to: these texts are checked by the safe render path, not by the grammar."""
    skipped = skipped_spans(text)
    spans = [
        found
        for found in read(text, skip_unreadable=True)
        if not any(start < found.end and found.start < end for start, end in skipped)
    ]
    if links is None:
        return replace_spans(text, spans, lambda found: join_displays(found.citations))
    return replace_spans(text, spans, lambda found: citations_markdown(found.citations, links))


def replace_spans(text: str, spans: Sequence[Found], render: Callable[[Found], str]) -> str:
    pieces, last = [], 0
    for found in sorted(spans, key=lambda f: f.start):
        pieces += [text[last : found.start], render(found)]
        last = found.end
    pieces.append(text[last:])
    return "".join(pieces)


def resolved(found: Found, registry: Registry) -> Found:
    return Found(found.start, found.end, tuple(registry.citation(c) for c in found.citations), found.text)


def check_citations(items: Any, source: str, entry: str, line: int | None) -> None:
    """Every `citations:` item is read by the citation grammar (confidant.citations), or the build stops
    at the item's line with the nearest known form."""
    for number, item in enumerate(items or []):
        if not isinstance(item, str):
            continue
        try:
            parse_entry(item)
        except Unreadable as error:
            lines = getattr(items, "item_lines", ())
            raise content_error(
                source,
                lines[number] if number < len(lines) else line,
                entry,
                f"citations[{number}]: {error} is not a citation form the guide knows",
                f"write it as `{error.nearest}` (see CONTRIBUTING.md, Citation style)",
            ) from None
