"""Application events: appended with their outbox entry, and the projection recomputed from them."""

from __future__ import annotations

import uuid
from datetime import date
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_app.domain import search_keys
from clerk_app.domain.projection import open_request_count, replay
from clerk_app.services.clock import parse_rfc3339, rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.reports.store import refresh_case
from clerk_app.storage.models import Application, ApplicationEvent, OutboxItem


def event_json(ev: ApplicationEvent) -> dict:
    return {
        "event_id": ev.event_id, "application_id": ev.application_id,
        "application_number": ev.application_number, "type": ev.type,
        "occurred_at": ev.occurred_at, "workstation": ev.workstation,
        "operator": ev.operator, "data": ev.data,
    }


def ordered_events(session: Session, application_id: str) -> list[ApplicationEvent]:
    """Gateway order first, this workstation's unsent events after, in the order they were made."""
    return list(session.scalars(
        select(ApplicationEvent).where(ApplicationEvent.application_id == application_id)
        .order_by(ApplicationEvent.seq.is_(None), ApplicationEvent.seq, ApplicationEvent.local_seq)))


def _next_local_seq(session: Session) -> int:
    return (session.scalar(select(func.max(ApplicationEvent.local_seq))) or 0) + 1


def append_event(session: Session, ctx: AppContext, login: str, application_id: str, number: str,
                 etype: str, data: dict) -> ApplicationEvent:
    """Store a new local event and queue it for the shared register; the caller reprojects."""
    ev = ApplicationEvent(
        event_id=str(uuid.uuid4()), application_id=application_id, application_number=number,
        type=etype, occurred_at=rfc3339(ctx.now()), workstation=ctx.settings().workstation_id,
        operator=login, data=data, seq=None, local_seq=_next_local_seq(session), synced=False,
    )
    session.add(ev)
    session.add(OutboxItem(kind="event", ref_id=ev.event_id, body=event_json(ev), state="pending",
                           attempts=0, next_attempt_at=0.0, created_at=ev.occurred_at))
    session.flush()
    return ev


def store_remote_event(session: Session, ev: dict) -> bool:
    """Record an event pulled from the gateway; returns False when it was already known."""
    known = session.get(ApplicationEvent, ev["event_id"])
    if known is not None:
        if known.seq is None:
            known.seq = int(ev["seq"])
            known.synced = True
        return False
    session.add(ApplicationEvent(
        event_id=ev["event_id"], application_id=ev["application_id"],
        application_number=ev["application_number"], type=ev["type"], occurred_at=ev["occurred_at"],
        workstation=ev["workstation"], operator=ev["operator"], data=ev.get("data") or {},
        seq=int(ev["seq"]), local_seq=_next_local_seq(session), synced=True,
    ))
    session.flush()
    return True


def reproject(session: Session, ctx: AppContext, application_id: str) -> Application | None:
    """Recompute the projection row of one application from all its events."""
    events = [event_json(e) for e in ordered_events(session, application_id)]
    state = replay(events)
    refresh_case(ctx, session, application_id, events)
    if state is None:
        return None
    row = session.get(Application, application_id)
    applicant = state["applicant"]
    if row is None:
        row = Application(id=application_id)
        session.add(row)
    row.number = state["number"]
    row.service_code = state["service"]
    row.applicant_name = applicant["full_name"]
    row.applicant_name_key = search_keys.name_key(applicant["full_name"])
    row.applicant_initials_key = search_keys.initials_key(applicant["full_name"])
    row.number_key = search_keys.number_key(state["number"])
    row.status = state["status"]
    row.registered_at = state["registered_at"]
    row.registered_on = parse_rfc3339(state["registered_at"]).date()
    row.due_date = date.fromisoformat(state["due_date"])
    row.due_provisional = state["due_date_provisional"]
    row.workstation = state["workstation"]
    row.operator = state["operator"]
    row.open_requests = open_request_count(state)
    row.state = state
    row.updated_at = rfc3339(ctx.now())
    session.flush()
    return row


def reproject_many(session: Session, ctx: AppContext, application_ids: Iterable[str]) -> None:
    for app_id in dict.fromkeys(application_ids):
        reproject(session, ctx, app_id)
