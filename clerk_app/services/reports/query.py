"""The supervisor's report: SQL aggregates over the report facts for a period, grouped."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from clerk_app.domain.errors import ValidationError
from clerk_app.services.context import AppContext
from clerk_app.services.reports.figures import CASE_FIGURES, COUNT_KEYS, FIGURES, REQUEST_FIGURES, Figure


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


_ISSUE_DAYS = "CASE WHEN c.issued_ts >= :f AND c.issued_ts < :t THEN c.issue_days END"


def _case_counts(s: Session, by: GroupBy, b: Bounds) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """One scan: the case figures per group, and per group how many were issued after how many days."""
    sql = (f"SELECT {_KEY_SQL[by]} AS k, {_ISSUE_DAYS} AS d, count(*) AS n,"
           f" {', '.join(_sum(f) for f in CASE_FIGURES)} FROM report_cases c {_JOIN_SQL[by]}"
           " WHERE c.reg_ts >= :f AND c.reg_ts < :t GROUP BY k, d")
    counts: dict[str, Counter] = {}
    days: dict[str, Counter] = {}
    for k, d, n, *values in s.execute(text(sql), b.params()):
        counts.setdefault(k, Counter()).update(dict(zip([f.key for f in CASE_FIGURES], values, strict=True)))
        if d is not None:
            days.setdefault(k, Counter())[d] += n
    return counts, days


def _request_counts(s: Session, by: GroupBy, b: Bounds) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """One scan: the request figures per group and per asked agency."""
    key = {GroupBy.SERVICE: "r.service_code", GroupBy.OPERATOR: "r.operator",
           GroupBy.AGENCY: "coalesce(s.agency_code, '')"}[by]
    join = "LEFT JOIN services s ON s.code = r.service_code" if by == GroupBy.AGENCY else ""
    sql = (f"SELECT {key} AS k, r.recipient, {', '.join(_sum(f) for f in REQUEST_FIGURES)}"
           f" FROM report_requests r {join} WHERE r.reg_ts >= :f AND r.reg_ts < :t GROUP BY k, r.recipient")
    groups: dict[str, Counter] = {}
    agencies: dict[str, Counter] = {}
    for k, recipient, *values in s.execute(text(sql), b.params()):
        figures = dict(zip([f.key for f in REQUEST_FIGURES], values, strict=True))
        groups.setdefault(k, Counter()).update(figures)
        agencies.setdefault(recipient, Counter()).update(figures)
    return groups, agencies


def issue_days(histogram: Counter) -> tuple[float | None, int | None]:
    """Mean (one decimal) and 90th percentile (nearest rank) of days from registration to issue."""
    n = sum(histogram.values())
    if not n:
        return None, None
    rank, seen = percentile_rank(n), 0
    p90 = None
    for d in sorted(histogram):
        seen += histogram[d]
        if seen >= rank:
            p90 = d
            break
    return round(sum(d * c for d, c in histogram.items()) / n, 1), p90


def _names(s: Session, by: GroupBy) -> dict[str, str]:
    sql = {GroupBy.SERVICE: "SELECT code, name FROM services", GroupBy.AGENCY: "SELECT code, name FROM agencies",
           GroupBy.OPERATOR: "SELECT login, full_name FROM operators"}[by]
    return dict(s.execute(text(sql)).all())


def _values(cases: Counter | None, requests: Counter | None, days: Counter | None) -> dict[str, Any]:
    out: dict[str, Any] = {k: 0 for k in COUNT_KEYS}
    out.update(cases or {})
    out.update(requests or {})
    out["days_to_issue_mean"], out["days_to_issue_p90"] = issue_days(days or Counter())
    return out


def _total(parts: dict[str, Counter]) -> Counter:
    total: Counter = Counter()
    for c in parts.values():
        total.update(c)
    return total


def compute(s: Session, ctx: AppContext, period: Period, by: GroupBy) -> Report:
    b = bounds(ctx, period.check())
    (cases, days), (requests, asked) = _case_counts(s, by, b), _request_counts(s, by, b)
    names = _names(s, by)
    rows = [ReportRow(k, names.get(k, k or "—"), _values(cases.get(k), requests.get(k), days.get(k)))
            for k in sorted(set(cases) | set(requests), key=lambda k: (names.get(k, k) or "").lower())]
    total = _values(_total(cases), _total(requests), _total(days))
    agency_names = _names(s, GroupBy.AGENCY)
    by_agency = [{"agency": a, "name": agency_names.get(a, a), "sent": c["requests_sent"],
                  "answered": c["requests_answered"], "late": c["requests_late"]} for a, c in sorted(asked.items())]
    return Report(period, by, rows, total, by_agency)


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
