"""The domain of claimtrack: documents, parsed sentences, mentions, speakers, claims, conflicts.

Every position is a character offset into ``Document.text`` (Python ``str`` indices, i.e. code
points of the text as decoded from UTF-8), so that any claim can be shown back in its source.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` of a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"span start {self.start} is after its end {self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        return text[self.start:self.end]

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


class EntityType(str, Enum):
    """What kind of actor a speaker is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"  # a country or city speaking as an actor: "Russia said", "Kyiv says"
    GROUP = "group"  # an unnamed plurality: "officials", "military analysts"
    OUTLET = "outlet"  # a news organisation: a reporter of claims, not a speaker
    UNKNOWN = "unknown"


class ClaimKind(str, Enum):
    DIRECT = "direct"  # the content is a quotation
    PARTIAL = "partial"  # the content is a quoted fragment woven into the reporter's sentence
    INDIRECT = "indirect"  # reported speech or thought, no quotation marks
    MIXED = "mixed"  # reported speech containing quoted words
    NARRATION = "narration"  # the outlet's own statement, outside any attribution


@dataclass
class Document:
    """An article as it came in: its text and what is known about where it came from."""

    text: str
    origin: str  # file path, ``path#line`` for JSONL, or URL: where the text came from
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    body_end: int | None = None  # where appended boilerplate ("Related Articles") starts

    @cached_property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def body(self) -> Span:
        return Span(0, len(self.text) if self.body_end is None else self.body_end)


@dataclass(frozen=True)
class Word:
    """A syntactic word of a sentence, as Universal Dependencies defines it."""

    id: int  # 1-based position in its sentence
    text: str
    lemma: str
    upos: str
    head: int  # 0 for the root
    deprel: str
    start: int
    end: int
    xpos: str = ""
    feats: str = ""
    ner: str = "O"  # BIOES tag from the named-entity recogniser, e.g. "B-PER"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def relation(self) -> str:
        """The universal part of the relation: ``nsubj`` for ``nsubj:pass``."""
        return self.deprel.split(":", 1)[0]

    def feat(self, name: str) -> str | None:
        for pair in self.feats.split("|") if self.feats else ():
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


@dataclass
class Sentence:
    """A parsed sentence: words in order with their dependency tree."""

    index: int
    words: list[Word]

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def word(self, word_id: int) -> Word:
        return self.words[word_id - 1]

    @cached_property
    def _children(self) -> dict[int, list[Word]]:
        children: dict[int, list[Word]] = {w.id: [] for w in self.words}
        children[0] = []
        for w in self.words:
            children.setdefault(w.head, []).append(w)
        return children

    def children(self, word: Word | int, *relations: str) -> list[Word]:
        """Dependents of ``word``; with ``relations``, only those (``nsubj`` matches ``nsubj:pass``)."""
        kids = self._children.get(word if isinstance(word, int) else word.id, [])
        if not relations:
            return list(kids)
        return [k for k in kids if k.deprel in relations or k.relation in relations]

    def head_of(self, word: Word) -> Word | None:
        return self.word(word.head) if word.head else None

    def subtree(self, word: Word, exclude: frozenset[int] = frozenset()) -> list[Word]:
        """``word`` and everything below it, in sentence order, pruning the ids in ``exclude``."""
        found: list[Word] = []
        stack = [word]
        seen: set[int] = set()
        while stack:
            w = stack.pop()
            if w.id in seen or w.id in exclude:
                continue
            seen.add(w.id)
            found.append(w)
            stack.extend(self.children(w))
        return sorted(found, key=lambda w: w.id)

    def ancestors(self, word: Word) -> list[Word]:
        chain: list[Word] = []
        seen = {word.id}
        while word.head and word.head not in seen:
            word = self.word(word.head)
            seen.add(word.id)
            chain.append(word)
        return chain

    def words_in(self, span: Span) -> list[Word]:
        """The words wholly inside ``span``, in order."""
        words = self.words
        found = []
        for i in range(bisect.bisect_left(self._starts, span.start), len(words)):
            if words[i].start >= span.end:
                break
            if words[i].end <= span.end:
                found.append(words[i])
        return found

    @cached_property
    def _starts(self) -> list[int]:
        return [w.start for w in self.words]  # in order (the words of a multi-word token share one)


@dataclass
class ParsedDocument:
    """A document with its sentences and paragraph boundaries."""

    document: Document
    sentences: list[Sentence]

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def paragraphs(self) -> list[Span]:
        return paragraph_spans(self.document.text)

    def paragraph_of(self, offset: int) -> int:
        for i, p in enumerate(self.paragraphs):
            if offset < p.end:
                return i
        return len(self.paragraphs) - 1


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs: the non-blank lines of the text, trimmed (news text puts one paragraph per line)."""
    return [
        Span(m.start() + len(m.group()) - len(m.group().lstrip()), m.start() + len(m.group().rstrip()))
        for m in _LINE.finditer(text)
        if m.group().strip()
    ]


_LINE = re.compile(r"[^\r\n]+")


@dataclass
class Mention:
    """How a source appears in the text: "Kremlin spokesman Dmitry Peskov", "he", "who"."""

    span: Span
    text: str
    kind: str  # "name", "pronoun", "relative", "nominal"
    entity_type: EntityType = EntityType.UNKNOWN
    name: str | None = None  # the bare name: "Dmitry Peskov"
    role: str | None = None  # title or function: "Kremlin spokesman"
    affiliation: str | None = None  # possessor that is an outlet or body: "Al Jazeera" in "Al Jazeera's X"
    antecedent: Mention | None = None  # what a relative pronoun stands for

    @property
    def is_pronoun(self) -> bool:
        return self.kind in ("pronoun", "relative")


@dataclass
class Speaker:
    """A canonical actor with the names it has been seen under."""

    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    anonymous: bool = False  # a description such as "a Polish border official", never merged across documents
    id: int | None = None  # database id once stored

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@dataclass
class Claim:
    """One attribution: someone (source) is reported (cue) to have said or thought something (content)."""

    document: Document
    sentence_index: int
    kind: ClaimKind
    content_spans: list[Span]
    cue_span: Span | None
    cue_lemma: str | None
    category: str  # speech, writing, thought, evidence, continuation
    source: Mention | None  # the in-text mention of the speaker (or of the reporting outlet)
    speaker: Speaker | None = None
    reporter: Speaker | None = None  # the outlet a claim is credited to: "…, The New York Times said"
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)  # why the confidence is what it is
    negated: bool = False  # "did not mention the plan": the content is what the source did *not* say

    @property
    def text(self) -> str:
        return " … ".join(s.of(self.document.text).strip() for s in self.content_spans)

    @property
    def cue(self) -> str | None:
        return self.cue_span.of(self.document.text) if self.cue_span else None

    @property
    def content_span(self) -> Span:
        return Span(self.content_spans[0].start, self.content_spans[-1].end)


@dataclass
class Conflict:
    """Two claims that cannot both be right, with the evidence for saying so."""

    first: Claim
    second: Claim
    kind: str  # "contradiction", "polarity", "stance", "numeric"
    reason: str
    score: float
