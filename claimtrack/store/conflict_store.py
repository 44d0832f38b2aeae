"""Conflicts in the database: statements loaded for detection, the ``conflicts`` table kept in step
with the claims (recomputed when the claims have changed since), and the query behind
``claimtrack conflicts``."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..conflicts import ConflictDetector, Finding, Statement
from ..facts import sides_of
from ..speakers import normalise
from ..topics import ABOUT_THRESHOLD, IN_CLAIM, TopicTable
from .queries import ClaimRecord, find_claims
from .schema import CLAIMS_VERSION_KEY, AliasRow, ClaimRow, ClaimTopicRow, ConflictRow, DocumentRow, Meta, RoleRow, SpeakerRow

_SIGNATURE_KEY = "conflicts_signature"
_POSSESSOR = re.compile(r"^(.+?)['’]s\b")


@dataclass
class ConflictRecord:
    """A stored conflict with both claims in full."""

    id: int
    kind: str
    reason: str
    score: float
    evidence: dict
    first: ClaimRecord
    second: ClaimRecord

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "reason": self.reason, "score": self.score, "evidence": self.evidence,
                "first": self.first.as_dict(), "second": self.second.as_dict()}


def _signature(session: Session, detector: ConflictDetector) -> str:
    """What stored conflicts were computed from: the claims version and the detector's thresholds."""
    version = session.get(Meta, CLAIMS_VERSION_KEY)
    count = session.scalar(select(func.count(ClaimRow.id)))
    return f"{version.value if version else 0}:{count}:{detector.min_score}:{detector.window_days}:{detector.tolerance}"


def conflicts_current(session: Session, detector: ConflictDetector) -> bool:
    meta = session.get(Meta, _SIGNATURE_KEY)
    return meta is not None and meta.value == _signature(session, detector)


def refresh_conflicts(session: Session, detector: ConflictDetector | None = None) -> int:
    """Recompute every conflict (in the caller's transaction); returns how many were found."""
    detector = detector or ConflictDetector()
    names = speaker_names(session)
    findings = detector.detect(load_statements(session, names), speaker_sides(session, names), names)
    session.query(ConflictRow).delete()
    for finding in findings:
        session.add(_row(finding))
    signature = _signature(session, detector)
    meta = session.get(Meta, _SIGNATURE_KEY)
    if meta is None:
        session.add(Meta(key=_SIGNATURE_KEY, value=signature))
    else:
        meta.value = signature
    return len(findings)


def _row(finding: Finding) -> ConflictRow:
    return ConflictRow(first_id=finding.first.id, second_id=finding.second.id, kind=finding.kind, reason=finding.reason,
                       score=finding.score, evidence=finding.evidence)


def load_statements(session: Session, names: dict[int, str]) -> list[Statement]:
    """Every claim with facts (narration included), with what detection needs of it; ``names``:
    speaker id → canonical name."""
    surnames = _surnames(session)
    topics: dict[int, set[str]] = defaultdict(set)
    claim_topics: dict[int, set[str]] = defaultdict(set)
    for claim_id, topic, score in session.execute(
            select(ClaimTopicRow.claim_id, ClaimTopicRow.topic, ClaimTopicRow.score).where(ClaimTopicRow.score >= ABOUT_THRESHOLD)):
        topics[claim_id].add(topic)
        if score >= IN_CLAIM:
            claim_topics[claim_id].add(topic)
    statement = (select(ClaimRow, DocumentRow.outlet, DocumentRow.published)
                 .join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
                 .where(ClaimRow.facts.is_not(None)).order_by(ClaimRow.id))
    found = []
    for claim, outlet, published in session.execute(statement).yield_per(1000):
        facts = dict(claim.facts)
        facts["named"] = [{**n, "key": _actor_key(n, names, surnames)} for n in facts.get("named", [])]
        speaker = names.get(claim.speaker_id) if claim.speaker_id else None
        reporter = names.get(claim.reporter_id) if claim.reporter_id else None
        article = outlet or "the article"
        voice = speaker or reporter or (f"{article} (own report)" if claim.kind == "narration" else f"an unnamed source in {article}")
        found.append(Statement(
            id=claim.id, document_id=claim.document_id, sentence_index=claim.sentence_index, text=claim.text,
            kind=claim.kind, speaker_id=claim.speaker_id, speaker=speaker, voice=voice, outlet=outlet,
            published=published, topics=topics.get(claim.id, set()), claim_topics=claim_topics.get(claim.id, set()),
            facts=facts,
        ))
    return found


