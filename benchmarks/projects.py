"""Throwaway copies of the project for `make bench`: the real one, the same content pre-rendered
with the hooks off, synthetic content at any scale, and the real content with a bigger bank.

Every copy lives in a temporary folder; nothing here writes into the working tree.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from glossary_linking import synthetic_terms  # noqa: E402

PARTS = ("docs", "data", "hooks", "overrides", "schemas", "vendor")
HOOKS_BLOCK = re.compile(r"^hooks:\n(?:  - .*\n)+", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)
CITATION = "Evid. Code § 1014"
DIAGRAM_CACHE = Path(".cache/diagrams")


def copy_project(target: Path) -> Path:
    """The project's build inputs (no git history: page dates fall back to the build date)."""
    target.mkdir(parents=True)
    for part in PARTS:
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # The drawn diagrams, as a contributor's checkout has them after its first build (no Chromium per copy).
    if (ROOT / DIAGRAM_CACHE).is_dir():
        shutil.copytree(ROOT / DIAGRAM_CACHE, target / DIAGRAM_CACHE)
    return target


def hook_paths(project: Path) -> list[str]:
    block = HOOKS_BLOCK.search((project / "mkdocs.yml").read_text(encoding="utf-8"))
    return [line.strip()[2:] for line in block.group(0).splitlines()[1:]] if block else []


def write_child_config(project: Path, name: str, settings: str) -> Path:
    """A config that inherits mkdocs.yml and overrides some settings (MkDocs' INHERIT)."""
    path = project / name
    path.write_text(f"INHERIT: mkdocs.yml\n{settings}", encoding="utf-8")
    return path


CAPTURE_HOOK = '''\
"""Bench helper: write each page's Markdown as the hooks leave it (front matter kept)."""
import re
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

OUT = Path(__file__).resolve().parent / "prerendered"
FRONT_MATTER = re.compile(r"\\A---[ \\t]*\\n.*?\\n---[ \\t]*\\n", re.DOTALL)


def _write(markdown, page):
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(source)
    front = match.group(0) if match else ""
    if page.meta.get("quiz", {}).get("enabled"):
        front = (front or "---\\n---\\n")[:-4] + "quiz:\\n  enabled: true\\n---\\n"
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + markdown, encoding="utf-8")


# After the quiz hook (50) has written the quiz blocks, before mkdocs-quiz (0) replaces them.
@event_priority(10)
def _before_quiz(markdown, page, config, files):
    _write(markdown, page)
    return markdown


# After every other hook (the glossary page's entries are written at 0), on pages without quizzes.
@event_priority(-100)
def _last(markdown, page, config, files):
    if not page.meta.get("quiz", {}).get("enabled"):
        _write(markdown, page)
    return markdown


on_page_markdown = CombinedEvent(_before_quiz, _last)
'''


