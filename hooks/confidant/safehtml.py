"""The one render path for text that comes from data files (questions, glossary, front matter).

Content arrives through pull requests, and a reviewer reads YAML, not the HTML it becomes. So every
data text is (1) checked for syntax the restricted converter does not support, which fails the
build with the field named instead of silently changing the text; (2) converted by a Markdown
converter that knows only emphasis, inline code, paragraphs, lists and links (no raw HTML, no
attribute lists, no reference definitions, no images); (3) passed through nh3, the Python binding
of the ammonia allowlist sanitizer, which keeps a handful of tags and only http, https and mailto
URLs; and (4) made inert for any Markdown pass it may still meet, so characters Markdown would act on
become numeric entities. (mkdocs-quiz takes the quiz blocks' HTML as it is, see quizfragments.py;
it still converts a fragment of a shape that module does not know, and a page is Markdown.)

A post-build scan of the whole site (`tools/scan_site.py`) is the backstop if a later feature
forgets to use this path.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Syntax the restricted converter does not support, with the reason a contributor reads.
RAW_HTML = re.compile(r"<\s*[/!?]?\s*[A-Za-z]|<!--")
ATTRIBUTE_LIST = re.compile(r"\{\s*[:#.]|\{[^}\n]*=")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:", re.MULTILINE)
REFERENCE_LINK = re.compile(r"\]\s?\[[^\]\n]*\]")
QUIZ_BLANK = re.compile(r"\[\[")
IMAGE = re.compile(r"!\[")
INLINE_LINK = re.compile(r"\[[^\]\n]*\]\(\s*<?(?P<url>[^)\s>]*)")
SAFE_URL = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
HEADING = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)

# Characters that a second Markdown pass (mkdocs-quiz, the page) would act on inside one line:
# emphasis, code, links and quiz blanks, attribute lists, escapes, tables. (Block syntax such as
# '#' or '-' needs a line start, and every fragment is one line that starts with a tag or a word.)
MARKDOWN_ACTIVE = re.compile(r"[\\`*_{}\[\]!|]")
TEXT_BETWEEN_TAGS = re.compile(r"(?<=>)[^<]+|^[^<]+")


def markdown_problem(text: str) -> tuple[str, str] | None:
    """(rule, fix) for the first unsupported piece of syntax in a data text, or None."""
    checks = [
        (RAW_HTML, "raw HTML is not allowed", "write plain Markdown: *emphasis*, **strong**, `code`"),
        (ATTRIBUTE_LIST, "attribute lists ({ ... }) are not allowed", "remove the braces and what is inside them"),
        (REFERENCE_DEFINITION, "reference link definitions ([name]: url) are not allowed", "write [text](https://…)"),
        (REFERENCE_LINK, "reference-style links ([text][name]) are not allowed", "write [text](https://…)"),
        (QUIZ_BLANK, "'[[' is quiz syntax and is not allowed in data", "rephrase without double brackets"),
        (IMAGE, "images are not allowed in data", "describe the picture in words"),
        (HEADING, "headings are not allowed in data", "remove the leading '#'"),
    ]
    for pattern, rule, fix in checks:
        found = pattern.search(text)
        if found:
            snippet = text[found.start() : found.start() + 20].strip()
            return f"{rule} (found '{snippet}')", fix
    for link in INLINE_LINK.finditer(text):
        if not SAFE_URL.match(link["url"]):
            return (
                f"links in data must be full https:// or mailto: addresses (found '{link['url'][:40]}')",
                "write the full address, or name the chapter in words: a relative link would break in the "
                "practice exam, the answer key and the PDF",
            )
    return None


def plain_problem(text: str) -> tuple[str, str] | None:
    """(rule, fix) for a plain-text field (a term, an alias, a citation, a title), or None."""
    if re.search(r"[<>]", text):
        return "'<' and '>' are not allowed in this field", "write it as plain text"
    if re.search(r"[{}\[\]`*_|]", text):
        return (
            "Markdown or brace characters ({ } [ ] ` * _ |) are not allowed in this field",
            "write it as plain text",
        )
    return None


def _restricted_converter() -> markdown_lib.Markdown:
    converter = markdown_lib.Markdown(extensions=[], output_format="html")
    for name in ("html_block",):
        converter.preprocessors.deregister(name, strict=False)
    for name in ("reference", "hashheader", "setextheader", "hr", "indent", "code"):
        converter.parser.blockprocessors.deregister(name, strict=False)
    for name in ("html", "reference", "short_reference", "image_link", "image_reference", "short_image_ref"):
        converter.inlinePatterns.deregister(name, strict=False)
    return converter


_converter = _restricted_converter()


def sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def inert(fragment: str) -> str:
    """Sanitized HTML whose text cannot be read as Markdown again (numeric entities)."""
    return TEXT_BETWEEN_TAGS.sub(
        lambda text: MARKDOWN_ACTIVE.sub(lambda c: f"&#{ord(c.group())};", text.group()), fragment
    )


# Text in which Markdown finds nothing to act on: no inline syntax, no entity, no line break, no
# block marker at the start. Most answer choices, rationales and citations are such text, and they
# convert to themselves, escaped; tests/unit/test_safe_render.py holds both ways to the same HTML
# on every text of the bank and the glossary.
ACTIVE_TEXT = re.compile(r"[\\`*_\[\]<>!#|{}~\n]|&(?=#?\w+;)|^\s*(?:[-+>]|\d+[.)])\s|  ")


def render_markdown(text: str, inline: bool = False) -> str:
    """Safe, inert HTML for a data text that passed `markdown_problem`.

    `inline=True` drops the paragraph wrapper of a one-paragraph text (answer choices, feedback)."""
    stripped = text.strip()
    if stripped and not ACTIVE_TEXT.search(stripped):
        body = inert(html.escape(stripped, quote=False))
        return body if inline else f"<p>{body}</p>"
    return convert_markdown(text, inline)


def convert_markdown(text: str, inline: bool = False) -> str:
    """`render_markdown` through the restricted converter and the sanitizer, whatever the text."""
    html_text = _converter.reset().convert(text.strip())
    if inline and html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
        html_text = html_text[3:-4]
    # One line: the fragment may sit inside a quiz answer line or a raw HTML block of a page.
    return inert(sanitize(html_text)).replace("\n", " ")


def render_plain(text: str) -> str:
    """Escaped, inert HTML for a plain-text field."""
    return inert(html.escape(" ".join(text.split()), quote=True))


@dataclass(frozen=True)
class RenderedQuestion:
    """A question's texts as safe HTML, rendered once per build and reused by every output."""

    stem: str
    choices: tuple[str, ...]
    feedback: tuple[str, ...]
    rationale: str
    citations: tuple[str, ...]
