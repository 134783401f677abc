"""The backstop: nothing in the built site can run script that is not the project's own.

At the end of every build (hooks/security.py) and on demand (`python -m tools.scan_site site`),
every HTML file of the site (the pages, the 404 page, the print book that Chromium prints to PDF),
every SVG file, and every HTML fragment inside a JSON file (the search index) or a JSON data block
of a page (the practice exam's bank) is parsed with Lexbor, an HTML Standard parser run with
scripting on, so the scan sees the tree a browser builds. The scan fails on:

* an inline event handler (any attribute named `on…`);
* a `javascript:`, `vbscript:` or `data:` URL in an attribute that loads or opens a URL;
* a `<script>` that is not the theme's, a plugin's or the project's own: files by path and
  content (a file in docs/ cannot stand in for the theme's), inline scripts by hash (INLINE_SCRIPTS);
* an element that embeds another document or moves relative URLs (`<iframe>`, `<object>`,
  `<embed>`, `<base>`, …) and a `<meta>` refresh;
* an HTML page without exactly one Content Security Policy ahead of its scripts, or with a policy
  that allows inline script or another origin.

The safe render path (confidant.safehtml) keeps data text from producing any of these; the scan
catches a later feature, a template or a chapter's raw HTML that does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .errors import shorten

# Inline scripts of the theme and the quiz plugin, by SHA-256 of their text (hex), after
# `inline_script_key` has replaced the base URL that Material writes into its first script.
# A theme or plugin upgrade that changes one fails the build with the new hash: read the
# new script, then put its hash here (tests/unit/test_site_scan.py checks where each comes from).
INLINE_SCRIPTS = {
    "89614d6b864bbe7884f6ad1ab21aa2216e6686af528a97cd15075dda2fe14374": (
        "Material 9.8.2 partials/javascripts/base.html: local-storage helpers"
    ),
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e": (
        "Material 9.8.2 partials/javascripts/palette.html: the reader's colour scheme"
    ),
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f": (
        "Material 9.8.2 partials/javascripts/content.html: the content tab named in the URL"
    ),
    "59ec2c4332094f5d220469f36d1d055b3f022e695912e2b7346c520bd7b1f645": "mkdocs-quiz 1.7.1 js/quiz.js, inlined",
    "c831b69fd08bdbaa77dba9c56d07ac7094d75bc07ea84aa5e4200862b294978d": "mkdocs-quiz 1.7.1: its translations (English)",
    "9260b3c72c8feffa8e80bba45baa1e8a8f9022000ca77708f0dbb641357b40b4": "mkdocs-quiz 1.7.1: its options (mkdocs.yml)",
}
# Material's first inline script holds the site's base URL (relative, or the site's path on the
# 404 page); only a plain path is accepted in that place.
MATERIAL_SCOPE = re.compile(r'\A__md_scope=new URL\("[A-Za-z0-9._/-]*",location\)')
MATERIAL_SCOPE_KEY = "__md_scope=new URL(BASE,location)"
# `<script type=…>` values that hold data, never code (the browser does not run them).
DATA_BLOCK_TYPES = frozenset({"application/json", "application/ld+json"})

# mkdocs-quiz's form: a `javascript:` action and an inline handler. Its script cancels the submit
# event itself (quiz.js: `event.preventDefault()` in the submit handler), so the form needs neither.
QUIZ_FORM = '<form action="javascript:void(0);" onsubmit="return false;">'

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".svg"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Attributes that load or open a URL (SVG's animation attributes can write an href).
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "ping"}
    | {"longdesc", "codebase", "manifest", "icon", "lowsrc", "dynsrc", "to", "from", "values", "by"}
)
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"})
# Browsers drop tab and newline anywhere in a URL and C0 controls and spaces at its ends.
URL_NOISE = re.compile(r"[\t\n\r]")
SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*):")
SITE_ORIGIN = "https://site.invalid"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Finding:
    path: str
    problem: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.path}{f' ({self.where})' if self.where else ''}: {self.problem}"


@dataclass(frozen=True)
class Allowlist:
    """Script files the site may load, by site path; the site's URL path (`/` or `/confidant/`); and
    whether every page must carry the Content Security Policy (not under `mkdocs serve`)."""

    script_files: Mapping[str, Path]
    base_path: str = "/"
    policy_required: bool = True

    @classmethod
    def from_theme(
        cls, theme_dirs: Iterable[Path | str], base_path: str = "/", policy_required: bool = True
    ) -> Allowlist:
        """Every `.js` file of the theme's folders (the first folder wins, as in MkDocs)."""
        files: dict[str, Path] = {}
        for folder in map(Path, theme_dirs):
            for path in sorted(folder.rglob("*.js")):
                files.setdefault(path.relative_to(folder).as_posix(), path)
        return cls(files, base_path if base_path.endswith("/") else base_path + "/", policy_required)


