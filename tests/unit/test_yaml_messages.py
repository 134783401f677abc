"""YAML and schema mistakes are explained in plain words, at the line where they were made, with
the line shown and a caret under the spot; never in parser jargon or as a Python dict."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from confidant.errors import excerpt
from confidant.yamldata import parse_yaml
from confidant.yamlerrors import field_name, shown_value

SOURCE = "data/questions/x.yml"
JARGON = ("<block end>", "<block mapping start>", "could not find expected", "scanning", "'?'")

CASES = {
    "colon-in-text": (
        "questions:\n  - id: a\n    stem: Note: this is bad\n    area: x\n",
        3,
        "a text contains `: ` (a colon and a space) and is not in quotes",
        "    3 |     stem: Note: this is bad\n      |               ^",
    ),
    "tab": (
        "questions:\n  - id: a\n\tarea: x\n",
        3,
        "a tab character; YAML indents with spaces only",
        "    3 | →area: x\n      | ^",
    ),
    "entry-at-column-0": (
        "questions:\n  - id: a\n    area: x\n- id: b\n  area: y\n",
        4,
        "this list entry is not lined up with the entries above it",
        "    4 | - id: b\n      | ^",
    ),
    "key-indented-too-far": (
        "questions:\n  - id: a\n    area: x\n      section: y\n",
        4,
        "`section:` is indented further than the line above it",
        "    4 |       section: y\n      |       ^",
    ),
    "key-not-indented-enough": (
        "questions:\n  - id: a\n    area: x\n   section: y\n",
        4,
        "this line is not lined up with the lines above it",
        "    4 |    section: y\n      |    ^",
    ),
    "choice-key-misaligned": (
        "questions:\n  - id: a\n    choices:\n      - text: a\n      feedback: b\n",
        5,
        "this line is not lined up with the lines above it",
        "    5 |       feedback: b\n      |       ^",
    ),
    "unclosed-quote": (
        'questions:\n  - id: a\n    stem: "hello\n    area: x\n',
        3,
        "a quotation mark is opened here and never closed",
        '    3 |     stem: "hello\n      |           ^',
    ),
    "text-after-quote": (
        'questions:\n  - id: a\n    stem: "Right" she said\n',
        3,
        "text follows a quoted text on the same line",
        None,
    ),
    "text-continues-unindented": (
        "questions:\n  - id: a\n    stem: a long text\n    that goes on\n    area: x\n",
        4,
        "a text runs on to a line that is not indented under its key, or a key lacks its `:`",
        "    4 |     that goes on\n      |     ^",
    ),
    "duplicate-key": (
        "questions:\n  - id: a\n    id: b\n",
        3,
        "the key `id` appears twice in this entry",
        None,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_yaml_mistake_is_explained_in_plain_words(name: str) -> None:
    text, line, rule, shown = CASES[name]
    with pytest.raises(PluginError) as caught:
        parse_yaml(text, SOURCE)
    message = str(caught.value)
    assert message.startswith(f"{SOURCE}:{line}: {rule}\n"), message
    if shown:
        assert f"\n{shown}\n  How to fix: " in message, message
    assert not any(word in message for word in JARGON), message


def test_front_matter_lines_are_numbered_as_in_the_chapter_file() -> None:
    with pytest.raises(PluginError, match=r"docs/x.md:4: .*\n    4 \| b: c: d\n"):
        parse_yaml("a: 1\n\nb: c: d\n", "docs/x.md", first_line=2)


def test_an_excerpt_of_a_long_line_keeps_the_caret_under_the_spot() -> None:
    line = "x" * 150 + ": here" + "y" * 100
    shown = excerpt(line + "\n", 1, 150)
    assert shown is not None
    source, caret = shown.split("\n")
    assert len(source) < 120
    assert source[caret.index("^")] == ":"


def test_field_names_and_values_read_as_words() -> None:
    assert field_name(["questions", 0, "choices", 1, "feedback"]) == "choice B's `feedback`"
    assert field_name(["questions", 3, "citations", 1]) == "`citations` item 2"
    assert field_name(["questions", 3]) == "the entry"
    entry = {"id": "q", "area": "a", "section": "s", "stem": "x" * 5000}
    assert shown_value(entry) == "a set of `key: value` lines (id, area, section, …)"
    assert shown_value("word " * 100).endswith("…'") and len(shown_value("word " * 100)) <= 62


def test_schema_errors_name_the_field_and_show_the_value_short(tmp_path: Path) -> None:
    from confidant.yamldata import validate_against_schema

    schema = Path(__file__).resolve().parents[2] / "schemas" / "questions.schema.json"
    document = parse_yaml(
        "questions:\n  - id: q\n    area: law-reporting\n    section: s\n    stem: A stem\n"
        "    choices:\n      - text: a\n        feedback: f\n      - text: b\n        feedback: 42\n"
        "    rationale: r\n    citations: [Pen. Code § 1]\n",
        SOURCE,
    )
    with pytest.raises(PluginError) as caught:
        validate_against_schema(document, schema, SOURCE, "questions", "id")
    assert str(caught.value).startswith(f"{SOURCE}:9 [q]: choice B's `feedback` should be a text, found '42'")


def test_a_capitalised_key_of_an_entry_is_named() -> None:
    from confidant.yamldata import validate_against_schema

    schema = Path(__file__).resolve().parents[2] / "schemas" / "questions.schema.json"
    document = parse_yaml("questions:\n  - id: q\n    Area: law-reporting\n", SOURCE)
    with pytest.raises(PluginError) as caught:
        validate_against_schema(document, schema, SOURCE, "questions", "id")
    assert str(caught.value).startswith(f"{SOURCE}:2 [q]: the key `Area` in the entry is not lower case")
    assert "How to fix: write `area:`" in str(caught.value)


@pytest.mark.parametrize("name", [name for name in CASES if name != "duplicate-key"])
def test_the_pure_python_parser_gets_the_same_plain_words(name: str) -> None:
    """The build parses with libyaml when PyYAML has it and with PyYAML's own parser otherwise; the
    two word their errors differently, and both become the same message."""
    import yaml

    from confidant.yamldata import yaml_syntax_error

    text, line, rule, _ = CASES[name]
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load(text, Loader=yaml.SafeLoader)
    message = str(yaml_syntax_error(caught.value, text, SOURCE))
    assert message.startswith(f"{SOURCE}:{line}: {rule}\n"), message
