"""The glossary: loading and checking terms, one matcher for all of them, and linking.

Linking works on the rendered HTML of a page, so it also reaches text that other
plugins produce (mkdocs-quiz's questions and explanations). Only text nodes are
touched, and never inside links, code, headings, labels or scripts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .citelinks import NO_LINKS, LinkTable, canonical_markdown, check_citations, entry_markdown
from .errors import content_error
from .filecache import cached
from .safehtml import markdown_problem, plain_problem, render_markdown, render_plain
from .sections import box_sections
from .yamldata import check_nesting, load_yaml, validate_against_schema


@dataclass(frozen=True)
class Term:
    term: str
    slug: str
    aliases: tuple[str, ...]
    definition: str
    citations: tuple[str, ...]
    see_also: tuple[str, ...]
    line: int
    links: LinkTable = field(default=NO_LINKS, compare=False, repr=False)  # official-text address patterns

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    @cached_property
    def definition_html(self) -> str:
        """The definition through the safe render path (confidant.safehtml)."""
        return render_markdown(canonical_markdown(self.definition, self.links), inline=True)

    @cached_property
    def citations_html(self) -> tuple[str, ...]:
        """Each citation in its canonical form, linked to the official text, through the safe render path."""
        return tuple(render_markdown(entry_markdown(c, self.links), inline=True) for c in self.citations)

    @property
    def plain_definition(self) -> str:
        """The definition as plain text, for a tooltip (the template escapes it)."""
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", self.definition_html)).split())


def _fail(source: str, raw: Mapping[str, Any], index: int, rule: str, fix: str) -> None:
    name = raw.get("term") if isinstance(raw.get("term"), str) else f"entry #{index + 1}"
    raise content_error(source, getattr(raw, "line", None), name, rule, fix)


def check_term_rules(raw: Mapping[str, Any], index: int, source: str) -> None:
    """Rules checked before the schema so the message is specific."""
    if not str(raw.get("definition") or "").strip():
        _fail(source, raw, index, "empty definition", "write a plain-language definition of one to three sentences")
    texts: list[tuple[str, object, bool]] = [
        ("term", raw.get("term"), True),
        ("definition", raw.get("definition"), False),
    ]
    texts += [(f"aliases[{i}]", alias, True) for i, alias in enumerate(raw.get("aliases") or [])]
    texts += [(f"citations[{i}]", citation, False) for i, citation in enumerate(raw.get("citations") or [])]
    for field_name, value, plain in texts:
        if not isinstance(value, str):
            continue
        problem = plain_problem(value) if plain else markdown_problem(value)
        if problem:
            _fail(source, raw, index, f"{field_name}: {problem[0]}", problem[1])
    name = raw.get("term") if isinstance(raw.get("term"), str) else f"entry #{index + 1}"
    check_citations(raw.get("citations"), source, name, getattr(raw, "line", None))
    slug = raw.get("slug")
    if isinstance(slug, str) and (slug.startswith(GENERATED_ANCHOR_PREFIX) or slug in RESERVED_ANCHORS):
        _fail(
            source,
            raw,
            index,
            f"slug '{slug}' collides with an anchor the glossary page makes itself",
            f"choose a slug that does not start with '{GENERATED_ANCHOR_PREFIX}' and is not one of: "
            f"{', '.join(sorted(RESERVED_ANCHORS))}",
        )


# Anchors the glossary page generates: its letter headings, and ids Material and the quiz use.
GENERATED_ANCHOR_PREFIX = "letter-"
RESERVED_ANCHORS = frozenset({"glossary", "quiz-results", "check-your-understanding", "__skip", "__search"})


def check_glossary_consistency(terms: list[Term], source: str) -> None:
    """Across entries: unique terms and slugs, no alias shared, every see_also exists."""
    owner: dict[str, Term] = {}
    slugs: dict[str, Term] = {}
    for entry in terms:
        if entry.slug in slugs:
            raise content_error(
                source,
                entry.line,
                entry.term,
                f"duplicate slug '{entry.slug}' (already used by '{slugs[entry.slug].term}', line {slugs[entry.slug].line})",
                "give every entry its own slug",
            )
        slugs[entry.slug] = entry
        for spelling in entry.spellings:
            key = " ".join(spelling.lower().split())
            other = owner.get(key)
            if other is not None and other is not entry:
                what = "duplicate term" if spelling == entry.term and key == other.term.lower() else "alias clash"
                raise content_error(
                    source,
                    entry.line,
                    entry.term,
                    f"{what}: '{spelling}' is already the term or an alias of '{other.term}' (line {other.line})",
                    "merge the two entries, or remove the spelling from one of them",
                )
            owner[key] = entry
    for entry in terms:
        for slug in entry.see_also:
            if slug not in slugs:
                raise content_error(
                    source,
                    entry.line,
                    entry.term,
                    f"see_also names unknown slug '{slug}'",
                    f"use the slug of an existing entry, or add an entry with slug '{slug}'",
                )


def load_glossary(path: Path, source: str, schema_path: Path, links: LinkTable = NO_LINKS) -> list[Term]:
    """Load and check data/glossary.yml (kept while it, its schema and the link patterns are unchanged: see
    filecache.py)."""
    return cached(
        ("glossary", path),
        [path, schema_path],
        (source, links.fingerprint),
        lambda: _load_glossary(path, source, schema_path, links),
    )


def _load_glossary(path: Path, source: str, schema_path: Path, links: LinkTable) -> list[Term]:
    document = load_yaml(path, source)
    if not isinstance(document, dict) or not isinstance(document.get("terms"), list):
        raise content_error(source, 1, None, "the file must hold a `terms:` list", "start the file with `terms:`")
    check_nesting(document, path, source, "terms", "term")
    for index, raw in enumerate(document["terms"]):
        if isinstance(raw, Mapping):
            check_term_rules(raw, index, source)
    validate_against_schema(document, schema_path, source, "terms", "term")
    terms = [
        Term(
            term=raw["term"].strip(),
            slug=raw["slug"],
            aliases=tuple(a.strip() for a in raw.get("aliases", ())),
            definition=" ".join(raw["definition"].split()),
            citations=tuple(raw.get("citations", ())),
            see_also=tuple(raw.get("see_also", ())),
            line=raw.line,
            links=links,
        )
        for raw in document["terms"]
    ]
    check_glossary_consistency(terms, source)
    return terms


# --- Matching ---------------------------------------------------------------


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for many words, factored as a character trie.

    Python's `re` tries the branches of an alternation one by one, so
    ``a|b|c|...`` with N words costs N attempts at every position. A trie
    shares prefixes: at each position only the branch for the next character is
    tried, so matching time grows with the text, not with the number of terms.
    Optional tails are greedy, so the longest term wins.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + render(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return render(trie)


def _normal(text: str) -> str:
    return " ".join(html.unescape(text).lower().split())


@dataclass
class Matcher:
    """All spellings of all terms compiled into a single pattern."""

    pattern: re.Pattern[str]
    by_spelling: dict[str, Term]

    def term_for(self, matched: str) -> Term:
        return self.by_spelling[_normal(matched)]


# What is derived from one loaded glossary (the same list object while data/glossary.yml is
# unchanged, see filecache.py) is derived once: the matcher and the glossary page's Markdown.
_derived: dict[str, tuple[list[Term], Any]] = {}


def _once_per(terms: list[Term], name: str, make: Callable[[], Any]) -> Any:
    previous = _derived.get(name)
    if previous is not None and previous[0] is terms:
        return previous[1]
    value = make()
    _derived[name] = (terms, value)
    return value


def matcher_for(terms: list[Term]) -> Matcher:
    """`build_matcher(terms)`, built once per loaded glossary."""
    return _once_per(terms, "matcher", lambda: build_matcher(terms))


def build_matcher(terms: Iterable[Term]) -> Matcher:
    by_spelling: dict[str, Term] = {}
    for entry in terms:
        for spelling in entry.spellings:
            by_spelling[" ".join(spelling.lower().split())] = entry
    # Match against HTML text, where '&' is written '&amp;' and so on.
    escaped = {html.escape(s, quote=False) for s in by_spelling}
    pattern = re.compile(r"(?<![\w-])(?:" + _trie_regex(sorted(escaped)) + r")(?![\w-])", re.IGNORECASE)
    return Matcher(pattern, by_spelling)


# --- Linking in HTML ----------------------------------------------------------

# A whole script or style element is one token: its text is never linked, and walking it tag by tag
# (mkdocs-quiz inlines some 60 KB of script into each quiz page) would only cost time.
TOKEN = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
ID_ATTR = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*["']([^"']*)["']""")
SKIP_TAGS = frozenset(
    {
        "a",
        "abbr",
        "button",
        "code",
        "kbd",
        "label",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "svg",
        "textarea",
        "title",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "option",
        "math",
    }
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
SECTION_TAGS = frozenset({"h2", "h3"})


@dataclass(frozen=True)
class Occurrence:
    slug: str
    section_id: str
    section_title: str


@dataclass
class LinkResult:
    html: str
    occurrences: list[Occurrence] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)


