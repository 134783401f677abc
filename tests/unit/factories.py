"""Question objects for unit tests, built the way the loader builds them."""

from __future__ import annotations

from confidant.questions import Choice, Question

FOUR_CHOICES = (Choice("A", "a", True), Choice("B", "b", False), Choice("C", "c", False), Choice("D", "d", False))


def make_question(
    qid: str,
    *,
    area: str = "law-confidentiality",
    section: str = "s",
    stem: str = "Stem?",
    choices: tuple[Choice, ...] = FOUR_CHOICES,
    family: str = "",
    source: str = "data/questions/sample.yml",
    line: int = 1,
) -> Question:
    return Question(
        id=qid,
        area=area,
        section=section,
        stem=stem,
        choices=choices,
        rationale="Why.",
        citations=("Evid. Code § 1013",),
        multiple=False,
        difficulty=None,
        tags=(),
        family=family or qid,
        chapter=source.rsplit("/", 1)[-1].removesuffix(".yml"),
        source=source,
        line=line,
    )
