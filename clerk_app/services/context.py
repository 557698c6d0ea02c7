"""What every service call needs: the store, the settings, the clock and the calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from clerk_app.calendar import DayKind, ProductionCalendar
from clerk_app.services.clock import local_now
from clerk_app.services.settings import WorkstationSettings, load_settings
from clerk_app.storage import migrate
from clerk_app.storage.db import Database
from clerk_app.storage.models import CalendarOverride

DB_FILE = "clerk.sqlite3"


@dataclass
class AppContext:
    data_dir: Path
    db: Database
    clock: Callable[[], datetime] = local_now
    _calendar: ProductionCalendar | None = field(default=None, repr=False)
    _settings: WorkstationSettings | None = field(default=None, repr=False)
    cache: dict = field(default_factory=dict, repr=False)  # catalogue lookups; cleared on import

    def now(self) -> datetime:
        return self.clock()

    def settings(self) -> WorkstationSettings:
        if self._settings is None:
            with self.db.read() as s:
                self._settings = load_settings(s)
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

    def close(self) -> None:
        self.db.dispose()


def open_context(data_dir: Path, clock: Callable[[], datetime] = local_now) -> AppContext:
    """Open (creating and migrating if needed) the workstation's store in `data_dir`."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DB_FILE
    migrate.upgrade(path)
    return AppContext(data_dir=data_dir, db=Database(path), clock=clock)
