"""Issuing the result (to the applicant, or to a representative with a valid power of attorney) and the
results nobody collected within the storage term («Невостребованные»)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from clerk_app.domain.enums import AppAction, AppStatus, Collector, EventType
from clerk_app.domain.representative import parse_representative
from clerk_app.services import audit
from clerk_app.services.acts import gate
from clerk_app.services.application_rows import load
from clerk_app.services.application_views import ApplicationView, build_view
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject, state_of
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Application

from clerk_app.domain.application import ApplicationState

# Statuses that hold a result nobody has collected yet.
AWAITING_COLLECTION = (AppStatus.RESULT_RECEIVED.value, AppStatus.DECIDED.value)


def issue(ctx: AppContext, actor: Actor, number: str,
          representative: Mapping[str, Any] | None = None) -> ApplicationState:
    """Record that the result was handed over: to the applicant, or to `representative` (interfaces.md's
    object: full name, identity document, power of attorney; an expired one is refused)."""
    actor.require(Perm.ISSUE)
    rep = None
    if representative is not None:
        rep = parse_representative(representative, ctx.now().date())
    data: dict[str, Any] = {"collector": (Collector.REPRESENTATIVE if rep else Collector.APPLICANT).value,
                            "representative": rep.to_json() if rep else None}
    with ctx.db.write() as s:
        row = load(s, number)
        gate(s, state_of(row), AppAction.ISSUE, actor)
        append_event(s, ctx, actor.login, row.id, number, EventType.ISSUED, data)
        state = reproject(s, ctx, row.id)
        assert state is not None
        audit.record(s, ctx, actor.login, "change", "application", number,
                     details={"event": EventType.ISSUED.value, "collector": data["collector"]})
        return state


def unclaimed_states(ctx: AppContext, as_of: date, agency: str | None = None) -> list[ApplicationState]:
    """Results (or centre decisions) not issued whose storage term ended on or before `as_of`."""
    with ctx.db.read() as s:
        rows = s.scalars(select(Application).where(Application.status.in_(AWAITING_COLLECTION))
                         .order_by(Application.registered_at, Application.number)).all()
        states = [state_of(r) for r in rows]
    return [st for st in states
            if st.storage_until is not None and date.fromisoformat(st.storage_until) <= as_of
            and (agency is None or st.agency == agency)]


def unclaimed(ctx: AppContext, actor: Actor, as_of: date) -> list[ApplicationView]:
    """The «Невостребованные» queue as of a day (`unclaimed --as-of`), as `show` objects without history."""
    actor.require(Perm.VIEW)
    numbers = [st.number for st in unclaimed_states(ctx, as_of)]
    with ctx.db.read() as s:
        today = ctx.now().date()
        out = [build_view(s, load(s, n), today, with_events=False) for n in numbers]
    audit.record_view(ctx, actor.login, "export", "unclaimed", None,
                      details={"count": len(out), "as_of": as_of.isoformat()})
    return out
