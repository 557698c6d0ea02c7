"""Interagency requests: built from the service's request kinds, queued in the outbox with the event."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.identifiers import passport_string
from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import REQ_RETRYABLE, EventType, OutboxKind, OutboxState
from clerk_app.domain.labels import subject_label
from clerk_app.domain.states import REQ_CLOSED, AppAction, ReqStatus, check_action
from clerk_app.services import audit
from clerk_app.services.application_rows import load
from clerk_app.services.catalogue import KindSpec, cached_kind_spec, cached_service_spec
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject, state_of
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Application, InteragencyRequest, OutboxItem

def build_subject(state: ApplicationState, kind: KindSpec) -> dict[str, str]:
    """The subject a message of `kind` must carry; a missing field is refused before anything is queued."""
    a, passport = state.applicant, state.applicant.passport
    own = {
        "full_name": a.full_name, "birth_date": a.birth_date, "snils": a.snils,
        "inn": a.inn, "address": a.address, "phone": a.phone,
        "passport": passport_string(passport.series, passport.number) if passport else None,
        "division_code": passport.division_code if passport else None,
    }
    subject = {}
    for name in kind.subject_fields:
        value = own[name] if name in own else state.subject_value(name)
        if not value:
            label = subject_label(name)
            raise ValidationError(
                f"Запрос «{kind.name}»: не заполнено поле «{label}» заявления",
                f"applicant.{name}" if name in own else f"subject.{name}")
        subject[name] = value
    return subject


@dataclass(frozen=True)
class QueuedRequest:
    message_id: str
    kind: str
    status: ReqStatus

    def to_json(self) -> dict:
        return {"message_id": self.message_id, "kind": self.kind, "status": self.status.value}


def queue_one(s: Session, ctx: AppContext, actor: Actor, row: Application, kind: KindSpec,
               subject: dict, replaces: str | None = None) -> QueuedRequest:
    now = ctx.now()
    message_id = str(uuid.uuid4())
    body = {
        "message_id": message_id, "kind": kind.code, "recipient": kind.agency_code,
        "application_number": row.number, "subject": subject, "created_at": rfc3339(now),
        "operator": actor.login, "test": False,
    }
    due = ctx.calendar().due_working_days(now.date(), kind.answer_due_working_days).date
    s.add(InteragencyRequest(
        message_id=message_id, application_id=row.id, kind_code=kind.code, recipient=kind.agency_code,
        status=ReqStatus.QUEUED.value, body=body, created_at=body["created_at"], due_date=due,
        operator=actor.login, replaces=replaces))
    s.add(OutboxItem(kind=OutboxKind.MESSAGE.value, ref_id=message_id, body=body, state=OutboxState.PENDING.value,
                     attempts=0,
                     next_attempt_at=0.0, created_at=body["created_at"]))
    append_event(s, ctx, actor.login, row.id, row.number, EventType.REQUEST_SENT,
                 {"message_id": message_id, "kind": kind.code, "recipient": kind.agency_code,
                  "due_date": due.isoformat(), "replaces": replaces})
    audit.record(s, ctx, actor.login, "send", "request", message_id,
                 details={"application": row.number, "kind": kind.code})
    return QueuedRequest(message_id, kind.code, ReqStatus.QUEUED)


def create_requests(ctx: AppContext, actor: Actor, number: str, kinds: list[str] | None = None) -> list[QueuedRequest]:
    """Create and queue the requests of an application (default: every kind its service lists)."""
    actor.require(Perm.REQUEST)
    with ctx.db.write() as s:
        row = load(s, number)
        check_action(row.status, AppAction.SEND_REQUESTS, row.open_requests)
        spec = cached_service_spec(ctx, s, row.service_code)
        if not kinds and not spec.request_kinds:
            raise ValidationError(f"Для услуги «{spec.name}» межведомственные запросы не предусмотрены", "kind")
        state = state_of(row)
        codes = _not_yet_requested(state, list(dict.fromkeys(kinds)) if kinds else
                                   [k.code for k in spec.request_kinds], explicit=bool(kinds))
        specs = [cached_kind_spec(ctx, s, c) for c in codes]
        subjects = [build_subject(state, k) for k in specs]  # all checked before any is queued
        queued = [queue_one(s, ctx, actor, row, k, subj) for k, subj in zip(specs, subjects, strict=True)]
        reproject(s, ctx, row.id)
        return queued


def _not_yet_requested(state: ApplicationState, codes: list[str], explicit: bool) -> list[str]:
    """Kinds that have no open or answered request: pressing «send» twice never sends twice.
    A kind whose request was refused, failed or cancelled may be asked for again by name."""
    taken = {r.kind: r.status for r in state.requests if r.status not in REQ_RETRYABLE}
    if explicit:
        for code in codes:
            if code in taken:
                what = "ожидает ответа" if taken[code] not in REQ_CLOSED else "уже получен ответ"
                raise ValidationError(f"Запрос вида «{code}» уже направлен: {what}", "kind")
        return codes
    rest = [c for c in codes if c not in taken]
    if not rest:
        raise ValidationError("Все межведомственные запросы по заявлению уже направлены", "kind")
    return rest


def cancel_open(s: Session, ctx: AppContext, actor: Actor, row: Application) -> list[str]:
    """Cancel the application's open requests: unsent ones never leave, sent ones get a cancel message."""
    cancelled = []
    reqs = s.scalars(select(InteragencyRequest).where(InteragencyRequest.application_id == row.id)).all()
    for req in reqs:
        if ReqStatus(req.status) in REQ_CLOSED:
            continue
        item = s.scalar(select(OutboxItem).where(OutboxItem.kind == OutboxKind.MESSAGE, OutboxItem.ref_id == req.message_id))
        if item is not None and item.state in (OutboxState.PENDING, OutboxState.NEEDS_ATTENTION):
            item.state = OutboxState.CANCELLED.value
            item.done_at = rfc3339(ctx.now())
        else:
            s.add(OutboxItem(kind=OutboxKind.CANCEL.value, ref_id=req.message_id,
                             body={"message_id": req.message_id}, state=OutboxState.PENDING.value,
                             attempts=0, next_attempt_at=0.0, created_at=rfc3339(ctx.now())))
        req.status = ReqStatus.CANCELLED.value
        cancelled.append(req.message_id)
        audit.record(s, ctx, actor.login, "change", "request", req.message_id, details={"status": ReqStatus.CANCELLED.value})
    return cancelled
