"""Documents in, claims out: parse in batches, extract, tag topics. Shared by ingest, extract and eval."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from .domain import Claim, ClaimKind, Document, ParsedDocument, Sentence
from .extract.attribution import Extractor
from .facts import FactReader
from .narration import narration_claims
from .nlp import Parser
from .speakers import SpeakerRegistry
from .store.writer import ProcessedDocument
from .topics import ClaimText, Passage, TopicTable, score_topics

if TYPE_CHECKING:
    from .extract.roles import WordRoles

# Body text parsed in one Stanza call. Stanza sorts a call's sentences by length before batching
# them, so larger calls pad less (8 documents at a time cost ~25% more CPU than one call over 25);
# the budget bounds memory and what an interruption loses.
BATCH_CHARACTERS = 100_000

T = TypeVar("T")


def by_characters(items: Iterable[T], size: Callable[[T], int]) -> Iterator[list[T]]:
    """``items`` in consecutive batches of about :data:`BATCH_CHARACTERS` (by ``size``), never empty."""
    batch: list[T] = []
    total = 0
    for item in items:
        batch.append(item)
        total += size(item)
        if total >= BATCH_CHARACTERS:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def body_size(document: Document) -> int:
    """Characters of a document that are parsed: its body, without appended page furniture."""
    return document.body.end


class Analyser:
    """One parser, extractor and topic table for a run."""

    def __init__(self, parser: Parser, extractor: Extractor | None = None, topics: TopicTable | None = None):
        self.parser = parser
        self.extractor = extractor or Extractor()
        self.topics = topics or TopicTable.load()

    def parse(self, documents: Sequence[Document]) -> list[list[Sentence]]:
        """Sentences of each document's body (appended page furniture is not parsed)."""
        return self.parser.parse([d.text[:d.body.end] for d in documents])

    def read_roles(self, documents: Sequence[Document], parses: Sequence[list[Sentence]]) -> list[WordRoles | None]:
        """The role tagger's reading of each parsed document, read in one go (see ``analyse``)."""
        return self.extractor.read_roles([ParsedDocument(d, s) for d, s in zip(documents, parses)])

    def analyse(self, document: Document, sentences: list[Sentence], registry: SpeakerRegistry,
                roles: WordRoles | None = None) -> ProcessedDocument:
        """Claims, narration, topics and facts of a parsed document; ``roles`` is its reading from
        :meth:`read_roles` when the batch was read together (else the extractor reads it alone)."""
        parsed = ParsedDocument(document, sentences)
        claims = self.extractor.extract(parsed, registry, roles)
        statements = claims + narration_claims(parsed, claims)
        lemmas = [content_lemmas(claim, sentences) for claim in statements]
        texts = [ClaimText(c.sentence_index, id(c.speaker) if c.speaker else None, c.text, words, c.negated)
                 for c, words in zip(statements, lemmas)]
        passages = [
            Passage(s.index, parsed.paragraph_of(s.start), s.span.of(document.text), " ".join(w.lemma.lower() for w in s.words))
            for s in sentences
        ]
        hits = score_topics(texts, passages, list(self.topics.topics.values()))
        reader = FactReader(parsed, registry, actors=self.extractor.actors)
        facts = [reader.read(c.content_spans, c.speaker, c.kind is ClaimKind.DIRECT, c.cue_lemma, c.negated)
                 for c in statements]
        roles_seen = reader.roles_seen()
        for speaker, titles in roles_seen.items():
            registry.extend(speaker, speaker.name, speaker.type, roles=titles)
        return ProcessedDocument(parsed, claims, statements[len(claims):], lemmas, hits, facts, list(roles_seen))

    def run(self, documents: Iterable[Document], registry: SpeakerRegistry) -> Iterator[ProcessedDocument]:
        """Analyse ``documents`` in parse batches, yielding each as soon as its batch is parsed."""
        for batch in by_characters(documents, body_size):
            yield from self._batch(batch, registry)

    def _batch(self, batch: list[Document], registry: SpeakerRegistry) -> Iterator[ProcessedDocument]:
        parses = self.parse(batch)
        for document, sentences, roles in zip(batch, parses, self.read_roles(batch, parses)):
            yield self.analyse(document, sentences, registry, roles)


def content_lemmas(claim: Claim, sentences: list[Sentence]) -> str:
    """Lemmas of the words inside a claim's content spans, in order."""
    lemmas = []
    for sentence in sentences:
        if sentence.end < claim.content_span.start or sentence.start > claim.content_span.end:
            continue
        for word in sentence.words:
            if any(s.start <= word.start and word.end <= s.end for s in claim.content_spans):
                lemmas.append(word.lemma.lower())
    return " ".join(lemmas)
