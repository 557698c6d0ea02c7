"""What every service call needs: the store, the settings, the clock and the calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from clerk_app.calendar import DayKind, ProductionCalendar
from clerk_app.services import token_store
from clerk_app.services.changes import ChangeRecorder, Changes
from clerk_app.services.clock import local_now
from clerk_app.services.settings import WorkstationSettings, load_settings
from clerk_app.storage import migrate
from clerk_app.storage.db import Database
from clerk_app.storage.private import create_private, private_dir, restrict
from clerk_app.storage.models import CalendarOverride, Setting

DB_FILE = "clerk.sqlite3"


@dataclass
class AppContext:
    data_dir: Path
    db: Database
    clock: Callable[[], datetime] = local_now
    _calendar: ProductionCalendar | None = field(default=None, repr=False)
    _settings: WorkstationSettings | None = field(default=None, repr=False)
    cache: dict = field(default_factory=dict, repr=False)  # catalogue lookups; cleared on import
    changes: ChangeRecorder = field(default_factory=ChangeRecorder, repr=False)  # what calls changed

    def now(self) -> datetime:
        return self.clock()

    def settings(self) -> WorkstationSettings:
        if self._settings is None:
            with self.db.read() as s:
                stored = load_settings(s)
            self._settings = replace(stored, token=token_store.load(self.data_dir))
        return self._settings

    def invalidate_settings(self) -> None:
        self._settings = None

    def fresh_settings(self) -> WorkstationSettings:
        """Read the settings again (another process, e.g. `clerk-app init`, may have changed them)."""
        self._settings = None
        return self.settings()

    def calendar(self) -> ProductionCalendar:
        if self._calendar is None:
            with self.db.read() as s:
                overrides = {o.day: DayKind(o.kind) for o in s.query(CalendarOverride).all()}
            self._calendar = ProductionCalendar(overrides)
        return self._calendar

    def invalidate_calendar(self) -> None:
        self._calendar = None

    def follow(self, changes: Changes) -> None:
        """Forget what `changes` made stale (they may come from another process, e.g. the sync child)."""
        if changes.catalogue:
            self.cache.clear()
        if changes.settings:
            self._settings = None

    def close(self) -> None:
        self.db.dispose()


def open_context(data_dir: Path, clock: Callable[[], datetime] = local_now) -> AppContext:
    """Open (creating and migrating if needed) the workstation's store in `data_dir`."""
    data_dir = private_dir(Path(data_dir))
    path = data_dir / DB_FILE
    create_private(path)
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                  *data_dir.glob("*.bak")):
        restrict(extra)
    migrated = migrate.current_revision(path) != migrate.head_revision()
    migrate.upgrade(path)
    ctx = AppContext(data_dir=data_dir, db=Database(path), clock=clock)
    _move_token_out(ctx)
    if migrated:  # the report's facts are (re)built now, while writing is expected, not at the first report
        from clerk_app.services.reports.store import ensure_fresh

        ensure_fresh(ctx)
    return ctx


def _move_token_out(ctx: AppContext) -> None:
    """A token stored in the database by an older version moves to the token store."""
    with ctx.db.read() as s:
        row = s.get(Setting, "token")
        if row is None:
            return
    with ctx.db.write() as s:
        row = s.get(Setting, "token")
        if row is not None:
            if row.value:
                token_store.save(ctx.data_dir, str(row.value))
            s.delete(row)
