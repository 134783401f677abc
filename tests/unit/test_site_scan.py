"""The post-build scan and the Content Security Policy, on small documents: every kind of markup that can
run script is found, what the theme and the project ship is not, and the policy allows only the
allowlisted inline scripts."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import material
import pytest

from confidant.csp import hash_source, policy, with_policy
from confidant.sitescan import (
    INLINE_SCRIPTS,
    QUIZ_FORM,
    Allowlist,
    Finding,
    inline_script_key,
    plain_quiz_forms,
    policy_problems,
    scan_document,
    scan_json,
    scan_site,
    summary,
    url_scheme,
)

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
SCOPE = '__md_scope=new URL("../..",location),__md_hash=1'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder with the project's own script, as shipped."""
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/javascripts/confidant.js").write_text("// ours\n")
    return tmp_path


@pytest.fixture
def allow(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Allowlist:
    theme = tmp_path_factory.mktemp("overrides")
    (theme / "assets/javascripts").mkdir(parents=True)
    (theme / "assets/javascripts/confidant.js").write_text("// ours\n")
    return Allowlist.from_theme([theme], "/guide/")


def page(body: str, head: str = "") -> str:
    """A page of the site at chapters/x/index.html, with its policy."""
    return with_policy(
        f'<!doctype html><html><head><meta charset="utf-8"><title>t</title>{head}</head>'
        f'<body><h2 id="sec">S</h2><div><p>text</p>{body}</div>'
        '<script src="../../assets/javascripts/confidant.js"></script></body></html>'
    )


def problems(html: str, allow: Allowlist, site: Path | None = None) -> list[str]:
    return [str(f) for f in scan_document(html, "chapters/x/index.html", allow, site)]


def test_a_page_of_the_project_has_no_finding(allow: Allowlist, site: Path) -> None:
    html = page(
        '<a href="https://leginfo.legislature.ca.gov/">law</a> <a href="mailto:a@b.org">mail</a>'
        '<a href="../y/#sec">next</a><img src="../../assets/x.png" alt=""><form></form>'
        '<script type="application/json" id="bank">{"stem": "<p><strong>Who</strong>?</p>"}</script>'
        '<noscript><p>Needs JavaScript.</p></noscript><template><p class="row">x</p></template>'
    )
    assert problems(html, allow, site) == []


HOSTILE = [
    ('<p onclick="x()">a</p>', 'inline event handler <p onclick="x()">'),
    ('<svg onload="x()"></svg>', 'inline event handler <svg onload="x()">'),
    ('<img src=x onerror="x()">', "inline event handler <img onerror"),
    ("<img/src=x onerror=x()>", "inline event handler <img onerror"),
    ('<a href="javascript:x()">a</a>', 'javascript: URL in <a href="javascript:x()">'),
    ('<a href=" JaVaScRiPt:x()">a</a>', "javascript: URL in <a href="),
    ('<a href="java&#x09;script:x()">a</a>', "javascript: URL in <a href="),
    ('<a href="&#106;avascript:x()">a</a>', "javascript: URL in <a href="),
    ('<a href="vbscript:x">a</a>', "vbscript: URL in <a href="),
    ('<img src="data:image/svg+xml,<svg/onload=x()>">', "data: URL in <img src="),
    ('<img srcset="a.png 1x, data:image/png,x 2x">', "script or data URL in <img srcset="),
    ('<form action="javascript:x()"></form>', "javascript: URL in <form action="),
    ('<button formaction="javascript:x()">b</button>', "javascript: URL in <button formaction="),
    ('<svg><a xlink:href="javascript:x()">a</a></svg>', "javascript: URL in <a xlink:href="),
    (
        '<svg><a><animate attributeName="href" to="javascript:x()"/>a</a></svg>',
        "javascript: URL in <animate to=",
    ),
    ("<iframe src='https://example.org'></iframe>", "<iframe> is not allowed"),
    ('<object data="x"></object>', "<object> is not allowed"),
    ('<embed src="x">', "<embed> is not allowed"),
    ('<base href="https://example.org/">', "<base> is not allowed"),
    ('<meta http-equiv="refresh" content="0;url=https://example.org">', "<meta http-equiv=refresh>"),
    ("<script>alert(1)</script>", "inline script not on the allowlist"),
    ('<script type="module">alert(1)</script>', "inline script not on the allowlist"),
    ("<svg><script>alert(1)</script></svg>", "inline script not on the allowlist"),
    ('<script src="https://cdn.example.org/x.js"></script>', "script 'https://cdn.example.org/x.js' is not one"),
    ('<script src="//cdn.example.org/x.js"></script>', "is not one of the theme's or the project's"),
    ('<script src="../../uploads/x.js"></script>', "script '../../uploads/x.js' is not one"),
    ('<svg><script href="data:,alert(1)"></script></svg>', "data: URL in <script href="),
    ("<template><p onclick='x()'>a</p></template>", "inline event handler <p onclick"),
    ("<template><template><script>x()</script></template></template>", "inline script not on the allowlist"),
    # Parser differentials: the standard library's html.parser misses both.
    ("<!--> <img src=x onerror=x()> -->", "inline event handler <img onerror"),
    ('<noscript><p title="</noscript><img src=x onerror=x()>"></noscript>', "inline event handler <img onerror"),
    ('<script type="application/json">{"a": "<img src=x onerror=x()>"}</script>', "inline event handler <img"),
    ('<script type="application/json">{"href": "javascript:x()"}</script>', "script URL 'javascript:x()' in JSON"),
    ('<script type="application/json">{"a": </script>', "JSON that does not parse"),
]


@pytest.mark.parametrize(("markup", "expected"), HOSTILE, ids=[m for m, _ in HOSTILE])
def test_markup_that_can_run_script_is_found_and_located(allow: Allowlist, site: Path, markup, expected) -> None:
    found = problems(page(markup), allow, site)
    assert any(expected in f for f in found), found
    assert all(f.startswith("chapters/x/index.html") for f in found)


def test_a_finding_names_the_section_it_is_in(allow: Allowlist) -> None:
    assert problems(page('<p><em onclick="x()">a</em></p>'), allow) == [
        'chapters/x/index.html (#sec): inline event handler <em onclick="x()">'
    ]


def test_a_script_in_docs_cannot_stand_in_for_the_projects(allow: Allowlist, site: Path) -> None:
    (site / "assets/javascripts/confidant.js").write_text("steal()")
    assert problems(page(""), allow, site) == [
        "chapters/x/index.html (#sec): script 'assets/javascripts/confidant.js' differs from the theme's or the project's copy"
    ]


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("javascript:x", "javascript"),
        ("\x01 JAVA\tSCRIPT:x", "javascript"),
        ("data:text/html,x", "data"),
        ("https://a.org/", "https"),
        ("../x/#javascript:", None),
        ("/guide/x", None),
    ],
)
def test_url_schemes_are_read_as_a_browser_reads_them(value: str, scheme: str | None) -> None:
    assert url_scheme(value) == scheme


