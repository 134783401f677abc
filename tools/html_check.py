"""Check every HTML file of a built site with the Nu HTML Checker and say where each problem comes from.

    python -m tools.html_check --site site          # make html-check
    python -m tools.html_check --site site --all    # also list every warning

Runs vnu.jar (VNU_VERSION, from the npm registry's `vnu-jar` package, installed once into
.cache/vnu/ and checked against its SHA-256; needs Java 11 or newer and npm) in one JVM over the
whole site, then attributes each error and warning to its origin by the message and the markup at
the reported place (RULES): Confidant's own templates, hooks and data, Material for MkDocs,
mkdocs-quiz, mermaid, or a limit of the checker itself. Anything no rule explains is unattributed.

Prints the counts per origin and per distinct message with an example page, then every theme and
plugin error with the reason it is not fixed. Exits 1 when an error is Confidant's or unattributed,
2 when the checker cannot run. Not part of `make test`: Java is no dependency of the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from confidant.csp import hash_source  # noqa: E402

VNU_VERSION = "26.9.27"
VNU_JAR_SHA256 = "22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47"
VNU_DIR = ROOT / ".cache" / "vnu"
VNU_JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

CONFIDANT = "Confidant (overrides/, hooks/, data/, docs/)"
MATERIAL = "Material for MkDocs"
QUIZ = "mkdocs-quiz"
MERMAID = "mermaid (drawn at build time)"
CHECKER = "the checker (not a fault of the page)"
UNATTRIBUTED = "unattributed"
OURS = frozenset({CONFIDANT, UNATTRIBUTED})  # an error of these fails the check

AFTER_CHARS = 200
CSP_CONTENT = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


@dataclass(frozen=True)
class Finding:
    """One message of the checker, with the markup it points at."""

    kind: str  # "error", "warning" or "info"
    message: str
    page: str  # the file, relative to the site folder
    line: int
    column: int
    markup: str  # what the checker highlights (usually a start tag)
    after: str = ""  # the page's text right after the markup
    script: str | None = None  # the text of the inline script the markup opens
    policy: str = ""  # the page's Content Security Policy

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Rule:
    """Markup of a known origin: the message and the markup it is reported on (regular expressions)."""

    origin: str
    message: str
    markup: str
    note: str  # why it is not fixed, where it is fixed, or why it is no fault
    after: str = ""  # matched at the start of the text after the markup
    check: Callable[[Finding], bool] | None = None

    def matches(self, finding: Finding) -> bool:
        return (
            re.search(self.message, finding.message) is not None
            and re.search(self.markup, finding.markup) is not None
            and re.match(self.after, finding.after) is not None
            and (self.check is None or self.check(finding))
        )


@dataclass(frozen=True)
class Attribution:
    finding: Finding
    origin: str
    note: str


def same_site_resource(finding: Finding) -> bool:
    """The blocked resource is one of the site's own files (a relative or root-relative address)."""
    quoted = re.search(r"“([^”]*)”", finding.message)
    return quoted is not None and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", quoted.group(1)) is None


def script_sources(policy: str) -> list[str]:
    """The sources of a policy's script-src directive."""
    for directive in policy.split(";"):
        parts = directive.split()
        if parts and parts[0].lower() == "script-src":
            return parts[1:]
    return []


def hash_in_policy(finding: Finding) -> bool:
    """The inline script's SHA-256 is one of the script sources of the page's policy."""
    return finding.script is not None and hash_source(finding.script) in script_sources(finding.policy)


