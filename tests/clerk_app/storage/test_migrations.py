"""Migrations: an empty file and one at the first schema both reach head; a backup is taken first."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text

from clerk_app.storage import migrate
from clerk_app.storage.db import Database
from clerk_app.storage.models import Base


def _tables(path):
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    finally:
        con.close()


def test_empty_database_reaches_head_without_backup(tmp_path):
    db = tmp_path / "clerk.sqlite3"
    assert migrate.upgrade(db) is None
    assert migrate.current_revision(db) == migrate.head_revision()
    assert set(Base.metadata.tables) <= _tables(db)
    assert migrate.upgrade(db) is None  # already at head: nothing to do, no backup


def test_first_schema_with_data_is_upgraded_after_a_backup(tmp_path):
    db = tmp_path / "clerk.sqlite3"
    migrate.upgrade(db, "0001")
    assert "document_prints" not in _tables(db)
    con = sqlite3.connect(db)
    con.execute("insert into settings(key, value) values ('centre_code', '\"34-001\"')")
    con.commit()
    con.close()
    backup = migrate.upgrade(db)
    assert backup is not None and backup.exists() and "0001" in backup.name
    assert "document_prints" in _tables(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    con = sqlite3.connect(backup)
    try:
        assert con.execute("select value from settings where key='centre_code'").fetchone() == ('"34-001"',)
    finally:
        con.close()
    con = sqlite3.connect(db)
    try:
        assert con.execute("select value from settings where key='centre_code'").fetchone() == ('"34-001"',)
    finally:
        con.close()


def test_every_connection_has_the_pragmas(tmp_path):
    db = tmp_path / "clerk.sqlite3"
    migrate.upgrade(db)
    store = Database(db)
    try:
        for engine in (store.write_engine, store.read_engine):
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        store.dispose()


def test_write_transactions_begin_immediate(tmp_path):
    db = tmp_path / "clerk.sqlite3"
    migrate.upgrade(db)
    store = Database(db)
    other = sqlite3.connect(db, timeout=0.1, isolation_level=None)
    try:
        with store.write() as session:
            session.execute(text("select count(*) from settings"))
            # a plain read in a write transaction already holds the write lock: BEGIN IMMEDIATE
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                assert "locked" in str(exc)
            else:
                raise AssertionError("a second writer got in during an IMMEDIATE transaction")
        with store.read() as session:
            session.execute(text("select count(*) from settings"))
            other.execute("BEGIN IMMEDIATE")  # readers never block a writer
            other.execute("ROLLBACK")
    finally:
        other.close()
        store.dispose()