RenderLink = Callable[[Term, str], str]


def link_terms(
    page_html: str,
    matcher: Matcher,
    render_link: RenderLink,
    only_in_quizzes: bool = False,
    seen: set[str] | None = None,
) -> LinkResult:
    """Link the first occurrence of each term on the page, and inside each quiz.

    ``render_link(term, matched_text)`` returns the HTML of one link. Every
    occurrence is recorded with the section it sits in (for "Appears in").
    With ``only_in_quizzes`` only text inside quiz blocks (``div.quiz``) is linked: the build
    links a page's prose once, before mkdocs-quiz renders the quizzes (so the printed book reuses
    it), and the rendered quizzes afterwards. ``seen`` holds the slugs already linked on the
    page (outside quizzes); it is updated, so the page can be linked piece by piece.
    """
    result = LinkResult(html="")
    out: list[str] = []
    skip_depth: dict[str, int] = {}
    page_seen: set[str] = set() if seen is None else seen
    quiz_seen: set[str] = set()
    quiz_div_depth = 0
    section_id, section_title, title_parts = "", "", []
    in_section_heading = False
    recorded: set[tuple[str, str]] = set()
    position = 0

    def handle_text(text: str) -> str:
        if in_section_heading:
            if not skip_depth.get("a"):
                title_parts.append(text)
            return text
        if any(skip_depth.values()) or not text.strip() or (only_in_quizzes and not quiz_div_depth):
            return text
        seen = quiz_seen if quiz_div_depth else page_seen
        pieces, last = [], 0
        for match in matcher.pattern.finditer(text):
            entry = matcher.term_for(match.group(0))
            key = (entry.slug, section_id)
            if key not in recorded:
                recorded.add(key)
                result.occurrences.append(Occurrence(entry.slug, section_id, section_title))
            if entry.slug in seen:
                continue
            seen.add(entry.slug)
            result.linked.append(entry.slug)
            pieces += [text[last : match.start()], render_link(entry, match.group(0))]
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)

    for token in TOKEN.finditer(page_html):
        out.append(handle_text(page_html[position : token.start()]))
        tag = token.group(0)
        out.append(tag)
        position = token.end()
        name_match = TAG_NAME.match(tag)
        if not name_match or token.group(1):
            continue  # comment, doctype, or a whole script or style element
        closing, name = name_match.group(1) == "/", name_match.group(2).lower()
        if quiz_div_depth and name == "div":
            quiz_div_depth += -1 if closing else (0 if tag.endswith("/>") else 1)
            if quiz_div_depth == 0:
                quiz_seen = set()
        elif name == "div" and not closing:
            classes = CLASS_ATTR.search(tag)
            if classes and "quiz" in classes.group(1).split():
                quiz_div_depth = 1
        if name in SECTION_TAGS:
            if closing:
                in_section_heading = False
                # Text nodes are escaped HTML; the title is kept as plain text (escaped once where shown).
                section_title = html.unescape(" ".join("".join(title_parts).split()))
            else:
                ident = ID_ATTR.search(tag)
                if ident:
                    section_id, title_parts, in_section_heading = ident.group(1), [], True
        if name in SKIP_TAGS and name not in VOID_TAGS and not tag.endswith("/>"):
            skip_depth[name] = max(0, skip_depth.get(name, 0) + (-1 if closing else 1))
    out.append(handle_text(page_html[position:]))
    result.html = "".join(out)
    return result


