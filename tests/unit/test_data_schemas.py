"""Every data file validates against its JSON Schema (the same schemas editors and pre-commit use)."""

from __future__ import annotations

import json
from pathlib import Path

import fastjsonschema
import jsonschema
import pytest
import yaml

from confidant.yamldata import FAST_KEYWORDS, fast_check

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [(p, "questions.schema.json") for p in sorted((ROOT / "data/questions").glob("*.yml"))] + [
    (ROOT / "data/glossary.yml", "glossary.schema.json"),
    (ROOT / "data/exam-plan.yml", "exam-plan.schema.json"),
    (ROOT / "data/authorities.yml", "authorities.schema.json"),
    (ROOT / "data/authority-links.yml", "authority-links.schema.json"),
]


@pytest.mark.parametrize(("data", "schema"), PAIRS, ids=lambda v: v.name if isinstance(v, Path) else v)
def test_data_file_matches_schema(data: Path, schema: str) -> None:
    validator = jsonschema.Draft202012Validator(json.loads((ROOT / "schemas" / schema).read_text()))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml.safe_load(data.read_text()))]
    assert not errors


@pytest.mark.parametrize("schema", sorted((ROOT / "schemas").glob("*.json")), ids=lambda p: p.name)
def test_schemas_are_valid_and_wired_to_editors(schema: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema.read_text()))
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    assert f"./schemas/{schema.name}" in settings["yaml.schemas"]


def test_schema_rejects_a_question_without_choices() -> None:
    validator = jsonschema.Draft202012Validator(json.loads((ROOT / "schemas/questions.schema.json").read_text()))
    bad = {
        "questions": [
            {"id": "x", "area": "a", "section": "s", "stem": "?", "choices": [], "rationale": "r", "citations": ["c"]}
        ]
    }
    assert list(validator.iter_errors(bad))


def schema_keywords(node: object) -> set[str]:
    """Every keyword a schema uses (property names under `properties` and `$defs` are not keywords)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            children = value.values() if key in ("properties", "$defs") and isinstance(value, dict) else [value]
            for child in children:
                found |= schema_keywords(child)
    elif isinstance(node, list):
        for child in node:
            found |= schema_keywords(child)
    return found


@pytest.mark.parametrize("schema", sorted((ROOT / "schemas").glob("*.json")), ids=lambda p: p.name)
def test_schemas_use_only_keywords_the_fast_validator_reads_alike(schema: Path) -> None:
    """The build's fast path (fastjsonschema, draft 7) must not skip a keyword jsonschema checks."""
    assert schema_keywords(json.loads(schema.read_text())) <= FAST_KEYWORDS


def broken_copies(document: object) -> list[object]:
    """The document with one thing wrong: a key dropped, a key added, a value of the wrong type."""
    copies: list[object] = []
    if isinstance(document, dict):
        for key in document:
            copies.append({k: v for k, v in document.items() if k != key})
            copies.append({**document, key: 12345})
            copies += [{**document, key: inner} for inner in broken_copies(document[key])[:6]]
        copies.append({**document, "unexpected_key": "x"})
    elif isinstance(document, list) and document:
        copies += [[inner, *document[1:]] for inner in broken_copies(document[0])]
    return copies


@pytest.mark.parametrize(("data", "schema"), PAIRS, ids=lambda v: v.name if isinstance(v, Path) else v)
def test_the_fast_validator_agrees_with_jsonschema(data: Path, schema: str) -> None:
    path = ROOT / "schemas" / schema
    validator = jsonschema.Draft202012Validator(json.loads(path.read_text()))
    document = yaml.safe_load(data.read_text())
    fast_check(path)(document)  # valid: does not raise
    for copy in broken_copies(document):
        expected = validator.is_valid(copy)
        try:
            fast_check(path)(copy)
            fast = True
        except fastjsonschema.JsonSchemaException:
            fast = False
        assert fast == expected, copy
