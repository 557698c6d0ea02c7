"""Synthetic test data: valid checksums, invented people."""

from __future__ import annotations

import copy
from pathlib import Path

from clerk_app.resources_path import resources_dir
from clerk_app.services import catalogue, operators, workstation
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Role

DEMO_CATALOGUE = resources_dir() / "catalogue" / "demo-volgograd.json"
PASSWORD = "пароль-12345"

SAMPLE = {
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


def sample_application(**changes: object) -> dict:
    data = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


def snils_with_checksum(nine: int) -> str:
    digits = f"{nine:09d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 0, -1), strict=True))
    check = total if total < 100 else (0 if total in (100, 101) else total % 101)
    check = 0 if check in (100, 101) else check
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {check:02d}"


def make_context(data_dir: Path, workstation_id: str = "34-001-07", gateway_url: str = "",
                 token: str = "") -> AppContext:
    ctx = workstation.init(data_dir, "34-001", workstation_id, gateway_url or None, token or None,
                           centre_name="МФЦ «Мои документы» Центрального района Волгограда",
                           centre_address="г. Волгоград, ул. Тестовая, д. 1", centre_phone="+7 8442 00-00-00")
    catalogue.import_file(ctx, DEMO_CATALOGUE)
    for login, role in (("clerk", "clerk"), ("boss", "supervisor"), ("root", "admin")):
        operators.add_operator(ctx, login, f"Тестовый {login}", role, PASSWORD)
    return ctx


CLERK = Actor("clerk", "Тестовый clerk", Role.CLERK)
SUPERVISOR = Actor("boss", "Тестовый boss", Role.SUPERVISOR)
ADMIN = Actor("root", "Тестовый root", Role.ADMIN)
