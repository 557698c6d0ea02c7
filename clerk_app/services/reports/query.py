"""The supervisor's report: SQL aggregates over the report facts for a period, grouped."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from clerk_app.domain.errors import ValidationError
from clerk_app.services.context import AppContext
from clerk_app.services.reports.figures import CASE_FIGURES, COUNT_KEYS, FIGURES, REQUEST_FIGURES, Figure

TOTAL_KEY = "__total__"


class GroupBy(StrEnum):
    SERVICE = "service"
    AGENCY = "agency"
    OPERATOR = "operator"


GROUP_RU = {GroupBy.SERVICE: "Услуга", GroupBy.AGENCY: "Ведомство", GroupBy.OPERATOR: "Оператор"}

# the group key of a case row `c` (services `s` joined when grouping by agency)
_KEY_SQL = {GroupBy.SERVICE: "c.service_code", GroupBy.AGENCY: "coalesce(s.agency_code, '')",
            GroupBy.OPERATOR: "c.operator"}
_JOIN_SQL = {GroupBy.SERVICE: "", GroupBy.AGENCY: "LEFT JOIN services s ON s.code = c.service_code",
             GroupBy.OPERATOR: ""}


@dataclass(frozen=True)
class Period:
    """Local dates, both inclusive."""

    start: date
    end: date

    def check(self) -> Period:
        if self.end < self.start:
            raise ValidationError("Период: дата «по» раньше даты «с»", "to")
        return self


@dataclass(frozen=True)
class Bounds:
    f: int
    t: int
    a: int
    ad: str

    def params(self) -> dict[str, Any]:
        return {"f": self.f, "t": self.t, "a": self.a, "ad": self.ad}


def bounds(ctx: AppContext, period: Period) -> Bounds:
    now = ctx.now()
    tz = now.tzinfo
    start = datetime.combine(period.start, time(0), tz)
    end = datetime.combine(period.end + timedelta(days=1), time(0), tz)
    as_of = min(end, now)
    as_of_day = min(period.end, now.date())
    return Bounds(int(start.timestamp()), int(end.timestamp()), int(as_of.timestamp()), as_of_day.isoformat())


@dataclass
class ReportRow:
    key: str
    name: str
    values: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, **self.values}


@dataclass
class Report:
    period: Period
    by: GroupBy
    rows: list[ReportRow]
    total: dict[str, Any]
    requests_by_agency: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {"from": self.period.start.isoformat(), "to": self.period.end.isoformat(), "by": self.by.value,
                "rows": [r.as_json() for r in self.rows], "total": self.total,
                "requests_by_agency": self.requests_by_agency}


def _sum(fig: Figure) -> str:
    return f"sum(CASE WHEN {fig.sql} THEN 1 ELSE 0 END) AS {fig.key}"


def _case_counts(s: Session, by: GroupBy | None, b: Bounds) -> dict[str, dict[str, int]]:
    key = _KEY_SQL[by] if by else f"'{TOTAL_KEY}'"
    join = _JOIN_SQL[by] if by else ""
    sql = (f"SELECT {key} AS k, {', '.join(_sum(f) for f in CASE_FIGURES)} FROM report_cases c {join}"
           " WHERE c.reg_ts >= :f AND c.reg_ts < :t GROUP BY k")
    return {row[0]: dict(zip([f.key for f in CASE_FIGURES], row[1:], strict=True))
            for row in s.execute(text(sql), b.params())}


def _request_counts(s: Session, by: GroupBy | None, b: Bounds) -> dict[str, dict[str, int]]:
    key = {GroupBy.SERVICE: "r.service_code", GroupBy.OPERATOR: "r.operator",
           GroupBy.AGENCY: "coalesce(s.agency_code, '')"}[by] if by else f"'{TOTAL_KEY}'"
    join = "LEFT JOIN services s ON s.code = r.service_code" if by == GroupBy.AGENCY else ""
    sql = (f"SELECT {key} AS k, {', '.join(_sum(f) for f in REQUEST_FIGURES)} FROM report_requests r {join}"
           " WHERE r.reg_ts >= :f AND r.reg_ts < :t GROUP BY k")
    return {row[0]: dict(zip([f.key for f in REQUEST_FIGURES], row[1:], strict=True))
            for row in s.execute(text(sql), b.params())}


def _issue_days(s: Session, by: GroupBy | None, b: Bounds) -> dict[str, tuple[float | None, int | None]]:
    """Mean and 90th percentile (nearest rank) of days from registration to issue, per group."""
    key = _KEY_SQL[by] if by else f"'{TOTAL_KEY}'"
    join = _JOIN_SQL[by] if by else ""
    where = "c.reg_ts >= :f AND c.reg_ts < :t AND c.issued_ts >= :f AND c.issued_ts < :t"
    means = {k: m for k, m in s.execute(text(
        f"SELECT {key} AS k, avg(c.issue_days) FROM report_cases c {join} WHERE {where} GROUP BY k"), b.params())}
    p90 = {k: d for k, d in s.execute(text(
        f"SELECT k, d FROM (SELECT {key} AS k, c.issue_days AS d,"
        " row_number() OVER (PARTITION BY " + key + " ORDER BY c.issue_days) AS rn,"
        " count(*) OVER (PARTITION BY " + key + f") AS n FROM report_cases c {join} WHERE {where})"
        " WHERE rn = (9 * n + 9) / 10"), b.params())}
    return {k: (round(m, 1), p90.get(k)) for k, m in means.items()}


def _names(s: Session, by: GroupBy) -> dict[str, str]:
    sql = {GroupBy.SERVICE: "SELECT code, name FROM services", GroupBy.AGENCY: "SELECT code, name FROM agencies",
           GroupBy.OPERATOR: "SELECT login, full_name FROM operators"}[by]
    return dict(s.execute(text(sql)).all())


def _values(cases: dict[str, int] | None, requests: dict[str, int] | None,
            days: tuple[float | None, int | None] | None) -> dict[str, Any]:
    out: dict[str, Any] = {k: 0 for k in COUNT_KEYS}
    out.update(cases or {})
    out.update(requests or {})
    out["days_to_issue_mean"], out["days_to_issue_p90"] = days or (None, None)
    return out


def _requests_by_agency(s: Session, b: Bounds) -> list[dict[str, Any]]:
    names = _names(s, GroupBy.AGENCY)
    sql = (f"SELECT r.recipient, {', '.join(_sum(f) for f in REQUEST_FIGURES)} FROM report_requests r"
           " WHERE r.reg_ts >= :f AND r.reg_ts < :t GROUP BY r.recipient ORDER BY r.recipient")
    return [{"agency": row[0], "name": names.get(row[0], row[0]), "sent": row[1], "answered": row[2], "late": row[3]}
            for row in s.execute(text(sql), b.params())]


def compute(s: Session, ctx: AppContext, period: Period, by: GroupBy) -> Report:
    b = bounds(ctx, period.check())
    cases, requests, days = _case_counts(s, by, b), _request_counts(s, by, b), _issue_days(s, by, b)
    names = _names(s, by)
    rows = [ReportRow(k, names.get(k, k or "—"), _values(cases.get(k), requests.get(k), days.get(k)))
            for k in sorted(set(cases) | set(requests), key=lambda k: names.get(k, k).lower())]
    total = _values(_case_counts(s, None, b).get(TOTAL_KEY), _request_counts(s, None, b).get(TOTAL_KEY),
                    _issue_days(s, None, b).get(TOTAL_KEY))
    return Report(period, by, rows, total, _requests_by_agency(s, b))


def figure(key: str) -> Figure:
    if key in ("days_to_issue_mean", "days_to_issue_p90"):
        key = "issued"
    if key not in FIGURES:
        raise ValidationError(f"Показатель: «{key}» нет в отчёте", "figure")
    return FIGURES[key]


def drill_down_sql(by: GroupBy, key: str | None, fig: Figure) -> str:
    """Ids of the applications behind one cell (key None: the total row)."""
    group = f" AND {_KEY_SQL[by]} = :k" if key is not None else ""
    cond = fig.sql if fig.over == "cases" else (
        "EXISTS (SELECT 1 FROM report_requests r WHERE r.application_id = c.application_id"
        f" AND r.reg_ts = c.reg_ts AND {fig.sql})")
    return (f"SELECT c.application_id FROM report_cases c {_JOIN_SQL[by]}"
            f" WHERE c.reg_ts >= :f AND c.reg_ts < :t{group} AND {cond} ORDER BY c.reg_ts")


def percentile_rank(n: int, p: float = 0.9) -> int:
    """The 1-based nearest rank of the p-th percentile among n values (for tests and the PDF note)."""
    return max(1, math.ceil(p * n))
