"""Projection of the agency leg's events (protocol version 2) onto an application's state.

Event data (what each type carries in the shared register):
- `handed_over`: {"case_id", "way": "electronic" | "register", "register_number", "agency", "override"?}
- `agency_accepted`: {"case_id", "response_id"?}
- `case_returned`: {"case_id", "comment", "response_id"?}
- `result_received`: {"case_id"?, "approved", "document_number", "document_date", "signed_by", "legal_ground",
  "reason", "source": "gateway" | "paper", "response_id"?}
- `returned_to_agency`: {"register_number"}
An `override` is {"reason"}: the supervisor who let the act go ahead is the event's operator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from clerk_app.domain.application import (
    ApplicationState,
    HandoverState,
    NoteState,
    OverrideState,
    ResultState,
)
from clerk_app.domain.enums import AppStatus, EventType, HandoverWay, ResultSource

Event = Mapping[str, Any]
Handler = Callable[[ApplicationState, Event, Mapping[str, Any]], ApplicationState]


def override_of(state: ApplicationState, event: Event, act: str) -> tuple[OverrideState, ...]:
    """The state's overrides, with the one the event carries (if any) added."""
    given = (event.get("data") or {}).get("override")
    if not isinstance(given, Mapping) or not given.get("reason"):
        return state.overrides
    return state.overrides + (OverrideState(act, str(given["reason"]), str(event["operator"]),
                                            str(event["occurred_at"])),)


def storage_until(state: ApplicationState, event: Event) -> str:
    """The last day an unclaimed result is kept: the storage term in calendar days from its arrival."""
    arrived = date.fromisoformat(str(event["occurred_at"])[:10])  # the local date the event was written with
    return (arrived + timedelta(days=state.result_storage_days)).isoformat()


def _handed_over(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    handover = HandoverState(HandoverWay(data["way"]), str(event["occurred_at"]),
                             str(data.get("agency") or state.agency), data.get("case_id"), data.get("register_number"))
    return replace(state, handover=handover, status=AppStatus.HANDED_OVER, returned_comment=None,
                   overrides=override_of(state, event, "handover"))


def _same_case(state: ApplicationState, data: Mapping[str, Any]) -> bool:
    case_id = data.get("case_id")
    return not case_id or state.handover is None or state.handover.case_id in (None, case_id)


def _agency_accepted(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    if not _same_case(state, data):
        return state  # a status of an earlier case (returned and handed over again): history only
    return replace(state, status=AppStatus.ACCEPTED_BY_AGENCY)


def _case_returned(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    if not _same_case(state, data):
        return state
    comment = str(data.get("comment") or "Дело возвращено ведомством без рассмотрения")
    note = NoteState(f"Дело возвращено ведомством без рассмотрения: {comment}", str(event["occurred_at"]),
                     str(event["operator"]))
    return replace(state, status=AppStatus.READY_FOR_HANDOVER, handover=None, returned_comment=comment,
                   notes=state.notes + (note,))


def _result_received(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    def text(key: str) -> str | None:
        value = data.get(key)
        return None if value is None else str(value)

    result = ResultState(bool(data["approved"]), str(event["occurred_at"]), ResultSource(data.get("source") or "paper"),
                         text("document_number"), text("document_date"), text("signed_by"), text("legal_ground"),
                         text("reason"))
    return replace(state, result=result, status=AppStatus.RESULT_RECEIVED, returned_comment=None,
                   storage_until=storage_until(state, event))


def _returned_to_agency(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    register = data.get("register_number")
    return replace(state, status=AppStatus.RETURNED_TO_AGENCY, return_register=None if register is None
                   else str(register))


AGENCY_HANDLERS: dict[EventType, Handler] = {
    EventType.HANDED_OVER: _handed_over,
    EventType.AGENCY_ACCEPTED: _agency_accepted,
    EventType.CASE_RETURNED: _case_returned,
    EventType.RESULT_RECEIVED: _result_received,
    EventType.RETURNED_TO_AGENCY: _returned_to_agency,
}
