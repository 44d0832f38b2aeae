"""Session-wide fixtures: Stanza is loaded once and every text is parsed at most once per session.

The models come from $CLAIMTRACK_MODELS, or ../shared/stanza beside the repository. A missing or
incomplete models dir fails the tests that need it; it never skips them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimtrack.api import Tracker
from claimtrack.domain import Document, ParsedDocument, Sentence
from claimtrack.extract.attribution import Extractor
from claimtrack.nlp import MODELS_ENV, Parser, get_parser, missing_models
from claimtrack.pipeline import Analyser
from claimtrack.readers import read_paths
from claimtrack.speakers import SpeakerRegistry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "articles"
SHARED = ROOT.parent / "shared"


class MemoParser:
    """The session's Stanza parser, remembering every text it parsed."""

    def __init__(self, parser: Parser):
        self.parser = parser
        self.models_dir = parser.models_dir
        self.memo: dict[str, list[Sentence]] = {}

    def parse(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        for text, sentences in zip(todo, self.parser.parse(todo)):
            self.memo[text] = sentences
        return [self.memo[t] for t in texts]


@pytest.fixture(scope="session")
def models_dir() -> Path:
    chosen = Path(os.environ.get(MODELS_ENV) or SHARED / "stanza")
    missing = missing_models(chosen)
    if missing:
        pytest.fail(f"Stanza models incomplete in {chosen} (set {MODELS_ENV}); missing: {missing}")
    return chosen


@pytest.fixture(scope="session")
def parser(models_dir: Path) -> MemoParser:
    return MemoParser(get_parser(models_dir))


@pytest.fixture(scope="session")
def seed_documents() -> dict[str, Document]:
    """The five seed articles with their fixture metadata, by file stem prefix ("000" … "004")."""
    documents = [d for d in read_paths([SEEDS]) if isinstance(d, Document)]
    assert len(documents) == 5
    return {Path(d.origin).name[:3]: d for d in documents}


@pytest.fixture(scope="session")
def seed_parses(parser: MemoParser, seed_documents) -> dict[str, ParsedDocument]:
    analyser = Analyser(parser)
    keys = sorted(seed_documents)
    parses = analyser.parse([seed_documents[k] for k in keys])
    return {k: ParsedDocument(seed_documents[k], sentences) for k, sentences in zip(keys, parses)}


@pytest.fixture(scope="session")
def seed_claims(seed_parses) -> dict:
    """Claims of each seed, extracted in order with one registry (speakers merge across seeds)."""
    registry = SpeakerRegistry()
    extractor = Extractor()
    return {key: extractor.extract(parsed, registry) for key, parsed in sorted(seed_parses.items())}


@pytest.fixture(scope="session")
def seed_tracker(tmp_path_factory, parser: MemoParser, seed_parses) -> Tracker:
    """A SQLite database with the seeds ingested (reusing the session's parses)."""
    tracker = Tracker(tmp_path_factory.mktemp("db") / "seeds.sqlite", models=parser.models_dir)
    tracker.analyser = Analyser(parser, topics=tracker.topics)
    report = tracker.ingest([SEEDS])
    assert report.statuses["added"] == 5, report.results
    return tracker


@pytest.fixture
def postgres_url() -> str:
    """An empty PostgreSQL database from $CLAIMTRACK_TEST_POSTGRES (CI starts one; elsewhere the
    PostgreSQL tests are skipped when it is not set, and fail in CI)."""
    url = os.environ.get("CLAIMTRACK_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide $CLAIMTRACK_TEST_POSTGRES")
        pytest.skip("no PostgreSQL: set $CLAIMTRACK_TEST_POSTGRES to a database URL")
    from sqlalchemy import create_engine

    from claimtrack.store.schema import Base

    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    engine.dispose()
    return url


def make_tracker(path, parser: MemoParser, db: str | None = None) -> Tracker:
    """A fresh tracker whose parser is the session's."""
    tracker = Tracker(db or path / "claims.sqlite", models=parser.models_dir)
    tracker.analyser = Analyser(parser, topics=tracker.topics)
    return tracker
