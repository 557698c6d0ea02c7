"""Documents printed from the store: the right data, «КОПИЯ» on reprints, every print audited."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from clerk_app.domain.errors import TransitionError
from clerk_app.services import applications, printing
from clerk_app.storage.models import AuditEntry
from tests.factories import CLERK, SUPERVISOR, sample_application


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_receipt_carries_the_application(ctx):
    res = applications.register(ctx, CLERK, sample_application())
    text = text_of(printing.receipt_pdf(ctx, CLERK, res.number))
    for needle in (res.number, "Иванова Мария Петровна", "Паспорт гражданина", "субсидии",
                   date.fromisoformat(res.due_date).strftime("%d.%m.%Y"), "Выписка из ЕГРН"):
        assert needle in " ".join(text.split()), needle


def test_decision_first_print_then_copies(ctx):
    number = applications.register(ctx, CLERK, sample_application(
        service="pension_certificate", subject=None,
        documents=[{"code": "passport", "original": True, "sheets": 1}])).number
    with pytest.raises(TransitionError):
        printing.decision_pdf(ctx, CLERK, number)
    draft = text_of(printing.decision_pdf(ctx, SUPERVISOR, number, draft=True, approve=False,
                                          reason="Не представлены сведения о стаже"))
    assert "ЧЕРНОВИК" in draft and "Не представлены сведения о стаже" in " ".join(draft.split())
    applications.decide(ctx, SUPERVISOR, number, approve=False, reason="Не представлены сведения о стаже",
                        legal_ground="п. 2.10 административного регламента")
    first = text_of(printing.decision_pdf(ctx, CLERK, number))
    second = text_of(printing.decision_pdf(ctx, CLERK, number))
    assert "КОПИЯ" not in first and "ЧЕРНОВИК" not in first
    assert "КОПИЯ" in second
    assert "п. 2.10" in " ".join(first.split())
    with ctx.db.read() as s:
        prints = [e.details for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "print"))]
    assert [p["copy"] for p in prints if p and "copy" in p] == [False, False, True]


def test_intake_register_of_a_day(ctx):
    numbers = [applications.register(ctx, CLERK, sample_application()).number for _ in range(3)]
    text = " ".join(text_of(printing.intake_register_pdf(ctx, CLERK, ctx.now().date())).split())
    assert all(n in text for n in numbers)
    empty = text_of(printing.intake_register_pdf(ctx, CLERK, date(2020, 1, 9)))
    assert not any(n in empty for n in numbers)