def in_page_order(occurrences: Iterable[Occurrence], toc: Iterable[Any]) -> list[Occurrence]:
    """One occurrence per term and section, in the order of the page's sections (`toc` items
    have `.id` and `.children`); text before the first section comes first."""
    order: dict[str, int] = {"": -1}

    def walk(items: Iterable[Any]) -> None:
        for item in items:
            order.setdefault(item.id, len(order))
            walk(item.children)

    walk(toc)
    seen: set[tuple[str, str]] = set()
    unique = []
    for occurrence in occurrences:
        if (occurrence.slug, occurrence.section_id) not in seen:
            seen.add((occurrence.slug, occurrence.section_id))
            unique.append(occurrence)
    return sorted(unique, key=lambda o: order.get(o.section_id, len(order)))


# --- The glossary page ----------------------------------------------------------


def first_letter(term: Term) -> str:
    """The index letter of a term; terms that start with a digit file under "0-9"."""
    letter = term.term[:1].upper()
    return letter if letter.isalpha() else "0-9"


def sorted_terms(terms: Iterable[Term]) -> list[Term]:
    return sorted(terms, key=lambda t: t.term.lower())


def glossary_page_markdown(terms: list[Term]) -> str:
    """`glossary_markdown(terms)`, written once per loaded glossary."""
    return _once_per(terms, "page", lambda: glossary_markdown(terms))


