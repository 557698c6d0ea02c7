"""Schema migrations with alembic; the file is copied aside before any upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from clerk_app.storage.private import create_private

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(db_path: Path) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config(Path("unused"))).get_current_head() or ""


def current_revision(db_path: Path) -> str | None:
    if not db_path.exists():
        return None
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def backup(db_path: Path, revision: str | None) -> Path:
    """A consistent copy (sqlite backup API, WAL included) beside the file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.{revision or 'empty'}.{stamp}.bak")
    create_private(target)
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(db_path: Path, revision: str = "head") -> Path | None:
    """Bring the file to `revision`; returns the backup taken, if one was needed."""
    db_path = Path(db_path)
    current = current_revision(db_path)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return None
    saved = backup(db_path, current) if current is not None else None
    command.upgrade(alembic_config(db_path), revision)
    return saved
