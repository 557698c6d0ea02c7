"""The Qt-free half of `clerk-app --smoke`: every core layer touched once in a throw-away data folder
(migrations, catalogue, operators with argon2, registration with the production calendar, a receipt PDF
with embedded fonts, the sync child process). `ui.smoke` adds the Qt checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clerk_app.devtools.samples import SAMPLE_APPLICATION
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor

CENTRE = "34-001"
WORKSTATION = "34-001-99"
OPERATOR = ("smoke", "Проверочный Оператор Сборки", "clerk", "smoke-test-12345")
APPLICATION: dict[str, Any] = SAMPLE_APPLICATION


class SmokeFailure(Exception):
    """A check whose result is wrong (as opposed to one that crashed)."""


def _check_pdf(pdf: bytes) -> str:
    if not pdf.startswith(b"%PDF"):
        raise SmokeFailure("расписка не является PDF / receipt is not a PDF")
    if b"/FontFile2" not in pdf:
        raise SmokeFailure("в PDF нет встроенных шрифтов / no embedded fonts in the PDF")
    if b"/BaseFont /Helvetica" in pdf:
        raise SmokeFailure("PDF ссылается на невстроенный Helvetica / PDF refers to unembedded Helvetica")
    return f"{len(pdf)} bytes, embedded fonts"


class CoreChecks:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._ctx: AppContext | None = None
        self._actor: Actor | None = None
        self.number = ""
        self.pdf = b""

    @property
    def ctx(self) -> AppContext:
        if self._ctx is None:
            raise SmokeFailure("хранилище не открыто / the store is not open")
        return self._ctx

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            raise SmokeFailure("оператор не вошёл / no operator logged in")
        return self._actor

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()

    def store(self) -> str:
        from clerk_app.services import workstation
        from clerk_app.storage import migrate

        self._ctx = workstation.init(self.data_dir, CENTRE, WORKSTATION,
                                     centre_name="МФЦ (проверка сборки)",
                                     centre_address="г. Волгоград, ул. Проверочная, д. 1",
                                     centre_phone="+7 8442 00-00-00")
        return f"revision {migrate.current_revision(self.data_dir / 'clerk.sqlite3')}"

    def catalogue(self) -> str:
        from clerk_app.resources_path import resource_path
        from clerk_app.services import catalogue

        summary = catalogue.import_file(self.ctx, resource_path("catalogue", "demo-volgograd.json"))
        return f"services {summary.services}, agencies {summary.agencies}"

    def operator(self) -> str:
        from clerk_app.services import operators

        login, name, role, password = OPERATOR
        operators.add_operator(self.ctx, login, name, role, password)
        self._actor = operators.login(self.ctx, login, password)
        return f"{self.actor.login} ({self.actor.role.value})"

    def register(self) -> str:
        from clerk_app.services import applications

        registered = applications.register(self.ctx, self.actor, APPLICATION)
        self.number = registered.number
        return f"{registered.number}, due {registered.due_date}"

    def receipt(self) -> str:
        from clerk_app.services import printing

        self.pdf = printing.receipt_pdf(self.ctx, self.actor, self.number)
        return _check_pdf(self.pdf)

    def sync_child(self) -> str:
        from clerk_app.sync.worker_process import SyncProcess

        worker = SyncProcess(self.ctx.data_dir)
        try:
            summary = worker.run_pass()  # no gateway configured: the child answers offline
        finally:
            worker.close()
        if summary.online or summary.pending < 1:
            raise SmokeFailure(f"неожиданный итог синхронизации / unexpected sync summary: {summary}")
        return f"offline, pending {summary.pending}"