def glossary_markdown(terms: Iterable[Term]) -> str:
    """The body of the glossary page: an A to Z index, then one entry per term."""
    ordered = sorted_terms(terms)
    letters = list(dict.fromkeys(first_letter(t) for t in ordered))
    lines = [" · ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters), ""]
    by_slug = {t.slug: t for t in ordered}
    current = None
    for entry in ordered:
        letter = first_letter(entry)
        if letter != current:
            current = letter
            lines += [f"## {letter} {{ #letter-{letter.lower()} }}", ""]
        lines += [f"### {render_plain(entry.term)} {{ #{entry.slug} }}", "", f"<p>{entry.definition_html}</p>", ""]
        if entry.aliases:
            lines += [f"<p><em>Also:</em> {', '.join(render_plain(a) for a in entry.aliases)}</p>", ""]
        if entry.citations:
            sources = "; ".join(entry.citations_html)
            lines += [f"<p><em>Sources:</em> {sources}</p>", ""]
        if entry.see_also:
            links = ", ".join(f'<a href="#{s}">{render_plain(by_slug[s].term)}</a>' for s in entry.see_also)
            lines += [f"<p><em>See also:</em> {links}</p>", ""]
        lines += [f"<!-- appears-in:{entry.slug} -->", ""]
    return "\n".join(lines)


def wrap_glossary_entries(page_html: str, unboxed: int = 6) -> str:
    """Each entry of the glossary page (its h3 up to the next heading) in a `div.glossary-entry`,
    which a phone lays out only when it comes into view (see `sections`); the table of contents
    lists only the letters, so the terms' headings go into the boxes too.
    The title, the letter index and the first entries, on screen when the page opens, stay
    unboxed (`unboxed` counts headings: the h1, the first letter, then entries)."""
    return box_sections(page_html, 3, "glossary-entry", unboxed, heading_inside=True)


def toc_for_glossary_page(toc: Any) -> Any:
    """The glossary page's table of contents cut to its letter headings.

    Material's search plugin looks every section of a page up in the page's table of contents
    (a linear search), so with one heading per term indexing the page costs terms x terms. Cut to
    the letters, the table stays small and the index is the same: each term is still its own search
    entry at `glossary/#slug`. The sidebar lists the letters, like the A to Z index on the page.
    """
    for item in toc:
        if item.level >= 2:
            item.children = []
        else:
            toc_for_glossary_page(item.children)
    return toc


LINKED_SLUG = re.compile(r'<a class="glossary-term" href="[^"#]*#([a-z0-9-]+)"')


def linked_slugs(page_html: str) -> set[str]:
    """The terms a page links already (HTML that went through `link_terms`)."""
    return set(LINKED_SLUG.findall(page_html))


APPEARS_IN = re.compile(r"<!-- appears-in:([a-z0-9-]+) -->")