FIXED = "fixed by {}; reported again means that fix no longer matches the markup"
RULES: tuple[Rule, ...] = (
    # Material for MkDocs
    Rule(
        MATERIAL,
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'^<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        "base.html writes these toggles outside any block; Material sets autocomplete=off so Firefox does"
        " not restore an open drawer or search on reload, and removing it would bring that back",
    ),
    Rule(
        MATERIAL,
        r"^Bad value “” for attribute “tabindex” on element “label”",
        r'^<label class="md-nav__link[^"]*" for="__nav_',
        FIXED.format("overrides/main.html (block site_nav drops the empty tabindex)"),
    ),
    Rule(
        MATERIAL,
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'^<label class="md-nav__title" for="__toc">',
        FIXED.format("overrides/main.html (block site_nav: a section index page has no __toc toggle)"),
    ),
    # mkdocs-quiz (its markup is made valid by hooks/confidant/quizmarkup.py)
    Rule(
        QUIZ,
        r"^The “aria-label” attribute must not be specified on any “div” element",
        r'^<div id="quiz-progress-sidebar"',
        FIXED.format("hooks/confidant/quizmarkup.py (role=group)"),
    ),
    Rule(
        QUIZ,
        r"^(A “style” element in “body” must be the first child|The “type” attribute for the “style” element)",
        r'^<style type="text/css">',
        FIXED.format("hooks/confidant/quizmarkup.py (the stylesheet moves into the head)"),
        after=r"\.quiz\b",
    ),
    Rule(
        QUIZ,
        r"^(An inline “script” element .* must not have a “defer” attribute|The “type” attribute is unnecessary)",
        r'^<script type="text/javascript"( defer)?>',
        FIXED.format("hooks/confidant/quizmarkup.py (plain <script>)"),
        after=r"\s*(// Wrap everything in an IIFE|window\.mkdocsQuiz(Translations|Config)\b)",
    ),
    Rule(
        QUIZ,
        r"^Section lacks heading",
        r'^<section class="content hidden">',
        "a warning: quiz.js finds each question's explanation by its <section>, and a heading would be"
        " read out before every explanation",
    ),
    # mermaid's SVG, inlined by hooks/diagrams.py
    Rule(
        MERMAID,
        r"^Discarding superfluous token “document” from value of attribute “role”",
        r'^<svg id="diagram-[0-9a-f]+" [^>]*role="graphics-document document"',
        "an info message: mermaid adds ARIA 1.0's role document after graphics-document, as a fallback"
        " for browsers without the graphics roles",
    ),
    # What the checker cannot judge
    Rule(
        CHECKER,
        r"^Resource violates Content Security Policy \(meta tag\): external (script|stylesheet)",
        r"^<(script|link)\b",
        "pages are checked as file: URLs, whose opaque origin 'self' never matches; served over HTTP"
        " they load (tests/browser/test_content_security_policy.py)",
        check=same_site_resource,
    ),
    Rule(
        CHECKER,
        r"^Inline script violates Content Security Policy",
        r'^<script\b[^>]*\btype="application/(ld\+)?json"',
        "a JSON data block is never run, so the policy does not apply to it",
    ),
    Rule(
        CHECKER,
        r"^Inline script violates Content Security Policy",
        r"^<script\b",
        "the checker does not evaluate hash sources; this script's SHA-256 is in the page's policy",
        check=hash_in_policy,
    ),
    # Confidant's own markup: classes, ids and data attributes of overrides/ and hooks/
    Rule(
        CONFIDANT,
        r"",
        r'confidant|practice-exam|data-view=|id="diagram-|class="(glossary|authorit|review|progress)',
        "Confidant's own markup: fix the template or hook that writes it",
    ),
)


def attribute(finding: Finding, rules: Iterable[Rule] = RULES) -> Attribution:
    """The origin of a finding: the first rule that explains it, else unattributed."""
    for rule in rules:
        if rule.matches(finding):
            return Attribution(finding, rule.origin, rule.note)
    return Attribution(finding, UNATTRIBUTED, "no rule explains it: find its source and fix it or add a rule")


def kind_of(message: Mapping[str, object]) -> str:
    if message.get("type") == "info":
        return "warning" if message.get("subType") == "warning" else "info"
    return "error"  # "error" (also subType "fatal") and "non-document-error"


def page_of(url: str, site: Path) -> str:
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        return path.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return url


def locate(text: str, line: int, column: int, markup: str) -> int:
    """The offset just after `markup` in `text`, which the checker reports as ending at line:column
    (1-based; columns count UTF-16 units, so a line with astral characters falls back to a search)."""
    lines = text.split("\n")
    if not markup or not 0 < line <= len(lines):
        return -1
    start = sum(len(each) + 1 for each in lines[: line - 1])
    end = start + column
    if text[end - len(markup) : end] == markup:
        return end
    found = text.rfind(markup, max(0, start - len(markup)), start + len(lines[line - 1]) + 1)
    return found + len(markup) if found >= 0 else -1


def _number(message: Mapping[str, object], key: str, default: int = 0) -> int:
    value = message.get(key, default)
    return value if isinstance(value, int) else default


def finding_from(message: Mapping[str, object], site: Path, pages: Mapping[str, str]) -> Finding:
    """A Finding from one message of vnu's JSON output; `pages` maps page -> its text."""
    extract = str(message.get("extract", ""))
    start = _number(message, "hiliteStart")
    markup = extract[start : start + _number(message, "hiliteLength")]
    page = page_of(str(message.get("url", "")), site)
    line, column = _number(message, "lastLine"), _number(message, "lastColumn")
    text = pages.get(page, "")
    end = locate(text, line, column, markup)
    after = text[end : end + AFTER_CHARS] if end >= 0 else extract[start + len(markup) :]
    script = None
    if markup.startswith("<script") and end >= 0:
        close = text.find("</script>", end)
        script = text[end:close] if close >= 0 else None
    policy = CSP_CONTENT.search(text)
    return Finding(
        kind_of(message),
        str(message.get("message", "")),
        page,
        line,
        _number(message, "firstColumn", column),
        markup.strip(),
        after,
        script,
        policy.group(1) if policy else "",
    )


def message_key(message: str) -> str:
    """The message with quoted addresses left out, so one message about many files counts once."""
    return re.sub(r"“[^”]*/[^”]*”", "“…”", message)


def failing(attributions: Iterable[Attribution]) -> list[Attribution]:
    """The errors that are Confidant's own or that no rule explains."""
    return [each for each in attributions if each.finding.kind == "error" and each.origin in OURS]


def by_message(attributions: Iterable[Attribution]) -> list[list[Attribution]]:
    """The attributions grouped by origin, distinct message and note, the largest group first."""
    groups: dict[tuple[str, str, str], list[Attribution]] = {}
    for each in attributions:
        groups.setdefault((each.origin, message_key(each.finding.message), each.note), []).append(each)
    return sorted(groups.values(), key=len, reverse=True)


