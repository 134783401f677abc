"""Item audit: can a reader who never studied the law pick the keyed answer from surface cues alone?

The audit measures the cues that item-writing guides warn about (option length, "because" clauses,
absolutes, hedges, process verbs, clause counts, word overlap with the stem and with the other options,
answer position) and trains a *guesser* on them: a conditional-logit model that scores the four options
of an item against each other and picks the highest. It is trained on every question file but one and
tested on the file it has not seen (leave-one-file-out), so its accuracy is what a test-wise reader
would score on new items written in the same style. Chance is 25% for four options.

It also finds near-duplicate items (the same fact tested twice) that are not in one `family`, and counts
the share of clinical-vignette stems. Everything here is pure: it takes `Question` objects and returns
numbers; `tools/audit_items.py` prints them and `make test` enforces the limits.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .questions import Question

# Limits the bank must meet (from the question-quality issue).
MAX_GUESSER_BANK = 0.35
MAX_GUESSER_FILE = 0.45
MIN_FILE_ITEMS_FOR_LIMIT = 20
VIGNETTE_MIN_WORDS = 45
MIN_VIGNETTE_SHARE_BANK = 0.40
MIN_VIGNETTE_SHARE_AREA = 0.30
# Cosine similarity (TF-IDF of stem + key) at or above which two items count as near-duplicates.
NEAR_DUPLICATE_SIMILARITY = 0.5

WORD = re.compile(r"[a-z0-9']+")
BECAUSE = re.compile(r"\b(because|since|so that|given that|as long as|in order to|due to)\b")
ABSOLUTE = re.compile(
    r"\b(always|never|only|must|any|all|every|none|cannot|can't|no one|nothing|entirely|regardless|"
    r"automatically|under no|whatever|whenever|solely|completely|required|requires)\b"
)
HEDGE = re.compile(r"\b(may|might|could|consider|usually|generally|often|typically|likely|possibly|perhaps|if)\b")
PROCESS = re.compile(
    r"\b(consult\w*|discuss\w*|explor\w*|document\w*|review\w*|assess\w*|explain\w*|inform\w*|seek\w*|"
    r"supervis\w*|talk\w*|clarif\w*|evaluat\w*|plan\w*)\b"
)
NEGATION = re.compile(r"\b(not|no|without|refus\w*|declin\w*|don't|avoid\w*)\b")
CLAUSE_BREAK = re.compile(r",|;|:|\b(and|then|but|or|while|unless)\b")
DIGIT = re.compile(r"\d+")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "as",
        "if",
        "then",
        "than",
        "so",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "you",
        "your",
        "i",
        "we",
        "our",
        "us",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
    ]
)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS and len(w) > 2}


def word_count(text: str) -> int:
    return len(words(text))


def is_vignette(question: Question) -> bool:
    return word_count(question.stem) >= VIGNETTE_MIN_WORDS


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text.lower()))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


# Raw surface features of one option, given its item: name -> function(option index, item).
@dataclass(frozen=True)
class Item:
    id: str
    source: str
    area: str
    family: str
    stem: str
    options: tuple[str, ...]
    key: int

    @classmethod
    def from_question(cls, question: Question) -> Item:
        key = next(i for i, choice in enumerate(question.choices) if choice.correct)
        return cls(
            id=question.id,
            source=question.source,
            area=question.area,
            family=question.family,
            stem=question.stem,
            options=tuple(choice.text for choice in question.choices),
            key=key,
        )


def _stem_overlap(item: Item, index: int) -> float:
    option = content_words(item.options[index])
    return len(option & content_words(item.stem)) / len(option) if option else 0.0


def _option_overlap(item: Item, index: int) -> float:
    mine = content_words(item.options[index])
    others = [content_words(text) for i, text in enumerate(item.options) if i != index]
    return sum(_jaccard(mine, other) for other in others) / len(others) if others else 0.0


RAW_FEATURES: dict[str, Callable[[Item, int], float]] = {
    "length (characters)": lambda item, i: len(item.options[i]),
    "words": lambda item, i: word_count(item.options[i]),
    "clauses": lambda item, i: 1 + _count(CLAUSE_BREAK, item.options[i]),
    "'because' clauses": lambda item, i: _count(BECAUSE, item.options[i]),
    "absolutes": lambda item, i: _count(ABSOLUTE, item.options[i]),
    "hedges": lambda item, i: _count(HEDGE, item.options[i]),
    "process verbs": lambda item, i: _count(PROCESS, item.options[i]),
    "negations": lambda item, i: _count(NEGATION, item.options[i]),
    "numbers": lambda item, i: _count(DIGIT, item.options[i]),
    "overlap with stem": _stem_overlap,
    "overlap with other options": _option_overlap,
}


def raw_matrix(item: Item) -> list[list[float]]:
    """One row per option, one column per raw feature."""
    return [[feature(item, i) for feature in RAW_FEATURES.values()] for i in range(len(item.options))]


def model_features(item: Item) -> list[list[float]]:
    """What the guesser sees: each raw feature relative to the item (centred, largest, smallest),
    the option's position, and each option's share of the item's total length."""
    raw = raw_matrix(item)
    n = len(raw)
    rows: list[list[float]] = [[] for _ in range(n)]
    for column in range(len(RAW_FEATURES)):
        values = [row[column] for row in raw]
        mean = sum(values) / n
        spread = (max(values) - min(values)) or 1.0
        top, bottom = max(values), min(values)
        for i, value in enumerate(values):
            rows[i] += [
                (value - mean) / spread,
                1.0 if value == top and top != bottom else 0.0,
                1.0 if value == bottom and top != bottom else 0.0,
            ]
    for i in range(n):
        rows[i] += [1.0 if i == position else 0.0 for position in range(4)]
    return rows


