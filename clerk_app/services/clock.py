"""Wall-clock helpers: local aware times and RFC 3339 strings."""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    return datetime.now().astimezone()


def rfc3339(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def parse_rfc3339(value: str) -> datetime:
    """Any offset (or Z) read as the same moment in this computer's time zone: one zone everywhere."""
    return datetime.fromisoformat(value).astimezone()
