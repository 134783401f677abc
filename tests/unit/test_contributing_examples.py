"""The data examples in CONTRIBUTING.md are valid: contributors copy them.

Every ```yaml block whose top-level key is `questions:` or `terms:` is validated against
its JSON Schema and loaded through the same loaders the build uses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from mkdocs.exceptions import PluginError

from confidant.examplan import load_exam_plan
from confidant.glossary import load_glossary
from confidant.questions import load_question_file
from confidant.yamldata import check_nesting, load_yaml
from tools.format_yaml import formatted

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONTRIBUTING = PROJECT_ROOT / "CONTRIBUTING.md"
PR_TEMPLATE = PROJECT_ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md"
SCHEMAS = PROJECT_ROOT / "schemas"
SOURCE = "CONTRIBUTING.md example"

# A fence of exactly three backticks opening a yaml block, up to the closing fence.
YAML_BLOCK = re.compile(r"^```ya?ml[ \t]*\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
CHECKBOX = re.compile(r"^- \[ \] (?P<item>.+)$", re.MULTILINE)
TEXT_BLOCK = re.compile(r"^```text\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
# file:line [entry]: rule, then optionally the line itself with a caret under the spot, then the fix.
ERROR_SHAPE = re.compile(
    r"^\S+\.(?:yml|md):\d+(?: \[[^\]]+\])?: .+\n(?:    \d+ \| .*\n    \s* \| *\^\n)?  How to fix: .+\n$"
)


def yaml_examples(kind: str) -> list[tuple[str, Any]]:
    """(text, parsed) for every yaml block of CONTRIBUTING.md whose top-level key is `kind`."""
    found = []
    for match in YAML_BLOCK.finditer(CONTRIBUTING.read_text(encoding="utf-8")):
        text = match["body"]
        if text.startswith("# The layout only"):
            continue  # the YAML style illustration, not an entry to copy
        document = yaml.safe_load(text)
        if isinstance(document, dict) and kind in document:
            found.append((text, document))
    return found


QUESTION_EXAMPLES = yaml_examples("questions")
GLOSSARY_EXAMPLES = yaml_examples("terms")


def schema(name: str) -> dict[str, Any]:
    return yaml.safe_load((SCHEMAS / name).read_text(encoding="utf-8"))


def area_codes() -> list[str]:
    plan = load_exam_plan(
        PROJECT_ROOT / "data" / "exam-plan.yml", SCHEMAS / "exam-plan.schema.json", "data/exam-plan.yml"
    )
    return list(plan.areas)


def schema_errors(document: Any, schema_name: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def test_contributing_has_a_question_and_a_glossary_example() -> None:
    assert len(QUESTION_EXAMPLES) >= 1, "CONTRIBUTING.md needs a complete ```yaml questions: example"
    assert len(GLOSSARY_EXAMPLES) >= 1, "CONTRIBUTING.md needs a complete ```yaml terms: example"


def test_contributing_has_a_chapter_example() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert re.search(r"^`{3,}markdown\n---\ntitle: .+\ndescription: .+\n", text, re.MULTILINE)
    assert "<!-- questions -->" in text


@pytest.mark.parametrize("example", [text for text, _ in QUESTION_EXAMPLES])
def test_question_example_is_valid(example: str, tmp_path: Path) -> None:
    assert schema_errors(yaml.safe_load(example), "questions.schema.json") == []
    path = tmp_path / "example.yml"
    path.write_text(example, encoding="utf-8")
    questions = load_question_file(path, SOURCE, SCHEMAS / "questions.schema.json", area_codes())
    assert questions
    for question in questions:
        assert len(question.choices) == 4, f"{question.id}: examples show the exam's 4 choices"
        assert all(choice.feedback for choice in question.choices)


@pytest.mark.parametrize("example", [text for text, _ in GLOSSARY_EXAMPLES])
def test_glossary_example_is_valid(example: str, tmp_path: Path) -> None:
    assert schema_errors(yaml.safe_load(example), "glossary.schema.json") == []
    path = tmp_path / "glossary.yml"
    path.write_text(example, encoding="utf-8")
    assert load_glossary(path, SOURCE, SCHEMAS / "glossary.schema.json")


def test_the_checks_catch_a_broken_example(tmp_path: Path) -> None:
    """The same checks fail when an example loses a required field."""
    text, document = QUESTION_EXAMPLES[0]
    del document["questions"][0]["rationale"]
    assert any("rationale" in error for error in schema_errors(document, "questions.schema.json"))
    path = tmp_path / "broken.yml"
    path.write_text(re.sub(r"^[ \t]*correct: true\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    with pytest.raises(PluginError, match="exactly one correct choice"):
        load_question_file(path, SOURCE, SCHEMAS / "questions.schema.json", area_codes())


def test_error_examples_have_the_build_error_shape() -> None:
    blocks = [match["body"] for match in TEXT_BLOCK.finditer(CONTRIBUTING.read_text(encoding="utf-8"))]
    # The real messages, not the `<file>:<line> [<entry>]: <rule>` template that introduces them.
    examples = [block for block in blocks if "How to fix:" in block and not block.startswith("<")]
    assert len(examples) >= 4
    for example in examples:
        assert ERROR_SHAPE.match(example), example


def test_review_checklist_matches_the_pull_request_template() -> None:
    template = CHECKBOX.findall(PR_TEMPLATE.read_text(encoding="utf-8"))
    guide = CHECKBOX.findall(CONTRIBUTING.read_text(encoding="utf-8"))
    assert template, "the pull request template has no checklist"
    assert template == guide


DATA_FILES = [*sorted((PROJECT_ROOT / "data" / "questions").glob("*.yml")), PROJECT_ROOT / "data" / "glossary.yml"]


def entries_of(example: str) -> str:
    """The entries of an example, as a contributor copies them: every line under the list key."""
    return example.split("\n", 1)[1]


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix())
def test_an_example_pasted_at_the_end_of_a_data_file_becomes_its_last_entry(path: Path, tmp_path: Path) -> None:
    kind, name_key = ("terms", "term") if path.name == "glossary.yml" else ("questions", "id")
    example, parsed = (GLOSSARY_EXAMPLES if kind == "terms" else QUESTION_EXAMPLES)[0]
    before = load_yaml(path, path.name)
    pasted = tmp_path / path.name
    pasted.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + entries_of(example), encoding="utf-8")
    after = load_yaml(pasted, path.name)
    check_nesting(after, pasted, path.name, kind, name_key)  # no entry swallowed by the one above it
    new = parsed[kind]
    assert len(after[kind]) == len(before[kind]) + len(new)
    assert [entry[name_key] for entry in after[kind][-len(new) :]] == [entry[name_key] for entry in new]


@pytest.mark.parametrize("kind", ["questions", "terms"])
def test_the_examples_are_in_the_canonical_yaml_style(kind: str) -> None:
    for example, _ in yaml_examples(kind):
        assert formatted(example) == example, f"the {kind} example of CONTRIBUTING.md is not in the one YAML style"