def prerendered_project(full: Path, target: Path, build) -> Path:
    """The same content with the quiz blocks and the glossary entries already written into the
    Markdown; Confidant's hooks off, mkdocs-quiz and every other plugin still on."""
    (full / "bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    hooks = "".join(f"  - {path}\n" for path in [*hook_paths(full), "bench_capture.py"])
    config = write_child_config(full, "bench-capture.yml", f"hooks:\n{hooks}")
    build(config, full / "capture-site")
    shutil.copytree(full, target, ignore=shutil.ignore_patterns("*site", "prerendered", "bench*"))
    shutil.rmtree(target / "docs")
    shutil.copytree(full / "docs", target / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(full / "prerendered", target / "docs", dirs_exist_ok=True)
    config_text = HOOKS_BLOCK.sub("", (target / "mkdocs.yml").read_text(encoding="utf-8"))
    (target / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    return target


# --- Synthetic content ---------------------------------------------------------------------

FILLER = [
    "the",
    "client",
    "and",
    "the",
    "therapist",
    "discussed",
    "what",
    "the",
    "law",
    "requires",
    "before",
    "any",
    "disclosure",
    "is",
    "made",
    "and",
    "whether",
    "the",
    "record",
    "should",
    "note",
    "the",
    "consent",
    "the",
    "supervisor",
    "asked",
    "about",
    "during",
    "the",
    "session",
]


def _area_codes() -> list[str]:
    text = (ROOT / "data" / "exam-plan.yml").read_text(encoding="utf-8")
    return re.findall(r"^\s*-?\s*code:\s*(law-[\w-]+|ethics-[\w-]+)\s*$", text, re.MULTILINE)


def _sentence(rng: random.Random, terms: list[str], words: int = 40) -> str:
    out = [rng.choice(terms) if rng.random() < 0.06 else rng.choice(FILLER) for _ in range(words)]
    return " ".join(out).capitalize() + "."


def _question(rng: random.Random, qid: str, area: str, section: str, terms: list[str]) -> dict:
    correct = rng.randrange(4)
    choices = []
    for index in range(4):
        choice = {"text": f"Option {index + 1}: {_sentence(rng, terms, 10)}"}
        if index == correct:
            choice["correct"] = True
        choice["feedback"] = _sentence(rng, terms, 18)
        choices.append(choice)
    return {
        "id": qid,
        "area": area,
        "section": section,
        "stem": f"{_sentence(rng, terms, 45)} What should the associate do?",
        "choices": choices,
        "rationale": _sentence(rng, terms, 35),
        "citations": [CITATION],
    }


def _dump(path: Path, document: dict) -> None:
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")


def synthetic_project(target: Path, scale: int, seed: int = 19) -> Path:
    """Chapters, questions and glossary terms all `scale` times a base of 3 chapters, 120
    questions and 300 terms, wired to the real hooks, theme, schemas and exam plan."""
    rng = random.Random(seed)
    copy_project(target)
    shutil.rmtree(target / "docs")
    docs = target / "docs"
    (docs / "chapters").mkdir(parents=True)
    for questions in (target / "data" / "questions").glob("*.yml"):
        questions.unlink()
    areas = _area_codes()
    glossary = synthetic_terms(300 * scale, rng)
    names = [term.term for term in glossary]
    entries = "".join(
        f"- term: {t.term}\n  slug: {t.slug}\n  aliases:\n  - {t.aliases[0]}\n"
        f"  definition: A synthetic definition of {t.term} for the benchmark.\n"
        for t in glossary
    )
    (target / "data" / "glossary.yml").write_text("terms:\n" + entries, encoding="utf-8")
    chapters = []
    for number in range(1, 3 * scale + 1):
        stem = f"synthetic-{number}"
        chapters.append(f"chapters/{stem}.md")
        area = areas[number % len(areas)]
        sections = [f"part-{k}" for k in range(1, 7)]
        body = [
            f"---\ntitle: Synthetic chapter {number}\ndescription: Benchmark content.\narea: {area}\n"
            "last_reviewed: 2026-01-15\n---\n",
            f"# Synthetic chapter {number}\n",
        ]
        for section in sections:
            body.append(f"## Section {section} {{ #{section} }}\n")
            body += [_sentence(rng, names, 80) + "\n" for _ in range(3)]
            body.append(f"<!-- questions: {section} -->\n")
        (docs / "chapters" / f"{stem}.md").write_text("\n".join(body), encoding="utf-8")
        questions = [_question(rng, f"{stem}-q{i}", area, sections[i % 6], names) for i in range(40)]
        _dump(target / "data" / "questions" / f"{stem}.yml", {"questions": questions})
    (docs / "index.md").write_text("# Synthetic home\n\nBenchmark content.\n", encoding="utf-8")
    shutil.copy2(ROOT / "docs" / "glossary.md", docs / "glossary.md")
    shutil.copy2(ROOT / "docs" / "practice-exam.md", docs / "practice-exam.md")
    nav = "".join(f"      - {chapter}\n" for chapter in chapters)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(
        r"^nav:\n(?:  .*\n)+",
        f"nav:\n  - Home: index.md\n  - Law:\n{nav}  - Practice exam: practice-exam.md\n  - Glossary: glossary.md\n",
        config,
        flags=re.MULTILINE,
    )
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def bigger_bank(target: Path, total: int, seed: int = 20) -> int:
    """Add synthetic questions to the real chapters' question files until the bank holds `total`;
    each new item checks a section that a real item of its file checks. Returns the count before."""
    rng = random.Random(seed)
    files = sorted((target / "data" / "questions").glob("*.yml"))
    documents = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in files}
    before = sum(len(document["questions"]) for document in documents.values())
    names = [t["term"] for t in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["terms"]]
    with_items = [path for path in files if documents[path]["questions"]]
    for index in range(max(0, total - before)):
        path = with_items[index % len(with_items)]
        model = rng.choice(documents[path]["questions"][: 1 + len(documents[path]["questions"]) // 2])
        documents[path]["questions"].append(
            _question(rng, f"bench-{path.stem}-{index}", model["area"], model["section"], names)
        )
    for path, document in documents.items():
        _dump(path, document)
    return before
