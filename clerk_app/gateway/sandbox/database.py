"""The gateway server's database: SQLite (embedded default) or PostgreSQL, migrated by its own alembic scripts."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from clerk_app.gateway.sandbox.models import Base

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "gateway_alembic_version"
FIRST_REVISION = "g0001"
_MIGRATION_LOCK_KEY = 0x6761_7465  # pg_advisory_lock key: one migrating process at a time
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected

T = TypeVar("T")


def make_engine(db_url: str, durable: bool = True) -> Engine:
    """An engine for ``db_url``: ``postgresql[+psycopg]://…`` or ``sqlite:///file`` (``sqlite://`` in memory).
    SQLite with ``durable=False`` syncs the WAL only at checkpoints: a commit survives the process being
    killed, not a power cut (enough for the sandbox; a hub keeps full durability)."""
    url = make_url(db_url)
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        # no pre-ping: it would cost a round trip per request; a dropped connection fails one call (a 500,
        # which clients retry) and is replaced
        return create_engine(url, pool_size=10, max_overflow=30, pool_recycle=1800)
    if backend != "sqlite":
        raise ValueError(f"неподдерживаемая база данных шлюза: {backend} (нужны postgresql или sqlite)")
    if url.database in (None, "", ":memory:"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        Path(url.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None  # BEGIN is ours (below)
        cursor = dbapi_connection.cursor()
        if url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL" if durable else "PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # writers queue on the file lock, never fail to upgrade a read

    return engine


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the head revision: an empty one is created whole; an older one migrated."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({_MIGRATION_LOCK_KEY})")
            conn.commit()
        try:
            tables = set(inspect(conn).get_table_names())
            cfg = _alembic_config(conn)
            if VERSION_TABLE not in tables:
                if "sandbox_messages" in tables:  # a store from before the migrations: revision one
                    command.stamp(cfg, FIRST_REVISION)
                else:
                    Base.metadata.create_all(conn)
                    command.stamp(cfg, "head")
                    conn.commit()
                    return
            command.upgrade(cfg, "head")
            conn.commit()
        finally:
            if conn.dialect.name == "postgresql":
                conn.rollback()
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({_MIGRATION_LOCK_KEY})")
                conn.commit()


class GatewayDatabase:
    """Engine, sessions and the rules of concurrency of one gateway database.

    SQLite: one process-wide lock plus BEGIN IMMEDIATE (writers are serialised anyway).
    PostgreSQL: no process lock; row locks in the queries and a retry on deadlock or serialization failure.
    """

    def __init__(self, db_url: str, migrate: bool = True, durable: bool = True) -> None:
        self.engine = make_engine(db_url, durable)
        self.dialect = self.engine.dialect.name
        if migrate:
            upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # single-statement reads on PostgreSQL need no BEGIN/ROLLBACK round trips
        self._reads = (sessionmaker(self.engine.execution_options(isolation_level="AUTOCOMMIT"),
                                    expire_on_commit=False) if self.dialect == "postgresql" else self._sessions)
        self._lock: contextlib.AbstractContextManager = (
            threading.RLock() if self.dialect == "sqlite" else contextlib.nullcontext()
        )

    @property
    def is_postgresql(self) -> bool:
        return self.dialect == "postgresql"

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session under the process lock (SQLite); the caller commits."""
        with self._lock, self._sessions() as s:
            yield s

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for one read statement (autocommit on PostgreSQL); never for a write."""
        with self._lock, self._reads() as s:
            yield s

    def run(self, work: Callable[[Session], T], attempts: int = 5) -> T:
        """``work`` in one transaction, committed; retried when PostgreSQL reports a deadlock or serialization
        failure (the transaction was rolled back whole, so running it again is safe)."""
        for attempt in range(attempts):
            try:
                with self.session() as s:
                    result = work(s)
                    s.commit()
                    return result
            except DBAPIError as exc:
                code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
                if code not in _RETRY_SQLSTATES or attempt == attempts - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()
