"""The exam plan: parts (law, ethics) and the areas questions are tagged with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import content_error
from .filecache import cached
from .yamldata import load_yaml, validate_against_schema


@dataclass(frozen=True)
class Area:
    code: str
    part: str
    title: str
    weight: int | None
    confirmed: bool
    note: str
    proxy_weight: float | None = None  # relative weight under the best available proxy, if unconfirmed
    proxy_basis: str = ""


@dataclass(frozen=True)
class ExamPlan:
    plan: str
    items: int
    scored_items: int
    pretest_items: int
    minutes: int
    choices_per_item: int
    part_weights: dict[str, int | None]
    part_titles: dict[str, str]
    areas: dict[str, Area]
    sources: tuple[str, ...]


def load_exam_plan(path: Path, schema_path: Path, display_path: str) -> ExamPlan:
    """Read and validate data/exam-plan.yml (kept while it and its schema are unchanged)."""
    return cached(
        ("exam-plan", path), [path, schema_path], display_path, lambda: _load_exam_plan(path, schema_path, display_path)
    )


def _load_exam_plan(path: Path, schema_path: Path, display_path: str) -> ExamPlan:
    document = load_yaml(path, display_path)
    validate_against_schema(document, schema_path, display_path, "areas", "code")
    part_codes = {part["code"] for part in document["parts"]}
    areas: dict[str, Area] = {}
    for raw in document["areas"]:
        if raw["code"] in areas:
            raise content_error(
                display_path, raw.line, raw["code"], "duplicate area code", "give every area a unique code"
            )
        if raw["part"] not in part_codes:
            raise content_error(
                display_path,
                raw.line,
                raw["code"],
                f"unknown part '{raw['part']}'",
                f"use one of: {', '.join(sorted(part_codes))}",
            )
        areas[raw["code"]] = Area(
            code=raw["code"],
            part=raw["part"],
            title=raw["title"],
            weight=raw["weight"],
            confirmed=raw["weight_status"] == "confirmed",
            note=raw.get("note", ""),
            proxy_weight=raw.get("proxy_weight"),
            proxy_basis=raw.get("proxy_basis", ""),
        )
    check_weights(document, areas, display_path)
    exam = document["exam"]
    return ExamPlan(
        plan=document["plan"],
        items=exam["items"],
        scored_items=exam["scored_items"],
        pretest_items=exam["pretest_items"],
        minutes=exam["minutes"],
        choices_per_item=exam["choices_per_item"],
        part_weights={part["code"]: part["weight"] for part in document["parts"]},
        part_titles={part["code"]: part["title"] for part in document["parts"]},
        areas=areas,
        sources=tuple(document["sources"]),
    )


def check_weights(document: dict, areas: dict[str, Area], display_path: str) -> None:
    """Part weights add up to 100; confirmed area weights fit inside their part (and fill it
    when every area of the part is confirmed)."""
    parts = document["parts"]
    weights = [part["weight"] for part in parts if part["weight"] is not None]
    if len(weights) == len(parts) and sum(weights) != 100:
        raise content_error(
            display_path,
            parts[0].line,
            None,
            f"the part weights add up to {sum(weights)}, not 100",
            "make the `weight:` of the parts (law, ethics) add up to 100",
        )
    for part in parts:
        mine = [area for area in areas.values() if area.part == part["code"]]
        confirmed = [area.weight for area in mine if area.confirmed and area.weight is not None]
        if part["weight"] is None:
            continue
        if sum(confirmed) > part["weight"] or (len(confirmed) == len(mine) and sum(confirmed) != part["weight"]):
            raise content_error(
                display_path,
                part.line,
                part["code"],
                f"the confirmed weights of the {part['code']} areas add up to {sum(confirmed)}, "
                f"but the part's weight is {part['weight']}",
                "correct the area weights or the part weight so that the areas fill their part exactly",
            )
