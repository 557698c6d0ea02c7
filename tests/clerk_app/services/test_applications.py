"""Registering and acting on applications through the service layer."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from clerk_app.domain.errors import TransitionError, ValidationError
from clerk_app.services import applicants, applications, audit, queries, requests
from clerk_app.storage.models import Applicant, Application, AuditEntry, OutboxItem
from tests.factories import CLERK, SUPERVISOR, sample_application


def _counts(ctx):
    with ctx.db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Application, Applicant, OutboxItem))


def test_register_writes_application_event_and_outbox_in_one_go(ctx):
    res = applications.register(ctx, CLERK, sample_application())
    assert res.status == "registered" and res.number.startswith("34-001-07-")
    assert _counts(ctx) == (1, 1, 1)
    shown = queries.show(ctx, CLERK, res.number).to_json()
    assert shown["events"][0]["type"] == "registered" and shown["events"][0]["synced"] is False
    second = applications.register(ctx, CLERK, sample_application())
    assert int(second.number[-6:]) == int(res.number[-6:]) + 1
    assert _counts(ctx) == (2, 1, 2)  # the known applicant (same СНИЛС) is reused


@pytest.mark.parametrize(("change", "field"), [
    ({"applicant": {**sample_application()["applicant"], "snils": "112-233-445 96"}}, "applicant.snils"),
    ({"applicant": {**sample_application()["applicant"], "inn": "344404512334"}}, "applicant.inn"),
    ({"applicant": {**sample_application()["applicant"], "birth_date": "2999-01-01"}}, "applicant.birth_date"),
    ({"applicant": {**sample_application()["applicant"], "phone": "12345"}}, "applicant.phone"),
    ({"documents": []}, "documents"),
    ({"documents": [{"code": "passport", "original": True, "sheets": 0}]}, "documents[0].sheets"),
    ({"documents": [{"code": "nope", "original": True, "sheets": 1}]}, "documents[0].code"),
    ({"subject": {"cadastral_number": "34:34"}}, "subject.cadastral_number"),
    ({"service": "unknown"}, "service"),
])
def test_bad_input_names_the_field_and_stores_nothing(ctx, change, field):
    before = _counts(ctx)
    with pytest.raises(ValidationError) as err:
        applications.register(ctx, CLERK, sample_application(**change))
    assert err.value.field == field and err.value.message
    assert _counts(ctx) == before


def test_known_applicant_lookup_by_snils_or_passport(ctx):
    applications.register(ctx, CLERK, sample_application())
    by_snils = applicants.lookup(ctx, CLERK, snils="112-233-445 95")
    by_passport = applicants.lookup(ctx, CLERK, passport_series="18 06", passport_number="123456")
    assert by_snils == by_passport and by_snils is not None and by_snils.last_name == "Иванова"
    assert applicants.lookup(ctx, CLERK, snils="000-000-001 01") is None


def test_requests_then_withdraw_cancels_them(ctx):
    number = applications.register(ctx, CLERK, sample_application()).number
    queued = requests.create_requests(ctx, CLERK, number)
    assert {q.kind for q in queued} >= {"egrn_extract", "fns_income"}
    assert queries.show(ctx, CLERK, number).to_json()["status"] == "awaiting_responses"
    with pytest.raises(TransitionError):
        applications.decide(ctx, SUPERVISOR, number, approve=True)
    applications.withdraw(ctx, CLERK, number, "Заявитель передумал")
    app = queries.show(ctx, CLERK, number).to_json()
    assert app["status"] == "withdrawn"
    assert {r["status"] for r in app["requests"]} == {"cancelled"}
    with ctx.db.read() as s:
        states = set(s.scalars(select(OutboxItem.state).where(OutboxItem.kind == "message")))
    assert states == {"cancelled"}  # never sent


def test_missing_subject_field_is_refused_before_anything_is_queued(ctx):
    number = applications.register(ctx, CLERK, sample_application(subject=None)).number
    before = _counts(ctx)
    with pytest.raises(ValidationError) as err:
        requests.create_requests(ctx, CLERK, number)
    assert err.value.field == "subject.cadastral_number"
    assert _counts(ctx) == before


def test_refuse_intake_and_reason_required(ctx):
    number = applications.register(ctx, CLERK, sample_application()).number
    with pytest.raises(ValidationError, match="Причина"):
        applications.refuse_intake(ctx, CLERK, number, "  ")
    applications.refuse_intake(ctx, CLERK, number, "Неполный комплект документов")
    assert queries.show(ctx, CLERK, number).to_json()["status"] == "intake_refused"


def test_audit_entries_never_carry_snils_or_passport(ctx):
    number = applications.register(ctx, CLERK, sample_application()).number
    queries.show(ctx, CLERK, number).to_json()
    requests.create_requests(ctx, CLERK, number)
    applicants.lookup(ctx, CLERK, snils="112-233-445 95")
    with ctx.db.read() as s:
        rows = s.scalars(select(AuditEntry)).all()
        actions = {(r.action, r.object_type) for r in rows}
        dump = json.dumps([[r.object_id, r.details] for r in rows], ensure_ascii=False)
        assert all(r.operator and r.workstation == "34-001-07" and r.at for r in rows)
    assert {("create", "application"), ("view", "application"), ("send", "request"),
            ("view", "applicant")} <= actions
    for secret in ("112-233-445 95", "11223344595", "123456", "18 06"):
        assert secret not in dump


def test_paper_application_entered_later_is_audited(ctx):
    res = applications.register(ctx, CLERK, sample_application(registered_at="2026-11-02T09:10:00+03:00"))
    assert res.number.startswith("34-001-07-2026-")
    with ctx.db.read() as s:
        details = s.scalar(select(AuditEntry).where(AuditEntry.action == "create", AuditEntry.object_type == "application")).details
    assert details["entered_later"] is True
    # 10 working days after Monday 2 November 2026 (4 November is off): 17 November, plus the handover and
    # return legs of one working day each
    assert res.due_date == "2026-11-19"


def test_requests_are_never_queued_twice(ctx):
    number = applications.register(ctx, CLERK, sample_application()).number
    first = requests.create_requests(ctx, CLERK, number)
    with pytest.raises(ValidationError, match="уже направлены"):
        requests.create_requests(ctx, CLERK, number)
    with pytest.raises(ValidationError, match="ожидает ответа"):
        requests.create_requests(ctx, CLERK, number, [first[0].kind])
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.kind == "message")) == len(first)
