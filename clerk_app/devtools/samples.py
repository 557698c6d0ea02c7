"""One synthetic application (an invented person with valid checksums), as in interfaces.md."""

from __future__ import annotations

import copy
from typing import Any

from clerk_app.domain.identifiers import snils_checksum

SAMPLE_APPLICATION: dict[str, Any] = {
    "service": "housing_subsidy",
    "applicant": {
        "last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна",
        "birth_date": "1980-05-17",
        "snils": "112-233-445 95",
        "inn": "344404512333",
        "passport": {"series": "18 06", "number": "123456", "issued_by": "ОУФМС России по Волгоградской обл.",
                     "issued_on": "2010-06-01", "division_code": "340-001"},
        "phone": "+7 917 123-45-67",
        "address": "г. Волгоград, ул. Мира, д. 1, кв. 2",
    },
    "documents": [{"code": "passport", "original": True, "sheets": 1}],
    "subject": {"cadastral_number": "34:34:060052:1234"},
}


def sample_application(**changes: Any) -> dict[str, Any]:
    """A deep copy of the sample with top-level keys replaced."""
    data = copy.deepcopy(SAMPLE_APPLICATION)
    data.update(changes)
    return data


def numbered_application(i: int) -> dict[str, Any]:
    """The sample for a distinct invented applicant number `i` (its own СНИЛС and passport)."""
    data = sample_application()
    data["applicant"]["snils"] = snils_from(300_000_000 + i)
    data["applicant"]["passport"]["number"] = f"{i % 1_000_000:06d}"
    return data


def snils_from(nine: int) -> str:
    """A valid СНИЛС from a 9-digit number."""
    d = f"{nine:09d}"
    return f"{d[:3]}-{d[3:6]}-{d[6:]} {snils_checksum(d):02d}"