class Guesser:
    """Conditional logit over the options of an item (softmax of a linear score), fitted by gradient
    descent with L2 shrinkage. `rows` arrays have shape (items, options, features)."""

    def __init__(self, l2: float = 0.01, rounds: int = 600, step: float = 0.5) -> None:
        self.l2, self.rounds, self.step = l2, rounds, step
        self.weights = np.zeros(0)

    def fit(self, rows: np.ndarray, keys: np.ndarray) -> Guesser:
        items, _, width = rows.shape
        self.weights = np.zeros(width)
        target = np.zeros(rows.shape[:2])
        target[np.arange(items), keys] = 1.0
        for _ in range(self.rounds):
            scores = rows @ self.weights
            scores -= scores.max(axis=1, keepdims=True)
            probabilities = np.exp(scores)
            probabilities /= probabilities.sum(axis=1, keepdims=True)
            gradient = np.einsum("io,iof->f", target - probabilities, rows) / items
            self.weights += self.step * (gradient - self.l2 * self.weights)
        return self

    def credit(self, rows: np.ndarray, keys: np.ndarray) -> float:
        """Summed credit: 1 per item whose key scores highest, 1/k where it ties with k-1 others."""
        scores = np.round(rows @ self.weights, 9)
        best = scores == scores.max(axis=1, keepdims=True)
        return float((best[np.arange(len(keys)), keys] / best.sum(axis=1)).sum())


def leave_one_file_out(items: Sequence[Item]) -> dict[str, float]:
    """Guesser accuracy on each file when trained on all the other files."""
    rows = np.array([model_features(item) for item in items])
    keys = np.array([item.key for item in items])
    sources = np.array([item.source for item in items])
    accuracy: dict[str, float] = {}
    for source in sorted(set(sources.tolist())):
        held_out = sources == source
        if held_out.all():
            continue
        guesser = Guesser().fit(rows[~held_out], keys[~held_out])
        accuracy[source] = guesser.credit(rows[held_out], keys[held_out]) / int(held_out.sum())
    return accuracy


def single_feature_accuracy(items: Sequence[Item]) -> dict[str, tuple[str, float]]:
    """For each raw feature, the better of 'pick the option with the most' and 'the least', and its score."""
    result: dict[str, tuple[str, float]] = {}
    for column, name in enumerate(RAW_FEATURES):
        totals = {"most": 0.0, "least": 0.0}
        for item in items:
            values = [row[column] for row in raw_matrix(item)]
            for rule, target in (("most", max(values)), ("least", min(values))):
                tied = [i for i, value in enumerate(values) if value == target]
                totals[rule] += 1.0 / len(tied) if item.key in tied else 0.0
        rule = max(totals, key=lambda r: totals[r])
        result[name] = (rule, totals[rule] / len(items) if items else 0.0)
    return result