def test_html_in_the_search_index_is_scanned_entry_by_entry(allow: Allowlist) -> None:
    index = {"docs": [{"location": "chapters/x/#sec", "title": "S", "text": "<p>ok <b onmouseover=x()>b</b></p>"}]}
    assert [str(f) for f in scan_json(json.dumps(index), "search/search_index.json", allow)] == [
        "search/search_index.json (entry 'chapters/x/#sec'): inline event handler <b onmouseover=\"x()\">"
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>', "0 Content Security"),
        (
            page("").replace("<title>", '<meta http-equiv="content-security-policy" content="default-src *"><title>'),
            "2 Content Security Policies",
        ),
        (
            '<html><head><meta charset="utf-8"><script src="../../assets/javascripts/confidant.js"></script>'
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; base-uri 'none'\"></head></html>",
            "a script comes before the Content Security Policy",
        ),
        (
            "<html><head><meta http-equiv=Content-Security-Policy content=\"script-src 'self' 'unsafe-inline'; "
            "object-src 'none'; base-uri 'none'\"></head></html>",
            "script-src allows inline or any script",
        ),
        (
            "<html><head><meta http-equiv=Content-Security-Policy content=\"default-src 'self' https://cdn.example.org; "
            "base-uri 'none'\"></head></html>",
            "default-src allows https://cdn.example.org",
        ),
    ],
    ids=["missing", "two", "after-a-script", "unsafe-inline", "third-party"],
)
def test_every_page_carries_one_strict_policy_before_its_scripts(allow: Allowlist, html: str, expected: str) -> None:
    found = problems(html, allow)
    assert any(expected in f for f in found), found


