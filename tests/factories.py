"""Synthetic test data: valid checksums, invented people."""

from __future__ import annotations

import json
from pathlib import Path

from clerk_app.devtools.samples import SAMPLE_APPLICATION as SAMPLE  # noqa: F401
from clerk_app.devtools.samples import sample_application  # noqa: F401
from clerk_app.devtools.samples import snils_from as snils_with_checksum  # noqa: F401
from clerk_app.resources_path import resources_dir
from clerk_app.services import catalogue, operators, workstation
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Role

DEMO_CATALOGUE = resources_dir() / "catalogue" / "demo-volgograd.json"
PASSWORD = "пароль-12345"


def make_context(data_dir: Path, workstation_id: str = "34-001-07", gateway_url: str = "",
                 token: str = "") -> AppContext:
    ctx = workstation.init(data_dir, "34-001", workstation_id, gateway_url or None, token or None,
                           centre_name="МФЦ «Мои документы» Центрального района Волгограда",
                           centre_address="г. Волгоград, ул. Тестовая, д. 1", centre_phone="+7 8442 00-00-00")
    catalogue.import_file(ctx, DEMO_CATALOGUE)
    for login, role in (("clerk", "clerk"), ("boss", "supervisor"), ("root", "admin")):
        operators.add_operator(ctx, login, f"Тестовый {login}", role, PASSWORD)
    return ctx


def centre_decides(ctx: AppContext, *codes: str) -> None:
    """Store the demo catalogue with `codes` (default: the sample's housing_subsidy) as version 1 services,
    decided by the centre: for tests of the centre's own decision on the sample application."""
    data = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    for service in data["services"]:
        if service["code"] in (codes or ("housing_subsidy",)):
            for key in ("decided_by", "handover", "handover_working_days", "return_working_days"):
                service.pop(key, None)
    catalogue.store_catalogue(ctx, data)


def centre_catalogue_file(path: Path, *codes: str) -> Path:
    """The same catalogue as a file, for `clerk-app catalogue import`."""
    data = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    for service in data["services"]:
        if service["code"] in (codes or ("housing_subsidy",)):
            for key in ("decided_by", "handover", "handover_working_days", "return_working_days"):
                service.pop(key, None)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


CLERK = Actor("clerk", "Тестовый clerk", Role.CLERK)
SUPERVISOR = Actor("boss", "Тестовый boss", Role.SUPERVISOR)
ADMIN = Actor("root", "Тестовый root", Role.ADMIN)
