"""Printed documents from the store: rows mapped into the renderers' data, every print audited."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.documents import (
    AnswerInfo,
    ApplicantInfo,
    CentreInfo,
    DecisionData,
    IntakeRegisterData,
    IntakeRegisterRow,
    PlannedRequest,
    ReceiptData,
    ReceivedDocument,
    render_decision,
    render_intake_register,
    render_receipt,
)
from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppStatus, EventType, ReqStatus
from clerk_app.domain.errors import TransitionError
from clerk_app.domain.identifiers import format_phone
from clerk_app.domain.labels import ANSWER_STATUS_RU
from clerk_app.services import audit
from clerk_app.services.application_rows import load
from clerk_app.services.clock import parse_rfc3339, rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import ordered_events, state_of
from clerk_app.services.roles import Actor, Perm
from clerk_app.services.settings import load_settings
from clerk_app.storage.models import (
    Application,
    DocumentPrint,
    Operator,
    RequestKind,
    Response,
    Service,
)

_RENDER_LOCK = threading.Lock()  # reportlab keeps global state: one document at a time
Deliver = Callable[[bytes], None]


def _render(deliver: Deliver | None, render: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    """Render inside the print's transaction; `deliver` failing (a full disk) rolls the count and audit back."""
    with _RENDER_LOCK:
        pdf = render(*args, **kwargs)
    if deliver is not None:
        deliver(pdf)
    return pdf



def _centre(s: Session) -> CentreInfo:
    st = load_settings(s)
    return CentreInfo(name=st.centre_name, address=st.centre_address, phone=st.centre_phone)


def _operator_name(s: Session, login: str) -> str:
    op = s.scalar(select(Operator).where(Operator.login == login))
    return op.full_name if op else login


def _service(s: Session, code: str) -> tuple[str, str]:
    svc = s.get(Service, code)
    if svc is None:
        return code, ""
    return svc.name, svc.agency.name


def _kind(s: Session, code: str) -> tuple[str, str]:
    k = s.get(RequestKind, code)
    return (k.name, k.agency.name) if k else (code, "")


def _applicant(state: ApplicationState) -> ApplicantInfo:
    a = state.applicant
    return ApplicantInfo(a.full_name, format_phone(a.phone) if a.phone else "", a.address or "")


def _local(value: str) -> datetime:
    return parse_rfc3339(value)


def _count_print(s: Session, ctx: AppContext, app_id: str, document: str, version: str) -> int:
    row = s.get(DocumentPrint, (app_id, document, version))
    if row is None:
        row = DocumentPrint(application_id=app_id, document=document, version_key=version, count=0,
                            first_printed_at=rfc3339(ctx.now()))
        s.add(row)
    row.count += 1
    return row.count


def _printed(s: Session, app_id: str, document: str, version: str) -> int:
    row = s.get(DocumentPrint, (app_id, document, version))
    return row.count if row is not None else 0


def receipt_pdf(ctx: AppContext, actor: Actor, number: str, deliver: Deliver | None = None,
                count: bool = True) -> bytes:
    """The receipt; with `deliver` (e.g. writing the file) the print counts only once it succeeded.
    `count=False` renders a preview: the print is counted by `record_delivery` once printed or saved."""
    actor.require(Perm.PRINT)
    with ctx.db.write() if count else ctx.db.read() as s:
        row = load(s, number)
        st = state_of(row)
        service_name, agency_name = _service(s, st.service)
        data = ReceiptData(
            centre=_centre(s), number=row.number, registered_at=_local(st.registered_at),
            applicant=_applicant(st), service_name=service_name, service_agency=agency_name,
            documents=tuple(ReceivedDocument(d.title, d.original, d.sheets) for d in st.documents),
            due_date=date.fromisoformat(st.due_date),
            collect_at=f"{load_settings(s).centre_name}, {load_settings(s).centre_address}".strip(", "),
            operator_name=_operator_name(s, st.operator),
            requests=tuple(_planned_requests(s, st)),
        )
        copies = min(2, max(1, load_settings(s).receipt_copies))
        if count:
            _count_print(s, ctx, row.id, "receipt", "")
            audit.record(s, ctx, actor.login, "print", "receipt", number)
        from clerk_app.services.agency_documents import issue_note_of  # it prints with this module's helpers

        issue = issue_note_of(s, st)  # who collected the result, on the centre's copy
        return _render(deliver, render_receipt, data, copies=2 if issue else copies, issue=issue)


def _planned_requests(s: Session, st: ApplicationState) -> list[PlannedRequest]:
    if st.requests:
        kinds = [r.kind for r in st.requests if r.status != ReqStatus.CANCELLED]
    else:
        svc = s.get(Service, st.service)
        kinds = list(svc.request_kind_codes) if svc else []
    return [PlannedRequest(*_kind(s, k)) for k in dict.fromkeys(kinds)]


def _decision_event_id(s: Session, app: Application) -> str:
    decided = [e for e in ordered_events(s, app.id) if e.type == EventType.DECIDED]
    return decided[-1].event_id if decided else ""