def test_the_policy_hashes_only_allowlisted_inline_scripts() -> None:
    html = with_policy(f'<html><head><meta charset="utf-8"><script>{SCOPE}</script></head><body></body></html>')
    assert inline_script_key(SCOPE) not in INLINE_SCRIPTS  # a made-up script after the real prefix
    assert hash_source(SCOPE) not in html
    material_base = (MATERIAL_TEMPLATES / "partials/javascripts/base.html").read_text()
    real = (
        re.search(r"<script>(.*?)</script>", material_base)
        .group(1)
        .replace("{{ config.extra.scope | d(base_url) }}", "../..")
    )
    html = with_policy(f'<html><head><meta charset="utf-8"><script>{real}</script></head></html>')
    assert f"script-src 'self' {hash_source(real)};" in html
    assert html.index("Content-Security-Policy") < html.index("<script>")
    assert policy_problems(policy([hash_source(real)])) == []


def test_the_base_url_slot_of_materials_script_takes_a_path_and_nothing_else() -> None:
    text = (MATERIAL_TEMPLATES / "partials/javascripts/base.html").read_text()
    template = re.search(r"<script>(.*?)</script>", text).group(1)
    for base in ("..", "../..", ".", "/confidant/"):
        assert inline_script_key(template.replace("{{ config.extra.scope | d(base_url) }}", base)) in INLINE_SCRIPTS
    injected = template.replace("{{ config.extra.scope | d(base_url) }}", '",alert(1),"')
    assert inline_script_key(injected) not in INLINE_SCRIPTS


def test_the_inline_allowlist_is_the_pinned_theme_and_plugin_scripts() -> None:
    """Each hash comes from a file of the installed Material or mkdocs-quiz, or mkdocs-quiz's options."""
    sources = [
        script.replace("{{ config.extra.scope | d(base_url) }}", "..")
        for name in ("base", "palette", "content")
        for script in re.findall(
            r"<script>(.*?)</script>", (MATERIAL_TEMPLATES / f"partials/javascripts/{name}.html").read_text()
        )
    ]
    sources.append(files("mkdocs_quiz.js").joinpath("quiz.js").read_text())
    sources.append("\nwindow.mkdocsQuizTranslations = {};\n")
    sources.append(
        '\nwindow.mkdocsQuizConfig = {\n  confetti: false,\n  showProgress: true,\n  progressSidebarPosition: "top"\n};\n'
    )
    assert set(INLINE_SCRIPTS) <= {inline_script_key(source) for source in sources}


def test_quiz_forms_lose_their_script_url_and_handler() -> None:
    plugin = files("mkdocs_quiz").joinpath("plugin.py").read_text()
    assert QUIZ_FORM in plugin  # an upgrade that changes the markup is noticed here
    assert plain_quiz_forms(f"<div>{QUIZ_FORM}<fieldset></fieldset></form></div>") == (
        "<div><form><fieldset></fieldset></form></div>"
    )


def test_the_site_scan_reads_html_svg_and_json_files(allow: Allowlist, site: Path) -> None:
    (site / "chapters/x").mkdir(parents=True)
    (site / "chapters/x/index.html").write_text(page(""))
    (site / "img.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    (site / "data.json").write_text('{"a": "<i onclick=x()>"}')
    assert [f.path for f in scan_site(site, allow)] == ["data.json", "img.svg"]


def test_the_summary_names_each_problem_once_with_its_source() -> None:
    findings = [Finding(f"p{i}/index.html", "inline script not on the allowlist (x)") for i in range(3)]
    findings.append(Finding("p0/index.html", "<iframe> is not allowed", "#sec"))
    assert summary(findings, {"p0/index.html": "docs/p0.md"}) == [
        "site/p0/index.html: inline script not on the allowlist (x) [from docs/p0.md] (and in 2 more files)",
        "site/p0/index.html (#sec): <iframe> is not allowed [from docs/p0.md]",
    ]


def test_under_mkdocs_serve_pages_need_no_policy(allow: Allowlist) -> None:
    bare = '<html><head><meta charset="utf-8"></head><body><p onclick="x()">a</p></body></html>'
    serving = Allowlist(allow.script_files, allow.base_path, policy_required=False)
    assert [f.problem for f in scan_document(bare, "index.html", serving)] == ['inline event handler <p onclick="x()">']
    assert len(scan_document(bare, "index.html", allow)) == 2
