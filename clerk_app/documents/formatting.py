"""Russian formatting of dates, counts and names for printed documents."""

from __future__ import annotations

from datetime import date, datetime


def local(value: datetime) -> datetime:
    """An aware time in this computer's time zone (gateway times come in UTC); naive times are local."""
    return value.astimezone() if value.tzinfo is not None else value


def fmt_date(value: date | datetime) -> str:
    return (local(value) if isinstance(value, datetime) else value).strftime("%d.%m.%Y")


def fmt_time(value: datetime) -> str:
    return local(value).strftime("%H:%M")


def fmt_datetime(value: datetime) -> str:
    return local(value).strftime("%d.%m.%Y %H:%M")


def plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the Russian word form for ``n``: 1 лист, 2 листа, 5 листов."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count_sheets(n: int) -> str:
    return f"{n} {plural(n, 'лист', 'листа', 'листов')}"


def count_documents(n: int) -> str:
    return f"{n} {plural(n, 'документ', 'документа', 'документов')}"


def count_applications(n: int) -> str:
    return f"{n} {plural(n, 'заявление', 'заявления', 'заявлений')}"


def short_name(full_name: str) -> str:
    """«Иванова Мария Петровна» -> «Иванова М. П.» (for signature lines)."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    initials = " ".join(f"{p[0]}." for p in parts[1:])
    return f"{parts[0]} {initials}"
