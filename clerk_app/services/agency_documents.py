"""Printed papers of the agency leg from the store: the intake refusal notice, and the note of an issued
result on the centre's copy of the receipt (the registers are in services.registers)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from clerk_app.documents.agency_data import IntakeRefusalData, IssueNote
from clerk_app.documents.intake_refusal import render_intake_refusal
from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppStatus, EventType
from clerk_app.domain.errors import TransitionError, ValidationError
from clerk_app.domain.labels import outcome_label
from clerk_app.services import audit
from clerk_app.services.application_rows import load
from clerk_app.services.catalogue import service_spec
from clerk_app.services.clock import parse_rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import ordered_events, state_of
from clerk_app.services.printing import Deliver, _applicant, _centre, _operator_name, _render, _service
from clerk_app.services.roles import Actor, Perm


def _result_text(st: ApplicationState) -> str:
    if st.result is not None:
        r = st.result
        what = "о предоставлении услуги" if r.approved else "об отказе в предоставлении услуги"
        day = date.fromisoformat(r.document_date).strftime("%d.%m.%Y") if r.document_date else "б/д"
        return f"Решение № {r.document_number or 'б/н'} от {day} {what}"
    if st.decision is not None:
        return f"Уведомление по заявлению № {st.number}: {outcome_label(st.decision.outcome.value)}"
    return ""


def issue_note_of(s: Session, st: ApplicationState) -> IssueNote | None:
    """Who collected the result, for the centre's copy of the receipt; None while it is not issued."""
    if st.issued is None:
        return None
    rep = st.issued.representative
    doc, poa = "", ""
    if rep is not None and rep.document is not None:
        kind = "паспорт" if rep.document.kind == "passport" else rep.document.kind
        doc = f"{kind} {rep.document.series or ''} {rep.document.number}".replace("  ", " ").strip()
    if rep is not None and rep.power_of_attorney is not None:
        p = rep.power_of_attorney
        poa = f"№ {p.number} от {p.date}, выдана: {p.issued_by or '—'}, действует до {p.valid_until or '—'}"
    return IssueNote(issued_at=parse_rfc3339(st.issued.issued_at), operator_name=_operator_name(s, st.issued.operator),
                     collector_name=rep.full_name if rep else st.applicant.full_name, result=_result_text(st),
                     representative_document=doc, power_of_attorney=poa)


def intake_refusal_pdf(ctx: AppContext, actor: Actor, number: str, deliver: Deliver | None = None) -> bytes:
    """Уведомление об отказе в приёме документов: names the legal ground (the catalogue's text) and the reason."""
    actor.require(Perm.PRINT)
    with ctx.db.write() as s:
        row = load(s, number)
        st = state_of(row)
        if st.status != AppStatus.INTAKE_REFUSED:
            raise TransitionError("В приёме документов по заявлению не отказано: печатать нечего")
        refused = [e for e in ordered_events(s, row.id) if e.type == EventType.INTAKE_REFUSED.value][-1]
        code = refused.data.get("legal_ground")
        try:
            ground = service_spec(s, st.service).ground_text(code) or code
        except ValidationError:  # the service left the catalogue: the code as recorded
            ground = code
        if not ground:
            raise TransitionError("Отказ в приёме записан без правового основания: уведомление не печатается")
        service_name, agency_name = _service(s, st.service)
        data = IntakeRefusalData(
            centre=_centre(s), number=st.number, registered_at=parse_rfc3339(st.registered_at),
            applicant=_applicant(st), service_name=service_name, service_agency=agency_name,
            refused_at=parse_rfc3339(refused.occurred_at), ground=str(ground), reason=st.closed_reason or "",
            operator_name=_operator_name(s, refused.operator), documents=tuple(d.title for d in st.documents))
        audit.record(s, ctx, actor.login, "print", "intake_refusal", number)
        return _render(deliver, render_intake_refusal, data)
