"""The Python API. The CLI is a thin layer over this module.

    >>> from claimtrack import Tracker
    >>> tracker = Tracker("claims.sqlite", models="../shared/stanza")
    >>> tracker.ingest(["fixtures/articles"])
    >>> for claim in tracker.claims(speaker="Zelensky", about="ceasefire"):
    ...     print(claim.outlet, claim.text)
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path

from sqlalchemy.exc import OperationalError

from .conflicts import ConflictDetector
from .domain import Claim, Document
from .ingest import FileResult, IngestReport, ingest
from .nlp import get_parser, resolve_models_dir
from .pipeline import Analyser
from .readers import DEFAULT_MAX_BYTES, Metadata, Skipped, read_paths
from .speakers import AliasRules, SpeakerRegistry
from .store.conflict_store import ConflictRecord, conflicts_current, find_conflicts, refresh_conflicts
from .store.database import Database, shown
from .store.queries import ClaimRecord, SpeakerRecord, find_claims, list_speakers
from .store.topic_tags import retag_topics
from .topics import TopicTable

ALIASES_ENV = "CLAIMTRACK_ALIASES"

PathLike = str | os.PathLike[str]


def alias_rules(path: PathLike | None = None) -> AliasRules | None:
    """The user's alias file (``--aliases`` or ``$CLAIMTRACK_ALIASES``), if any."""
    chosen = path or os.environ.get(ALIASES_ENV)
    return AliasRules.load(chosen) if chosen else None


class ReadOnlyDatabase(UserWarning):
    """Conflicts could not be recomputed because the database cannot be written."""


class Tracker:
    """A claimtrack database with the models, aliases and topics to fill and query it."""

    def __init__(self, db: PathLike | None = None, models: PathLike | None = None,
                 aliases: PathLike | None = None, topics: PathLike | None = None):
        self.database = Database(db)
        self.models_dir = resolve_models_dir(models)
        self.rules = alias_rules(aliases)
        self.topics = TopicTable.load(topics)
        self.detector = ConflictDetector()

    @cached_property
    def analyser(self) -> Analyser:
        """Loads Stanza on first use: queries never need it."""
        return Analyser(get_parser(self.models_dir), topics=self.topics)

    def ingest(self, paths: Iterable[PathLike], metadata: Metadata | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               progress: Callable[[FileResult], None] | None = None) -> IngestReport:
        items = list(read_paths(paths, metadata or Metadata(), max_bytes))
        return self.ingest_documents(items, progress)

    def ingest_documents(self, items: Iterable[Document | Skipped],
                         progress: Callable[[FileResult], None] | None = None) -> IngestReport:
        report = ingest(self.database, items, self.analyser, self.rules, progress)
        self.refresh_conflicts(only_if_stale=True)
        return report

    def refresh_conflicts(self, only_if_stale: bool = False) -> int | None:
        """Detect conflicts again over all stored claims (ingest does this when claims changed);
        returns how many were found, or None when they were current and ``only_if_stale``. A
        read-only database keeps the conflicts it has, with a :class:`ReadOnlyDatabase` warning."""
        try:
            with self.database.transaction() as session:
                if only_if_stale and conflicts_current(session, self.detector):
                    return None
                return refresh_conflicts(session, self.detector)
        except OperationalError as exc:
            if not only_if_stale or not any(m in str(exc.orig).lower() for m in ("readonly", "read-only")):
                raise
            warnings.warn(f"{shown(self.database.url)} is read-only: its stored conflicts were not brought up to date "
                          "with its claims", ReadOnlyDatabase, stacklevel=3)
            return None

    def claims(self, **filters) -> list[ClaimRecord]:
        """Stored claims; filters: speaker, about, source, since, until, kind, min_confidence,
        asserted_only, limit. Each record lists the claims it conflicts with."""
        self.refresh_conflicts(only_if_stale=True)
        with self.database.session() as session:
            return find_claims(session, topics=self.topics, **filters)

    def conflicts(self, speaker: str | None = None, about: str | None = None, kind: str | None = None,
                  min_score: float = 0.0) -> list[ConflictRecord]:
        """Conflicting pairs of claims, best first, with their evidence."""
        self.refresh_conflicts(only_if_stale=True)
        with self.database.session() as session:
            return find_conflicts(session, speaker, about, kind, min_score, self.topics)

    def graph(self, speaker: str | None = None, about: str | None = None, since=None):
        """The speaker–claim graph (networkx ``MultiDiGraph``) of the claims matching the filters."""
        from .graph import build_graph

        self.refresh_conflicts(only_if_stale=True)
        with self.database.session() as session:
            return build_graph(session, speaker, about, since, self.topics)

    def speakers(self, name: str | None = None, include_anonymous: bool = False) -> list[SpeakerRecord]:
        with self.database.session() as session:
            return list_speakers(session, name, include_anonymous)

    def retag(self) -> int:
        """Recompute all topic tags with the present topic table (after editing it); no parsing."""
        with self.database.transaction() as session:
            return retag_topics(session, self.topics)

    def close(self) -> None:
        self.database.dispose()


def extract(paths: Iterable[PathLike], models: PathLike | None = None, aliases: PathLike | None = None,
            metadata: Metadata | None = None,
            max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[Document | Skipped, list[Claim]]]:
    """Claims of files without any database: (document, claims) per article, (skipped, []) per
    unreadable input. Speakers are merged across the files of one call."""
    analyser = Analyser(get_parser(resolve_models_dir(models)))
    registry = SpeakerRegistry(alias_rules(aliases))
    items = list(read_paths(paths, metadata or Metadata(), max_bytes))
    results = analyser.run((i for i in items if isinstance(i, Document)), registry)  # lazily, batch by batch
    for item in items:
        yield (item, next(results).claims) if isinstance(item, Document) else (item, [])


def fixtures_dir() -> Path:
    """The seed articles shipped with the source tree (used by ``claimtrack demo``)."""
    return Path(__file__).resolve().parent.parent / "fixtures" / "articles"
