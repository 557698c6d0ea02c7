"""Application events: appended with their outbox entry, and the projection recomputed from them."""

from __future__ import annotations

import json
import uuid
from datetime import date
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from clerk_app.domain import search_keys
from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import EventType, OutboxKind, OutboxState
from clerk_app.domain.errors import ValidationError
from clerk_app.domain.projection import replay
from clerk_app.services.clock import parse_rfc3339, rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.reports.store import refresh_case, refresh_cases
from clerk_app.storage.models import EVENT_ORDER, Application, ApplicationEvent, Operator, OutboxItem, table_of

SYSTEM_LOGIN = "system"
# The protocol's 10 MiB body, less room for the batch envelope: an event over it could never be sent.
MAX_EVENT_BYTES = 10 * 1024 * 1024 - 64 * 1024
APPS = table_of(Application)
EVENTS = table_of(ApplicationEvent)
OUTBOX = table_of(OutboxItem)


def event_json(ev: ApplicationEvent | Row[Any]) -> dict:
    out = {
        "event_id": ev.event_id, "application_id": ev.application_id,
        "application_number": ev.application_number, "type": ev.type,
        "occurred_at": ev.occurred_at, "workstation": ev.workstation,
        "operator": ev.operator, "data": ev.data,
    }
    if ev.operator_role is not None:
        out["operator_role"] = ev.operator_role
    return out


def operator_role(session: Session, login: str) -> str | None:
    """The role other workstations check the act against (see sync.incoming); None for the system."""
    if login == SYSTEM_LOGIN:
        return None
    return session.scalar(select(Operator.role).where(Operator.login == login))


def ordered_events(session: Session, application_id: str) -> list[ApplicationEvent]:
    """Gateway order first, this workstation's unsent events after, in the order they were made."""
    return list(session.scalars(
        select(ApplicationEvent).where(ApplicationEvent.application_id == application_id)
        .order_by(*EVENT_ORDER)))


def _next_local_seq(session: Session) -> int:
    return (session.scalar(select(func.max(ApplicationEvent.local_seq))) or 0) + 1


def append_event(session: Session, ctx: AppContext, login: str, application_id: str, number: str,
                 etype: EventType, data: dict) -> ApplicationEvent:
    """Store a new local event and queue it for the shared register; the caller reprojects."""
    ev = ApplicationEvent(
        event_id=str(uuid.uuid4()), application_id=application_id, application_number=number,
        type=EventType(etype).value, occurred_at=rfc3339(ctx.now()), workstation=ctx.settings().workstation_id,
        operator=login, operator_role=operator_role(session, login), data=data, seq=None,
        local_seq=_next_local_seq(session), synced=False,
    )
    body = event_json(ev)
    if len(json.dumps(body, ensure_ascii=False).encode("utf-8")) > MAX_EVENT_BYTES:
        raise ValidationError(f"Заявление слишком велико: больше {MAX_EVENT_BYTES // (1024 * 1024)} МиБ "
                              "в одном событии; сократите сведения", "application")
    session.add(ev)
    session.add(OutboxItem(kind=OutboxKind.EVENT.value, ref_id=ev.event_id, body=body, state=OutboxState.PENDING.value,
                           attempts=0, next_attempt_at=0.0, created_at=ev.occurred_at))
    session.flush()
    return ev


def append_system_events(session: Session, ctx: AppContext, items: list[tuple[str, str, str, dict]]) -> None:
    """Many events of the system (application id, number, type, data) in two bulk inserts; no flush per event."""
    if not items:
        return
    now, ws = rfc3339(ctx.now()), ctx.settings().workstation_id
    seq = _next_local_seq(session)
    rows, outbox = [], []
    for i, (app_id, number, etype, data) in enumerate(items):
        row = {"event_id": str(uuid.uuid4()), "application_id": app_id, "application_number": number,
               "type": etype, "occurred_at": now, "workstation": ws, "operator": SYSTEM_LOGIN,
               "operator_role": None, "data": data, "seq": None, "local_seq": seq + i, "synced": False}
        rows.append(row)
        body = {k: row[k] for k in ("event_id", "application_id", "application_number", "type", "occurred_at",
                                    "workstation", "operator", "data")}
        outbox.append({"kind": OutboxKind.EVENT.value, "ref_id": row["event_id"], "body": body,
                       "state": OutboxState.PENDING.value, "attempts": 0, "next_attempt_at": 0.0, "created_at": now})
    session.execute(insert(EVENTS), rows)
    session.execute(insert(OUTBOX), outbox)


