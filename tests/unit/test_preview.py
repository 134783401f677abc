"""What `mkdocs serve` keeps between rebuilds (hooks/preview.py) is dropped as soon as an input changes."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from confidant import preview
from confidant.sitescan import Allowlist, ScanMemo, scan_site
from confidant.templates import theme_env


def test_a_folder_stamp_changes_with_any_file_in_it(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yml").write_text("a: 1\n")
    first = preview.tree_stamp([tmp_path / "data"])
    assert preview.tree_stamp([tmp_path / "data"]) == first
    (tmp_path / "data" / "a.yml").write_text("a: 12\n")
    assert preview.tree_stamp([tmp_path / "data"]) != first
    second = preview.tree_stamp([tmp_path / "data"])
    (tmp_path / "data" / "b.yml").write_text("")
    assert preview.tree_stamp([tmp_path / "data"]) != second


def test_a_kept_page_is_only_returned_under_the_same_key() -> None:
    cache = preview.PreviewCache()
    page = preview.ReadPage("# A", "<h1>A</h1>", [], "A", {}, set(), {}, {})
    cache.read["a.md"] = (("a.md", "digest 1"), page)
    assert cache.get_read("a.md", ("a.md", "digest 1")) is page
    assert cache.get_read("a.md", ("a.md", "digest 2")) is None
    assert cache.get_read("b.md", ("a.md", "digest 1")) is None


def test_an_input_a_hook_declares_for_one_page_is_in_that_page_key_only() -> None:
    preview.build_inputs.clear()
    preview.depends_on("registry", ("case",))
    preview.depends_on("places", ("p1",), page="authorities.md")
    assert preview.inputs_of("authorities.md") == (("places", ("p1",)), ("registry", ("case",)))
    assert preview.inputs_of("chapters/a.md") == (("registry", ("case",)),)
    preview.build_inputs.clear()


def test_the_site_scan_with_its_memo_finds_what_a_fresh_scan_finds(tmp_path: Path) -> None:
    page = tmp_path / "page" / "index.html"
    page.parent.mkdir()
    page.write_text("<html><head></head><body><p>fine</p></body></html>")
    (tmp_path / "search.json").write_text('{"docs": [{"location": "page/", "text": "<p>fine</p>"}]}')
    allow = Allowlist({}, "/", policy_required=False)
    memo = ScanMemo()
    assert scan_site(tmp_path, allow, memo) == scan_site(tmp_path, allow) == []
    # A changed file is scanned again: the kept result of its old text is not reused.
    page.write_text('<html><head></head><body><p onclick="x()">bad</p></body></html>')
    (tmp_path / "search.json").write_text(
        '{"docs": [{"location": "page/", "text": "<a href=\\"javascript:x()\\">x</a>"}]}'
    )
    with_memo = scan_site(tmp_path, allow, memo)
    assert with_memo == scan_site(tmp_path, allow)
    assert {finding.path for finding in with_memo} == {"page/index.html", "search.json"}


def test_the_hooks_share_one_theme_environment_per_build() -> None:
    made = []

    def get_env() -> object:
        made.append(SimpleNamespace(bytecode_cache=None))
        return made[-1]

    first = SimpleNamespace(theme=SimpleNamespace(get_env=get_env))
    second = SimpleNamespace(theme=SimpleNamespace(get_env=get_env))
    env = theme_env(first)
    assert theme_env(first) is env
    other = theme_env(second)
    assert other is not env
    assert len(made) == 2
    # Templates compiled by one build's environment are reused by the next (one cache for the process).
    assert env.bytecode_cache is other.bytecode_cache is not None


def test_a_stamp_of_a_missing_path_is_stable(tmp_path: Path) -> None:
    assert preview.tree_stamp([tmp_path / "absent"]) == preview.tree_stamp([tmp_path / "absent"])
    assert preview.source_digest(os.fspath(tmp_path / "absent.md")) == ""
