"""What a reader of one application gets: its typed state, its requests as this workstation knows them,
and its history. `to_json` is the `show --json` object of interfaces.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.application import ApplicationState, RequestState
from clerk_app.domain.enums import REQ_WAITING, ReqStatus
from clerk_app.services.events import ordered_events, state_of
from clerk_app.storage.models import Application, InteragencyRequest


@dataclass(frozen=True, slots=True)
class RequestView:
    """A request: the shared register's state, with this workstation's own send record when it sent it."""

    message_id: str
    kind: str
    status: ReqStatus
    sent_at: str | None
    due_date: str | None
    answered_at: str | None
    last_error: str | None
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        return {"message_id": self.message_id, "kind": self.kind, "status": self.status.value,
                "sent_at": self.sent_at, "due_date": self.due_date, "answered_at": self.answered_at,
                "last_error": self.last_error, "overdue": self.overdue}


@dataclass(frozen=True, slots=True)
class EventView:
    event_id: str
    type: str  # an EventType value, or a newer workstation's type passed through
    occurred_at: str
    operator: str | None
    synced: bool

    def to_json(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "type": self.type, "occurred_at": self.occurred_at,
                "operator": self.operator, "synced": self.synced}


@dataclass(frozen=True, slots=True)
class ApplicationView:
    state: ApplicationState
    requests: tuple[RequestView, ...]
    events: tuple[EventView, ...] | None = None  # None when read for a list

    @property
    def number(self) -> str:
        return self.state.number

    def to_json(self) -> dict[str, Any]:
        st = self.state
        out: dict[str, Any] = {
            "id": st.id, "number": st.number, "service": st.service, "status": st.status.value,
            "registered_at": st.registered_at, "due_date": st.due_date,
            "applicant": {"full_name": st.applicant.full_name, "snils": st.applicant.snils},
            "requests": [r.to_json() for r in self.requests],
            "decision": st.decision.to_json() if st.decision else None,
            # protocol version 2
            "decided_by": st.decided_by.value,
            "handover": st.handover.to_json() if st.handover else None,
            "result": st.result.to_json() if st.result else None,
            "issue": st.issued.to_json() if st.issued else None,
            "storage_until": st.storage_until,
        }
        if st.returned_comment:
            out["returned_comment"] = st.returned_comment
        if st.overrides:
            out["overrides"] = [o.to_json() for o in st.overrides]
        if st.due_date_provisional:
            out["due_date_provisional"] = True
        if self.events is not None:
            out["events"] = [e.to_json() for e in self.events]
        return out


def is_overdue(status: ReqStatus, due: str | None, today: date) -> bool:
    return status in REQ_WAITING and bool(due) and date.fromisoformat(str(due)) < today


def _request_view(r: RequestState, mine: InteragencyRequest | None, today: date) -> RequestView:
    status = ReqStatus(mine.status) if mine else r.status
    return RequestView(
        message_id=r.message_id, kind=r.kind, status=status,
        sent_at=(mine.sent_at if mine else None) or r.sent_at, due_date=r.due_date,
        answered_at=(mine.answered_at if mine else None) or r.answered_at,
        last_error=mine.last_error if mine else None, overdue=is_overdue(status, r.due_date, today))


def build_view(s: Session, row: Application, today: date, with_events: bool = True) -> ApplicationView:
    state = state_of(row)
    local = {r.message_id: r for r in s.scalars(
        select(InteragencyRequest).where(InteragencyRequest.application_id == row.id))}
    requests = tuple(_request_view(r, local.get(r.message_id), today) for r in state.requests)
    events = None
    if with_events:
        events = tuple(EventView(e.event_id, e.type, e.occurred_at, e.operator, e.synced)
                       for e in ordered_events(s, row.id))
    return ApplicationView(state, requests, events)