def store_remote_events(session: Session, events: list[dict]) -> int:
    """Record checked events pulled from the gateway in bulk; returns how many were new."""
    if not events:
        return 0
    ids = {ev["event_id"] for ev in events}
    known = dict(session.execute(select(ApplicationEvent.event_id, ApplicationEvent.seq)
                                 .where(ApplicationEvent.event_id.in_(ids))).all())
    seq = _next_local_seq(session)
    new_rows: list[dict[str, object]] = []
    seq_rows: list[dict[str, object]] = []
    for ev in events:
        event_id = ev["event_id"]
        if event_id in known:
            if known[event_id] is None:
                seq_rows.append({"eid": event_id, "seq": int(ev["seq"]), "synced": True})
                known[event_id] = int(ev["seq"])
            continue
        known[event_id] = int(ev["seq"])
        role = ev.get("operator_role")
        new_rows.append({
            "event_id": event_id, "application_id": ev["application_id"],
            "application_number": ev["application_number"], "type": ev["type"], "occurred_at": ev["occurred_at"],
            "workstation": ev["workstation"], "operator": ev["operator"],
            "operator_role": role if isinstance(role, str) else None, "data": ev.get("data") or {},
            "seq": int(ev["seq"]), "local_seq": seq + len(new_rows), "synced": True})
    if seq_rows:
        session.execute(update(EVENTS).where(EVENTS.c.event_id == bindparam("eid")), seq_rows)
    if new_rows:
        session.execute(insert(EVENTS), new_rows)
    return len(new_rows)


def store_remote_event(session: Session, ev: dict) -> bool:
    """Record one event pulled from the gateway; False when it was already known."""
    return store_remote_events(session, [ev]) == 1


def state_of(row: Application) -> ApplicationState:
    """The typed state kept in an application's projection row."""
    return ApplicationState.from_json(row.state)


def projection_row(state: ApplicationState, updated_at: str) -> dict[str, object]:
    """The columns of an application's projection row (but its id) for a projected state."""
    return {
        "number": state.number, "service_code": state.service,
        "applicant_name": state.applicant.full_name,
        "applicant_name_key": search_keys.name_key(state.applicant.full_name),
        "applicant_initials_key": search_keys.initials_key(state.applicant.full_name),
        "number_key": search_keys.number_key(state.number),
        "status": state.status.value, "registered_at": state.registered_at,
        "registered_on": parse_rfc3339(state.registered_at).date(),
        "due_date": date.fromisoformat(state.due_date), "due_provisional": state.due_date_provisional,
        "workstation": state.workstation, "operator": state.operator, "open_requests": state.open_requests,
        "state": state.to_json(), "updated_at": updated_at,
    }


def reproject(session: Session, ctx: AppContext, application_id: str,
              events: list[ApplicationEvent] | None = None, flush: bool = True) -> ApplicationState | None:
    """Recompute the projection row of one application from all its events (given in order, or loaded)."""
    if events is None:
        events = ordered_events(session, application_id)
    event_list = [event_json(e) for e in events]
    state = replay(event_list)
    refresh_case(ctx, session, application_id, event_list)
    if state is None:
        return None
    row = session.get(Application, application_id)
    if row is None:
        row = Application(id=application_id)
        session.add(row)
    for column, value in projection_row(state, rfc3339(ctx.now())).items():
        setattr(row, column, value)
    if flush:
        session.flush()
    ctx.changes.application(state.id)
    return state


def _ordered_event_dicts(session: Session, ids: list[str]) -> dict[str, list[dict]]:
    """Each application's events as `event_json` makes them, in projection order (rows, not ORM objects)."""
    out: dict[str, list[dict]] = {app_id: [] for app_id in ids}
    columns = ("event_id", "application_id", "application_number", "type", "occurred_at", "workstation",
               "operator", "data", "operator_role")
    for row in session.execute(select(*(EVENTS.c[name] for name in columns))
                               .where(EVENTS.c.application_id.in_(ids)).order_by(*EVENT_ORDER)):
        out[row.application_id].append(event_json(row))
    return out


def reproject_many(session: Session, ctx: AppContext, application_ids: Iterable[str]) -> None:
    """One reprojection per application: events read, rows and report facts written a chunk at a time."""
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        return
    session.flush()  # events the session still holds count
    now = rfc3339(ctx.now())
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        by_app = _ordered_event_dicts(session, chunk)
        existing = set(session.scalars(select(APPS.c.id).where(APPS.c.id.in_(chunk))))
        updates: list[dict[str, object]] = []
        inserts: list[dict[str, object]] = []
        for app_id in chunk:
            state = replay(by_app[app_id])
            if state is None:
                continue
            row = projection_row(state, now)
            if app_id in existing:
                updates.append({"app_id": app_id, **row})
            else:
                inserts.append({"id": app_id, **row})
            ctx.changes.application(app_id)
        if updates:
            session.execute(update(APPS).where(APPS.c.id == bindparam("app_id")), updates)
        if inserts:
            session.execute(insert(APPS), inserts)
        refresh_cases(ctx, session, by_app)
    wanted = set(ids)
    for obj in list(session.identity_map.values()):  # ORM rows read before are stale now
        if isinstance(obj, Application) and obj.id in wanted:
            session.expire(obj)
