"""Ingest: read articles, skip what is already stored, parse and extract the rest, and store each
article in its own transaction, so that an error or Ctrl-C loses nothing already done and leaves no
half-written article behind. Re-running continues where an interrupted run stopped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from .domain import ClaimKind, Document, Sentence
from .pipeline import Analyser, body_size, by_characters
from .readers import Skipped
from .speakers import AliasRules, SpeakerRegistry
from .store.database import Database
from .store.schema import DocumentRow, SpeakerRow
from .store.topic_tags import sync_topic_definitions
from .store.writer import existing_documents, load_registry, save_document

if TYPE_CHECKING:
    from .extract.roles import WordRoles

QUOTED = frozenset({ClaimKind.DIRECT, ClaimKind.PARTIAL, ClaimKind.MIXED})


@dataclass
class FileResult:
    origin: str
    status: str  # added, replaced, unchanged, duplicate, skipped, failed
    claims: int = 0
    quotes: int = 0
    detail: str = ""


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    interrupted: bool = False
    not_reached: int = 0  # documents left when interrupted
    speakers: int = 0  # named speakers in the database afterwards

    @property
    def statuses(self) -> Counter:
        return Counter(r.status for r in self.results)

    @property
    def claims(self) -> int:
        return sum(r.claims for r in self.results)

    @property
    def quotes(self) -> int:
        return sum(r.quotes for r in self.results)

    @property
    def problems(self) -> list[FileResult]:
        return [r for r in self.results if r.status in ("skipped", "failed")]


def ingest(database: Database, items: Iterable[Document | Skipped], analyser: Analyser,
           rules: AliasRules | None = None, progress=None) -> IngestReport:
    """Store the claims of ``items`` (documents or skipped inputs). ``progress`` is called once per
    item with its :class:`FileResult`."""
    report = IngestReport()
    items = list(items)
    report.not_reached = len(items)
    with database.session() as session:
        registry = load_registry(session, rules)
    with database.transaction() as session:
        sync_topic_definitions(session, analyser.topics)

    def record(result: FileResult) -> None:
        report.results.append(result)
        report.not_reached -= 1
        if progress is not None:
            progress(result)

    def new_documents() -> Iterator[tuple[Document, int | None]]:
        """The documents to analyse, each with the id of the stored one it replaces; the others recorded."""
        seen: dict[str, str] = {}  # origin → text hash, of this run's inputs
        for item in items:
            if isinstance(item, Skipped):
                record(FileResult(item.origin, "skipped", detail=item.reason))
                continue
            if item.origin in seen:  # a file named twice; two JSONL records with one id or URL: the first stays
                if seen[item.origin] == item.content_hash:
                    record(FileResult(item.origin, "duplicate", detail="given twice in this run"))
                else:
                    record(FileResult(item.origin, "skipped", detail="an earlier input of this run has the same origin "
                                                                     "(id or URL) and another text"))
                continue
            seen[item.origin] = item.content_hash
            with database.session() as session:
                same_text, same_origin = existing_documents(session, item)
                if same_text is not None:
                    status = "unchanged" if same_text is same_origin else "duplicate"
                    record(FileResult(item.origin, status, detail="" if status == "unchanged" else f"same text as {same_text.origin}"))
                    continue
                replacing = same_origin.id if same_origin is not None else None
            yield item, replacing

    try:
        for batch in by_characters(new_documents(), lambda pending: body_size(pending[0])):
            registry = _store_batch(database, batch, analyser, registry, rules, record)
    except KeyboardInterrupt:
        report.interrupted = True
    with database.session() as session:
        report.speakers = session.scalar(select(func.count(SpeakerRow.id)).where(SpeakerRow.anonymous.is_(False))) or 0
    return report


def _parse(analyser: Analyser, documents: list[Document]) -> list[list[Sentence] | Exception]:
    """The batch's parses; when the batch fails, each document parsed alone, so that one bad
    article fails by itself instead of taking the others with it."""
    try:
        return list(analyser.parse(documents))
    except Exception as exc:  # the article's failure, or retried one by one
        if len(documents) == 1:
            return [exc]
    results: list[list[Sentence] | Exception] = []
    for document in documents:
        try:
            results.extend(analyser.parse([document]))
        except Exception as exc:  # this article's failure
            results.append(exc)
    return results


def _read_roles(analyser: Analyser, documents: list[Document], parses: list[list[Sentence] | Exception]
                ) -> dict[int, WordRoles | None]:
    """The role tagger's reading of the batch's parsed documents, by position, read together; when
    that fails, none, and each article reads its own (and fails by itself) in ``analyse``."""
    parsed = {i: sentences for i, sentences in enumerate(parses) if not isinstance(sentences, Exception)}
    try:
        return dict(zip(parsed, analyser.read_roles([documents[i] for i in parsed], list(parsed.values()))))
    except Exception:  # retried article by article
        return {}


def _store_batch(database: Database, pending: list[tuple[Document, int | None]], analyser: Analyser,
                 registry: SpeakerRegistry, rules: AliasRules | None, record: Callable[[FileResult], None]) -> SpeakerRegistry:
    """Parse a batch together, then store each article in a transaction of its own."""
    parses = _parse(analyser, [d for d, _ in pending])
    roles = _read_roles(analyser, [d for d, _ in pending], parses)
    for i, ((document, replacing_id), parsed) in enumerate(zip(pending, parses)):
        try:
            if isinstance(parsed, Exception):
                raise parsed
            processed = analyser.analyse(document, parsed, registry, roles.get(i))
            with database.transaction() as session:
                same_text, _ = existing_documents(session, document)
                if same_text is not None:  # an identical file earlier in this batch
                    record(FileResult(document.origin, "duplicate", detail=f"same text as {same_text.origin}"))
                    continue
                replacing = session.get(DocumentRow, replacing_id) if replacing_id else None
                save_document(session, processed, replacing)
            quotes = sum(c.kind in QUOTED for c in processed.claims)
            status = "replaced" if replacing_id else "added"
            record(FileResult(document.origin, status, len(processed.claims), quotes))
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # one article's failure must not stop the run
            record(FileResult(document.origin, "failed", detail=f"{type(exc).__name__}: {exc}"))
            with database.session() as session:
                registry = load_registry(session, rules)  # forget speakers of the rolled-back article
    return registry

