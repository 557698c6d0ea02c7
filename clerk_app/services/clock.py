"""Wall-clock helpers: local aware times and RFC 3339 strings."""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    return datetime.now().astimezone()


def rfc3339(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def parse_rfc3339(value: str) -> datetime:
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.astimezone()
