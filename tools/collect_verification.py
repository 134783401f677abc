"""Fold reviewers' verification logs into data/authorities.yml.

    python -m tools.collect_verification notes/verification-2026-12/*.yml

Each log is a YAML list of {citation, checked, status, source, note, replaced_by?} written while
reading the current statute text. This keeps, per California code section, the latest check, the
strongest status and the notes, and rewrites data/authorities.yml (entries already there are kept
unless a log has a newer check). Sections cited at subdivision level only are never marked repealed
as a whole: a repealed subdivision makes the section "amended".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from confidant.authorities import sections_in  # noqa: E402

STRENGTH = {"not-available": 0, "current": 1, "amended": 2, "renumbered": 3, "repealed": 3}
HEADER = (
    "# When each California code section the guide cites was last read in its current official text.\n"
    "# Schema: schemas/authorities.schema.json. `make authorities-report` lists the sections not checked yet;\n"
    "# `python -m tools.collect_verification LOG...` folds a review's verification logs in.\n"
)


def _entry_key(section: str) -> tuple[str, list[float]]:
    code, _, number = section.partition(" § ")
    return code, [float(part) for part in number.split(".") if part.isdigit()]


def merge(existing: list[dict], logs: list[list[dict]]) -> list[dict]:
    merged: dict[str, dict] = {entry["section"]: dict(entry) for entry in existing}
    for log in logs:
        for raw in log:
            sections = sections_in(str(raw.get("citation", "")))
            whole_section = len(sections) == 1 and "(" not in str(raw["citation"])
            for section in sections:
                status = raw.get("status", "current")
                if status in ("repealed", "renumbered") and not whole_section:
                    status = "amended"
                checked = str(raw["checked"]) if raw.get("checked") else None
                entry = merged.setdefault(section, {"section": section, "checked": None, "status": status})
                if checked and (entry.get("checked") is None or checked > entry["checked"]):
                    entry["checked"] = checked
                if STRENGTH[status] > STRENGTH[entry["status"]] or entry["status"] == "not-available":
                    entry["status"] = status if checked or status != "not-available" else entry["status"]
                if raw.get("replaced_by") and whole_section:
                    entry["replaced_by"] = str(raw["replaced_by"])
                if raw.get("source") and not entry.get("source"):
                    entry["source"] = " ".join(str(raw["source"]).split())
                note = " ".join(str(raw.get("note") or "").split())
                if note and note not in entry.get("note", ""):
                    entry["note"] = f"{entry['note']} | {note}" if entry.get("note") else note
    for entry in merged.values():
        if entry.get("checked") is None and entry["status"] != "not-available":
            entry["status"] = "not-available"
    return sorted(merged.values(), key=lambda e: _entry_key(e["section"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logs", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "data/authorities.yml")
    args = parser.parse_args(argv)
    current = yaml.safe_load(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    logs = [yaml.safe_load(path.read_text(encoding="utf-8")) or [] for path in args.logs]
    entries = merge(current.get("authorities") or [], logs)
    document = {"checked_against": current.get("checked_against", ""), "authorities": entries}
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
    args.out.write_text(HEADER + text, encoding="utf-8")
    print(f"{args.out}: {len(entries)} sections, {sum(1 for e in entries if e.get('checked'))} checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
