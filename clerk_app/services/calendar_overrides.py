"""Production-calendar overrides imported for years the calendar library does not know yet."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, extract

from clerk_app.calendar import parse_xmlcalendar
from clerk_app.domain.errors import ValidationError
from clerk_app.services import audit
from clerk_app.services.context import AppContext
from clerk_app.storage.models import CalendarOverride


def import_xmlcalendar(ctx: AppContext, path: Path) -> tuple[int, int]:
    """Replace the overrides of the file's year; returns (year, days stored)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"Календарь: не удалось прочитать файл {path}: {exc.strerror}", "calendar") from exc
    year, days = parse_xmlcalendar(text)
    with ctx.db.write() as s:
        s.execute(delete(CalendarOverride).where(extract("year", CalendarOverride.day) == year))
        for day, kind in days.items():
            s.add(CalendarOverride(day=day, kind=int(kind)))
        audit.record(s, ctx, "system", "change", "calendar", str(year), details={"days": len(days)})
    ctx.invalidate_calendar()
    return year, len(days)
