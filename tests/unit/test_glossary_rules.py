"""One test per glossary rule: each error names the file, the line and the entry."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from confidant.glossary import glossary_markdown, load_glossary

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "glossary.schema.json"
SOURCE = "data/glossary.yml"

BASE = """\
terms:
  - term: Privilege
    slug: privilege
    aliases: [privileges]
    definition: The client's right to keep therapy out of court.
    see_also: [holder]
  - term: Holder
    slug: holder
    definition: The person who may claim or waive the privilege.
"""


def load(tmp_path: Path, body: str):
    path = tmp_path / "glossary.yml"
    path.write_text(textwrap.dedent(body))
    return load_glossary(path, SOURCE, SCHEMA)


def error_for(tmp_path: Path, body: str) -> str:
    with pytest.raises(PluginError) as caught:
        load(tmp_path, body)
    return str(caught.value)


def test_good_glossary_loads_and_renders_an_a_to_z_page(tmp_path: Path) -> None:
    terms = load(tmp_path, BASE)
    page = glossary_markdown(terms)
    assert page.startswith("[H](#letter-h) · [P](#letter-p)")
    assert "### Holder { #holder }" in page
    assert '<p><em>See also:</em> <a href="#holder">Holder</a></p>' in page
    assert "<!-- appears-in:privilege -->" in page


def test_yaml_error(tmp_path: Path) -> None:
    message = error_for(tmp_path, BASE + "  - term: [broken\n")
    assert message.startswith(f"{SOURCE}:10: a list in square brackets `[…]` is not closed")
    assert "    10 |   - term: [broken\n       |           ^\n" in message


def test_schema_error_names_entry_and_line(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, BASE + "  - term: Waiver\n    slug: Not A Slug\n    definition: Giving up the privilege.\n"
    )
    assert message.startswith(f"{SOURCE}:10 [Waiver]: `slug` is 'Not A Slug', which is not lower-case-hyphenated")


def test_duplicate_term(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, BASE + "  - term: privilege\n    slug: privilege-2\n    definition: Again, defined.\n"
    )
    assert message.startswith(f"{SOURCE}:10 [privilege]") and "duplicate term" in message


def test_duplicate_slug(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, BASE + "  - term: Waiver\n    slug: holder\n    definition: Giving up the privilege.\n"
    )
    assert message.startswith(f"{SOURCE}:10 [Waiver]") and "duplicate slug 'holder'" in message


def test_alias_equal_to_another_entrys_alias(tmp_path: Path) -> None:
    body = BASE + "  - term: Waiver\n    slug: waiver\n    aliases: [Privileges]\n    definition: Giving it up.\n"
    message = error_for(tmp_path, body)
    assert message.startswith(f"{SOURCE}:10 [Waiver]") and "alias clash" in message and "'Privilege'" in message


def test_alias_equal_to_another_entrys_term(tmp_path: Path) -> None:
    body = BASE + "  - term: Waiver\n    slug: waiver\n    aliases: [holder]\n    definition: Giving it up.\n"
    assert "already the term or an alias of 'Holder'" in error_for(tmp_path, body)


def test_empty_definition(tmp_path: Path) -> None:
    message = error_for(tmp_path, BASE + "  - term: Waiver\n    slug: waiver\n    definition: '  '\n")
    assert message.startswith(f"{SOURCE}:10 [Waiver]") and "empty definition" in message


def test_unknown_see_also(tmp_path: Path) -> None:
    message = error_for(tmp_path, BASE.replace("see_also: [holder]", "see_also: [nobody]"))
    assert message.startswith(f"{SOURCE}:2 [Privilege]") and "unknown slug 'nobody'" in message


def test_raw_html_in_definition(tmp_path: Path) -> None:
    body = BASE.replace("out of court.", "out of <script>alert(1)</script> court.")
    message = error_for(tmp_path, body)
    assert message.startswith(f"{SOURCE}:2 [Privilege]") and "raw HTML is not allowed" in message
