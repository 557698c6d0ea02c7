"""Handing a case over to the agency that decides it (services with `decided_by: agency`).

Electronic services: one local transaction writes the `handed_over` event and an outbox item of kind
`case` whose body is the `POST /cases` message (with the scans of the documents); the sync pass sends it.
Register services: the case goes to the agency on paper, in the numbered handover register
(services.registers); printing the register is the handover event. `handover` on such a case only
checks it is ready (and records a supervisor's override when one is given).
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppAction, AppStatus, DecidedBy, EventType, HandoverWay, OutboxKind, OutboxState
from clerk_app.domain.errors import ValidationError
from clerk_app.services import audit
from clerk_app.services.acts import gate, needed_kinds
from clerk_app.services.application_rows import load
from clerk_app.services.catalogue import service_spec
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject, state_of
from clerk_app.services.roles import Actor, Perm
from clerk_app.services.scans import scan_rows
from clerk_app.storage.models import Application, OutboxItem, Response

READY = (AppStatus.REGISTERED.value, AppStatus.READY_FOR_HANDOVER.value, AppStatus.AWAITING_RESPONSES.value)


@dataclass(frozen=True, slots=True)
class HandoverResult:
    """`handover --json`: {"number", "status", "case_id"}; `way` says how the case travels."""

    number: str
    status: AppStatus
    case_id: str | None
    way: HandoverWay
    state: ApplicationState

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "status": self.status.value, "case_id": self.case_id}


def _applicant(st: ApplicationState) -> dict[str, Any]:
    a = st.applicant
    out: dict[str, Any] = {"full_name": a.full_name, "birth_date": a.birth_date, "snils": a.snils,
                           "address": a.address, "phone": a.phone}
    if a.passport is not None:
        out["passport"] = f"{a.passport.series} {a.passport.number}".strip()
    return {k: v for k, v in out.items() if v is not None}


def case_body(s: Session, ctx: AppContext, actor: Actor, st: ApplicationState, case_id: str) -> dict[str, Any]:
    """The `POST /cases` message; a `scan_required` document without a scan is refused, naming it."""
    spec = service_spec(s, st.service)
    scans: dict[str, list[dict[str, Any]]] = {}
    for row in scan_rows(s, st.id):
        scans.setdefault(row.document_code, []).append({
            "name": row.name, "media_type": row.media_type, "sha256": row.sha256,
            "content_base64": base64.b64encode(row.content).decode("ascii")})
    taken = {d.code for d in st.documents}
    for doc in spec.documents:
        if doc.scan_required and doc.code in taken and not scans.get(doc.code):
            raise ValidationError(f"Нельзя передать дело в электронном виде: нет скана документа «{doc.name}»",
                                  f"documents[{doc.code}].scans")
    answered = {r.message_id: r for r in st.requests if r.closed}
    answer_times = dict(s.execute(select(Response.message_id, Response.answered_at)
                                  .where(Response.message_id.in_(list(answered)))).all())
    return {
        "case_id": case_id, "application_number": st.number, "service": st.service, "agency": spec.agency_code,
        "applicant": _applicant(st), "representative": None,
        "documents": [{"code": d.code, "name": d.title, "original": d.original, "sheets": d.sheets,
                       "scans": scans.get(d.code, [])} for d in st.documents],
        "answers": [{"message_id": r.message_id, "kind": r.kind, "status": r.status.value,
                     "answered_at": answer_times.get(r.message_id) or r.answered_at}
                    for r in answered.values() if r.status.value != "cancelled"],
        "handed_over_at": rfc3339(ctx.now()), "operator": actor.login, "test": False,
    }


def handover(ctx: AppContext, actor: Actor, number: str, override_reason: str | None = None) -> HandoverResult:
    """Hand an agency-decided case over (see the module's note); refused while a needed request is open or
    unsent unless a supervisor gives `override_reason`."""
    actor.require(Perm.CHANGE)
    with ctx.db.write() as s:
        row = load(s, number)
        st = state_of(row)
        override = gate(s, st, AppAction.HANDOVER, actor, override_reason)
        if st.handover_way == HandoverWay.REGISTER:
            if override is not None:
                append_event(s, ctx, actor.login, row.id, number, EventType.ANNOTATED, {
                    "note": f"Руководитель разрешил передачу дела по реестру: {override['reason']}",
                    "override": override, "act": "handover"})
                st = reproject(s, ctx, row.id) or st
            audit.record(s, ctx, actor.login, "change", "application", number,
                         details={"act": "handover_ready", "override": bool(override)})
            return HandoverResult(number, st.status, None, HandoverWay.REGISTER, st)
        case_id = str(uuid.uuid4())
        body = case_body(s, ctx, actor, st, case_id)
        data: dict[str, Any] = {"case_id": case_id, "way": HandoverWay.ELECTRONIC.value, "register_number": None,
                                "agency": body["agency"]}
        if override is not None:
            data["override"] = override
        append_event(s, ctx, actor.login, row.id, number, EventType.HANDED_OVER, data)
        s.add(OutboxItem(kind=OutboxKind.CASE.value, ref_id=case_id, body=body, state=OutboxState.PENDING.value,
                         attempts=0, next_attempt_at=0.0, created_at=body["handed_over_at"]))
        state = reproject(s, ctx, row.id)
        assert state is not None
        audit.record(s, ctx, actor.login, "send", "case", number,
                     details={"case_id": case_id, "agency": body["agency"], "override": bool(override)})
        return HandoverResult(number, state.status, case_id, HandoverWay.ELECTRONIC, state)


def register_ready(s: Session, st: ApplicationState) -> bool:
    """A case the next handover register of its agency takes: nothing holds it up, or a supervisor allowed it."""
    if st.decided_by != DecidedBy.AGENCY or st.handover_way != HandoverWay.REGISTER:
        return False
    if st.status not in (AppStatus.REGISTERED, AppStatus.READY_FOR_HANDOVER, AppStatus.AWAITING_RESPONSES):
        return False
    if st.override_for("handover") is not None:
        return True
    return not st.open_requests and not st.missing_kinds(needed_kinds(s, st))


def candidates(s: Session, agency_code: str) -> list[ApplicationState]:
    rows = s.scalars(select(Application).where(Application.status.in_(READY))
                     .order_by(Application.registered_at, Application.number)).all()
    return [st for st in (state_of(r) for r in rows) if st.agency == agency_code and register_ready(s, st)]


def register_candidates(ctx: AppContext, actor: Actor, agency_code: str) -> list[ApplicationState]:
    """The cases the next handover register of `agency_code` would take."""
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        return candidates(s, agency_code)

