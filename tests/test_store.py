"""The database: ingest, idempotence, replacement, atomicity, and the questions users ask."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from sqlalchemy import create_engine, func, select, text, update

from claimtrack.api import ReadOnlyDatabase, Tracker
from claimtrack.store import writer
from claimtrack.store.conflict_store import conflicts_current
from claimtrack.store.queries import find_claims
from claimtrack.store.schema import SCHEMA_VERSION, ClaimRow, DocumentRow, Meta, SentenceRow, SpeakerRow
from claimtrack.topics import Topic, TopicTable

from .conftest import SEEDS, make_tracker


def count(tracker, table) -> int:
    with tracker.database.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_zelensky_on_the_ceasefire(seed_tracker):
    records = seed_tracker.claims(speaker="Zelensky", about="ceasefire")
    origins = {r.origin.rsplit("/", 1)[-1][:3] for r in records}
    assert origins == {"000", "004"}
    texts = " ".join(r.text for r in records)
    assert "manipulative" in texts and "In practice, he’s preparing a rejection" in texts
    assert "Forty-four days ago, Ukraine agreed to a full ceasefire" in texts
    assert {r.outlet for r in records} == {"Weekly war digest (outlet not named in the text)",
                                           "Opinion (outlet not named in the text)"}
    assert all(r.speaker == records[0].speaker for r in records)
    assert all("ceasefire" in r.topics for r in records)


def test_any_alias_finds_the_speaker(seed_tracker):
    by_alias = {alias: {r.id for r in seed_tracker.claims(speaker=alias)} for alias in
                ("Zelensky", "zelenskyy", "ZELENSKYI", "Volodymyr Zelensky", "Zelenskiy")}
    assert len(set(map(frozenset, by_alias.values()))) == 1  # all the same claims
    assert len(by_alias["Zelensky"]) >= 6


def test_putin_on_the_ceasefire_excludes_his_kursk_orders(seed_tracker):
    texts = [r.text for r in seed_tracker.claims(speaker="Putin", about="ceasefire")]
    assert any(t.startswith("We agree with the proposal to cease hostilities") for t in texts)
    assert any(t.startswith("The idea itself is correct") for t in texts)
    assert not any("security zone" in t or "decisively defeat the enemy" in t for t in texts)


def test_topic_synonyms_and_free_text(seed_tracker):
    ceasefire = {r.id for r in seed_tracker.claims(about="ceasefire")}
    assert ceasefire == {r.id for r in seed_tracker.claims(about="truce")}
    assert ceasefire == {r.id for r in seed_tracker.claims(about="cease-fire")}
    kursk = seed_tracker.claims(about="Kursk")
    assert kursk and all("kursk" in (r.text + r.sentence).lower() or r.topics for r in kursk)
    assert {r.id for r in seed_tracker.claims(about="Sudzha")} <= {r.id for r in kursk}


def test_filters(seed_tracker):
    al_jazeera = seed_tracker.claims(source="al jazeera")
    assert al_jazeera and all(r.outlet == "Al Jazeera" or r.reporter == "Al Jazeera" for r in al_jazeera)
    credited = seed_tracker.claims(source="New York Times")
    assert [r.reporter for r in credited] == ["New York Times"] and credited[0].speaker is None
    april = seed_tracker.claims(since=dt.date(2025, 4, 1), until=dt.date(2025, 4, 30))
    assert april and {r.published for r in april} == {dt.date(2025, 4, 24)}
    assert all(r.kind == "partial" for r in seed_tracker.claims(kind="partial"))
    assert len(seed_tracker.claims(limit=3)) == 3
    assert seed_tracker.claims(speaker="Nobody Anyone") == []
    assert seed_tracker.claims(speaker="%") == [] and seed_tracker.claims(source="_") == []  # letters, not wildcards


def test_records_carry_sentence_and_offsets(seed_tracker):
    record = seed_tracker.claims(speaker="Ushakov", kind="direct")[0]
    text = (SEEDS / record.origin.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
    start, end = record.content_spans[0]
    assert text[start:end] == record.text
    assert text[slice(*record.speaker_span)] == record.speaker_mention
    assert text[slice(*record.cue_span)] == record.cue
    assert record.text in record.sentence or record.sentence in text


def test_speakers_listing(seed_tracker):
    speakers = {s.name: s for s in seed_tracker.speakers()}
    zelensky = next(s for name, s in speakers.items() if name.startswith("Volodymyr Zelensk"))
    assert zelensky.documents == 3 and zelensky.type == "person"
    assert {"Zelensky", "Zelenskyy", "Zelenskyi"} <= {a.split()[-1] for a in zelensky.aliases + [zelensky.name]}
    assert "Kremlin spokesman" in speakers["Dmitry Peskov"].roles
    assert "New York Times" not in speakers and "Politico" not in speakers  # outlets are not speakers
    assert all(not s.anonymous for s in speakers.values())
    assert any(s.anonymous for s in seed_tracker.speakers(include_anonymous=True))


def test_reingest_adds_nothing(seed_tracker):
    before = count(seed_tracker, ClaimRow), count(seed_tracker, SpeakerRow), count(seed_tracker, DocumentRow)
    report = seed_tracker.ingest([SEEDS])
    assert report.statuses["unchanged"] == 5 and report.claims == 0
    assert (count(seed_tracker, ClaimRow), count(seed_tracker, SpeakerRow), count(seed_tracker, DocumentRow)) == before


def test_changed_article_replaces_its_claims(tmp_path, parser):
    tracker = make_tracker(tmp_path, parser)
    article = tmp_path / "in" / "seed.txt"
    article.parent.mkdir()
    shutil.copy(SEEDS / "001_9644d7d41a712d89.txt", article)
    first = tracker.ingest([article])
    assert first.statuses["added"] == 1
    old_claims = count(tracker, ClaimRow)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.split("Retaking territory in Kursk")[0], encoding="utf-8")
    second = tracker.ingest([article])
    assert second.statuses["replaced"] == 1
    assert count(tracker, DocumentRow) == 1
    assert 0 < count(tracker, ClaimRow) < old_claims
    assert not tracker.claims(speaker="Stratford")  # his claims were in the removed part
    copy = tmp_path / "in" / "copy.txt"
    shutil.copy(article, copy)
    third = tracker.ingest([tmp_path / "in"])
    assert third.statuses == {"unchanged": 1, "duplicate": 1}


def test_a_failing_article_leaves_nothing_behind(tmp_path, parser, monkeypatch):
    tracker = make_tracker(tmp_path, parser)
    real_save = writer.save_document

    def save_then_fail(session, processed, replacing=None):
        real_save(session, processed, replacing)  # rows written, then the failure: all must roll back
        if "002_" in processed.parsed.document.origin:
            raise RuntimeError("disk on fire")

    monkeypatch.setattr("claimtrack.ingest.save_document", save_then_fail)
    report = tracker.ingest([SEEDS])
    assert report.statuses == {"added": 4, "failed": 1}
    assert "disk on fire" in report.problems[0].detail
    with tracker.database.session() as session:
        origins = session.scalars(select(DocumentRow.origin)).all()
        assert len(origins) == 4 and not any("002_" in o for o in origins)
        orphans = session.scalar(select(func.count()).select_from(SentenceRow).where(
            SentenceRow.document_id.not_in(select(DocumentRow.id))))
        assert orphans == 0
        speakers = set(session.scalars(select(SpeakerRow.name)))
    assert "Marco Rubio" not in speakers  # he speaks only in the failed article
    monkeypatch.setattr("claimtrack.ingest.save_document", real_save)
    assert tracker.ingest([SEEDS]).statuses == {"unchanged": 4, "added": 1}
    assert tracker.claims(speaker="Rubio")


def test_interruption_keeps_what_was_stored(tmp_path, parser, monkeypatch):
    tracker = make_tracker(tmp_path, parser)
    calls = []
    real_analyse = tracker.analyser.analyse

    def analyse_then_interrupt(document, sentences, registry, roles):
        calls.append(document.origin)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_analyse(document, sentences, registry, roles)

    monkeypatch.setattr(tracker.analyser, "analyse", analyse_then_interrupt)
    report = tracker.ingest([SEEDS])
    assert report.interrupted and report.statuses == {"added": 2} and report.not_reached == 3
    assert count(tracker, DocumentRow) == 2
    monkeypatch.undo()
    resumed = tracker.ingest([SEEDS])
    assert resumed.statuses == {"unchanged": 2, "added": 3}


def test_a_document_that_breaks_the_parser_fails_alone(tmp_path, parser, monkeypatch):
    tracker = make_tracker(tmp_path, parser)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("001_9644d7d41a712d89.txt", "002_671b20d37625735a.txt"):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "003_bad.txt").write_text("A text the parser cannot take.\n", encoding="utf-8")
    real_parse = tracker.analyser.parse

    def parse(documents):
        if any("cannot take" in d.text for d in documents):
            raise MemoryError("out of memory")
        return real_parse(documents)

    monkeypatch.setattr(tracker.analyser, "parse", parse)
    report = tracker.ingest([folder])  # one batch: the good two must not go down with the bad one
    assert report.statuses == {"added": 2, "failed": 1}
    assert report.problems[0].origin.endswith("003_bad.txt") and "MemoryError" in report.problems[0].detail
    assert count(tracker, DocumentRow) == 2


def test_a_document_that_breaks_the_role_tagger_fails_alone(tmp_path, parser, monkeypatch):
    """The batch is read together; when that fails, each article is read alone, in its own try."""
    tracker = make_tracker(tmp_path, parser)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "001_9644d7d41a712d89.txt", folder / "001.txt")
    (folder / "002_bad.txt").write_text("A text the tagger finds unreadable.\n", encoding="utf-8")
    tagger = tracker.analyser.extractor.scorer.tagger
    real_read = tagger.read_documents
    batches = []

    def read_documents(documents):
        batches.append(len(documents))
        if any(w.text == "unreadable" for sentences, _ in documents for s in sentences for w in s.words):
            raise RuntimeError("tagger broke")
        return real_read(documents)

    monkeypatch.setattr(tagger, "read_documents", read_documents)
    report = tracker.ingest([folder])
    assert batches == [2, 1, 1]  # together, then each alone
    assert report.statuses == {"added": 1, "failed": 1} and "tagger broke" in report.problems[0].detail
    assert count(tracker, DocumentRow) == 1


def test_two_records_with_one_url_keep_the_first_on_every_run(tmp_path, parser):
    tracker = make_tracker(tmp_path, parser)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Peskov said talks will start.", "url": "https://x/1"}) + "\n"
                    + json.dumps({"text": "Peskov said talks will not start.", "url": "https://x/1"}) + "\n", encoding="utf-8")
    first = tracker.ingest([feed])
    assert first.statuses == {"added": 1, "skipped": 1} and "same origin" in first.problems[0].detail
    assert tracker.ingest([feed]).statuses == {"unchanged": 1, "skipped": 1}
    with tracker.database.session() as session:
        assert session.scalars(select(DocumentRow.text)).all() == ["Peskov said talks will start."]


def test_conflicts_are_recomputed_when_the_newest_article_is_replaced(tmp_path, parser):
    # the replaced article's claims get the freed ids back, so count and highest id look unchanged
    tracker = make_tracker(tmp_path, parser)
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    newest = folder / "002_671b20d37625735a.txt"
    tracker.ingest([p for p in sorted(folder.glob("*.txt")) if p != newest])
    tracker.ingest([newest])
    before = len(tracker.conflicts())
    assert before and any("002_" in c.first.origin or "002_" in c.second.origin for c in tracker.conflicts())
    newest.write_text(newest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert tracker.ingest([newest]).statuses == {"replaced": 1}
    assert len(tracker.conflicts()) == before


def test_a_file_stored_under_its_path_as_typed_by_an_earlier_version_is_still_the_same_file(tmp_path, parser, monkeypatch):
    tracker = make_tracker(tmp_path, parser)
    article = tmp_path.resolve() / "in" / "a.txt"
    article.parent.mkdir()
    shutil.copy(SEEDS / "004_aef9e603fc43725e.txt", article)
    tracker.ingest([article])
    monkeypatch.chdir(tmp_path.resolve())
    with tracker.database.transaction() as session:
        session.execute(update(DocumentRow).values(origin="in/a.txt"))  # how versions before absolute origins stored it
    assert tracker.ingest(["in/a.txt"]).statuses == {"unchanged": 1}
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert tracker.ingest(["in/a.txt"]).statuses == {"replaced": 1}
    with tracker.database.session() as session:
        assert session.scalars(select(DocumentRow.origin)).all() == [str(article)]


def test_a_file_given_twice_in_one_run_is_a_duplicate_not_a_problem(tmp_path, parser):
    tracker = make_tracker(tmp_path, parser)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "004_aef9e603fc43725e.txt", folder / "a.txt")
    report = tracker.ingest([folder, folder / "a.txt"])
    assert report.statuses == {"added": 1, "duplicate": 1} and not report.problems


def test_a_feed_record_stored_by_its_line_number_by_an_earlier_version_is_unchanged(tmp_path, parser, monkeypatch):
    tracker = make_tracker(tmp_path, parser)
    feed = tmp_path.resolve() / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Peskov said talks will start."}) + "\n", encoding="utf-8")
    tracker.ingest([feed])
    monkeypatch.chdir(tmp_path.resolve())
    with tracker.database.transaction() as session:
        session.execute(update(DocumentRow).values(origin="feed.jsonl#L1"))  # how earlier versions named it
    assert tracker.ingest(["feed.jsonl"]).statuses == {"unchanged": 1}


@pytest.mark.postgres
def test_postgresql_backend(tmp_path, parser, postgres_url):
    engine = create_engine(postgres_url)
    with engine.begin() as connection:  # a server database may hold other applications' tables
        connection.execute(text("CREATE TABLE IF NOT EXISTS invoices (number INTEGER)"))
    tracker = make_tracker(tmp_path, parser, db=postgres_url)
    report = tracker.ingest([SEEDS])
    assert report.statuses["added"] == 5
    records = tracker.claims(speaker="Zelenskyy", about="ceasefire")
    assert {r.origin.rsplit("/", 1)[-1][:3] for r in records} == {"000", "004"}
    assert tracker.ingest([SEEDS]).statuses["unchanged"] == 5
    assert tracker.speakers("Peskov")[0].roles == ["Kremlin spokesman"]
    assert {c.kind for c in tracker.conflicts()} >= {"contradiction", "polarity", "stance"}  # JSON facts on PostgreSQL
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE invoices"))
    engine.dispose()


def test_edited_topics_are_not_trusted_until_retagged(tmp_path, parser):
    tracker = make_tracker(tmp_path, parser)
    tracker.ingest([SEEDS / "001_9644d7d41a712d89.txt"])
    assert not tracker.claims(about="grain")
    topics = tmp_path / "topics.toml"
    topics.write_text('[ceasefire]\nterms = ["respite"]\n', encoding="utf-8")  # redefine a built-in topic
    edited = make_tracker(tmp_path, parser, db=tracker.database.url)
    edited.topics = type(edited.topics).load(topics)
    texts = [r.text for r in edited.claims(about="ceasefire")]  # scored from the text, not the old tags
    assert any("nothing other than a temporary respite" in t for t in texts)
    assert not any(t.startswith("Before the talks start") for t in texts)  # ceasefire by the old terms only
    assert edited.retag() > 0
    with edited.database.session() as session:
        assert not conflicts_current(session, edited.detector)  # detection reads the tags
    assert [r.text for r in edited.claims(about="ceasefire")] == texts


def _older_copy(tracker, path, version: int, *statements: str):
    """A copy of ``tracker``'s SQLite database taken back to schema ``version`` by ``statements``."""
    import sqlite3

    with sqlite3.connect(tracker.database.url.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as copy:
        source.backup(copy)  # with what is still in the write-ahead log
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    return path


def test_a_read_only_database_answers_queries_with_the_conflicts_it_has(tmp_path, seed_tracker):
    copy = _older_copy(seed_tracker, tmp_path / "ro.sqlite", SCHEMA_VERSION,
                       "DELETE FROM meta WHERE key = 'conflicts_signature'")  # stale: a query would recompute
    tracker = Tracker(f"sqlite:///file:{copy}?mode=ro&uri=true")
    with pytest.warns(ReadOnlyDatabase, match="read-only"):
        records = tracker.claims(speaker="Zelensky")
        conflicts = tracker.conflicts()
    assert records and len(conflicts) == len(seed_tracker.conflicts())
    tracker.close()


def test_a_version_2_database_is_migrated(tmp_path, seed_tracker):
    """A database written before claims could be negated gains the column, every claim asserted."""

    old = _older_copy(seed_tracker, tmp_path / "v2.sqlite", 2, "DELETE FROM claims WHERE negated",
                      "ALTER TABLE claims DROP COLUMN negated")
    tracker = Tracker(old)
    with tracker.database.session() as session:
        assert session.get(Meta, "schema_version").value == str(SCHEMA_VERSION)
    records = tracker.claims()
    assert len(records) == len(seed_tracker.claims()) - sum(r.negated for r in seed_tracker.claims()) > 0
    assert not any(r.negated for r in records)


def test_a_version_1_database_is_migrated(tmp_path, seed_tracker):
    """A database written before claims had facts opens, gains the column and the conflicts table,
    keeps its claims, and detects no conflicts among claims without facts."""

    old = _older_copy(seed_tracker, tmp_path / "v1.sqlite", 1, "DROP TABLE conflicts", "ALTER TABLE claims DROP COLUMN facts",
                      "ALTER TABLE claims DROP COLUMN negated", "DELETE FROM meta WHERE key != 'schema_version'")
    claims_before = len(seed_tracker.claims())
    tracker = Tracker(old)
    with tracker.database.session() as session:
        assert session.get(Meta, "schema_version").value == str(SCHEMA_VERSION)
        assert session.scalar(select(func.count(ClaimRow.id)).where(ClaimRow.facts.is_not(None))) == 0
    assert len(tracker.claims()) == claims_before
    assert tracker.conflicts() == []


def test_retagging_gives_the_tags_ingest_gave(tmp_path, seed_tracker):
    """Topics recomputed from the stored text and lemmas equal those of ingest, passages included
    ("He did not mention the ceasefire plan" is no part of Putin's passage either way)."""

    tracker = Tracker(_older_copy(seed_tracker, tmp_path / "copy.sqlite", SCHEMA_VERSION))
    before = {r.id: r.topics for r in tracker.claims()}
    assert tracker.retag() > 0
    assert {r.id: r.topics for r in tracker.claims()} == before


def test_a_free_text_topic_finds_what_the_tags_find(seed_tracker):
    """The same terms under a name that has no stored tags go through the free-text passage test;
    it must read passages as ingest did (a negated claim is no part of its speaker's)."""

    table = TopicTable.load()
    ceasefire = table.named("ceasefire")
    untagged = TopicTable({"truce words": Topic("truce words", ceasefire.terms)})
    with seed_tracker.database.session() as session:
        tagged = [r.id for r in find_claims(session, speaker="Putin", about="ceasefire", topics=table)]
        free = [r.id for r in find_claims(session, speaker="Putin", about="truce words", topics=untagged)]
    assert tagged and free == tagged
