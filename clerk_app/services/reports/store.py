"""Keeping the report facts in step with the events: one application at a time, or all at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import tzinfo
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clerk_app.domain.errors import ValidationError
from clerk_app.services.catalogue import cached_service_spec
from clerk_app.services.context import AppContext
from clerk_app.services.reports.facts import CaseFacts, ServiceTerms, case_facts
from clerk_app.services.settings import get_value, set_value
from clerk_app.storage.models import EVENT_ORDER, ApplicationEvent, ReportCase, ReportRequest, table_of

# bump when the facts are computed differently: the next report rebuilds them from the events
FACTS_VERSION = 1
VERSION_KEY = "report_facts_version"
_BATCH = 2000


def report_tz(ctx: AppContext) -> tzinfo:
    """The workstation's time zone: that of its clock."""
    tz = ctx.now().tzinfo
    assert tz is not None
    return tz


def service_terms(ctx: AppContext, session: Session, code: str) -> ServiceTerms:
    try:
        spec = cached_service_spec(ctx, session, code)
    except ValidationError:  # a service this workstation's catalogue no longer lists
        return ServiceTerms()
    return ServiceTerms(spec.handover_working_days, spec.result_storage_days)


def facts_of(ctx: AppContext, session: Session, events: Sequence[Mapping[str, Any]]) -> CaseFacts | None:
    service = next((e["data"]["service"] for e in events if e["type"] == "registered"), None)
    if service is None:
        return None
    terms = service_terms(ctx, session, service)
    return case_facts(events, tz=report_tz(ctx), calendar=ctx.calendar(), terms=terms)


def write_facts(session: Session, facts: Sequence[CaseFacts]) -> None:
    cases = [f.case_row() for f in facts]
    requests = [r for f in facts for r in f.request_rows()]
    if cases:
        session.execute(table_of(ReportCase).insert(), cases)
    if requests:
        session.execute(table_of(ReportRequest).insert(), requests)


def refresh_case(ctx: AppContext, session: Session, application_id: str,
                 events: Sequence[Mapping[str, Any]]) -> None:
    """Replace one application's facts (its events in projection order)."""
    refresh_cases(ctx, session, {application_id: events})


def refresh_cases(ctx: AppContext, session: Session, events_by_app: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Replace the facts of several applications in one statement per table (Core: no ORM synchronisation)."""
    ids = list(events_by_app)
    for start in range(0, len(ids), 500):
        for table in (table_of(ReportCase), table_of(ReportRequest)):
            session.execute(table.delete().where(table.c.application_id.in_(ids[start:start + 500])))
    write_facts(session, [f for evs in events_by_app.values() if (f := facts_of(ctx, session, evs)) is not None])


def _events_of(session: Session, ids: Sequence[str]) -> dict[str, list[dict]]:
    e = ApplicationEvent
    rows = session.execute(
        select(e.application_id, e.type, e.occurred_at, e.workstation, e.operator, e.data)
        .where(e.application_id.in_(ids))
        .order_by(*EVENT_ORDER))
    out: dict[str, list[dict]] = {}
    for app_id, etype, occurred_at, ws, op, data in rows:
        out.setdefault(app_id, []).append({"application_id": app_id, "type": etype, "occurred_at": occurred_at,
                                           "workstation": ws, "operator": op, "data": data})
    return out


def rebuild(ctx: AppContext) -> int:
    """Recompute every application's facts from the events; returns how many applications."""
    count = 0
    with ctx.db.write() as s:
        s.execute(delete(ReportCase))
        s.execute(delete(ReportRequest))
        ids = list(s.scalars(select(ApplicationEvent.application_id)
                             .where(ApplicationEvent.type == "registered").distinct()))
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start:start + _BATCH]
            facts = [f for evs in _events_of(s, chunk).values() if (f := facts_of(ctx, s, evs)) is not None]
            write_facts(s, facts)
            count += len(facts)
        set_value(s, VERSION_KEY, FACTS_VERSION)
    return count


def ensure_fresh(ctx: AppContext) -> bool:
    """Rebuild the facts when they were made by another version (or never); True when rebuilt."""
    with ctx.db.read() as s:
        if get_value(s, VERSION_KEY) == FACTS_VERSION:
            return False
    rebuild(ctx)
    return True


def mark_fresh(session: Session) -> None:
    set_value(session, VERSION_KEY, FACTS_VERSION)
