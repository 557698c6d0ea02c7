"""The application list's selection as SQL text over `applications` with named parameters.

One definition serves the window's hot page and count reads (straight on a pooled connection,
`Database.read_rows`) and the ORM reads (wrapped in `text()`).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.enums import OPEN_STATUSES as _OPEN_SET
from clerk_app.domain.enums import AppStatus, ReqStatus
from clerk_app.services.search import SearchPlan

OPEN_STATUSES = tuple(sorted(_OPEN_SET))  # the one definition, in a fixed order for SQL parameters
QUEUES = ("today", "awaiting", "ready", "to_handover", "handed_over", "result_received", "to_issue", "unclaimed",
          "overdue", "attention")
_QUEUE_STATUS = {"awaiting": AppStatus.AWAITING_RESPONSES, "ready": AppStatus.READY_FOR_DECISION,
                 "to_issue": AppStatus.DECIDED, "result_received": AppStatus.RESULT_RECEIVED}
_AT_AGENCY = (AppStatus.HANDED_OVER, AppStatus.ACCEPTED_BY_AGENCY)
_AWAITING_COLLECTION = (AppStatus.RESULT_RECEIVED, AppStatus.DECIDED)


def _sql_list(*statuses: ReqStatus) -> str:
    """Request statuses as SQL literals (constant text, so SQLite plans the same every time)."""
    return ", ".join(f"'{s.value}'" for s in statuses)


_REQ_REFUSED = _sql_list(ReqStatus.NEEDS_ATTENTION)  # the gateway refused the request
_REQ_FAILED = _sql_list(ReqStatus.REJECTED, ReqStatus.ERROR)  # the agency refused or failed
_REQ_WAITING = _sql_list(ReqStatus.QUEUED, ReqStatus.SENT)
# «Готовы к передаче»: agency cases with no request left (or none to make: every kind brought by the applicant).
_TO_HANDOVER = (
    "(applications.status = 'ready_for_handover' OR (applications.status = 'registered' AND "
    "json_extract(applications.state, '$.decided_by') = 'agency' AND "
    "(SELECT json_array_length(services.request_kind_codes) FROM services "
    "WHERE services.code = applications.service_code) <= "
    "json_array_length(json_extract(applications.state, '$.provided_by_applicant'))))")
_OPEN = ", ".join(f":q_open{i}" for i in range(len(OPEN_STATUSES)))


class Selection(Protocol):
    @property
    def status(self) -> str | None: ...
    @property
    def service(self) -> str | None: ...
    @property
    def registered_from(self) -> date | None: ...
    @property
    def registered_to(self) -> date | None: ...
    @property
    def queue(self) -> str | None: ...


def where(f: Selection, plan: SearchPlan, today: date) -> tuple[str, dict[str, Any]]:
    """(«a AND b ...» or «», parameters) for a list filter and its search plan.

    With a search, the other filters are written `+column` so that SQLite never drives the read by their
    index: the search's own index range, in the search's order, keeps the first page cheap.
    """
    plus = "+" if plan.where else ""
    parts: list[str] = []
    params: dict[str, Any] = {}
    if f.status:
        parts.append(f"{plus}applications.status = :f_status")
        params["f_status"] = f.status
    if f.service:
        parts.append(f"{plus}applications.service_code = :f_service")
        params["f_service"] = f.service
    if f.registered_from:
        parts.append(f"{plus}applications.registered_on >= :f_from")
        params["f_from"] = f.registered_from.isoformat()
    if f.registered_to:
        parts.append(f"{plus}applications.registered_on <= :f_to")
        params["f_to"] = f.registered_to.isoformat()
    if plan.where:
        parts.append(f"({plan.where})")
        params.update(plan.params)
    if f.queue:
        sql, extra = queue_where(f.queue, today, plus)
        parts.append(sql)
        params.update(extra)
    return " AND ".join(parts), params


# Per row of the list: 1 when the application would be in «Требуют внимания» (a request the gateway refused, an
# agency's refusal or error in an open case, or a case the agency returned); one indexed look-up per row.
ATTENTION_COLUMN = (
    "((applications.status = 'ready_for_handover' AND "
    "json_extract(applications.state, '$.returned_comment') IS NOT NULL) OR "
    "EXISTS (SELECT 1 FROM interagency_requests AS r WHERE r.application_id = applications.id AND "
    f"(r.status = {_REQ_REFUSED} OR (r.status IN ({_REQ_FAILED}) AND applications.status IN ("
    + ", ".join(f"'{s.value}'" for s in OPEN_STATUSES) + ")))))")


def queue_where(queue: str, today: date, plus: str = "") -> tuple[str, dict[str, Any]]:
    """The applications of one work queue (`plus="+"`: not by the index of the status or the day)."""
    if queue == "today":
        return f"{plus}applications.registered_on = :q_today", {"q_today": today.isoformat()}
    if queue in _QUEUE_STATUS:
        return f"{plus}applications.status = :q_status", {"q_status": _QUEUE_STATUS[queue].value}
    if queue == "to_handover":
        return _TO_HANDOVER, {}
    if queue == "handed_over":  # the case is at the agency (handed over, or taken by it)
        return (f"{plus}applications.status IN (:q_agency0, :q_agency1)",
                {f"q_agency{i}": st.value for i, st in enumerate(_AT_AGENCY)})
    if queue == "unclaimed":  # a result nobody collected within its storage term (issuing.unclaimed_states)
        return (f"{plus}applications.status IN (:q_wait0, :q_wait1) "
                "AND json_extract(applications.state, '$.storage_until') <= :q_today",
                {**{f"q_wait{i}": st.value for i, st in enumerate(_AWAITING_COLLECTION)},
                 "q_today": today.isoformat()})
    if queue == "overdue":  # the application's term, or an interagency answer, is late
        params: dict[str, Any] = {f"q_open{i}": s.value for i, s in enumerate(OPEN_STATUSES)}
        params["q_today"] = today.isoformat()
        return (f"{plus}applications.status IN ({_OPEN}) AND (applications.due_date < :q_today OR applications.id IN "
                "(SELECT application_id FROM interagency_requests "
                f"WHERE status IN ({_REQ_WAITING}) AND due_date < :q_today))"), params
    if queue == "attention":  # a request the gateway refused, or an agency's refusal or error in an open case
        params = {f"q_open{i}": s.value for i, s in enumerate(OPEN_STATUSES)}
        return ("((applications.status = 'ready_for_handover' AND "
                "json_extract(applications.state, '$.returned_comment') IS NOT NULL) OR "
                "applications.id IN (SELECT application_id FROM interagency_requests "
                f"WHERE status = {_REQ_REFUSED}) OR "
                # `+`: driven by the few failed requests, not by the many open applications
                f"(+applications.status IN ({_OPEN}) AND applications.id IN "
                f"(SELECT application_id FROM interagency_requests WHERE status IN ({_REQ_FAILED}))))"), params
    raise ValidationError(f"Очередь: неизвестная очередь «{queue}»", "queue")
