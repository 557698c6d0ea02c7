"""`clerk-app --smoke`: prove that an installed (frozen) build is whole, then exit.

Every layer is touched once in a throw-away data folder: migrations, catalogue,
operators (argon2), registration with the production calendar, a receipt PDF
with embedded fonts and barcodes, and Qt widgets on the offscreen platform.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

CENTRE = "34-001"
WORKSTATION = "34-001-99"
OPERATOR = ("smoke", "Проверочный Оператор Сборки", "clerk", "smoke-test-12345")
# Synthetic applicant (invented person, valid checksums), as in interfaces.md.
APPLICATION: dict[str, Any] = {
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


def _receipt_from_state(ctx: Any, actor: Any, number: str) -> bytes:
    """Map the application's projected state into the receipt's dataclasses."""
    from datetime import date

    from clerk_app.documents import ApplicantInfo, CentreInfo, ReceiptData, ReceivedDocument, render_receipt
    from clerk_app.services import catalogue, queries
    from clerk_app.services.clock import parse_rfc3339

    state = queries.application_state(ctx, actor, number)
    spec = catalogue.get_service(ctx, state["service"])
    settings = ctx.settings()
    applicant = state["applicant"]
    centre = CentreInfo(settings.centre_name, settings.centre_address, settings.centre_phone)
    data = ReceiptData(
        centre=centre,
        number=number,
        registered_at=parse_rfc3339(state["registered_at"]),
        applicant=ApplicantInfo(applicant["full_name"], applicant.get("phone") or "",
                                applicant.get("address") or ""),
        service_name=spec.name,
        service_agency=spec.agency_name,
        documents=[ReceivedDocument(d["name"], bool(d["original"]), int(d["sheets"])) for d in state["documents"]],
        due_date=date.fromisoformat(state["due_date"]),
        collect_at=f"в МФЦ: {settings.centre_address or settings.centre_name}",
        operator_name=actor.full_name,
    )
    return render_receipt(data)


def _receipt_pdf(ctx: Any, actor: Any, number: str) -> bytes:
    """The receipt through the printing service when it exists, else from the state."""
    try:
        printing = importlib.import_module("clerk_app.services.printing")
    except ModuleNotFoundError as exc:
        if exc.name != "clerk_app.services.printing":
            raise
        return _receipt_from_state(ctx, actor, number)
    receipt_pdf = getattr(printing, "receipt_pdf", None)
    if receipt_pdf is None:
        return _receipt_from_state(ctx, actor, number)
    return bytes(receipt_pdf(ctx, actor, number))


def _main_window_class() -> type | None:
    if importlib.util.find_spec("ui.main_window") is None:
        return None
    module = importlib.import_module("ui.main_window")
    return getattr(module, "MainWindow", None)


class _Smoke:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.ctx: Any = None
        self.actor: Any = None
        self.number = ""

    def store(self) -> str:
        from clerk_app.services import workstation
        from clerk_app.storage import migrate

        self.ctx = workstation.init(self.data_dir, CENTRE, WORKSTATION,
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
        self.actor = operators.login(self.ctx, login, password)
        return f"{self.actor.login} ({self.actor.role.value})"

    def register(self) -> str:
        from clerk_app.services import applications

        registered = applications.register(self.ctx, self.actor, APPLICATION)
        self.number = registered.number
        return f"{registered.number}, due {registered.due_date}"

    def receipt(self) -> str:
        return _check_pdf(_receipt_pdf(self.ctx, self.actor, self.number))

    def qt(self) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

        app = QApplication.instance() or QApplication(sys.argv[:1])
        widget = QWidget()
        widget.setWindowTitle("Рабочее место оператора МФЦ")
        QVBoxLayout(widget).addWidget(QLabel(f"Заявление {self.number}"))
        widget.show()
        app.processEvents()
        widget.close()
        shown = [f"PySide6 {pyside_version}", f"platform {app.platformName()}"]
        window_class = _main_window_class()
        if window_class is not None:
            window = _make_main_window(window_class, self.ctx, self.actor)
            window.show()
            app.processEvents()
            window.close()
            app.processEvents()
            shown.append(window_class.__name__)
        return ", ".join(shown)

    def close(self) -> None:
        if self.ctx is not None:
            self.ctx.close()


def _make_main_window(window_class: type, ctx: Any, actor: Any) -> Any:
    """The main window takes (ctx, actor), (ctx) or nothing, depending on its version."""
    import inspect

    params = [p for p in inspect.signature(window_class).parameters.values()
              if p.default is inspect.Parameter.empty
              and p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    args = (ctx, actor)[:len(params)]
    return window_class(*args)


def _run_steps(smoke: _Smoke) -> bool:
    steps: list[tuple[str, Callable[[], str]]] = [
        ("База данных и миграции / database and migrations", smoke.store),
        ("Каталог услуг / catalogue", smoke.catalogue),
        ("Оператор / operator", smoke.operator),
        ("Регистрация заявления / registration", smoke.register),
        ("Расписка PDF / receipt PDF", smoke.receipt),
        ("Qt offscreen", smoke.qt),
    ]
    for title, step in steps:
        started = time.perf_counter()
        try:
            detail = step()
        except SmokeFailure as exc:
            print(f"ОШИБКА / FAIL  {title}: {exc}", file=sys.stderr)
            return False
        except Exception as exc:  # noqa: BLE001 - any crash means the build is broken
            print(f"ОШИБКА / FAIL  {title}: {type(exc).__name__}: {exc}", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            return False
        print(f"ок / ok  {title}: {detail} ({time.perf_counter() - started:.2f} s)")
    return True


def run_smoke() -> int:
    """Run every check in a temporary data folder; 0 when the build is whole, 1 otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"Проверка сборки / build smoke test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
    with tempfile.TemporaryDirectory(prefix="clerk-app-smoke-", ignore_cleanup_errors=True) as tmp:
        smoke = _Smoke(Path(tmp) / "data")
        try:
            ok = _run_steps(smoke)
        finally:
            smoke.close()
    if ok:
        print("Сборка исправна / smoke test passed")
        return 0
    print("Сборка неисправна / smoke test failed", file=sys.stderr)
    return 1
