"""The local SQLite file: engines with the pragmas every connection needs, and short transactions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 15000
QUICK_BUSY_TIMEOUT_MS = 300  # an audit entry of a read waits this long for the write lock, then is queued


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _make_engine(path: Path, begin: str, busy_ms: int | None = None) -> Engine:
    busy_ms = BUSY_TIMEOUT_MS if busy_ms is None else busy_ms
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": busy_ms / 1000, "check_same_thread": False},
        json_serializer=_json_dumps,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


class Database:
    """One workstation's store: `write()` begins IMMEDIATE, `read()` never blocks writers."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.write_engine = _make_engine(self.path, "BEGIN IMMEDIATE")
        self.read_engine = _make_engine(self.path, "BEGIN")
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)
        self._quick: sessionmaker | None = None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise."""
        session = self._write()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def quick_write(self) -> Iterator[Session]:
        """A write that gives up soon when another process holds the write lock (sqlite3 'locked')."""
        if self._quick is None:
            self._quick = sessionmaker(_make_engine(self.path, "BEGIN IMMEDIATE", QUICK_BUSY_TIMEOUT_MS),
                                       expire_on_commit=False)
        session = self._quick()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._read()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def read_rows(self, sql: str, params: dict[str, object]) -> list[tuple]:
        """One SELECT on a pooled read connection, without ORM or statement building: for hot list reads.

        The connection runs in autocommit mode, so the statement alone is its own consistent snapshot.
        """
        conn = self.read_engine.raw_connection()
        try:
            cur = conn.cursor()
            try:
                return cur.execute(sql, params).fetchall()
            finally:
                cur.close()
        finally:
            conn.close()

    def dispose(self) -> None:
        self.write_engine.dispose()
        self.read_engine.dispose()
        if self._quick is not None:
            bind = self._quick.kw.get("bind")
            if bind is not None:
                bind.dispose()
