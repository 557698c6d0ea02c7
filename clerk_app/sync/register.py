"""The centre's shared register: pulling events with a durable cursor and recomputing projections.

A page is applied in one transaction with its cursor: events are checked (shape, origin, the
operator's role: see sync.incoming), those refused are set aside in quarantine, the rest stored in
bulk and each touched application reprojected once. An event the projection cannot apply is found
and set aside too, so the cursor always moves on.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.enums import QuarantineSource
from clerk_app.gateway.client import GatewayClient
from clerk_app.services.context import AppContext
from clerk_app.services.events import reproject_many, store_remote_events
from clerk_app.services.settings import get_value, set_value
from clerk_app.storage.models import EVENT_ORDER, ApplicationEvent, Operator
from clerk_app.sync import quarantine
from clerk_app.sync.incoming import Refused, check_event, check_role

CURSOR_KEY = "events_cursor"
PAGE = 500
MAX_PAGES = 40
PROJECTION_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)
NOT_APPLICABLE = "Событие не применяется к заявлению: его данные неполны или неверны"


def _sort(s: Session, own: str, events: list) -> tuple[list[dict], list[tuple[object, str]]]:
    """(events to apply, (item, reason) refused). Events known here only take their place in the order."""
    ids = {ev.get("event_id") for ev in events if isinstance(ev, dict) and isinstance(ev.get("event_id"), str)}
    known = set(s.scalars(select(ApplicationEvent.event_id).where(ApplicationEvent.event_id.in_(ids))))
    roles = dict(s.execute(select(Operator.login, Operator.role)).all())
    good: list[dict] = []
    bad: list[tuple[object, str]] = []
    for ev in events:
        try:
            if isinstance(ev, dict) and ev.get("event_id") in known:
                if not isinstance(ev.get("seq"), int) or isinstance(ev["seq"], bool):
                    raise Refused("Событие: поле «seq» не целое")
            else:
                check_event(ev)
                check_role(ev, roles.get(ev["operator"]) if ev["workstation"] == own else None)
            good.append(ev)
        except Refused as exc:
            bad.append((ev, exc.reason))
    return good, bad


def _orders(s: Session, application_ids: list[str]) -> dict[str, list[str]]:
    """Each application's event ids in projection order."""
    e = ApplicationEvent
    out: dict[str, list[str]] = {}
    ids = list(dict.fromkeys(application_ids))
    for start in range(0, len(ids), 500):
        for app_id, event_id in s.execute(
                select(e.application_id, e.event_id).where(e.application_id.in_(ids[start:start + 500]))
                .order_by(*EVENT_ORDER)):
            out.setdefault(app_id, []).append(event_id)
    return out


def _apply(s: Session, ctx: AppContext, events: list[dict]) -> tuple[int, list[tuple[object, str]]]:
    """Store the events and reproject; (new events, events the projection could not apply: not stored)."""
    known = set(s.scalars(select(ApplicationEvent.event_id)
                          .where(ApplicationEvent.event_id.in_({ev["event_id"] for ev in events}))))
    apps = [ev["application_id"] for ev in events]
    try:
        with s.begin_nested():
            before = _orders(s, apps)
            new = store_remote_events(s, events)
            # the projection is a function of the ordered events: our own events coming back with their
            # number in the register, in the same order, change nothing
            after = _orders(s, apps)
            reproject_many(s, ctx, [a for a in dict.fromkeys(apps) if before.get(a) != after.get(a)])
        return new, []
    except PROJECTION_ERRORS:
        pass
    new = 0
    refused: list[tuple[object, str]] = []
    store_remote_events(s, [ev for ev in events if ev["event_id"] in known])
    for app_id in dict.fromkeys(apps):
        for ev in events:  # one by one, in the gateway's order: keep each that still projects
            if ev["application_id"] != app_id or ev["event_id"] in known:
                continue
            try:
                with s.begin_nested():
                    added = store_remote_events(s, [ev])
                    reproject_many(s, ctx, [app_id])
            except PROJECTION_ERRORS:
                refused.append((ev, NOT_APPLICABLE))
            else:
                new += added
    return new, refused


def pull_events(ctx: AppContext, client: GatewayClient) -> int:
    """Apply new events page by page; the cursor is stored in the same transaction as the events."""
    new = 0
    own = ctx.settings().workstation_id
    for _ in range(MAX_PAGES):
        with ctx.db.read() as s:
            cursor = get_value(s, CURSOR_KEY)
        events, next_cursor, more = client.pull_events(str(cursor) if cursor else None, PAGE)
        with ctx.db.write() as s:
            good, bad = _sort(s, own, events)
            added, unapplied = _apply(s, ctx, good) if good else (0, [])
            new += added
            bad += unapplied
            for item, reason in bad:
                quarantine.set_aside(s, ctx, QuarantineSource.EVENT, item, reason)
            if next_cursor is not None:
                set_value(s, CURSOR_KEY, next_cursor)
        if not more or not events:
            break
    return new
