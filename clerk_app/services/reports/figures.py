"""The report's figures: JSON key, Russian column title and the SQL condition that counts a case.

Case conditions are over `report_cases c`, request conditions over `report_requests r`; parameters:
:f and :t the period's edges (epoch seconds, [f, t)), :a the moment "as of" (the period's end or now),
:ad the local date of that moment (YYYY-MM-DD).
"""

from __future__ import annotations

from dataclasses import dataclass

BIG = 9_000_000_000_000_000_000


def _in(col: str) -> str:
    return f"({col} >= :f AND {col} < :t)"


def _before_as_of(col: str) -> str:
    return f"coalesce({col}, {BIG}) < :a"


_CLOSED = ("intake_refused_ts", "withdrawn_ts", "result_ts", "decided_ts", "issued_ts", "returned_ts")
OPEN_AT_AS_OF = f"min({', '.join(f'coalesce(c.{x}, {BIG})' for x in _CLOSED)}) >= :a"
OVERDUE = f"(c.due_date < :ad AND {OPEN_AT_AS_OF})"
_AT_AGENCY = _before_as_of("c.handed_over_ts")
_REQUEST_OVERDUE = ("EXISTS (SELECT 1 FROM report_requests q WHERE q.application_id = c.application_id"
                    f" AND q.sent_ts < :a AND coalesce(q.closed_ts, {BIG}) >= :a AND q.due_date < :ad)")
_OUTCOME = "coalesce(c.result_ts, c.decided_ts)"


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    sql: str  # a condition over `c` (cases) or `r` (requests)
    over: str = "cases"  # "cases" | "requests"


CASE_FIGURES: tuple[Figure, ...] = (
    Figure("accepted", "Принято", "1"),
    Figure("intake_refused", "Отказано в приёме", _in("c.intake_refused_ts")),
    Figure("withdrawn", "Отозвано", _in("c.withdrawn_ts")),
    Figure("handed_over", "Передано в ведомство", _in("c.handed_over_ts")),
    Figure("handed_over_late", "Передано с опозданием", f"{_in('c.handed_over_ts')} AND c.handover_late = 1"),
    Figure("results_approved", "Результат: положительный", f"{_in('c.result_ts')} AND c.result_approved = 1"),
    Figure("results_refused", "Результат: отказ", f"{_in('c.result_ts')} AND c.result_approved = 0"),
    Figure("decided_approved", "Решение МФЦ: предоставлено", f"{_in('c.decided_ts')} AND c.decided_approved = 1"),
    Figure("decided_refused", "Решение МФЦ: отказ", f"{_in('c.decided_ts')} AND c.decided_approved = 0"),
    Figure("results_late", "Результат позже срока", f"{_in(_OUTCOME)} AND c.outcome_late = 1"),
    Figure("results_late_agency", "Результат позже срока по вине ведомства",
           f"{_in('c.result_ts')} AND c.outcome_late = 1 AND coalesce(c.handover_late, 0) = 0"),
    Figure("results_late_centre", "Результат позже срока по вине МФЦ",
           f"{_in(_OUTCOME)} AND c.outcome_late = 1 AND (c.result_ts IS NULL OR c.handover_late = 1)"),
    Figure("issued", "Выдано", _in("c.issued_ts")),
    Figure("unclaimed", "Невостребовано",
           f"c.storage_until <= :ad AND {_before_as_of(_OUTCOME)} AND NOT {_before_as_of('c.issued_ts')}"
           f" AND NOT {_before_as_of('c.returned_ts')}"),
    Figure("returned_to_agency", "Возвращено в ведомство", _in("c.returned_ts")),
    Figure("overdue_open", "Просрочено (открытые)", OVERDUE),
    Figure("overdue_agency", "Просрочено: ждут результата ведомства", f"{OVERDUE} AND {_AT_AGENCY}"),
    Figure("overdue_requests", "Просрочено: ждут ответа на запрос",
           f"{OVERDUE} AND NOT {_AT_AGENCY} AND {_REQUEST_OVERDUE}"),
    Figure("overdue_centre", "Просрочено: за МФЦ", f"{OVERDUE} AND NOT {_AT_AGENCY} AND NOT {_REQUEST_OVERDUE}"),
)

REQUEST_FIGURES: tuple[Figure, ...] = (
    Figure("requests_sent", "Запросов направлено", _in("r.sent_ts"), "requests"),
    Figure("requests_answered", "Ответов получено", _in("r.answered_ts"), "requests"),
    Figure("requests_late", "Ответов с опозданием",
           f"{_in('r.sent_ts')} AND (r.answer_day > r.due_date OR (r.answered_ts IS NULL"
           f" AND coalesce(r.closed_ts, {BIG}) >= :a AND r.due_date < :ad))", "requests"),
)

# column titles of the tables on screen and on paper (TITLES are the full ones: CSV, totals, tooltips)
SHORT_TITLES = {
    "accepted": "Принято", "intake_refused": "Отказ в приёме", "withdrawn": "Отозвано",
    "handed_over": "Передано", "handed_over_late": "Передано поздно", "results_approved": "Ведомство: да",
    "results_refused": "Ведомство: отказ", "decided_approved": "МФЦ: да", "decided_refused": "МФЦ: отказ",
    "results_late": "Результат поздно", "results_late_agency": "Поздно: ведомство",
    "results_late_centre": "Поздно: МФЦ", "issued": "Выдано", "unclaimed": "Невостреб.",
    "returned_to_agency": "Возвращено", "overdue_open": "Просрочено", "overdue_agency": "Просрочено: ведомство",
    "overdue_requests": "Просрочено: запросы", "overdue_centre": "Просрочено: МФЦ", "requests_sent": "Запросов",
    "requests_answered": "Ответов", "requests_late": "Ответов поздно", "days_to_issue_mean": "Дней до выдачи",
    "days_to_issue_p90": "Дней, 90 %",
}

DAYS_KEYS = (("days_to_issue_mean", "Дней до выдачи, среднее"), ("days_to_issue_p90", "Дней до выдачи, 90-й процентиль"))

FIGURES: dict[str, Figure] = {f.key: f for f in CASE_FIGURES + REQUEST_FIGURES}
COUNT_KEYS: tuple[str, ...] = tuple(FIGURES)
ALL_KEYS: tuple[str, ...] = COUNT_KEYS + tuple(k for k, _ in DAYS_KEYS)
TITLES: dict[str, str] = {**{f.key: f.title for f in FIGURES.values()}, **dict(DAYS_KEYS)}
