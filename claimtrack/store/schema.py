"""The database schema (SQLAlchemy 2 ORM). Offsets are character offsets into ``documents.text``.

Tables: documents, sentences, speakers, aliases, roles, claims, claim_topics, topic_definitions,
conflicts, and meta (which holds the schema version; see docs/schema.md for migrations).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SCHEMA_VERSION = 3


class Base(DeclarativeBase):
    pass


CLAIMS_VERSION_KEY = "claims_version"  # a Meta key: bumped by every write of claims


class Meta(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(String(2048), unique=True)  # path, path#line or URL
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(256), index=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    body_end: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)

    sentences: Mapped[list[SentenceRow]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                        order_by="SentenceRow.index")
    claims: Mapped[list[ClaimRow]] = relationship(back_populates="document", cascade="all, delete-orphan")


class SentenceRow(Base):
    """Sentence boundaries and lemmas: topic context without parsing again."""

    __tablename__ = "sentences"
    __table_args__ = (UniqueConstraint("document_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    lemmas: Mapped[str] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="sentences")


class SpeakerRow(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512), index=True)
    type: Mapped[str] = mapped_column(String(32))
    anonymous: Mapped[bool] = mapped_column(default=False)

    aliases: Mapped[list[AliasRow]] = relationship(back_populates="speaker", cascade="all, delete-orphan")
    roles: Mapped[list[RoleRow]] = relationship(back_populates="speaker", cascade="all, delete-orphan")


class AliasRow(Base):
    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "normalized"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(512))
    normalized: Mapped[str] = mapped_column(String(512), index=True)

    speaker: Mapped[SpeakerRow] = relationship(back_populates="aliases")


class RoleRow(Base):
    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("speaker_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(512))

    speaker: Mapped[SpeakerRow] = relationship(back_populates="roles")


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_speaker_kind", "speaker_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    category: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    lemmas: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    content_spans: Mapped[list[list[int]]] = mapped_column(JSON)
    cue: Mapped[str | None] = mapped_column(String(256))
    cue_lemma: Mapped[str | None] = mapped_column(String(64))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    speaker_text: Mapped[str | None] = mapped_column(String(512))  # the mention as written: "he"
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[str | None] = mapped_column(String(512))
    sentence_index: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    notes: Mapped[list[str]] = mapped_column(JSON)
    facts: Mapped[dict | None] = mapped_column(JSON)  # what conflict detection reads (claimtrack.facts)
    negated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # "did not mention …": the content was not said

    document: Mapped[DocumentRow] = relationship(back_populates="claims")
    speaker: Mapped[SpeakerRow | None] = relationship(foreign_keys=[speaker_id])
    reporter: Mapped[SpeakerRow | None] = relationship(foreign_keys=[reporter_id])
    topics: Mapped[list[ClaimTopicRow]] = relationship(back_populates="claim", cascade="all, delete-orphan")


class ClaimTopicRow(Base):
    __tablename__ = "claim_topics"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)
    score: Mapped[float] = mapped_column(Float)
    where: Mapped[str] = mapped_column(String(16))
    term: Mapped[str] = mapped_column(String(256))

    claim: Mapped[ClaimRow] = relationship(back_populates="topics")


class TopicDefinitionRow(Base):
    """The terms a topic had when the stored tags were computed; a tag set whose definition has
    changed since is not used (queries score from the stored text instead) until a retag."""

    __tablename__ = "topic_definitions"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    terms: Mapped[list[str]] = mapped_column(JSON)


class ConflictRow(Base):
    """Two claims that cannot both be right (``claimtrack.conflicts``), with the evidence."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("first_id", "second_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # contradiction, polarity, stance, numeric
    reason: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[dict] = mapped_column(JSON)

    first: Mapped[ClaimRow] = relationship(foreign_keys=[first_id])
    second: Mapped[ClaimRow] = relationship(foreign_keys=[second_id])