def _actor_key(named: dict, names: dict[int, str], surnames: dict[str, str]) -> str:
    """A named actor as detection compares it: the canonical name of a known speaker, also for a
    bare surname that one of them goes by; else the surname."""
    if named.get("speaker") in names:
        return normalise(names[named["speaker"]])
    key = normalise(named["key"])
    return surnames.get(key, key)


def speaker_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(SpeakerRow.id, SpeakerRow.name)).all())


def _surnames(session: Session) -> dict[str, str]:
    """Last word of every alias of a named person → the person's name (when only one has it)."""
    found: dict[str, set[str]] = defaultdict(set)
    rows = select(AliasRow.normalized, SpeakerRow.name).join(SpeakerRow, AliasRow.speaker_id == SpeakerRow.id).where(
        SpeakerRow.type == "person", SpeakerRow.anonymous.is_(False))
    for alias, name in session.execute(rows):
        if alias.split():
            found[alias.split()[-1]].add(name)
    return {surname: normalise(next(iter(people))) for surname, people in found.items() if len(people) == 1}


def speaker_sides(session: Session, names: dict[int, str]) -> dict[int, set[str]]:
    """The sides of speakers (``names``: id → name), from their names and roles ("top Kremlin
    aide": Russia); a role that is someone's ("Trump's national security adviser") gives that
    person's side."""
    roles: dict[int, list[str]] = defaultdict(list)
    for speaker_id, role in session.execute(select(RoleRow.speaker_id, RoleRow.role)):
        roles[speaker_id].append(role)
    sides = {i: sides_of([name, *roles.get(i, [])]) for i, name in names.items()}
    by_alias = dict(session.execute(select(AliasRow.normalized, AliasRow.speaker_id)).all())
    for speaker_id, speaker_roles in roles.items():
        if sides[speaker_id]:
            continue
        for role in speaker_roles:
            match = _POSSESSOR.match(role)
            owner = by_alias.get(normalise(match.group(1))) if match else None
            if owner is not None and owner != speaker_id:
                sides[speaker_id] |= sides.get(owner, set())
    return {i: s for i, s in sides.items() if s}


def find_conflicts(session: Session, speaker: str | None = None, about: str | None = None, kind: str | None = None,
                   min_score: float = 0.0, topics: TopicTable | None = None) -> list[ConflictRecord]:
    """Stored conflicts, best first; ``speaker`` and ``about`` keep those where either claim matches."""
    statement = select(ConflictRow).where(ConflictRow.score >= min_score)
    if kind:
        statement = statement.where(ConflictRow.kind == kind)
    rows = session.scalars(statement.order_by(ConflictRow.score.desc(), ConflictRow.id)).all()
    if not rows:
        return []
    claim_ids = sorted({r.first_id for r in rows} | {r.second_id for r in rows})
    records = {r.id: r for r in find_claims(session, claim_ids=claim_ids, include_narration=True, topics=topics)}
    wanted: set[int] | None = None
    if speaker or about:
        matching = find_claims(session, speaker=speaker, about=about, topics=topics, claim_ids=claim_ids, include_narration=True)
        wanted = {r.id for r in matching}
    found = []
    for row in rows:
        if wanted is not None and row.first_id not in wanted and row.second_id not in wanted:
            continue
        if row.first_id in records and row.second_id in records:
            found.append(ConflictRecord(row.id, row.kind, row.reason, row.score, row.evidence,
                                        records[row.first_id], records[row.second_id]))
    return found
