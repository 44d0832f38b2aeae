"""Opening a claimtrack database: a SQLite file by default, any SQLAlchemy URL (PostgreSQL) otherwise.

The schema is created on first use and its version recorded in ``meta``; a database written by a
newer claimtrack is refused rather than misread. Migrations between versions live in
:data:`MIGRATIONS` (see docs/schema.md).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, inspect, make_url, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from .schema import CLAIMS_VERSION_KEY, SCHEMA_VERSION, Base, Meta

DB_ENV = "CLAIMTRACK_DB"
DEFAULT_DB = "claimtrack.sqlite"



def _add_claim_facts(connection: Connection) -> None:
    """1 → 2: claims get ``facts`` (what conflict detection reads); the conflicts table is created by
    ``create_all``. Claims stored before have no facts: ingest their articles again into a new
    database to have their conflicts detected."""
    connection.execute(text("ALTER TABLE claims ADD COLUMN facts JSON"))


def _add_claim_negated(connection: Connection) -> None:
    """2 → 3: claims get ``negated`` ("did not mention the plan"). Version 2 stored no negated
    claims, so every claim already there is asserted."""
    connection.execute(text("ALTER TABLE claims ADD COLUMN negated BOOLEAN NOT NULL DEFAULT FALSE"))


# version N → function that brings a database at version N to N + 1
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _add_claim_facts, 2: _add_claim_negated}


class SchemaError(RuntimeError):
    """The database's schema cannot be used by this version of claimtrack."""


class UnusableDatabase(RuntimeError):
    """The database cannot be opened: a bad URL, a file that is not a database, no access."""


def database_url(value: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from ``--db``/``$CLAIMTRACK_DB``: a URL as is, anything else a SQLite file."""
    chosen = str(value or os.environ.get(DB_ENV) or DEFAULT_DB)
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser()}"


def shown(url: str) -> str:
    """``url`` as it may be printed: without its password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    return parsed.render_as_string(hide_password=True) if parsed.password else url


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases, in-memory ones and ``uri=true`` forms)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:" or parsed.query.get("uri"):
        return None
    return Path(parsed.database)


class Database:
    """An engine and a session factory over an initialised claimtrack schema."""

    def __init__(self, url: str | os.PathLike[str] | None = None):
        self.url = database_url(url)
        try:
            self.engine: Engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            self._initialise()
        except (ArgumentError, DBAPIError) as exc:
            reason = str(exc.orig) if isinstance(exc, DBAPIError) else str(exc)
            raise UnusableDatabase(f"cannot use the database {shown(self.url)}: {reason}") from None

    def _initialise(self) -> None:
        with self.engine.begin() as connection:
            if not inspect(connection).has_table("meta"):
                if connection.dialect.name == "sqlite" and inspect(connection).get_table_names():
                    raise UnusableDatabase(f"{shown(self.url)} holds tables of something else (no claimtrack 'meta' "
                                           "table); choose another --db")
                Base.metadata.create_all(connection)
                connection.execute(Meta.__table__.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                connection.execute(Meta.__table__.insert().values(key=CLAIMS_VERSION_KEY, value="0"))
                return
            found = connection.execute(select(Meta.value).where(Meta.key == "schema_version")).scalar_one_or_none()
            version = int(found) if found is not None else 0
            if version > SCHEMA_VERSION:
                raise SchemaError(
                    f"{shown(self.url)} has schema version {version}; this claimtrack knows up to {SCHEMA_VERSION}. "
                    "Upgrade claimtrack to use it."
                )
            while version < SCHEMA_VERSION:
                if version not in MIGRATIONS:
                    raise SchemaError(f"no migration from schema version {version} to {version + 1} for {shown(self.url)}")
                MIGRATIONS[version](connection)
                version += 1
                connection.execute(Meta.__table__.update().where(Meta.key == "schema_version").values(value=str(version)))
            Base.metadata.create_all(connection)  # tables added since, if any

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:  # a read-only file can still be queried in its present mode
        pass
    cursor.close()
