"""The item audit catches answer cues, near-duplicates and short stems; the real bank meets its limits."""

from __future__ import annotations

import random
from pathlib import Path

from confidant import itemaudit
from confidant.questions import Choice, Question
from tests.unit import factories
from tools.audit_items import load_questions, report

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = [
    "client",
    "therapist",
    "report",
    "record",
    "consent",
    "parent",
    "minor",
    "court",
    "privilege",
    "release",
    "session",
    "fee",
    "board",
    "notice",
    "supervisor",
    "associate",
    "disclose",
    "written",
    "phone",
    "county",
    "agency",
    "school",
    "insurance",
    "referral",
    "danger",
    "safety",
    "plan",
]


def make_question(qid: str, source: str, options: list[str], key: int, stem: str, family: str = "") -> Question:
    choices = tuple(Choice(text, "Feedback.", i == key) for i, text in enumerate(options))
    return factories.make_question(qid, area="law-practice", stem=stem, choices=choices, family=family, source=source)


def phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)).capitalize() + "."


def synthetic_bank(rng: random.Random, option_for_key, option_for_distractor) -> list[Question]:
    """Ten files of 25 items each; the key's position is uniform, the options are random words."""
    bank = []
    for file_number in range(10):
        source = f"data/questions/file-{file_number}.yml"
        for item in range(25):
            key = rng.randrange(4)
            options = [option_for_key(rng) if i == key else option_for_distractor(rng) for i in range(4)]
            stem = phrase(rng, 50)
            bank.append(make_question(f"f{file_number}-q{item}", source, options, key, stem))
    return bank


def test_a_bank_whose_keys_always_have_the_most_clauses_fails_the_audit() -> None:
    rng = random.Random(7)
    bank = synthetic_bank(
        rng,
        lambda r: f"{phrase(r, 4)[:-1]}, {phrase(r, 3)[:-1].lower()}, and {phrase(r, 3).lower()}",
        lambda r: phrase(r, 11),
    )
    result = itemaudit.audit(bank)
    assert result.guesser_bank > 0.9
    assert not result.passed
    assert any("cue-only guesser scores" in problem for problem in result.problems)
    rule, accuracy = result.features["clauses"]
    assert rule == "most"
    assert accuracy > 0.9


def test_a_bank_whose_keys_carry_no_surface_cue_passes_the_guesser() -> None:
    rng = random.Random(11)
    bank = synthetic_bank(rng, lambda r: phrase(r, r.randint(8, 14)), lambda r: phrase(r, r.randint(8, 14)))
    result = itemaudit.audit(bank)
    assert result.guesser_bank <= itemaudit.MAX_GUESSER_BANK
    assert not [problem for problem in result.problems if "guesser" in problem]


def test_distractors_padded_with_because_are_caught_by_the_guesser() -> None:
    rng = random.Random(3)
    bank = synthetic_bank(rng, lambda r: phrase(r, 12), lambda r: f"{phrase(r, 6)[:-1]} because {phrase(r, 5).lower()}")
    result = itemaudit.audit(bank)
    assert result.guesser_bank > 0.9
    assert result.features["'because' clauses"][0] == "least"


def test_near_duplicates_fail_unless_they_share_a_family() -> None:
    stem = "An associate receives a subpoena for a client's records from the other side's lawyer in a divorce."
    key = "Assert the privilege on the client's behalf and tell the client."
    others = ["Send the records.", "Ignore the subpoena.", "Call the judge."]
    first = make_question("a", "data/questions/one.yml", [key, *others], 0, stem)
    second = make_question("b", "data/questions/two.yml", [*others, key], 3, stem + " What first?")
    filler = [
        make_question(f"x{i}", "data/questions/one.yml", [f"{w} one", f"{w} two", f"{w} three", f"{w} four"], 0, w)
        for i, w in enumerate(VOCABULARY)
    ]
    pairs = itemaudit.unfamilied(
        itemaudit.near_duplicates([itemaudit.Item.from_question(q) for q in [first, second, *filler]])
    )
    assert [(pair.first.id, pair.second.id) for pair in pairs] == [("a", "b")]
    same_family = [
        make_question("a", "data/questions/one.yml", [key, *others], 0, stem, family="subpoena-first-step"),
        make_question("b", "data/questions/two.yml", [*others, key], 3, stem, family="subpoena-first-step"),
    ]
    assert itemaudit.unfamilied(itemaudit.near_duplicates([itemaudit.Item.from_question(q) for q in same_family])) == []


def test_a_stem_of_45_words_or_more_is_a_vignette() -> None:
    rng = random.Random(1)
    assert itemaudit.is_vignette(make_question("v", "f.yml", ["a", "b", "c", "d"], 0, phrase(rng, 45)))
    assert not itemaudit.is_vignette(make_question("s", "f.yml", ["a", "b", "c", "d"], 0, phrase(rng, 44)))


def test_the_question_bank_meets_every_limit_of_the_item_audit() -> None:
    result = itemaudit.audit(load_questions(ROOT))
    assert result.passed, report(result)
