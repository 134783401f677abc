"""The C YAML loader gives the documents and line numbers of the pure-Python one, and content
loaded once is kept while its files are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from confidant import filecache, yamldata
from confidant.questions import load_bank

ROOT = Path(__file__).resolve().parents[2]
CONTENT_FILES = sorted(
    [*ROOT.glob("data/**/*.yml"), *ROOT.glob("tests/fixtures/minisite/data/**/*.yml"), *ROOT.glob("notes/**/*.yml")]
)
SCHEMA = ROOT / "schemas" / "questions.schema.json"


class PurePythonLineLoader(yaml.SafeLoader):
    """The pure-Python loader with the same constructors, to compare against."""


PurePythonLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, yamldata._construct_mapping)
PurePythonLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, yamldata._construct_sequence)


def with_lines(node: object, path: tuple = ()) -> list[tuple]:
    """Every node of a document with its path, its type and the line it knows."""
    found = [(path, type(node).__name__, getattr(node, "line", None))]
    if isinstance(node, dict):
        for key, value in node.items():
            found += with_lines(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += with_lines(value, (*path, index))
    return found


def test_the_build_uses_libyaml() -> None:
    assert yamldata.LIBYAML, "PyYAML lacks libyaml here: the build falls back to the slow loader"
    assert issubclass(yamldata._LineLoader, yaml.CSafeLoader)


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_content_file_loads_to_the_same_document_and_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = yaml.load(text, Loader=PurePythonLineLoader)  # noqa: S506 - a SafeLoader
    loaded = yamldata.parse_yaml(text, "x.yml")
    assert loaded == expected
    assert with_lines(loaded) == with_lines(expected)
    assert len(with_lines(loaded)) >= 3


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: &unused 2\n", 2),
        ("a: [1, 2]\nb:\n  - &x one\n  - *x\n", 3),
        ("a: x\nb: *nothing\n", 2),
        ("- &anchored\n  k: v\n", 1),
    ],
)
def test_anchors_and_aliases_are_refused_at_their_line(text: str, line: int) -> None:
    with pytest.raises(PluginError) as caught:
        yamldata.parse_yaml(text, "data/x.yml")
    assert str(caught.value).startswith(
        f"data/x.yml:{line}: YAML anchors and aliases (`&name`, `*name`) are not allowed"
    )


def test_ampersands_and_asterisks_in_text_are_not_anchors() -> None:
    text = "a: Bus. & Prof. Code § 4980\nb: '*emphasis* and &amp;'\nc: 2 * 3 & 4\n"
    assert yamldata.parse_yaml(text, "x.yml") == {
        "a": "Bus. & Prof. Code § 4980",
        "b": "*emphasis* and &amp;",
        "c": "2 * 3 & 4",
    }


def test_a_syntax_error_before_an_anchor_is_reported_first() -> None:
    with pytest.raises(PluginError) as caught:
        yamldata.parse_yaml("a: [unclosed\nb: &x 1\n", "data/x.yml")
    assert "anchors" not in str(caught.value)
    assert str(caught.value).startswith("data/x.yml:1: a list in square brackets `[…]` is not closed")


def test_content_is_reloaded_only_when_its_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "value.yml"
    path.write_text("a: 1\n")
    loads: list[int] = []

    def load() -> object:
        loads.append(1)
        return yamldata.load_yaml(path, "value.yml")

    first = filecache.cached(("test", path), [path], None, load)
    assert filecache.cached(("test", path), [path], None, load) is first
    assert len(loads) == 1
    path.write_text("a: 2\n")  # same size, possibly the same clock tick: the bytes decide
    assert filecache.cached(("test", path), [path], None, load) == {"a": 2}
    assert len(loads) == 2
    assert filecache.cached(("test", path), [path], "other settings", load) == {"a": 2}
    assert len(loads) == 3


def test_a_failed_load_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("a: [unclosed\n")
    for _ in range(2):
        with pytest.raises(PluginError):
            filecache.cached(("test", path), [path], None, lambda: yamldata.load_yaml(path, "broken.yml"))


def test_an_unchanged_question_file_is_not_parsed_again(tmp_path: Path) -> None:
    source = (ROOT / "tests/fixtures/minisite/data/questions/sample.yml").read_text(encoding="utf-8")
    folder = tmp_path / "data" / "questions"
    folder.mkdir(parents=True)
    (folder / "sample.yml").write_text(source)
    (folder / "other.yml").write_text(source.replace("id: sample-", "id: other-"))
    areas = sorted({line.split(":", 1)[1].strip() for line in source.splitlines() if line.strip().startswith("area:")})
    first = load_bank(folder, SCHEMA, areas, tmp_path)
    second = load_bank(folder, SCHEMA, areas, tmp_path)
    assert second["sample"] is first["sample"] and second["other"] is first["other"]
    (folder / "other.yml").write_text(source.replace("id: sample-", "id: edited-"))
    third = load_bank(folder, SCHEMA, areas, tmp_path)
    assert third["sample"] is first["sample"]
    assert third["other"] is not first["other"]
    assert [q.id for q in third["other"]] == [q.id.replace("sample-", "edited-") for q in first["sample"]]
