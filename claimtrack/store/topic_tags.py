"""Topic tags of stored claims: the topic definitions they were made with, kept in step with the
topic file in use, and hits recomputed from the stored sentences and lemmas."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..topics import ClaimText, Passage, Topic, TopicHit, TopicTable, score_topics
from .schema import ClaimRow, ClaimTopicRow, DocumentRow, SentenceRow, TopicDefinitionRow
from .writer import bump_claims_version


def sync_topic_definitions(session: Session, topics: TopicTable) -> None:
    """Before ingesting with ``topics``: record them in an empty database; elsewhere forget the
    definitions that differ, so that stale tags are not trusted (until ``retag_topics``)."""
    stored = {row.name: row for row in session.scalars(select(TopicDefinitionRow))}
    empty = session.scalar(select(ClaimRow.id).limit(1)) is None
    for name, topic in topics.topics.items():
        row = stored.get(name)
        if empty and row is None:
            session.add(TopicDefinitionRow(name=name, terms=list(topic.terms)))
        elif row is not None and row.terms != list(topic.terms):
            session.delete(row)


def stored_topic_hits(document: DocumentRow, sentences: Sequence[SentenceRow], claims: Sequence[ClaimRow],
                      topics: Sequence[Topic]) -> list[list[TopicHit]]:
    """Topic hits of stored ``claims`` (all of a document's, in text order) from stored text and
    lemmas, as ingest scored them."""
    passages = [Passage(s.index, s.paragraph, document.text[s.start:s.end], s.lemmas) for s in sentences]
    texts = [ClaimText(c.sentence_index, c.speaker_id, c.text, c.lemmas, c.negated) for c in claims]
    return score_topics(texts, passages, topics)


def retag_topics(session: Session, topics: TopicTable) -> int:
    """Recompute every claim's topics from the stored sentences and lemmas; returns the tag count.
    Conflict detection reads the tags, so stored conflicts become stale."""
    bump_claims_version(session)
    session.execute(delete(ClaimTopicRow))
    session.execute(delete(TopicDefinitionRow))
    tags = 0
    for document in session.scalars(select(DocumentRow)):
        claims = sorted(document.claims, key=lambda c: c.content_start)
        for claim, hits in zip(claims, stored_topic_hits(document, document.sentences, claims, list(topics.topics.values()))):
            for hit in hits:
                session.add(ClaimTopicRow(claim_id=claim.id, topic=hit.topic, score=hit.score, where=hit.where, term=hit.term))
                tags += 1
    for name, topic in topics.topics.items():
        session.add(TopicDefinitionRow(name=name, terms=list(topic.terms)))
    return tags