def _answers(s: Session, st: ApplicationState) -> list[AnswerInfo]:
    out = []
    for r in st.requests:
        if r.status == ReqStatus.CANCELLED:
            continue
        name, agency = _kind(s, r.kind)
        resp = s.scalar(select(Response).where(Response.message_id == r.message_id))
        answered = parse_rfc3339(resp.answered_at).date() if resp else (
            parse_rfc3339(r.answered_at).date() if r.answered_at else None)
        out.append(AnswerInfo(agency, name, answered, ANSWER_STATUS_RU[r.status]))
    return out


def _override_note(s: Session, st: ApplicationState) -> str:
    o = st.override_for("decide")
    if o is None:
        return ""
    return (f"Решение принято при незавершённых межведомственных запросах с разрешения руководителя "
            f"{_operator_name(s, o.operator)}: {o.reason}")


def decision_pdf(ctx: AppContext, actor: Actor, number: str, draft: bool = False,
                 approve: bool | None = None, reason: str = "", legal_ground: str = "",
                 deliver: Deliver | None = None, count: bool = True) -> bytes:
    """The decision notice. `draft` previews a decision not yet saved (from `approve`/`reason`),
    watermarked «ЧЕРНОВИК» and not counted; a saved decision printed again says «КОПИЯ».
    `count=False` renders a preview (a copy if it was delivered before), counted by `record_delivery`."""
    actor.require(Perm.PRINT)
    with ctx.db.write() if count or draft else ctx.db.read() as s:
        row = load(s, number)
        st = state_of(row)
        decision = st.decision
        if draft:
            decided_on = ctx.now().date()
            approved = bool(approve) if approve is not None else bool(decision and decision.approved)
            operator = actor.login
        else:
            if decision is None:
                raise TransitionError("Решение по заявлению ещё не принято: печатать нечего")
            approved, decided_on = decision.approved, parse_rfc3339(decision.decided_at).date()
            reason, legal_ground, operator = decision.reason or "", decision.legal_ground or "", decision.operator
        service_name, agency_name = _service(s, st.service)
        data = DecisionData(
            centre=_centre(s), number=row.number, registered_at=_local(st.registered_at),
            applicant=_applicant(st), service_name=service_name, service_agency=agency_name,
            approved=approved, decided_on=decided_on, operator_name=_operator_name(s, operator),
            answers=tuple(_answers(s, st)), refusal_reason=reason if not approved else "",
            refusal_ground=legal_ground if not approved else "",
            result_note="" if not approved else "Результат предоставления услуги выдаётся в МФЦ по месту подачи заявления.",
            override_note=_override_note(s, st) if not draft else "",
        )
        if not approved and not data.refusal_reason:
            raise TransitionError("Для уведомления об отказе нужна причина отказа")
        copy = False
        if not draft and count:
            copy = _count_print(s, ctx, row.id, "decision", _decision_event_id(s, row)) > 1
        elif not draft:
            copy = _printed(s, row.id, "decision", _decision_event_id(s, row)) > 0
        if count or draft:
            audit.record(s, ctx, actor.login, "print", "decision", number,
                         details={"draft": draft, "copy": copy})
        return _render(deliver, render_decision, data, copy=copy, draft=draft)


def record_delivery(ctx: AppContext, actor: Actor, number: str, document: str, how: str) -> int:
    """A previewed receipt or decision was printed or saved (`how`): counted and audited now; returns
    how many times this version of the document has been delivered."""
    actor.require(Perm.PRINT)
    if document not in ("receipt", "decision") or how not in ("print", "save"):
        raise ValueError(f"unknown delivery {document}/{how}")
    with ctx.db.write() as s:
        row = load(s, number)
        version = _decision_event_id(s, row) if document == "decision" else ""
        count = _count_print(s, ctx, row.id, document, version)
        audit.record(s, ctx, actor.login, "print", document, number,
                     details={"delivered": how, "copy": count > 1})
        return count


def intake_register_pdf(ctx: AppContext, actor: Actor, day: date, deliver: Deliver | None = None) -> bytes:
    actor.require(Perm.PRINT)
    with ctx.db.write() as s:
        apps = s.scalars(select(Application).where(Application.registered_on == day)
                         .order_by(Application.registered_at, Application.number)).all()
        names: dict[str, str] = {}
        rows = []
        for app in apps:
            st = state_of(app)
            if app.operator not in names:
                names[app.operator] = _operator_name(s, app.operator)
            rows.append(IntakeRegisterRow(
                number=app.number, registered_at=_local(app.registered_at), applicant_name=app.applicant_name,
                service_name=_service(s, app.service_code)[0], documents_count=len(st.documents),
                due_date=app.due_date, operator_name=names[app.operator]))
        data = IntakeRegisterData(centre=_centre(s), day=day, rows=tuple(rows), compiled_at=ctx.now(),
                                  compiled_by=_operator_name(s, actor.login))
        audit.record(s, ctx, actor.login, "print", "intake_register", day.isoformat(), details={"rows": len(rows)})
        return _render(deliver, render_intake_register, data)
