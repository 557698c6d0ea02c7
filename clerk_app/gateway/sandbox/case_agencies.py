"""Simulated agencies deciding handed-over cases.

An agency registers a case at once (``accepted``) and decides it after the answer delay:
a refusal when the applicant's СНИЛС ends in an odd check number, otherwise an approval with
a PDF of the agency's decision. A trainer can also provoke a return without consideration:
an applicant whose full name contains «Возврат» gets the case back (``returned``) with a comment.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime
from typing import Any

from clerk_app.gateway.sandbox.pdf import render_document
from clerk_app.gateway.sandbox.store import MSK

RETURN_MARK = "Возврат"
RETURN_COMMENT = "Не приложена копия документа, удостоверяющего личность: дело возвращено без рассмотрения"
DEFAULT_GROUND = {"code": "no_right", "text": "Отсутствие у заявителя права на получение услуги"}


def snils_check_is_odd(snils: Any) -> bool:
    digits = re.sub(r"\D", "", str(snils or ""))
    return len(digits) == 11 and int(digits[-2:]) % 2 == 1


def _pdf_attachment(name: str, content: bytes) -> dict[str, Any]:
    return {"name": name, "media_type": "application/pdf", "sha256": hashlib.sha256(content).hexdigest(),
            "content_base64": base64.b64encode(content).decode("ascii")}


def _number(case_id: str) -> str:
    return f"{int(hashlib.sha256(case_id.encode()).hexdigest()[:6], 16) % 9000 + 1000}-р"


def decide_case(body: dict[str, Any], stage: str, due_at: float, service: dict[str, Any] | None,
                agency_name: str) -> dict[str, Any]:
    """What the agency says about ``body`` at ``stage`` (``accepted`` or ``final``)."""
    given = body.get("applicant")
    applicant: dict[str, Any] = given if isinstance(given, dict) else {}
    if stage == "accepted":
        return {"status": "accepted"}
    if RETURN_MARK in str(applicant.get("full_name") or ""):
        return {"status": "returned", "comment": RETURN_COMMENT}
    day = datetime.fromtimestamp(due_at, MSK).date()
    number = _number(str(body.get("case_id")))
    signer = "Петрова А. В., начальник отдела"
    service_name = (service or {}).get("name") or str(body.get("service"))
    refused = snils_check_is_odd(applicant.get("snils"))
    grounds = (service or {}).get("refusal_grounds") or [DEFAULT_GROUND]
    # income over the threshold when the service has that ground; else its last, most specific one
    ground = next((g for g in grounds if g.get("code") == "income_over"), grounds[-1]) if refused else None
    reason = None
    if ground is not None:
        reason = ("Доход семьи превышает установленный порог" if ground.get("code") == "income_over"
                  else "Заявитель не подтвердил право на получение услуги")
    outcome = "ОТКАЗАТЬ в предоставлении услуги" if refused else "ПРЕДОСТАВИТЬ услугу"
    lines = [
        f"{agency_name}",
        f"Решение № {number} от {day.strftime('%d.%m.%Y')}",
        f"Заявление № {body.get('application_number')}",
        f"Услуга: {service_name[:80]}",
        f"Заявитель: {applicant.get('full_name') or applicant.get('name') or 'не указан'}",
        f"Решено: {outcome}",
    ]
    if refused:
        lines += [f"Основание: {(ground or {}).get('text', '')[:85]}", f"Причина: {reason}"]
    lines += [f"Подписал: {signer}", "Учебный документ песочницы шлюза: сведения вымышлены."]
    pdf = render_document("Решение органа, предоставляющего услугу", lines)
    return {
        "status": "result",
        "result": {
            "approved": not refused, "document_number": number, "document_date": day.isoformat(),
            "signed_by": signer, "legal_ground": ground["code"] if ground else None, "reason": reason,
        },
        "attachments": [_pdf_attachment("decision.pdf", pdf)],
    }
