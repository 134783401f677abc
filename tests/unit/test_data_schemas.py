"""Every data file validates against its JSON Schema (the same schemas editors and pre-commit use)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [(p, "questions.schema.json") for p in sorted((ROOT / "data/questions").glob("*.yml"))] + [
    (ROOT / "data/glossary.yml", "glossary.schema.json"),
    (ROOT / "data/exam-plan.yml", "exam-plan.schema.json"),
    (ROOT / "data/authorities.yml", "authorities.schema.json"),
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
