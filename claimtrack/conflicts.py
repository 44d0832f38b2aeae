"""Conflicting statements across sources, each flag with its evidence. Pure logic over
:class:`Statement` records (stored claims with the facts read at ingest), so it never parses.

Four kinds (docs/conflicts.md):

* ``contradiction``: one statement reports as fact what another puts in doubt (or a denial cue
  denies): "Witkoff held a lengthy meeting with Putin" vs "it was unclear whether Witkoff had met
  with Putin".
* ``polarity``: the same proposition asserted and negated: "completely surrounded" vs "there was no
  threat of encirclement".
* ``stance``: support and opposition toward what both are about, from one actor at different times
  or as told by others, or from actors of one side.
* ``numeric``: different numbers for the same quantity (same unit, same thing counted).

Two statements are only compared when they share subject matter: a named actor or a content noun
(propositions and numbers), a topic (stances); and, for reports of events, when their articles
are close in time. Precision matters more than recall here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

from .facts import ASSERTED, DOUBTED, NEGATED, ConflictLexicon, conflict_lexicon
from .topics import TopicTable

CONTRADICTION, POLARITY, STANCE, NUMERIC = "contradiction", "polarity", "stance", "numeric"
KINDS = (CONTRADICTION, POLARITY, STANCE, NUMERIC)

_CONCEPT_BASE, _STANCE_BASE, _NUMERIC_BASE = 0.3, 0.35, 0.35
_PER_ACTOR, _PER_NOUN, _SAME_TOPIC, _SAME_HOLDER, _SAME_SIDE = 0.35, 0.2, 0.2, 0.35, 0.25


@dataclass
class Statement:
    """A stored claim as conflict detection sees it."""

    id: int
    document_id: int
    sentence_index: int
    text: str
    kind: str
    speaker_id: int | None
    speaker: str | None  # canonical name
    voice: str  # who says it: the speaker, else the reporting outlet, else the article's outlet
    outlet: str | None
    published: dt.date | None
    topics: set[str]  # topics the claim is about
    claim_topics: set[str]  # topics named in the claim itself
    facts: dict

    @cached_property
    def named(self) -> set[str]:
        return {n["key"] for n in self.facts.get("named", [])}

    @cached_property
    def anchors(self) -> set[str]:
        return set(self.facts.get("anchors", []))


@dataclass
class Finding:
    first: Statement
    second: Statement
    kind: str
    reason: str
    score: float
    evidence: dict = field(default_factory=dict)


@dataclass
class ConflictDetector:
    """Finds conflicts among statements; thresholds default to ``data/conflicts.toml``."""

    lexicon: ConflictLexicon = field(default_factory=conflict_lexicon)
    topics: TopicTable = field(default_factory=TopicTable.load)
    min_score: float | None = None
    window_days: int | None = None
    tolerance: float | None = None

    def __post_init__(self) -> None:
        thresholds = self.lexicon.thresholds
        self.min_score = thresholds["min_score"] if self.min_score is None else self.min_score
        self.window_days = int(thresholds["event_window_days"] if self.window_days is None else self.window_days)
        self.tolerance = thresholds["numeric_tolerance"] if self.tolerance is None else self.tolerance

    def detect(self, statements: Sequence[Statement], sides: dict[int, set[str]], names: dict[int, str]) -> list[Finding]:
        """Every conflict scoring at least ``min_score``, best first; one per pair and kind."""
        found: dict[tuple[int, int, str], Finding] = {}
        for finding in [*self._propositions(statements), *self._stances(statements, sides, names), *self._numbers(statements)]:
            if finding.score < self.min_score:
                continue
            first, second = sorted((finding.first, finding.second), key=_order)
            finding.first, finding.second = first, second
            key = (first.id, second.id, finding.kind)
            if key not in found or found[key].score < finding.score:
                found[key] = finding
        return sorted(found.values(), key=lambda f: (-f.score, f.first.id, f.second.id))

    # --- contradiction and polarity ---------------------------------------------------------

    def _propositions(self, statements: Sequence[Statement]) -> Iterable[Finding]:
        by_concept: dict[str, list[tuple[Statement, dict]]] = defaultdict(list)
        for statement in statements:
            for term in statement.facts.get("concepts", []):
                if term["polarity"] in (ASSERTED, NEGATED, DOUBTED) and term["concept"] in self.lexicon.concepts:
                    by_concept[term["concept"]].append((statement, term))
        for concept, items in by_concept.items():
            for (a, ta), (b, tb) in combinations(items, 2):
                polarities = {ta["polarity"], tb["polarity"]}
                if ASSERTED not in polarities or len(polarities) != 2 or not self._comparable(a, b):
                    continue
                shared = self._shared(a, b, exclude={w for p in self.lexicon.concepts[concept] for w in p})
                if not shared or not _compatible_actors(a, b):
                    continue
                kind = CONTRADICTION if DOUBTED in polarities else POLARITY
                score = _noisy_or([_CONCEPT_BASE] + self._evidence_weights(a, b, shared))
                asserted, other = (ta, tb) if ta["polarity"] == ASSERTED else (tb, ta)
                says, denies = (a, b) if asserted is ta else (b, a)
                verb = "puts in doubt" if kind == CONTRADICTION else "denies"
                reason = (f"{says.voice} reports {concept.replace('_', ' ')} (“{asserted['term']}”); "
                          f"{denies.voice} {verb} it (“{other['term']}”); both about {_list(shared)}")
                yield Finding(a, b, kind, reason, score, {
                    "concept": concept, "shared": sorted(shared),
                    "terms": {str(a.id): _term(ta), str(b.id): _term(tb)},
                })

    # --- stance -------------------------------------------------------------------------------

    def _stances(self, statements: Sequence[Statement], sides: dict[int, set[str]], names: dict[int, str]) -> Iterable[Finding]:
        by_topic: dict[str, list[tuple[Statement, dict]]] = defaultdict(list)
        for statement in statements:
            for stance in statement.facts.get("stances", []):
                for topic in statement.topics:
                    if self._toward(stance, topic):
                        by_topic[topic].append((statement, stance))
        for topic, items in by_topic.items():
            for (a, sa), (b, sb) in combinations(items, 2):
                if sa["polarity"] == sb["polarity"] or (a.document_id, a.sentence_index) == (b.document_id, b.sentence_index):
                    continue
                ha, hb = sa["holder"], sb["holder"]
                weights = [_STANCE_BASE]
                if ha is not None and ha == hb:
                    holder = names.get(ha, sa["holder_text"])
                    weights.append(_SAME_HOLDER)
                    if a.speaker_id == b.speaker_id == ha:
                        relation = f"{holder} reverses himself or itself on {topic}"
                    else:
                        relation = f"{a.voice} and {b.voice} give {holder} opposite stances on {topic}"
                elif ha is not None and hb is not None and (common := sides.get(ha, set()) & sides.get(hb, set())):
                    weights.append(_SAME_SIDE)
                    relation = (f"{names.get(ha, sa['holder_text'])} and {names.get(hb, sb['holder_text'])}, both of "
                                f"{_list(side.title() for side in common)}, take opposite stances on {topic}")
                else:
                    continue
                if topic in a.claim_topics and topic in b.claim_topics:
                    weights.append(_SAME_TOPIC)
                score = _noisy_or(weights + [_PER_NOUN] * min(2, len(self._shared(a, b, exclude=set()))))
                pro, con = (sa, sb) if sa["polarity"] > 0 else (sb, sa)
                reason = f"{relation}: “{pro['term']}” vs “{con['term']}”"
                yield Finding(a, b, STANCE, reason, score, {
                    "topic": topic, "stances": {str(a.id): _stance(sa, names), str(b.id): _stance(sb, names)},
                })

    def _toward(self, stance: dict, topic: str) -> bool:
        """Whether a stance is toward ``topic``: it stands alone or refers back, or its target names it."""
        definition = self.topics.topics.get(topic)
        if not stance.get("target") or (definition is not None and definition.found_in(stance["term"])):
            return True  # "we support it"; "a temporary respite" (the word itself names the topic)
        return definition is not None and definition.found_in(stance["target"], stance.get("target_lemmas", "")) is not None

    # --- numbers ------------------------------------------------------------------------------

    def _numbers(self, statements: Sequence[Statement]) -> Iterable[Finding]:
        by_quantity: dict[tuple[str, str], list[tuple[Statement, dict]]] = defaultdict(list)
        for statement in statements:
            for quantity in statement.facts.get("quantities", []):
                if quantity["about"] and quantity["unit"] not in self.lexicon.ignore_units and quantity["about"] != quantity["unit"]:
                    by_quantity[(quantity["unit"], quantity["about"])].append((statement, quantity))
        for (unit, about), items in by_quantity.items():
            for (a, qa), (b, qb) in combinations(items, 2):
                if not self._comparable(a, b) or not self._disagree(qa, qb):
                    continue
                shared = self._shared(a, b, exclude={unit, about})
                if not shared or not _compatible_actors(a, b):
                    continue
                score = _noisy_or([_NUMERIC_BASE] + self._evidence_weights(a, b, shared))
                reason = (f"{a.voice} gives “{qa['text']}”, {b.voice} gives “{qb['text']}” "
                          f"({unit}, {about}); both about {_list(shared)}")
                yield Finding(a, b, NUMERIC, reason, score, {
                    "unit": unit, "about": about, "shared": sorted(shared),
                    "values": {str(a.id): qa["value"], str(b.id): qb["value"]},
                })

    def _disagree(self, qa: dict, qb: dict) -> bool:
        a, b = qa["value"], qb["value"]
        tolerance = self.tolerance * (2 if "approximate" in (qa["qualifier"], qb["qualifier"]) else 1)
        if qa["qualifier"] == "at_least" or qb["qualifier"] == "at_least":
            low, other = (a, b) if qa["qualifier"] == "at_least" else (b, a)
            return other < low * (1 - tolerance) and other + 1 < low
        if qa["qualifier"] == "at_most" or qb["qualifier"] == "at_most":
            high, other = (a, b) if qa["qualifier"] == "at_most" else (b, a)
            return other > high * (1 + tolerance) and other > high + 1
        return abs(a - b) > max(1.0, tolerance * max(a, b))

    # --- shared subject matter ---------------------------------------------------------------

    def _comparable(self, a: Statement, b: Statement) -> bool:
        """Reports of one event: different voices or articles, not one sentence, close in time."""
        if a.id == b.id or (a.document_id == b.document_id and a.sentence_index == b.sentence_index):
            return False
        if a.document_id == b.document_id and (a.speaker_id is None or b.speaker_id is None or a.speaker_id == b.speaker_id):
            return False  # within one article, only two named speakers can conflict
        if a.text == b.text:
            return False  # the same words in two articles (a syndicated note) repeat, not contradict
        if a.published and b.published and abs((a.published - b.published).days) > self.window_days:
            return False
        return True

    @staticmethod
    def _shared(a: Statement, b: Statement, exclude: set[str]) -> set[str]:
        """Named actors and content nouns the two share, but for the words of what is compared."""
        return (a.named & b.named) | ((a.anchors & b.anchors) - exclude)

    @staticmethod
    def _evidence_weights(a: Statement, b: Statement, shared: set[str]) -> list[float]:
        actors = len(a.named & b.named & shared)
        nouns = len(shared) - actors
        weights = [_PER_ACTOR] * min(3, actors) + [_PER_NOUN] * min(2, nouns)
        if a.claim_topics & b.claim_topics:
            weights.append(_SAME_TOPIC)
        return weights


def _compatible_actors(a: Statement, b: Statement) -> bool:
    """The actors one statement names all appear in the other (when both name some): "X met Y"
    and "X met Z" are different events."""
    first, second = a.named, b.named
    if not first or not second:
        return True
    smaller, larger = sorted((first, second), key=len)
    return smaller <= larger


def _noisy_or(weights: Iterable[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1 - weight
    return round(1 - remaining, 3)


def _order(statement: Statement) -> tuple:
    return (statement.published or dt.date.max, statement.document_id, statement.sentence_index, statement.id)


def _list(items: Iterable[str]) -> str:
    return ", ".join(sorted(items))


def _term(term: dict) -> dict:
    return {"term": term["term"], "polarity": term["polarity"], "span": term["span"]}


def _stance(stance: dict, names: dict[int, str]) -> dict:
    holder = names.get(stance["holder"], stance["holder_text"]) if stance["holder"] is not None else stance["holder_text"]
    return {"term": stance["term"], "polarity": "support" if stance["polarity"] > 0 else "opposition",
            "holder": holder, "span": stance["span"]}
