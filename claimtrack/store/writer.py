"""Writing one processed article, its sentences, claims, speakers and topics, in the caller's
transaction; and loading the known speakers back into a registry."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from sqlalchemy import Integer, String, cast, delete, exists, or_, select, update
from sqlalchemy.orm import Session, selectinload

from ..domain import Claim, Document, EntityType, ParsedDocument, Speaker
from ..facts import Facts
from ..speakers import AliasRules, SpeakerRegistry, normalise
from ..topics import TopicHit
from .schema import CLAIMS_VERSION_KEY, AliasRow, ClaimRow, ClaimTopicRow, DocumentRow, Meta, RoleRow, SentenceRow, SpeakerRow


@dataclass
class ProcessedDocument:
    """Everything ingest learned about one article, ready to be stored."""

    parsed: ParsedDocument
    claims: list[Claim]  # attributions
    narration: list[Claim]  # the outlet's own statements
    claim_lemmas: list[str]  # of claims, then narration
    topics: list[list[TopicHit]]  # of claims, then narration
    facts: list[Facts]  # of claims, then narration
    named_speakers: list[Speaker]  # known actors named in the text, whose roles it told

    @property
    def statements(self) -> list[Claim]:
        return self.claims + self.narration


def load_registry(session: Session, rules: AliasRules | None = None) -> SpeakerRegistry:
    """The named speakers of the database (descriptions stay with their documents)."""
    registry = SpeakerRegistry(rules)
    rows = session.scalars(
        select(SpeakerRow)
        .where(SpeakerRow.anonymous.is_(False))
        .options(selectinload(SpeakerRow.aliases), selectinload(SpeakerRow.roles))
        .order_by(SpeakerRow.id)
    )
    for row in rows:
        registry.add(Speaker(
            name=row.name, type=EntityType(row.type), aliases={a.alias for a in row.aliases},
            roles={r.role for r in row.roles}, id=row.id,
        ))
    return registry


def existing_documents(session: Session, document: Document) -> tuple[DocumentRow | None, DocumentRow | None]:
    """(a stored document with the same text, the stored document from the same origin). A file
    stored by an earlier version under the path as typed then (relative to the present directory)
    counts as the same origin, and a same-text match there as the very document."""
    origins = [document.origin, *_earlier_spelling(document.origin)]
    stored = {row.origin: row for row in session.scalars(select(DocumentRow).where(DocumentRow.origin.in_(origins)))}
    same_origin = next((stored[o] for o in origins if o in stored), None)  # the present spelling first
    same_text = session.scalars(select(DocumentRow).where(DocumentRow.content_hash == document.content_hash).limit(1)).first()
    if same_text is not None and same_origin is not None and same_text.content_hash == same_origin.content_hash:
        same_text = same_origin
    if same_text is not None and same_origin is None and _earlier_line(same_text.origin, document.origin):
        same_origin = same_text  # a JSONL record stored by its line number, unchanged
    return same_text, same_origin


def _earlier_line(stored: str, origin: str) -> bool:
    """Whether ``stored`` is how earlier versions named a record of ``origin``'s JSONL file: ``path#L<n>``."""
    path, _, _ = origin.partition("#")
    stored_path, mark, line = stored.partition("#")
    return bool(mark) and line.startswith("L") and line[1:].isdigit() and stored_path in (path, os.path.relpath(path))


def _earlier_spelling(origin: str) -> list[str]:
    """The relative path under which earlier versions stored a file origin (the path as typed)."""
    path, mark, rest = origin.partition("#")
    if not os.path.isabs(path):
        return []
    relative = os.path.relpath(path)
    return [relative + mark + rest] if relative != path else []


def bump_claims_version(session: Session) -> None:
    """Note that stored claims or their topics changed (claim ids alone do not say so: SQLite reuses
    freed ones). One UPDATE, so that concurrent ingests on a server database both count."""
    bumped = session.execute(update(Meta).where(Meta.key == CLAIMS_VERSION_KEY)
                             .values(value=cast(cast(Meta.value, Integer) + 1, String)))
    if bumped.rowcount == 0:  # a database made before the key existed
        session.add(Meta(key=CLAIMS_VERSION_KEY, value="1"))


