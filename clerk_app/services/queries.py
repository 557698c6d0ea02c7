"""Reading applications: one in full (show), lists with filters, and the work-queue counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, text
from sqlalchemy.orm import Session

from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import OutboxKind, OutboxState
from clerk_app.services import audit, list_sql, search
from clerk_app.services.application_rows import load
from clerk_app.services.context import AppContext
from clerk_app.services.application_views import ApplicationView, build_view
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Application, InteragencyRequest, OutboxItem

OPEN_STATUSES = list_sql.OPEN_STATUSES
QUEUES = list_sql.QUEUES


def show(ctx: AppContext, actor: Actor, number: str) -> ApplicationView:
    """One application in full (its `to_json` is `show --json`); the view is audited."""
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        view = build_view(s, load(s, number), ctx.now().date())
    audit.record_view(ctx, actor.login, "view", "application", number)
    return view


def application_view(ctx: AppContext, actor: Actor, number: str) -> ApplicationView:
    """What the application window shows: state, requests and history, read and audited once."""
    return show(ctx, actor, number)


def application_state(ctx: AppContext, actor: Actor, number: str) -> ApplicationState:
    """The full projected state (applicant, documents, requests, decision)."""
    return show(ctx, actor, number).state


@dataclass(frozen=True)
class ListFilter:
    status: str | None = None
    service: str | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    text: str | None = None
    queue: str | None = None


def _filtered(q: Select, f: ListFilter, today: date) -> Select:
    sql, params = list_sql.where(f, search.plan(f.text), today)
    return q.where(text(sql).bindparams(**params)) if sql else q


def _select_sql(columns: str, f: ListFilter, plan: search.SearchPlan, today: date) -> tuple[str, dict[str, Any]]:
    sql, params = list_sql.where(f, plan, today)
    return f"SELECT {columns} FROM applications" + (f" WHERE {sql}" if sql else ""), params


def count(ctx: AppContext, f: ListFilter) -> int:
    sql, params = _select_sql("count(*)", f, search.plan(f.text), ctx.now().date())
    return int(ctx.db.read_rows(sql, params)[0][0])


_LIST_COLUMNS = ("applications.id, applications.number, applications.applicant_name, applications.service_code, "
                 "applications.status, applications.registered_at, applications.due_date, applications.open_requests, "
                 + list_sql.ATTENTION_COLUMN)


@dataclass(frozen=True)
class ListRow:
    id: str
    number: str
    applicant_name: str
    service_code: str
    status: str
    registered_at: str
    due_date: date
    open_requests: int
    attention: bool = False  # a refused or failed request: the application is in «Требуют внимания»


def page_sql(f: ListFilter, offset: int, limit: int, today: date) -> tuple[str, dict[str, Any]]:
    """The statement `page` runs: newest first, or in the order of the search
    (`search.plan(f.text).order_by`, e.g. by name, then newest first, for a name search)."""
    plan = search.plan(f.text)
    sql, params = _select_sql(_LIST_COLUMNS, f, plan, today)
    return f"{sql} ORDER BY {plan.order_by} LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset}


def page(ctx: AppContext, f: ListFilter, offset: int, limit: int) -> list[ListRow]:
    """One window of the list for a lazily fetching table model, read straight on a pooled connection."""
    rows = ctx.db.read_rows(*page_sql(f, offset, limit, ctx.now().date()))
    return [ListRow(i, n, a, s, st, r, date.fromisoformat(d), o, bool(att)) for i, n, a, s, st, r, d, o, att in rows]


def list_applications(ctx: AppContext, actor: Actor, f: ListFilter) -> list[ApplicationView]:
    """Applications matching `f` in number order, without their history (`list --json`); audited as an export."""
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        q = _filtered(select(Application), f, ctx.now().date()).order_by(Application.number)
        rows = s.scalars(q).all()
        today = ctx.now().date()
        out = [build_view(s, r, today, with_events=False) for r in rows]
    audit.record_view(ctx, actor.login, "export", "application_list", None, details={"count": len(out)})
    return out


@dataclass(frozen=True)
class QueueCounts:
    """The sizes of the work queues (`QUEUES`) and of the outbox."""

    today: int = 0
    awaiting: int = 0
    ready: int = 0
    to_handover: int = 0  # agency services ready to be handed over
    handed_over: int = 0  # at the agency
    result_received: int = 0  # the agency's result is in, not yet issued
    to_issue: int = 0
    unclaimed: int = 0  # results kept past their storage term
    overdue: int = 0
    attention: int = 0
    outbox_pending: int = 0
    outbox_pending_requests: int = 0  # of the pending items, the interagency requests
    outbox_attention: int = 0

    def queue(self, name: str) -> int:
        if name not in QUEUES:
            raise KeyError(name)
        return int(getattr(self, name))


def queue_counts(ctx: AppContext) -> QueueCounts:
    today = ctx.now().date()
    with ctx.db.read() as s:
        counts: dict[str, int] = {}
        for name in QUEUES:
            sql, params = list_sql.queue_where(name, today)
            q = select(func.count()).select_from(Application).where(text(sql).bindparams(**params))
            counts[name] = int(s.scalar(q) or 0)

        def outbox(*where: ColumnElement[bool]) -> int:
            return int(s.scalar(select(func.count()).select_from(OutboxItem).where(*where)) or 0)

        return QueueCounts(
            **counts, outbox_pending=outbox(OutboxItem.state == OutboxState.PENDING),
            outbox_pending_requests=outbox(OutboxItem.state == OutboxState.PENDING,
                                           OutboxItem.kind == OutboxKind.MESSAGE),
            outbox_attention=outbox(OutboxItem.state == OutboxState.NEEDS_ATTENTION))
