"""Use cases of the supervisor's reports: the report, a cell's applications, exports, today's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select, text

from clerk_app.services import audit, queries
from clerk_app.services.context import AppContext
from clerk_app.services.files import save_private
from clerk_app.services.reports import store
from clerk_app.services.reports.query import GroupBy, Period, Report, bounds, compute, drill_down_sql, figure
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Application, ReportCase, Service

DRILL_LIMIT = 5000


def build_report(ctx: AppContext, actor: Actor, period: Period, by: GroupBy | str = GroupBy.SERVICE) -> Report:
    actor.require(Perm.REPORTS)
    store.ensure_fresh(ctx)
    with ctx.db.read() as s:
        return compute(s, ctx, period, GroupBy(by))


@dataclass(frozen=True)
class CaseRow:
    number: str
    applicant_name: str
    service: str
    status: str
    registered_at: str
    due_date: str


def drill_down(ctx: AppContext, actor: Actor, period: Period, by: GroupBy | str, key: str | None,
               figure_key: str, limit: int = DRILL_LIMIT) -> list[CaseRow]:
    """The applications counted in one cell of the report (key None: the total row); audited as a view."""
    actor.require(Perm.REPORTS)
    store.ensure_fresh(ctx)
    by, fig = GroupBy(by), figure(figure_key)
    with ctx.db.read() as s:
        params = {**bounds(ctx, period.check()).params(), "k": key}
        ids = list(s.scalars(text(drill_down_sql(by, key, fig) + " LIMIT :limit"), {**params, "limit": limit}))
        names = dict(s.execute(select(Service.code, Service.name)).all())
        a = Application
        rows = {}
        for start in range(0, len(ids), 500):
            rows.update({r.id: r for r in s.execute(
                select(a.id, a.number, a.applicant_name, a.service_code, a.status, a.registered_at, a.due_date)
                .where(a.id.in_(ids[start:start + 500])))})
    out = [CaseRow(r.number, r.applicant_name, names.get(r.service_code, r.service_code), r.status,
                   r.registered_at, r.due_date.isoformat()) for i in ids if (r := rows.get(i)) is not None]
    audit.record_view(ctx, actor.login, "view", "report", figure_key,
                     details={"from": period.start.isoformat(), "to": period.end.isoformat(), "by": by.value,
                              "key": key, "rows": len(out)})
    return out


def export(ctx: AppContext, actor: Actor, report: Report, fmt: str) -> bytes:
    """The report as a file (json, csv or pdf); audited as an export."""
    from clerk_app.services.reports import formats

    actor.require(Perm.REPORTS)
    data = formats.render(report, fmt, centre=ctx.settings().centre_name, author=actor.full_name)
    audit.record_view(ctx, actor.login, "export", "report", fmt,
                     details={"from": report.period.start.isoformat(), "to": report.period.end.isoformat(),
                              "by": report.by.value, "format": fmt})
    return data


def export_to_file(ctx: AppContext, actor: Actor, report: Report, fmt: str, path: Path) -> Path:
    return save_private(Path(path), export(ctx, actor, report, fmt))


@dataclass(frozen=True)
class TodayFigures:
    accepted: int
    issued: int
    overdue: int


def today_figures(ctx: AppContext) -> TodayFigures:
    """Today's work of the workstation (local day): accepted, issued, and open cases past their term."""
    now = ctx.now()
    start = datetime.combine(now.date(), time(0), now.tzinfo)
    f, t = int(start.timestamp()), int((start + timedelta(days=1)).timestamp())
    overdue = queries.count(ctx, queries.ListFilter(queue="overdue"))
    with ctx.db.read() as s:
        accepted = s.scalar(select(func.count()).select_from(Application)
                            .where(Application.registered_on == now.date())) or 0
        issued = s.scalar(select(func.count()).select_from(ReportCase)
                          .where(ReportCase.issued_ts >= f, ReportCase.issued_ts < t)) or 0
    return TodayFigures(int(accepted), int(issued), int(overdue))
