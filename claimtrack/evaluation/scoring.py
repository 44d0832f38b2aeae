"""Span arithmetic and the scores: predicted attributions against gold ones, one to one.

- content, **overlap**: the two contents overlap by at least half of the shorter one;
- content, **strict**: their Jaccard index (overlap / union) is at least 0.8;
- cue: overlap of at least half of the shorter cue;
- source, given a matched content: the predicted source mention overlaps the gold one by at least
  half of the shorter (pronouns count as what they are in the text: "he" must be "he").

Spans of one side are a list (discontinuous contents "a b;c d"), measured in characters.
Matching is greedy on the best score first, so one prediction never matches two gold items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..domain import Span

LENIENT = 0.5
STRICT = 0.8


def length(spans: Sequence[Span]) -> int:
    return sum(len(s) for s in spans)


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    return sum(x.overlap(y) for x in a for y in b)


def shorter_overlap(a: Sequence[Span], b: Sequence[Span]) -> float:
    """Overlap as a share of the shorter side (0 when either is empty)."""
    shortest = min(length(a), length(b))
    return overlap(a, b) / shortest if shortest else 0.0


def jaccard(a: Sequence[Span], b: Sequence[Span]) -> float:
    shared = overlap(a, b)
    union = length(a) + length(b) - shared
    return shared / union if union else 0.0


def match(gold: Sequence[Sequence[Span]], predicted: Sequence[Sequence[Span]],
          score: Callable[[Sequence[Span], Sequence[Span]], float], threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of spans scoring at least ``threshold``."""
    return pair_up(len(gold), len(predicted),
                   lambda g, p: score(gold[g], predicted[p]) if gold[g] and predicted[p] else 0.0, threshold)


def pair_up(gold: int, predicted: int, score: Callable[[int, int], float], threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) index pairs scoring at least ``threshold``, greedily best first."""
    candidates = sorted(
        ((s, g, p) for g in range(gold) for p in range(predicted) if (s := score(g, p)) >= threshold),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return sorted(pairs)


@dataclass
class Counts:
    """True positives, false positives, false negatives (fractional when annotators are averaged)."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, other: Counts, weight: float = 1.0) -> None:
        self.tp += other.tp * weight
        self.fp += other.fp * weight
        self.fn += other.fn * weight

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": round(self.tp, 2), "fp": round(self.fp, 2), "fn": round(self.fn, 2)}


@dataclass
class Accuracy:
    correct: float = 0.0
    total: float = 0.0

    def add(self, other: Accuracy, weight: float = 1.0) -> None:
        self.correct += other.correct * weight
        self.total += other.total * weight

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"accuracy": round(self.value, 4), "correct": round(self.correct, 2), "total": round(self.total, 2)}


@dataclass
class Item:
    """An attribution reduced to its spans, gold or predicted."""

    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)
    quoted: bool = False  # most of the content is inside quotation marks
    label: str = ""  # what to show in error reports: the cue as written, or the cue lemma


@dataclass
class Scores:
    content: Counts = field(default_factory=Counts)
    content_strict: Counts = field(default_factory=Counts)
    cue: Counts = field(default_factory=Counts)
    source: Accuracy = field(default_factory=Accuracy)
    quoted: Counts = field(default_factory=Counts)
    reported: Counts = field(default_factory=Counts)

    def add(self, other: Scores, weight: float = 1.0) -> None:
        for name in ("content", "content_strict", "cue", "source", "quoted", "reported"):
            getattr(self, name).add(getattr(other, name), weight)


@dataclass
class DocumentResult:
    scores: Scores
    missed: list[Item]  # gold items no prediction matched (content, overlap)
    false_alarms: list[Item]  # predictions no gold item matched


def score_items(gold: Sequence[Item], predicted: Sequence[Item]) -> DocumentResult:
    scores = Scores()
    pairs = match([g.content for g in gold], [p.content for p in predicted], shorter_overlap, LENIENT)
    scores.content.add(tally(len(pairs), len(gold), len(predicted)))
    strict = match([g.content for g in gold], [p.content for p in predicted], jaccard, STRICT)
    scores.content_strict.add(tally(len(strict), len(gold), len(predicted)))
    scores.cue.add(lenient_counts([g.cue for g in gold], [p.cue for p in predicted]))
    for g, p in pairs:
        if gold[g].source:
            scores.source.total += 1
            scores.source.correct += shorter_overlap(gold[g].source, predicted[p].source) >= LENIENT
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for quoted, counts in ((True, scores.quoted), (False, scores.reported)):
        counts.tp = sum(1 for g, _ in pairs if gold[g].quoted is quoted)
        counts.fn = sum(1 for i, g in enumerate(gold) if g.quoted is quoted and i not in matched_gold)
        counts.fp = sum(1 for i, p in enumerate(predicted) if p.quoted is quoted and i not in matched_predicted)
    return DocumentResult(
        scores,
        [g for i, g in enumerate(gold) if i not in matched_gold],
        [p for i, p in enumerate(predicted) if i not in matched_predicted],
    )


def tally(pairs: int, gold: int, predicted: int) -> Counts:
    """The counts of a one-to-one matching: ``pairs`` matched of ``gold`` and ``predicted`` items."""
    return Counts(tp=pairs, fp=predicted - pairs, fn=gold - pairs)


def lenient_counts(gold: Sequence[Sequence[Span]], predicted: Sequence[Sequence[Span]]) -> Counts:
    """The counts of matching the non-empty ``gold`` and ``predicted`` spans one to one, each pair
    overlapping by half of the shorter (items without a cue are no cue to find or to miss)."""
    gold = [g for g in gold if g]
    predicted = [p for p in predicted if p]
    return tally(len(match(gold, predicted, shorter_overlap, LENIENT)), len(gold), len(predicted))
