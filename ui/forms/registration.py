"""What the new-application form registers: the application-file dict built from the typed values, the
question before throwing typed data away, and the receipt read on a worker after registration."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.forms import applicant_checks as chk


def receipt_job(ctx: AppContext, actor: Actor, number: str) -> tuple[bytes, str, int]:
    """Runs on a worker: the receipt PDF and the printer settings for its preview."""
    from clerk_app.services import printing

    pdf = printing.receipt_pdf(ctx, actor, number, count=False)  # counted when printed or saved
    settings = ctx.settings()
    return pdf, settings.printer, settings.receipt_copies


def ask_discard(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent, parent.tr("Новое заявление"),
        parent.tr("Закрыть форму? Введённые данные не сохранены и будут потеряны."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def application_data(v: dict[str, str], service_code: str, documents: list[dict], needed: dict[str, str],
                     checked: bool) -> dict[str, Any]:
    """The application-file dict `applications.register` takes, from the form's values (`v`, by field path).

    Dates are converted to ISO only when every field passed its check (`checked`); subject fields go in
    only when the chosen service and documents need them (`needed`)."""
    applicant: dict[str, Any] = {
        "last_name": v[chk.LAST], "first_name": v[chk.FIRST], "middle_name": v[chk.MIDDLE] or None,
        "birth_date": chk.iso_date(v[chk.BIRTH]) if checked else v[chk.BIRTH],
        "snils": v[chk.SNILS] or None, "inn": v[chk.INN] or None,
        "phone": v[chk.PHONE] or None, "address": v[chk.ADDRESS] or None,
    }
    if any(v[p] for p in chk.PASSPORT_PATHS):
        applicant["passport"] = {
            "series": v[chk.SERIES], "number": v[chk.NUMBER], "issued_by": v[chk.ISSUED_BY],
            "issued_on": chk.iso_date(v[chk.ISSUED_ON]) if checked else v[chk.ISSUED_ON],
            "division_code": v[chk.DIVISION] or None,
        }
    data: dict[str, Any] = {
        "service": service_code,
        "applicant": {k: val for k, val in applicant.items() if val is not None},
        "documents": documents,
    }
    subject = {path.removeprefix("subject."): value for path, value in v.items()
               if path.startswith("subject.") and value and path in needed}
    if subject:
        data["subject"] = subject
    return data
