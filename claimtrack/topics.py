"""Topics: named lists of terms ("ceasefire": ceasefire, truce, cease hostilities, …), and the
scoring that says whether a claim is about one, from the claim, its sentence and its passage.

Works on stored text and lemmas only, so queries never parse.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from .lexicon import load_data

TOPICS_ENV = "CLAIMTRACK_TOPICS"
IN_CLAIM, IN_SENTENCE, IN_PASSAGE = 1.0, 0.8, 0.6
ABOUT_THRESHOLD = 0.5  # the lowest score that counts as "about"
_BEFORE = 2  # sentences of context before a speaker's passage (what follows is not what they answered)


@dataclass(frozen=True)
class Topic:
    name: str
    terms: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any term as whole words, with a plural ending; the word boundaries are written once
        around the alternatives rather than in each (five times faster to search)."""
        terms = "|".join(_term_regex(t) for t in self.terms)
        return re.compile(rf"(?<!\w)(?:{terms})(?:s|es)?(?!\w)", re.IGNORECASE)

    def found_in(self, *texts: str) -> str | None:
        """The first term occurring in any of ``texts``."""
        for text in texts:
            match = self.pattern.search(text)
            if match:
                return match.group(0)
        return None


def _term_regex(term: str) -> str:
    """A term's words, separated by a space, a hyphen or nothing ("cease-fire", "ceasefire")."""
    words = re.split(r"[\s\-]+", term.strip().lower())
    return r"[\s\-]?".join(re.escape(w) for w in words if w)


def query_terms(query: str) -> tuple[str, ...]:
    """Free-text terms for a query, with crude singulars so that "ceasefires" finds "ceasefire"."""
    query = query.strip().lower()
    forms = {query}
    if query.endswith("ies") and len(query) > 4:
        forms.add(query[:-3] + "y")
    elif query.endswith(("ses", "xes", "zes", "ches", "shes")) and len(query) > 4:
        forms.add(query[:-2])
    elif query.endswith("s") and not query.endswith("ss") and len(query) > 3:
        forms.add(query[:-1])
    return tuple(sorted(forms))


class TopicTable:
    """The topics in force: the built-in table, extended or overridden by a user's TOML file."""

    def __init__(self, topics: dict[str, Topic]):
        self.topics = topics

    @classmethod
    def load(cls, extra: str | os.PathLike[str] | None = None) -> TopicTable:
        data = dict(load_data("topics.toml"))
        extra = extra or os.environ.get(TOPICS_ENV)
        if extra:
            with open(extra, "rb") as handle:
                for name, entry in tomllib.load(handle).items():
                    terms = entry.get("terms") if isinstance(entry, dict) else None
                    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and _term_regex(t) for t in terms):
                        raise ValueError(f"{extra}: topic [{name}] needs a list of terms")
                    data[name] = entry
        return cls({name: Topic(name, tuple(entry["terms"])) for name, entry in data.items()})

    def named(self, query: str) -> Topic | None:
        """The topic a query names, by its name or by one of its terms ("truce" → ceasefire)."""
        lowered = query.strip().lower()
        if lowered in self.topics:
            return self.topics[lowered]
        for topic in self.topics.values():
            if topic.found_in(lowered) == lowered or any(lowered == t.lower() for t in topic.terms):
                return topic
        return None

    def resolve(self, query: str) -> Topic:
        """A named topic, or an ad-hoc one made of the query's words."""
        return self.named(query) or Topic(query.strip().lower(), query_terms(query))


@dataclass(frozen=True)
class Passage:
    """A sentence as topic scoring sees it."""

    index: int
    paragraph: int
    text: str
    lemmas: str


@dataclass(frozen=True)
class ClaimText:
    """What topic scoring needs of a claim."""

    sentence_index: int
    speaker: object  # any hashable key; claims of one speaker in a row form a passage
    text: str
    lemmas: str
    negated: bool = False  # "He did not mention the plan": no part of the speaker's passage

    @property
    def voice(self) -> object:
        """Whose run of statements the claim belongs to, if anyone's."""
        return None if self.negated else self.speaker


@dataclass(frozen=True)
class TopicHit:
    topic: str
    score: float
    where: str  # "claim", "sentence" or "passage"
    term: str


def score_topics(claims: Sequence[ClaimText], sentences: Sequence[Passage], topics: Sequence[Topic]) -> list[list[TopicHit]]:
    """For each claim, the topics it is about, best first."""
    by_index = {s.index: s for s in sentences}
    passages = _passages(claims)
    in_sentence: dict[tuple[int, int], str | None] = {}  # (topic, sentence) → term: claims share sentences

    def term_in(number: int, topic: Topic, index: int) -> str | None:
        if (number, index) not in in_sentence:
            passage = by_index[index]
            in_sentence[number, index] = topic.found_in(passage.text, passage.lemmas)
        return in_sentence[number, index]

    hits: list[list[TopicHit]] = []
    for claim, (first, last) in zip(claims, passages):
        here = claim.sentence_index if claim.sentence_index in by_index else None
        context = [i for i in range(first - _BEFORE, last + 1) if i in by_index]
        found = []
        for number, topic in enumerate(topics):
            if term := topic.found_in(claim.text, claim.lemmas):
                found.append(TopicHit(topic.name, IN_CLAIM, "claim", term))
            elif here is not None and (term := term_in(number, topic, here)):
                found.append(TopicHit(topic.name, IN_SENTENCE, "sentence", term))
            elif term := next((t for i in context if (t := term_in(number, topic, i))), None):
                found.append(TopicHit(topic.name, IN_PASSAGE, "passage", term))
        hits.append(sorted(found, key=lambda h: -h.score))
    return hits


def _passages(claims: Sequence[ClaimText]) -> list[tuple[int, int]]:
    """(first, last) sentence of the run of statements each claim belongs to: claims of one
    speaker no more than one sentence apart, in document order. A claim without a speaker (the
    outlet's narration, a negated claim) is a run of its own and does not interrupt another."""
    order = sorted(range(len(claims)), key=lambda i: claims[i].sentence_index)
    groups: list[list[int]] = []
    spoken: list[int] | None = None  # the run of the last claim that has a speaker
    for i in order:
        claim = claims[i]
        if claim.voice is not None and spoken is not None:
            last = claims[spoken[-1]]
            if last.voice == claim.voice and claim.sentence_index - last.sentence_index <= 1:
                spoken.append(i)
                continue
        groups.append([i])
        if claim.voice is not None:
            spoken = groups[-1]
    spans: list[tuple[int, int]] = [(0, 0)] * len(claims)
    for group in groups:
        first = claims[group[0]].sentence_index
        last = claims[group[-1]].sentence_index
        for i in group:
            spans[i] = (first, last)
    return spans