@dataclass(frozen=True)
class CueRates:
    """Share of keys and of distractors that carry each cue, for one group of items."""

    items: int
    key_longest: float
    key_shortest: float
    key_vs_distractor: dict[str, tuple[float, float]]


def cue_rates(items: Sequence[Item]) -> CueRates:
    flags = {
        "'because'": BECAUSE,
        "absolutes": ABSOLUTE,
        "hedges": HEDGE,
        "process verbs": PROCESS,
    }
    counts: dict[str, list[float]] = {name: [0.0, 0.0] for name in flags}
    clauses = [0.0, 0.0]
    stem_overlap = [0.0, 0.0]
    option_overlap = [0.0, 0.0]
    keys = distractors = 0
    longest = shortest = 0.0
    for item in items:
        lengths = [len(text) for text in item.options]
        longest += _tie_share(lengths, max(lengths), item.key)
        shortest += _tie_share(lengths, min(lengths), item.key)
        for i, text in enumerate(item.options):
            side = 0 if i == item.key else 1
            keys += side == 0
            distractors += side == 1
            for name, pattern in flags.items():
                counts[name][side] += 1 if pattern.search(text.lower()) else 0
            clauses[side] += 1 + _count(CLAUSE_BREAK, text)
            stem_overlap[side] += _stem_overlap(item, i)
            option_overlap[side] += _option_overlap(item, i)
    n = len(items) or 1
    rates = {name: (k / max(keys, 1), d / max(distractors, 1)) for name, (k, d) in counts.items()}
    rates["mean clauses"] = (clauses[0] / max(keys, 1), clauses[1] / max(distractors, 1))
    rates["overlap with stem"] = (stem_overlap[0] / max(keys, 1), stem_overlap[1] / max(distractors, 1))
    rates["overlap with options"] = (option_overlap[0] / max(keys, 1), option_overlap[1] / max(distractors, 1))
    return CueRates(items=len(items), key_longest=longest / n, key_shortest=shortest / n, key_vs_distractor=rates)


def _tie_share(values: Sequence[float], target: float, key: int) -> float:
    tied = [i for i, value in enumerate(values) if value == target]
    return 1.0 / len(tied) if key in tied else 0.0


