"""Report facts: one narrow row per application and per interagency request, made from its events.

The rows hold UTC epoch seconds for every milestone and local dates for every deadline, so a
report over a period is a range scan of a narrow table, whatever offsets the events were written with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from clerk_app.calendar import ProductionCalendar
from clerk_app.services.clock import parse_rfc3339

DEFAULT_STORAGE_DAYS = 30
_ANSWERED = ("answered", "rejected", "error")


@dataclass(frozen=True)
class ServiceTerms:
    """What the facts need from the catalogue about a service."""

    handover_working_days: int = 0
    result_storage_days: int = DEFAULT_STORAGE_DAYS


def epoch(value: str) -> int:
    return int(parse_rfc3339(value).timestamp())


def local_day(ts: int, tz: tzinfo) -> date:
    return datetime.fromtimestamp(ts, tz).date()


@dataclass
class RequestFacts:
    message_id: str
    recipient: str
    sent_ts: int
    due_date: str | None
    answered_ts: int | None = None
    answer_day: str | None = None
    closed_ts: int | None = None


@dataclass
class CaseFacts:
    application_id: str
    reg_ts: int
    service_code: str
    operator: str
    workstation: str
    due_date: str
    intake_refused_ts: int | None = None
    withdrawn_ts: int | None = None
    handed_over_ts: int | None = None
    handover_late: int | None = None
    result_ts: int | None = None
    result_approved: int | None = None
    decided_ts: int | None = None
    decided_approved: int | None = None
    issued_ts: int | None = None
    returned_ts: int | None = None
    storage_until: str | None = None
    outcome_late: int | None = None
    issue_days: int | None = None
    requests: list[RequestFacts] = field(default_factory=list)

    def case_row(self) -> dict[str, Any]:
        row = dict(self.__dict__)
        row.pop("requests")
        return row

    def request_rows(self) -> list[dict[str, Any]]:
        return [{"reg_ts": self.reg_ts, "application_id": self.application_id,
                 "service_code": self.service_code, "operator": self.operator, **r.__dict__}
                for r in self.requests]


def _first(current: int | None, ts: int) -> int:
    return ts if current is None else min(current, ts)


def _approved(data: Mapping[str, Any]) -> int | None:
    value = data.get("approved")
    if value is None and isinstance(data.get("result"), Mapping):
        value = data["result"].get("approved")
    return None if value is None else int(bool(value))


def case_facts(events: Iterable[Mapping[str, Any]], *, tz: tzinfo, calendar: ProductionCalendar,
               terms: ServiceTerms | None = None) -> CaseFacts | None:
    """The facts of one application from its events in projection order (None without `registered`)."""
    facts: CaseFacts | None = None
    requests: dict[str, RequestFacts] = {}
    ready_ts: int | None = None
    for ev in events:
        etype, data = str(ev["type"]), ev.get("data") or {}
        ts = epoch(ev["occurred_at"])
        if etype == "registered":
            if facts is None:
                facts = CaseFacts(ev["application_id"], epoch(data["registered_at"]), data["service"],
                                  ev["operator"], ev["workstation"], data["due_date"])
                ready_ts = facts.reg_ts
            continue
        if facts is None:
            continue
        if etype == "request_sent" and data.get("message_id") not in requests:
            requests[data["message_id"]] = RequestFacts(
                data["message_id"], data.get("recipient") or "", ts, data.get("due_date"))
            if data.get("replaces") in requests:
                requests[data["replaces"]].closed_ts = requests[data["replaces"]].closed_ts or ts
        elif etype == "response_received":
            req = requests.get(str(data.get("message_id") or ""))
            if req is not None and req.closed_ts is None:
                req.closed_ts = ts
                if data.get("status") in _ANSWERED:
                    answered = epoch(data["answered_at"]) if data.get("answered_at") else ts
                    req.answered_ts, req.answer_day = ts, local_day(answered, tz).isoformat()
                if facts.handed_over_ts is None:
                    ready_ts = max(ready_ts or ts, ts)
        elif etype == "annotated" and data.get("request_closed") in requests:
            req = requests[data["request_closed"]]
            req.closed_ts = req.closed_ts or ts
        elif etype in ("withdrawn", "intake_refused"):
            for req in requests.values():
                req.closed_ts = req.closed_ts or ts
            if etype == "withdrawn":
                facts.withdrawn_ts = _first(facts.withdrawn_ts, ts)
            else:
                facts.intake_refused_ts = _first(facts.intake_refused_ts, ts)
        elif etype == "handed_over":
            facts.handed_over_ts = _first(facts.handed_over_ts, ts)
        elif etype == "result_received" and facts.result_ts is None:
            facts.result_ts, facts.result_approved = ts, _approved(data)
        elif etype == "decided" and facts.decided_ts is None:
            facts.decided_ts, facts.decided_approved = ts, int(data.get("outcome") == "approved")
        elif etype == "issued":
            facts.issued_ts = _first(facts.issued_ts, ts)
        elif etype == "returned_to_agency":
            facts.returned_ts = _first(facts.returned_ts, ts)
    if facts is None:
        return None
    terms = terms or ServiceTerms()
    facts.requests = list(requests.values())
    if facts.handed_over_ts is not None:
        start = local_day(ready_ts or facts.reg_ts, tz)
        handover_due = calendar.due_working_days(start, max(1, terms.handover_working_days)).date
        facts.handover_late = int(local_day(facts.handed_over_ts, tz) > handover_due)
    outcome_ts = facts.result_ts if facts.result_ts is not None else facts.decided_ts
    if outcome_ts is not None:
        facts.outcome_late = int(local_day(outcome_ts, tz).isoformat() > facts.due_date)
        kept = local_day(outcome_ts, tz) + timedelta(days=terms.result_storage_days)
        facts.storage_until = kept.isoformat()
    if facts.issued_ts is not None:
        facts.issue_days = (local_day(facts.issued_ts, tz) - local_day(facts.reg_ts, tz)).days
    return facts