def save_document(session: Session, processed: ProcessedDocument, replacing: DocumentRow | None = None) -> DocumentRow:
    """Store ``processed``; with ``replacing``, the old version's sentences and claims go first.
    Every call bumps the claims version, by which stored conflicts know they are stale."""
    document = processed.parsed.document
    bump_claims_version(session)
    if replacing is not None:
        row = replacing
        row.origin = document.origin  # an earlier spelling of the same file becomes the present one
        row.claims.clear()
        row.sentences.clear()
        session.flush()
    else:
        row = DocumentRow(origin=document.origin)
        session.add(row)
    row.content_hash = document.content_hash
    row.title = document.title
    row.outlet = document.outlet
    row.url = document.url
    row.published = document.published
    row.text = document.text
    row.body_end = document.body_end
    row.ingested_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)

    parsed = processed.parsed
    for sentence in parsed.sentences:
        row.sentences.append(SentenceRow(
            index=sentence.index, paragraph=parsed.paragraph_of(sentence.start), start=sentence.start,
            end=sentence.end, lemmas=" ".join(w.lemma.lower() for w in sentence.words),
        ))
    stored: dict[int, int] = {}  # id(Speaker) → row id
    people = [*processed.named_speakers, *(s for c in processed.statements for s in (c.speaker, c.reporter))]
    _store_speakers(session, people, stored)
    for claim, lemmas, hits, facts in zip(processed.statements, processed.claim_lemmas, processed.topics, processed.facts):
        claim_row = ClaimRow(
            speaker_id=_speaker_id(session, claim.speaker, stored),
            reporter_id=_speaker_id(session, claim.reporter, stored),
            kind=claim.kind.value,
            category=claim.category,
            text=claim.text,
            lemmas=lemmas,
            content_start=claim.content_span.start,
            content_end=claim.content_span.end,
            content_spans=[s.as_list() for s in claim.content_spans],
            cue=claim.cue,
            cue_lemma=claim.cue_lemma,
            cue_start=claim.cue_span.start if claim.cue_span else None,
            cue_end=claim.cue_span.end if claim.cue_span else None,
            speaker_text=claim.source.text if claim.source else None,
            speaker_start=claim.source.span.start if claim.source else None,
            speaker_end=claim.source.span.end if claim.source else None,
            role=claim.source.role if claim.source else None,
            sentence_index=claim.sentence_index,
            confidence=claim.confidence,
            negated=claim.negated,
            notes=claim.notes,
            facts=facts.as_json(lambda speaker: _speaker_id(session, speaker, stored)),
        )
        claim_row.topics = [ClaimTopicRow(topic=h.topic, score=h.score, where=h.where, term=h.term) for h in hits]
        row.claims.append(claim_row)
    session.flush()
    if replacing is not None:
        _drop_orphan_descriptions(session)
    return row


def _store_speakers(session: Session, speakers: list[Speaker | None], stored: dict[int, int]) -> None:
    """Rows for ``speakers`` with their aliases and roles, the new ones written in a single flush."""
    rows: dict[int, tuple[Speaker, SpeakerRow]] = {}
    for speaker in speakers:
        if speaker is not None and id(speaker) not in stored and id(speaker) not in rows:
            rows[id(speaker)] = speaker, _speaker_row(session, speaker)
    session.flush()
    for key, (speaker, row) in rows.items():
        speaker.id = stored[key] = row.id


def _speaker_id(session: Session, speaker: Speaker | None, stored: dict[int, int]) -> int | None:
    if speaker is None:
        return None
    if id(speaker) not in stored:
        _store_speakers(session, [speaker], stored)
    return stored[id(speaker)]


def _speaker_row(session: Session, speaker: Speaker) -> SpeakerRow:
    """The speaker's row, added if new (empty collections given, so that adding aliases does not
    query for a new row's), with its name, type, aliases and roles brought up to date."""
    if speaker.id is None:
        row = SpeakerRow(name=speaker.name, type=speaker.type.value, anonymous=speaker.anonymous, aliases=[], roles=[])
        session.add(row)
    else:
        row = session.get(SpeakerRow, speaker.id)
        if row is None:
            raise LookupError(f"speaker {speaker.name!r} (id {speaker.id}) is gone from the database")
        row.name, row.type = speaker.name, speaker.type.value
    known = {a.normalized for a in row.aliases}
    for alias in sorted(speaker.aliases | {speaker.name}):
        key = normalise(alias)
        if key and key not in known:
            row.aliases.append(AliasRow(alias=alias, normalized=key))
            known.add(key)
    roles = {r.role for r in row.roles}
    for role in sorted(speaker.roles - roles):
        row.roles.append(RoleRow(role=role))
    return row


def _drop_orphan_descriptions(session: Session) -> None:
    """Anonymous speakers ("a Polish border official") belong to one document: gone with its claims."""
    used = select(ClaimRow.id).where(or_(ClaimRow.speaker_id == SpeakerRow.id, ClaimRow.reporter_id == SpeakerRow.id))
    session.execute(delete(SpeakerRow).where(SpeakerRow.anonymous.is_(True), ~exists(used)))