def plain_quiz_forms(html: str) -> str:
    return html.replace(QUIZ_FORM, "<form>")


def inline_script_key(text: str) -> str:
    """The hex SHA-256 that identifies an inline script on the allowlist."""
    normal = MATERIAL_SCOPE.sub(MATERIAL_SCOPE_KEY, text, count=1)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def is_allowed_inline(text: str) -> bool:
    return inline_script_key(text) in INLINE_SCRIPTS


def is_data_block(script: LexborNode) -> bool:
    return (script.attributes.get("type") or "").strip().lower() in DATA_BLOCK_TYPES


def inline_scripts(root: LexborNode) -> Iterator[LexborNode]:
    """Every `<script>` without a source that the browser would run (data blocks left out)."""
    for node in root.traverse():
        if node.tag == "script" and "src" not in node.attributes and not is_data_block(node):
            yield node


SOURCE_KEYWORDS = frozenset({"'self'", "'none'", "'unsafe-inline'", "'strict-dynamic'"})
HASH_SOURCE = re.compile(r"\A'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'\Z")


def policy_problems(text: str) -> list[str]:
    """What makes a Content Security Policy weaker than confidant.csp's: another origin, inline script."""
    problems = []
    directives = {}
    for part in filter(str.strip, text.split(";")):
        name, *sources = part.split()
        directives[name.lower()] = sources
    for name, sources in directives.items():
        for source in sources:
            allowed_scheme = source.lower() == "data:" and name == "img-src"
            if not (source.lower() in SOURCE_KEYWORDS or HASH_SOURCE.match(source) or allowed_scheme):
                problems.append(f"{name} allows {source}")
    scripts = [s.lower() for s in directives.get("script-src", directives.get("default-src", ["*"]))]
    if "'unsafe-inline'" in scripts or "'strict-dynamic'" in scripts or "*" in scripts:
        problems.append("script-src allows inline or any script")
    if directives.get("object-src", directives.get("default-src")) != ["'none'"]:
        problems.append("plugins (<object>, <embed>) are not refused")
    if directives.get("base-uri") != ["'none'"]:
        problems.append("base-uri is not 'none'")
    return problems


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads from an attribute value, lower case, or None for a relative URL."""
    found = SCHEME.match(URL_NOISE.sub("", value).strip("\x00 \x0c\x0b\x01\x02\x03\x04\x05\x06\x07\x08"))
    return found.group(1).lower() if found else None


def _snippet(node: LexborNode, name: str, value: str | None) -> str:
    return f'<{node.tag} {name}="{shorten(value or "", 60)}">'


def _where(node: LexborNode) -> str:
    """The id of the element, of its nearest ancestor with one, or of the heading of its section."""
    current: LexborNode | None = node
    while current is not None and current.is_element_node and current.tag not in ("html", "head", "body"):
        if current.attributes.get("id"):
            return f"#{current.attributes['id']}"
        sibling = current.prev
        while sibling is not None:
            if sibling.is_element_node and sibling.tag in HEADINGS and sibling.attributes.get("id"):
                return f"#{sibling.attributes['id']}"
            sibling = sibling.prev
        current = current.parent
    return ""


@dataclass
class _Scan:
    path: str
    page_url: str
    allow: Allowlist
    site_dir: Path | None
    findings: list[Finding]
    fragments: dict[tuple[str, str, str], list[Finding]] | None = None

    def add(self, node: LexborNode | None, problem: str, where: str = "") -> None:
        self.findings.append(Finding(self.path, problem, where or (_where(node) if node is not None else "")))

    def elements(self, root: LexborNode) -> Iterator[LexborNode]:
        """Every element under `root`, the content of `<template>`s included."""
        for node in root.traverse():
            if node.is_element_node:
                yield node
        for fragment in root.template_fragments():
            yield from self.elements(fragment)

    def tree(self, root: LexborNode, where: str = "") -> None:
        for node in self.elements(root):
            self.element(node, where)

    def element(self, node: LexborNode, where: str) -> None:
        tag = node.tag or ""
        if tag in FORBIDDEN_ELEMENTS:
            self.add(node, f"<{tag}> is not allowed (it embeds a document or moves URLs)", where)
        if tag == "meta" and (node.attributes.get("http-equiv") or "").strip().lower() == "refresh":
            self.add(node, "<meta http-equiv=refresh> is not allowed", where)
        for name, value in node.attributes.items():
            name = name.lower()
            if name.startswith("on"):
                self.add(node, f"inline event handler {_snippet(node, name, value)}", where)
            elif value and name in URL_ATTRIBUTES and url_scheme(value) in SCRIPT_SCHEMES:
                self.add(node, f"{url_scheme(value)}: URL in {_snippet(node, name, value)}", where)
            elif value and name in SRCSET_ATTRIBUTES:
                for candidate in value.split(","):
                    if url_scheme(candidate.strip()) in SCRIPT_SCHEMES:
                        self.add(node, f"script or data URL in {_snippet(node, name, value)}", where)
        if tag == "script":
            self.script(node, where)

    def script(self, node: LexborNode, where: str) -> None:
        attributes = node.attributes
        source = attributes.get("src") or attributes.get("href") or attributes.get("xlink:href")
        if source is not None or "src" in attributes:
            self.script_file(node, source or "", where)
        elif is_data_block(node):
            self.json_text(node.text(), where or _where(node))
        elif not is_allowed_inline(text := node.text()):
            key = inline_script_key(text)
            self.add(
                node,
                f"inline script not on the allowlist (sha256 {key[:16]}…, starts '{shorten(text, 60)}')",
                where,
            )

    def script_file(self, node: LexborNode, source: str, where: str) -> None:
        url = urlsplit(urljoin(SITE_ORIGIN + self.page_url, source.strip()))
        path = url.path
        site_path = path[len(self.allow.base_path) :] if path.startswith(self.allow.base_path) else None
        origin = f"{url.scheme}://{url.netloc}"
        known = self.allow.script_files.get(site_path or "") if origin == SITE_ORIGIN else None
        if known is None:
            self.add(node, f"script '{shorten(source, 80)}' is not one of the theme's or the project's", where)
        elif self.site_dir is not None:
            shipped = self.site_dir / PurePosixPath(site_path or "")
            if not shipped.is_file() or shipped.read_bytes() != known.read_bytes():
                self.add(node, f"script '{site_path}' differs from the theme's or the project's copy", where)

    def json_text(self, text: str, where: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            self.add(None, "JSON that does not parse", where)
            return
        self.json_value(data, where)

    def json_value(self, value: Any, where: str) -> None:
        """HTML fragments and URLs inside JSON that a script may put into a page."""
        if isinstance(value, dict):
            label = value.get("location") if isinstance(value.get("location"), str) else None
            for item in value.values():
                self.json_value(item, f"entry '{label or '/'}'" if label is not None else where)
        elif isinstance(value, list):
            for item in value:
                self.json_value(item, where)
        elif isinstance(value, str):
            if url_scheme(value) in {"javascript", "vbscript"}:
                self.add(None, f"script URL '{shorten(value, 60)}' in JSON", where)
            if "<" in value:
                self.fragment(value, where)

    def fragment(self, value: str, where: str) -> None:
        if self.fragments is None:
            self.tree(LexborHTMLParser(value, is_fragment=True, scripting=True).root, where)
            return
        kept = self.fragments.get((self.path, value, where))
        if kept is None:
            start = len(self.findings)
            self.tree(LexborHTMLParser(value, is_fragment=True, scripting=True).root, where)
            self.fragments[self.path, value, where] = self.findings[start:]
            return
        self.findings += kept


def _policies(tree: LexborHTMLParser) -> list[LexborNode]:
    return [
        meta
        for meta in tree.root.traverse()
        if meta.tag == "meta" and (meta.attributes.get("http-equiv") or "").strip().lower() == "content-security-policy"
    ]


def scan_document(text: str, path: str, allow: Allowlist, site_dir: Path | None = None) -> list[Finding]:
    """Findings in one HTML file of the site; `path` is relative to the site's root."""
    findings: list[Finding] = []
    scan = _Scan(path, allow.base_path + path, allow, site_dir, findings)
    tree = LexborHTMLParser(text, scripting=True)
    scan.tree(tree.root)
    if path.endswith(".svg") or not allow.policy_required:
        return findings
    policies = _policies(tree)
    first_script = tree.root.css_first("script")
    if len(policies) != 1:
        scan.add(None, f"{len(policies)} Content Security Policies, not 1")
    elif policies[0].parent is None or policies[0].parent.tag != "head":
        scan.add(policies[0], "the Content Security Policy is not in <head>")
    else:
        order = [node.mem_id for node in tree.root.traverse()]
        if first_script is not None and order.index(first_script.mem_id) < order.index(policies[0].mem_id):
            scan.add(first_script, "a script comes before the Content Security Policy")
        for problem in policy_problems(policies[0].attributes.get("content") or ""):
            scan.add(policies[0], f"Content Security Policy: {problem}")
    return findings