def report(attributions: list[Attribution], kind: str, list_all: bool) -> list[str]:
    """Counts per origin and per distinct message (with an example), then every error (every warning
    with `list_all`, else only Confidant's): Confidant's and unattributed ones, then the theme's and
    plugins', each message with the reason it stays."""
    chosen = [each for each in attributions if each.finding.kind == kind]
    title = kind.capitalize() + "s"
    lines = [f"{title}: {len(chosen)}"]
    lines += [f"  {count:5d}  {origin}" for origin, count in Counter(each.origin for each in chosen).most_common()]
    if not chosen:
        return lines
    lines.append(f"{title} by message:")
    for group in by_message(chosen):
        first = group[0]
        lines.append(f"  {len(group):5d}  [{first.origin}] {message_key(first.finding.message)}")
        lines.append(f"         e.g. {first.finding.where}  {first.finding.markup[:100]}")
        lines.append(f"         {first.note}")
    ours = [each for each in chosen if each.origin in OURS]
    theirs = [each for each in chosen if each.origin not in OURS]
    if ours:
        lines.append(f"{title} from Confidant or unattributed (fix these):")
        lines += [f"  {each.finding.where}  {each.finding.message}  {each.finding.markup[:80]}" for each in ours]
    if theirs and (kind == "error" or list_all):
        lines.append(f"Every theme and plugin {kind} (and the checker's), and why it is not fixed:")
        for group in by_message(theirs):
            lines.append(f"  [{group[0].origin}] {message_key(group[0].finding.message)[:100]}: {group[0].note}")
            lines += [f"      {each.finding.where}  {each.finding.markup[:80]}" for each in group]
    return lines


class CheckerUnavailable(Exception):
    """The checker cannot run here (no Java, no npm to fetch it, a jar that is not the pinned one)."""


def ensure_vnu() -> Path:
    """vnu.jar at VNU_VERSION, installed from the npm registry into .cache/vnu/ on first use
    (`--ignore-scripts`: the package's install script would download a Java runtime)."""
    if not _vnu_ok():
        if shutil.which("npm") is None:
            raise CheckerUnavailable(f"npm is needed once to fetch vnu-jar@{VNU_VERSION} (apt-get install npm)")
        command = ["npm", "install", "--prefix", str(VNU_DIR), "--no-save", "--no-package-lock"]
        command += ["--ignore-scripts", "--no-audit", "--no-fund", f"vnu-jar@{VNU_VERSION}"]
        if subprocess.run(command, stdout=subprocess.DEVNULL).returncode != 0:
            raise CheckerUnavailable(f"npm could not install vnu-jar@{VNU_VERSION} from the registry")
        if not _vnu_ok():
            raise CheckerUnavailable(f"{VNU_JAR} is not vnu-jar {VNU_VERSION} (its SHA-256 differs)")
    return VNU_JAR


def _vnu_ok() -> bool:
    return VNU_JAR.is_file() and hashlib.sha256(VNU_JAR.read_bytes()).hexdigest() == VNU_JAR_SHA256


def run_vnu(site: Path) -> list[dict[str, object]]:
    """vnu's messages for every HTML file under `site`, from one JVM."""
    if shutil.which("java") is None:
        raise CheckerUnavailable("Java 11 or newer is needed (apt-get install default-jre-headless)")
    jar = ensure_vnu()
    command = ["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", "--skip-non-html", str(site)]
    completed = subprocess.run(command, capture_output=True, text=True)
    try:
        return json.loads(completed.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise CheckerUnavailable(f"vnu.jar gave no JSON report:\n{completed.stderr[-2000:]}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--all", action="store_true", help="list every warning, not only the counts")
    parser.add_argument("--report", type=Path, help="read vnu's JSON output from this file instead of running vnu")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"html_check: {args.site} holds no built site (make site, or mkdocs build -d DIR)", file=sys.stderr)
        return 2
    html_files = sorted(args.site.rglob("*.html"))
    pages = {path.relative_to(args.site).as_posix(): path.read_text(encoding="utf-8") for path in html_files}
    try:
        messages = json.loads(args.report.read_text())["messages"] if args.report else run_vnu(args.site)
    except CheckerUnavailable as error:
        print(f"html_check: {error}", file=sys.stderr)
        return 2
    attributions = [attribute(finding_from(message, args.site, pages)) for message in messages]
    print(f"Nu HTML Checker {VNU_VERSION} on {len(html_files)} HTML files of {args.site}")
    print("\n".join(report(attributions, "error", args.all)))
    print("\n".join(report(attributions, "warning", args.all)))
    infos = Counter(each.origin for each in attributions if each.finding.kind == "info")
    print("Info messages: " + (", ".join(f"{count} {origin}" for origin, count in infos.most_common()) or "0"))
    bad = failing(attributions)
    errors = sum(each.finding.kind == "error" for each in attributions)
    print(f"Errors from Confidant or unattributed: {len(bad)} (of {errors} errors)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
