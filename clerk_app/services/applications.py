"""Use cases on an application: register, change documents, decide, issue, withdraw, refuse intake."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from clerk_app.domain.application import ApplicationState
from clerk_app.domain.application_form import ApplicationForm, DocumentTaken, parse_application, parse_documents
from clerk_app.domain.errors import ValidationError
from clerk_app.domain.numbering import format_number, sequence_prefix
from clerk_app.domain.enums import AppStatus, EventType, Outcome
from clerk_app.domain.states import AppAction
from clerk_app.domain.text_checks import check_text
from clerk_app.services import applicants, audit, issuing, requests
from clerk_app.services.acts import gate, reason_text
from clerk_app.services.application_rows import load
from clerk_app.services.catalogue import ServiceSpec, cached_service_spec, service_spec
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject, state_of
from clerk_app.services.scans import ScanFile, store_scans
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import NumberSequence



@dataclass(frozen=True)
class Registered:
    id: str
    number: str
    status: AppStatus
    due_date: str
    due_date_provisional: bool

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"number": self.number, "id": self.id, "status": self.status.value,
                               "due_date": self.due_date}
        if self.due_date_provisional:
            out["due_date_provisional"] = True
        return out


def _allocate_number(session: Session, workstation: str, year: int) -> str:
    prefix = sequence_prefix(workstation, year)
    row = session.get(NumberSequence, prefix)
    if row is None:
        row = NumberSequence(prefix=prefix, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return format_number(workstation, year, row.last)


def _documents_json(spec: ServiceSpec, docs: tuple[DocumentTaken, ...]) -> list[dict]:
    known = {d.code: d for d in spec.documents}
    out = []
    for i, d in enumerate(docs):
        if d.code not in known:
            raise ValidationError(f"Документ №{i + 1}: «{d.code}» не предусмотрен для услуги «{spec.name}»",
                                  f"documents[{i}].code")
        out.append({"code": d.code, "name": known[d.code].name, "original": d.original, "sheets": d.sheets})
    taken = {d.code for d in docs}
    for need in spec.documents:
        if need.required and need.code not in taken:
            raise ValidationError(f"Документы: не представлен обязательный документ «{need.name}»", "documents")
    return out


def _provided(spec: ServiceSpec, kinds: tuple[str, ...]) -> list[str]:
    listed = {k.code for k in spec.request_kinds}
    for code in kinds:
        if code not in listed:
            raise ValidationError(f"Сведения, представленные заявителем: услуга «{spec.name}» не предусматривает "
                                  f"запрос «{code}»", "provided_by_applicant")
    return list(kinds)


def register(ctx: AppContext, actor: Actor, data: Any, scans: Sequence[ScanFile] = ()) -> Registered:
    """Register an application in one local transaction: applicant, scans, event and outbox entry."""
    actor.require(Perm.REGISTER)
    now = ctx.now()
    form: ApplicationForm = parse_application(data, now)
    registered_at = form.registered_at or now
    with ctx.db.write() as s:
        settings = ctx.settings()
        if not settings.configured:
            raise ValidationError("Рабочее место не настроено: выполните clerk-app init", "workstation")
        spec = cached_service_spec(ctx, s, form.service)
        documents = _documents_json(spec, form.documents)
        due = ctx.calendar().due_with_legs(registered_at.date(), spec.due_days, spec.due_working,
                                           spec.handover_working_days, spec.return_working_days)
        app_id = str(uuid.uuid4())
        number = _allocate_number(s, settings.workstation_id, registered_at.year)
        applicant = applicants.upsert(s, ctx, form.applicant)
        payload = {
            "service": spec.code, "registered_at": rfc3339(registered_at),
            "due_date": due.date.isoformat(), "due_date_provisional": due.provisional,
            "applicant": form.applicant.to_json(), "documents": documents, "subject": form.subject,
            "decided_by": spec.decided_by, "agency": spec.agency_code,
        }
        if spec.agency_decides:
            payload["handover"] = spec.handover
        if spec.result_storage_days != 30:
            payload["result_storage_days"] = spec.result_storage_days
        if form.provided_by_applicant:
            payload["provided_by_applicant"] = _provided(spec, form.provided_by_applicant)
        append_event(s, ctx, actor.login, app_id, number, EventType.REGISTERED, payload)
        state = reproject(s, ctx, app_id)
        assert state is not None
        load(s, number).applicant_id = applicant.id
        store_scans(s, ctx, app_id, scans, [d["code"] for d in documents])
        details: dict[str, Any] = {"service": spec.code}
        if form.registered_at is not None:
            details["registered_at"] = rfc3339(form.registered_at)
            details["entered_later"] = True
        audit.record(s, ctx, actor.login, "create", "application", number, details=details)
        return Registered(app_id, number, state.status, due.date.isoformat(), due.provisional)


def _act(ctx: AppContext, actor: Actor, number: str, perm: Perm, action: AppAction, etype: EventType,
         data: dict, audit_action: str = "change", override_reason: str | None = None) -> ApplicationState:
    actor.require(perm)
    with ctx.db.write() as s:
        row = load(s, number)
        override = gate(s, state_of(row), action, actor, override_reason)
        if override is not None:
            data = {**data, "override": override}
        if action in (AppAction.WITHDRAW, AppAction.REFUSE_INTAKE):
            data = {**data, "cancelled_requests": requests.cancel_open(s, ctx, actor, row)}
        append_event(s, ctx, actor.login, row.id, number, etype, data)
        state = reproject(s, ctx, row.id)
        assert state is not None
        details: dict[str, Any] = {"event": etype.value}
        if override is not None:
            details["override"] = override["reason"]
        audit.record(s, ctx, actor.login, audit_action, "application", number, details=details)
        return state


def _reason(reason: str | None, field: str = "reason") -> str:
    return reason_text(reason, field)


def change_documents(ctx: AppContext, actor: Actor, number: str, documents: Any) -> ApplicationState:
    docs = parse_documents(documents)
    with ctx.db.read() as s:
        spec = service_spec(s, load(s, number).service_code)
    return _act(ctx, actor, number, Perm.CHANGE, AppAction.CHANGE_DOCUMENTS, EventType.DOCUMENTS_CHANGED,
                {"documents": _documents_json(spec, docs)})


def legal_ground_of(spec: ServiceSpec, ground: str | None, required: bool, strict: bool = True) -> str | None:
    """A refusal's legal ground: a code of the catalogue's `refusal_grounds` when it has them (`strict`), else
    free text; without `strict` a code is replaced by its text (as the decision notice prints it)."""
    codes = ", ".join(g.code for g in spec.refusal_grounds)
    if not ground or not ground.strip():
        if required and spec.refusal_grounds:
            raise ValidationError(f"Правовое основание отказа: не указано (одно из: {codes})", "ground")
        return None
    ground = " ".join(check_text(ground, "Правовое основание", "ground").split())
    known = spec.ground_text(ground)
    if not strict:
        return known or ground
    if spec.refusal_grounds and known is None:
        raise ValidationError(f"Правовое основание отказа: «{ground[:60]}» нет среди оснований услуги ({codes})",
                              "ground")
    return ground


def decide(ctx: AppContext, actor: Actor, number: str, approve: bool, reason: str | None = None,
           legal_ground: str | None = None, override_reason: str | None = None) -> ApplicationState:
    """The centre's own decision (services with `decided_by: centre`); a refusal names its legal ground when
    the catalogue lists grounds. `override_reason`: a supervisor decides while requests are open or unsent."""
    data: dict[str, Any] = {"outcome": (Outcome.APPROVED if approve else Outcome.REFUSED).value}
    if not approve:
        data["reason"] = _reason(reason)
        with ctx.db.read() as s:
            spec = service_spec(s, load(s, number).service_code)
        ground = legal_ground_of(spec, legal_ground, required=False, strict=False)  # optional in `decide`
        if ground:
            data["legal_ground"] = ground
    elif reason:
        data["reason"] = _reason(reason)
    return _act(ctx, actor, number, Perm.DECIDE, AppAction.DECIDE, EventType.DECIDED, data,
                override_reason=override_reason)


def issue(ctx: AppContext, actor: Actor, number: str) -> ApplicationState:
    """To the applicant in person (see services.issuing for a representative)."""
    return issuing.issue(ctx, actor, number)


def withdraw(ctx: AppContext, actor: Actor, number: str, reason: str) -> ApplicationState:
    return _act(ctx, actor, number, Perm.WITHDRAW, AppAction.WITHDRAW, EventType.WITHDRAWN, {"reason": _reason(reason)})


def refuse_intake(ctx: AppContext, actor: Actor, number: str, reason: str,
                  legal_ground: str | None = None) -> ApplicationState:
    """Отказ в приёме документов; `legal_ground` a code of the catalogue's `refusal_grounds` (or text when it
    has none), printed on the refusal notice (services.agency_documents.intake_refusal_pdf)."""
    data: dict[str, Any] = {"reason": _reason(reason)}
    if legal_ground is not None:
        with ctx.db.read() as s:
            spec = service_spec(s, load(s, number).service_code)
        data["legal_ground"] = legal_ground_of(spec, legal_ground, required=True)
    return _act(ctx, actor, number, Perm.REGISTER, AppAction.REFUSE_INTAKE, EventType.INTAKE_REFUSED, data)


def annotate(ctx: AppContext, actor: Actor, number: str, note: str) -> ApplicationState:
    actor.require(Perm.CHANGE)
    with ctx.db.write() as s:
        row = load(s, number)
        append_event(s, ctx, actor.login, row.id, number, EventType.ANNOTATED, {"note": _reason(note, "note")})
        state = reproject(s, ctx, row.id)
        assert state is not None
        audit.record(s, ctx, actor.login, "change", "application", number, details={"event": "annotated"})
        return state
