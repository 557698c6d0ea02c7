"""Application numbers: {workstation}-{year}-{seq:06d}, unique without asking anyone."""

from __future__ import annotations

import re

from clerk_app.domain.errors import ValidationError

WORKSTATION_RE = re.compile(r"^\d{2}-\d{3}-\d{2}$")
CENTRE_RE = re.compile(r"^\d{2}-\d{3}$")
NUMBER_RE = re.compile(r"^(\d{2}-\d{3}-\d{2})-(\d{4})-(\d{6})$")


def check_workstation_id(value: str, centre: str) -> str:
    if not CENTRE_RE.match(centre):
        raise ValidationError("Код центра: ожидается вид 34-001", field="centre")
    if not WORKSTATION_RE.match(value):
        raise ValidationError("Рабочее место: ожидается вид 34-001-07", field="workstation")
    if not value.startswith(centre + "-"):
        raise ValidationError("Рабочее место: должно начинаться с кода центра", field="workstation")
    return value


def sequence_prefix(workstation: str, year: int) -> str:
    return f"{workstation}-{year:04d}"


def format_number(workstation: str, year: int, seq: int) -> str:
    if not 0 < seq < 1_000_000:
        raise ValidationError("Номер заявления: исчерпан счётчик за год", field="number")
    return f"{sequence_prefix(workstation, year)}-{seq:06d}"


def is_application_number(value: str) -> bool:
    return bool(NUMBER_RE.match(value))
