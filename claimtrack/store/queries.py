"""Reading claims and speakers back: the questions fact-checkers ask, as plain records."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..speakers import normalise
from ..topics import ABOUT_THRESHOLD, Topic, TopicTable
from .schema import AliasRow, ClaimRow, ClaimTopicRow, ConflictRow, DocumentRow, RoleRow, SentenceRow, SpeakerRow, TopicDefinitionRow
from .topic_tags import stored_topic_hits

SPEAKER_SIMILARITY = 88


@dataclass
class ClaimRecord:
    """A stored claim with its source document and speaker, ready to print or export."""

    id: int
    speaker: str | None
    speaker_type: str | None
    speaker_mention: str | None
    role: str | None
    reporter: str | None
    kind: str
    category: str
    text: str
    cue: str | None
    sentence: str
    confidence: float
    negated: bool  # "did not mention …": the content is what the speaker did not say
    outlet: str | None
    published: dt.date | None
    url: str | None
    origin: str
    title: str | None
    document_id: int
    content_spans: list[list[int]]
    cue_span: list[int] | None
    speaker_span: list[int] | None
    topics: list[str] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)  # ids of claims this one conflicts with

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["published"] = self.published.isoformat() if self.published else None
        return data


@dataclass
class SpeakerRecord:
    id: int
    name: str
    type: str
    anonymous: bool
    claims: int
    documents: int
    aliases: list[str]
    roles: list[str]

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def speaker_ids(session: Session, query: str) -> list[int]:
    """Speakers a user means by ``query``: any alias, case-insensitively; then a whole-word part of
    a name ("Zelensky" in "Volodymyr Zelensky"); then a close spelling."""
    key = normalise(query)
    if not key:
        return []
    exact = session.scalars(select(AliasRow.speaker_id).where(AliasRow.normalized == key).distinct()).all()
    if exact:
        return sorted(exact)
    partial = session.scalars(
        select(AliasRow.speaker_id).where(or_(AliasRow.normalized.endswith(f" {key}", autoescape=True),
                                              AliasRow.normalized.startswith(f"{key} ", autoescape=True))).distinct()
    ).all()
    if partial:
        return sorted(partial)
    aliases = session.execute(select(AliasRow.normalized, AliasRow.speaker_id)).all()
    choices = {a: s for a, s in aliases}
    matches = process.extract(key, list(choices), scorer=fuzz.ratio, score_cutoff=SPEAKER_SIMILARITY, limit=10)
    return sorted({choices[m[0]] for m in matches})


def find_claims(
    session: Session,
    speaker: str | None = None,
    about: str | None = None,
    source: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
    topics: TopicTable | None = None,
    min_confidence: float = 0.0,
    limit: int | None = None,
    claim_ids: list[int] | None = None,
    include_narration: bool = False,
    asserted_only: bool = False,
) -> list[ClaimRecord]:
    """Claims matching every filter given, oldest article first. The outlets' own statements
    (kind ``narration``) only with ``kind="narration"`` or ``include_narration``; what speakers are
    reported not to have said ("did not mention …") is left out with ``asserted_only``."""
    speaker_row = aliased(SpeakerRow)
    reporter_row = aliased(SpeakerRow)
    statement: Select = (
        select(ClaimRow, DocumentRow, speaker_row, reporter_row, SentenceRow)
        .join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
        .outerjoin(speaker_row, ClaimRow.speaker_id == speaker_row.id)
        .outerjoin(reporter_row, ClaimRow.reporter_id == reporter_row.id)
        .outerjoin(SentenceRow, and_(SentenceRow.document_id == ClaimRow.document_id,
                                     SentenceRow.index == ClaimRow.sentence_index))
        .where(ClaimRow.confidence >= min_confidence)
    )
    if speaker:
        ids = speaker_ids(session, speaker)
        if not ids:
            return []
        statement = statement.where(ClaimRow.speaker_id.in_(ids))
    if source:
        wanted = source.lower()  # % and _ are letters here, not wildcards
        statement = statement.where(or_(func.lower(DocumentRow.outlet).contains(wanted, autoescape=True),
                                        func.lower(reporter_row.name).contains(wanted, autoescape=True)))
    if since:
        statement = statement.where(DocumentRow.published >= since)
    if until:
        statement = statement.where(DocumentRow.published <= until)
    if kind:
        statement = statement.where(ClaimRow.kind == kind)
    elif not include_narration:
        statement = statement.where(ClaimRow.kind != "narration")
    if asserted_only:
        statement = statement.where(ClaimRow.negated.is_(False))
    if claim_ids is not None:
        statement = statement.where(ClaimRow.id.in_(claim_ids))
    topics = topics or TopicTable.load()
    topic = topics.resolve(about) if about else None
    use_tags = topic is not None and _tags_current(session, topic)
    if use_tags:
        tagged = select(ClaimTopicRow.claim_id).where(ClaimTopicRow.topic == topic.name, ClaimTopicRow.score >= ABOUT_THRESHOLD)
        statement = statement.where(ClaimRow.id.in_(tagged))
    elif topic is not None:  # free text or a changed topic: articles that mention it, then the passage test
        first_words = {re.split(r"[\s\-]+", t.strip().lower())[0] for t in topic.terms} - {""}
        statement = statement.where(or_(*[func.lower(DocumentRow.text).contains(w, autoescape=True) for w in first_words]))
    statement = statement.order_by(DocumentRow.published.is_(None), DocumentRow.published, DocumentRow.id, ClaimRow.content_start)
    rows = session.execute(statement).all()
    if topic is not None and not use_tags:
        rows = _about_free_text(session, rows, topic)
    if limit is not None:
        rows = rows[:limit]
    claim_topics = _topics_of(session, [r[0].id for r in rows])
    conflicts = conflicting_claims(session, [r[0].id for r in rows])
    return [_record(*row, topics=claim_topics.get(row[0].id, []), conflicts=conflicts.get(row[0].id, [])) for row in rows]


def _tags_current(session: Session, topic: Topic) -> bool:
    """Whether the stored tags for ``topic`` were computed with its present terms."""
    row = session.get(TopicDefinitionRow, topic.name)
    return row is not None and row.terms == list(topic.terms)


def _about_free_text(session: Session, rows: list, topic: Topic) -> list:
    """Keep the rows whose claim, sentence or passage mentions the ad-hoc topic."""
    kept = []
    by_document: dict[int, list] = defaultdict(list)
    for row in rows:
        by_document[row[1].id].append(row)
    for document_id, document_rows in by_document.items():
        document = document_rows[0][1]
        sentences = session.scalars(select(SentenceRow).where(SentenceRow.document_id == document_id)).all()
        all_claims = session.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id).order_by(ClaimRow.content_start)).all()
        hits = dict(zip((c.id for c in all_claims), stored_topic_hits(document, sentences, all_claims, [topic])))
        kept.extend(row for row in document_rows if any(h.score >= ABOUT_THRESHOLD for h in hits.get(row[0].id, [])))
    order = {id(row): i for i, row in enumerate(rows)}
    return sorted(kept, key=lambda row: order[id(row)])


def _topics_of(session: Session, claim_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start:start + 500]
        statement = select(ClaimTopicRow.claim_id, ClaimTopicRow.topic).where(
            ClaimTopicRow.claim_id.in_(chunk), ClaimTopicRow.score >= ABOUT_THRESHOLD).order_by(ClaimTopicRow.topic)
        for claim_id, topic in session.execute(statement):
            found[claim_id].append(topic)
    return found


def _record(claim: ClaimRow, document: DocumentRow, speaker: SpeakerRow | None, reporter: SpeakerRow | None,
            sentence: SentenceRow | None, topics: list[str], conflicts: list[int]) -> ClaimRecord:
    return ClaimRecord(
        id=claim.id,
        speaker=speaker.name if speaker else None,
        speaker_type=speaker.type if speaker else None,
        speaker_mention=claim.speaker_text,
        role=claim.role,
        reporter=reporter.name if reporter else None,
        kind=claim.kind,
        category=claim.category,
        text=claim.text,
        cue=claim.cue,
        sentence=document.text[sentence.start:sentence.end] if sentence else "",
        confidence=claim.confidence,
        negated=claim.negated,
        outlet=document.outlet,
        published=document.published,
        url=document.url,
        origin=document.origin,
        title=document.title,
        document_id=document.id,
        content_spans=claim.content_spans,
        cue_span=[claim.cue_start, claim.cue_end] if claim.cue_start is not None else None,
        speaker_span=[claim.speaker_start, claim.speaker_end] if claim.speaker_start is not None else None,
        topics=topics,
        conflicts=conflicts,
    )


def list_speakers(session: Session, name: str | None = None, include_anonymous: bool = False) -> list[SpeakerRecord]:
    """Speakers with their number of claims (what they are reported to have said, not what they
    did not say: a speaker known only from "did not comment" is listed with 0) and of documents,
    aliases and roles, most quoted first."""
    counts = (
        select(ClaimRow.speaker_id, func.sum(case((ClaimRow.negated, 0), else_=1)).label("claims"),
               func.count(func.distinct(ClaimRow.document_id)).label("documents"))
        .where(ClaimRow.speaker_id.is_not(None))
        .group_by(ClaimRow.speaker_id)
        .subquery()
    )
    statement = select(SpeakerRow, counts.c.claims, counts.c.documents).join(counts, counts.c.speaker_id == SpeakerRow.id)
    if not include_anonymous:
        statement = statement.where(SpeakerRow.anonymous.is_(False))
    if name:
        ids = speaker_ids(session, name)
        statement = statement.where(SpeakerRow.id.in_(ids))
    statement = statement.order_by(counts.c.claims.desc(), SpeakerRow.name)
    rows = session.execute(statement).all()
    aliases, roles = aliases_and_roles(session, [r[0].id for r in rows])
    return [
        SpeakerRecord(row.id, row.name, row.type, row.anonymous, claims, documents,
                      [a for a in aliases[row.id] if a != row.name], roles[row.id])
        for row, claims, documents in rows
    ]


def aliases_and_roles(session: Session, speaker_ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The aliases and the roles of each of ``speaker_ids``, alphabetically."""
    aliases: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(speaker_ids), 500):
        chunk = speaker_ids[start:start + 500]
        alias_rows = select(AliasRow.speaker_id, AliasRow.alias).where(AliasRow.speaker_id.in_(chunk)).order_by(AliasRow.alias)
        for speaker_id, alias in session.execute(alias_rows):
            aliases[speaker_id].append(alias)
        role_rows = select(RoleRow.speaker_id, RoleRow.role).where(RoleRow.speaker_id.in_(chunk)).order_by(RoleRow.role)
        for speaker_id, role in session.execute(role_rows):
            roles[speaker_id].append(role)
    return aliases, roles


def conflicting_claims(session: Session, claim_ids: list[int]) -> dict[int, list[int]]:
    """For each of ``claim_ids``, the claims it conflicts with."""
    found: dict[int, list[int]] = defaultdict(list)
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start:start + 500]
        rows = session.execute(select(ConflictRow.first_id, ConflictRow.second_id).where(
            ConflictRow.first_id.in_(chunk) | ConflictRow.second_id.in_(chunk)))
        for first, second in rows:
            if first in chunk:
                found[first].append(second)
            if second in chunk:
                found[second].append(first)
    return {k: sorted(set(v)) for k, v in found.items()}