def scan_json(
    text: str, path: str, allow: Allowlist, fragments: dict[tuple[str, str, str], list[Finding]] | None = None
) -> list[Finding]:
    """Findings in a JSON file; `fragments` keeps those of each HTML fragment in it (by file, text and place)."""
    findings: list[Finding] = []
    _Scan(path, allow.base_path + path, allow, None, findings, fragments).json_text(text, "")
    return findings


@dataclass
class ScanMemo:
    """Findings of files scanned before, by path and text, while the allowed script files are unchanged
    (`mkdocs serve` scans the whole site after each rebuild, where most files have not changed)."""

    scripts: tuple[tuple[str, int, int], ...] = ()
    files: dict[tuple[str, bytes], list[Finding]] = field(default_factory=dict)
    fragments: dict[tuple[str, str, str], list[Finding]] = field(default_factory=dict)

    def for_allowlist(self, allow: Allowlist) -> ScanMemo:
        scripts = tuple(
            (name, path.stat().st_mtime_ns, path.stat().st_size) for name, path in sorted(allow.script_files.items())
        )
        if scripts != self.scripts:
            self.scripts, self.files, self.fragments = scripts, {}, {}
        return self


def scan_site(site_dir: Path, allow: Allowlist, memo: ScanMemo | None = None) -> list[Finding]:
    """Findings in every HTML, SVG and JSON file of a built site, in path order."""
    findings: list[Finding] = []
    memo = memo.for_allowlist(allow) if memo is not None else None
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file():
            continue
        path = file.relative_to(site_dir).as_posix()
        suffix = file.suffix.lower()
        if suffix not in HTML_SUFFIXES and suffix != ".json":
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        key = (path, hashlib.blake2b(text.encode(), digest_size=16).digest())
        if memo is not None and key in memo.files:
            findings += memo.files[key]
            continue
        if suffix in HTML_SUFFIXES:
            found = scan_document(text, path, allow, site_dir)
        else:
            found = scan_json(text, path, allow, memo.fragments if memo is not None else None)
        if memo is not None:
            memo.files[key] = found
        findings += found
    return findings


def summary(findings: list[Finding], sources: Mapping[str, str], shown: int = 10) -> list[str]:
    """One line per problem for the build's error: its first place, the source of that page, and
    how many other files have it; at most `shown` lines."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.problem, []).append(finding)
    lines = []
    for first, *others in groups.values():
        source = sources.get(first.path)
        also = len({other.path for other in others} - {first.path})
        line = shorten(f"site/{first}" + (f" [from {source}]" if source else ""), 300)
        lines.append(line + (f" (and in {also} more files)" if also else ""))
    if len(lines) > shown:
        lines[shown:] = [f"… and {len(lines) - shown} more (python -m tools.scan_site site lists them all)"]
    return lines