# Near-duplicates: TF-IDF cosine over the stem and the keyed answer.
def _tfidf_vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    bags = [Counter(w for w in words(text) if w not in STOPWORDS and len(w) > 2) for text in texts]
    document_frequency = Counter(term for bag in bags for term in bag)
    total = len(bags)
    vectors = []
    for bag in bags:
        vector = {
            term: (1 + math.log(count)) * math.log((1 + total) / (1 + document_frequency[term]))
            for term, count in bag.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({term: v / norm for term, v in vector.items()})
    return vectors


@dataclass(frozen=True)
class NearDuplicate:
    first: Item
    second: Item
    similarity: float


def near_duplicates(items: Sequence[Item], threshold: float = NEAR_DUPLICATE_SIMILARITY) -> list[NearDuplicate]:
    """Pairs of items whose stem + key are at least `threshold` similar, most similar first."""
    vectors = _tfidf_vectors([f"{item.stem} {item.options[item.key]}" for item in items])
    postings: dict[str, list[int]] = {}
    for index, vector in enumerate(vectors):
        for term in vector:
            postings.setdefault(term, []).append(index)
    pairs = []
    for index, vector in enumerate(vectors):
        dots: dict[int, float] = {}
        for term, weight in vector.items():
            for other in postings[term]:
                if other > index:
                    dots[other] = dots.get(other, 0.0) + weight * vectors[other][term]
        pairs += [
            NearDuplicate(items[index], items[other], similarity)
            for other, similarity in dots.items()
            if similarity >= threshold
        ]
    return sorted(pairs, key=lambda pair: -pair.similarity)


def unfamilied(pairs: Iterable[NearDuplicate]) -> list[NearDuplicate]:
    return [pair for pair in pairs if pair.first.family != pair.second.family]


@dataclass
class AuditResult:
    items: list[Item]
    guesser_by_file: dict[str, float]
    guesser_bank: float
    features: dict[str, tuple[str, float]]
    cues_by_file: dict[str, CueRates]
    cues_bank: CueRates
    vignette_by_file: dict[str, float]
    vignette_by_area: dict[str, float]
    vignette_bank: float
    duplicates: list[NearDuplicate]
    problems: list[str]

    @property
    def passed(self) -> bool:
        return not self.problems


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def audit(questions: Sequence[Question]) -> AuditResult:
    """Run every check over the bank; `problems` lists each limit that is not met."""
    # The guesser compares four options; items of another shape are left to the build's own rules.
    single = [q for q in questions if not q.multiple and len(q.choices) == 4]
    items = [Item.from_question(q) for q in single]
    by_file: dict[str, list[Item]] = {}
    for item in items:
        by_file.setdefault(item.source, []).append(item)
    guesser_by_file = leave_one_file_out(items) if len(by_file) > 1 else {}
    counted = sum(guesser_by_file[s] * len(by_file[s]) for s in guesser_by_file)
    guesser_bank = counted / sum(len(by_file[s]) for s in guesser_by_file) if guesser_by_file else 0.0
    vignette_by_file = {s: _share([is_vignette(q) for q in questions if q.source == s]) for s in by_file}
    areas = sorted({q.area for q in questions})
    vignette_by_area = {a: _share([is_vignette(q) for q in questions if q.area == a]) for a in areas}
    vignette_bank = _share([is_vignette(q) for q in questions])
    duplicates = near_duplicates(items)
    problems = _problems(guesser_bank, guesser_by_file, by_file, vignette_bank, vignette_by_area, duplicates)
    return AuditResult(
        items=items,
        guesser_by_file=guesser_by_file,
        guesser_bank=guesser_bank,
        features=single_feature_accuracy(items),
        cues_by_file={s: cue_rates(group) for s, group in sorted(by_file.items())},
        cues_bank=cue_rates(items),
        vignette_by_file=vignette_by_file,
        vignette_by_area=vignette_by_area,
        vignette_bank=vignette_bank,
        duplicates=duplicates,
        problems=problems,
    )


def _problems(
    guesser_bank: float,
    guesser_by_file: dict[str, float],
    by_file: dict[str, list[Item]],
    vignette_bank: float,
    vignette_by_area: dict[str, float],
    duplicates: list[NearDuplicate],
) -> list[str]:
    problems = []
    if guesser_bank > MAX_GUESSER_BANK:
        problems.append(
            f"the cue-only guesser scores {guesser_bank:.0%} on the whole bank (limit {MAX_GUESSER_BANK:.0%}): "
            "rewrite options so that length, 'because', absolutes, hedges and clause counts do not point to the key"
        )
    for source, accuracy in sorted(guesser_by_file.items()):
        if len(by_file[source]) >= MIN_FILE_ITEMS_FOR_LIMIT and accuracy > MAX_GUESSER_FILE:
            problems.append(
                f"{source}: the cue-only guesser scores {accuracy:.0%} (limit {MAX_GUESSER_FILE:.0%} per file)"
            )
    if vignette_bank < MIN_VIGNETTE_SHARE_BANK:
        problems.append(
            f"{vignette_bank:.0%} of stems are vignettes of {VIGNETTE_MIN_WORDS}+ words "
            f"(at least {MIN_VIGNETTE_SHARE_BANK:.0%} needed)"
        )
    for area, share in vignette_by_area.items():
        if share < MIN_VIGNETTE_SHARE_AREA:
            problems.append(
                f"area {area}: {share:.0%} of stems are vignettes (at least {MIN_VIGNETTE_SHARE_AREA:.0%} needed)"
            )
    for pair in unfamilied(duplicates):
        problems.append(
            f"near-duplicates ({pair.similarity:.2f}): {pair.first.source}:{pair.first.id} and "
            f"{pair.second.source}:{pair.second.id}: rewrite one to test a different fact, "
            f"or give both the same `family:`"
        )
    return problems
