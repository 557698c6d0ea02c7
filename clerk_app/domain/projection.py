"""An application's state as a pure function of its events.

Replaying the same events in the same order always gives the same state; an event that
the state does not allow (two workstations acting at once) is kept in `conflicts`, not applied.
Each event type has one small function in `HANDLERS`; a type this version does not know
(a newer workstation's) leaves the state as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from clerk_app.domain.agency_projection import AGENCY_HANDLERS, override_of, storage_until
from clerk_app.domain.application import (
    ApplicantState,
    ApplicationState,
    DecisionState,
    DocumentState,
    IssueState,
    NoteState,
    RequestState,
)
from clerk_app.domain.enums import AppAction, AppStatus, DecidedBy, EventType, HandoverWay, Outcome, ReqStatus
from clerk_app.domain.states import OVERRIDABLE, allowed_actions, ready_status

Event = Mapping[str, Any]
Handler = Callable[[ApplicationState, Event, Mapping[str, Any]], ApplicationState]

# Events that are acts of the state machine: refused (kept as a conflict) when the state does not allow them.
ACTION_OF: dict[EventType, AppAction] = {
    EventType.DOCUMENTS_CHANGED: AppAction.CHANGE_DOCUMENTS,
    EventType.REQUEST_SENT: AppAction.SEND_REQUESTS,
    EventType.DECIDED: AppAction.DECIDE,
    EventType.ISSUED: AppAction.ISSUE,
    EventType.WITHDRAWN: AppAction.WITHDRAW,
    EventType.INTAKE_REFUSED: AppAction.REFUSE_INTAKE,
    EventType.HANDED_OVER: AppAction.HANDOVER,
    EventType.AGENCY_ACCEPTED: AppAction.AGENCY_ACCEPT,
    EventType.CASE_RETURNED: AppAction.CASE_RETURN,
    EventType.RESULT_RECEIVED: AppAction.RECORD_RESULT,
    EventType.RETURNED_TO_AGENCY: AppAction.RETURN_TO_AGENCY,
}


def open_request_count(state: ApplicationState) -> int:
    return state.open_requests


def settle(state: ApplicationState) -> ApplicationState:
    """Awaiting responses with none left open: ready for the next step."""
    if state.status == AppStatus.AWAITING_RESPONSES and state.open_requests == 0:
        return replace(state, status=ready_status(state.decided_by))
    return state


def close_request(state: ApplicationState, message_id: str, status: ReqStatus,
                  answered_at: str | None = None) -> ApplicationState:
    reqs = tuple(
        replace(r, status=status, answered_at=answered_at if answered_at is not None else r.answered_at)
        if r.message_id == message_id and not r.closed else r
        for r in state.requests)
    return replace(state, requests=reqs)


def cancel_open_requests(state: ApplicationState) -> ApplicationState:
    return replace(state, requests=tuple(r if r.closed else replace(r, status=ReqStatus.CANCELLED)
                                         for r in state.requests))


def registered(event: Event, data: Mapping[str, Any]) -> ApplicationState:
    return ApplicationState(
        id=str(event["application_id"]), number=str(event["application_number"]), service=str(data["service"]),
        status=AppStatus.REGISTERED, registered_at=str(data["registered_at"]), due_date=str(data["due_date"]),
        due_date_provisional=bool(data.get("due_date_provisional", False)),
        decided_by=DecidedBy(data.get("decided_by") or DecidedBy.CENTRE),
        workstation=str(event["workstation"]), operator=str(event["operator"]),
        applicant=ApplicantState.from_json(data["applicant"]),
        documents=tuple(DocumentState.from_json(d) for d in data.get("documents") or ()),
        subject=tuple((str(k), str(v)) for k, v in (data.get("subject") or {}).items()),
        provided_by_applicant=tuple(str(k) for k in data.get("provided_by_applicant") or ()),
        agency=str(data.get("agency") or ""), handover_way=HandoverWay(data.get("handover") or "register"),
        result_storage_days=int(data.get("result_storage_days", 30)),
    )


def _documents_changed(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    return replace(state, documents=tuple(DocumentState.from_json(d) for d in data["documents"]))


def _request_sent(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    message_id, replaces = str(data["message_id"]), data.get("replaces")
    if state.request(message_id) is None:
        req = RequestState(message_id, str(data["kind"]), ReqStatus.SENT, sent_at=str(event["occurred_at"]),
                           due_date=data.get("due_date"), replaces=replaces)
        state = replace(state, requests=state.requests + (req,))
    if replaces:
        state = close_request(state, str(replaces), ReqStatus.CANCELLED)
    return settle(replace(state, status=AppStatus.AWAITING_RESPONSES))


def _response_received(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    return settle(close_request(state, str(data["message_id"]), ReqStatus(data["status"]), data.get("answered_at")))


def _decided(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    decision = DecisionState(Outcome(data["outcome"]), str(event["occurred_at"]), str(event["operator"]),
                             data.get("reason"), data.get("legal_ground"))
    return replace(state, decision=decision, status=AppStatus.DECIDED, overrides=override_of(state, event, "decide"),
                   storage_until=storage_until(state, event))


def _issued(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    issued = IssueState.from_json({**data, "issued_at": event["occurred_at"], "operator": event["operator"]})
    return replace(state, issued=issued, status=AppStatus.ISSUED)


def _withdrawn(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    return replace(cancel_open_requests(state), closed_reason=data.get("reason"), status=AppStatus.WITHDRAWN)


def _intake_refused(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    return replace(cancel_open_requests(state), closed_reason=data.get("reason"), status=AppStatus.INTAKE_REFUSED)


def _annotated(state: ApplicationState, event: Event, data: Mapping[str, Any]) -> ApplicationState:
    if data.get("request_closed"):
        state = settle(close_request(state, str(data["request_closed"]),
                                     ReqStatus(data.get("status", ReqStatus.CANCELLED))))
    if data.get("act") in ("handover", "decide"):
        state = replace(state, overrides=override_of(state, event, str(data["act"])))
    if data.get("note"):
        note = NoteState(str(data["note"]), str(event["occurred_at"]), str(event["operator"]))
        state = replace(state, notes=state.notes + (note,))
    return state


HANDLERS: dict[EventType, Handler] = {
    EventType.DOCUMENTS_CHANGED: _documents_changed,
    EventType.REQUEST_SENT: _request_sent,
    EventType.RESPONSE_RECEIVED: _response_received,
    EventType.DECIDED: _decided,
    EventType.ISSUED: _issued,
    EventType.WITHDRAWN: _withdrawn,
    EventType.INTAKE_REFUSED: _intake_refused,
    EventType.ANNOTATED: _annotated,
    **AGENCY_HANDLERS,
}


def apply_event(state: ApplicationState | None, event: Event) -> ApplicationState | None:
    """Return the state after `event`; states are frozen, so the input never changes."""
    etype = EventType.parse(str(event["type"]))
    data: Mapping[str, Any] = event.get("data") or {}
    if etype == EventType.REGISTERED:
        return state if state is not None else registered(event, data)
    if state is None or etype is None:
        return state
    action = ACTION_OF.get(etype)
    open_requests = 0 if action in OVERRIDABLE and data.get("override") else state.open_requests
    if action is not None and action not in allowed_actions(state.status, open_requests, state.decided_by):
        return replace(state, conflicts=state.conflicts + (str(event["event_id"]),))
    handler = HANDLERS.get(etype)
    if handler is None:
        return state
    try:
        return handler(state, event, data)
    except (KeyError, TypeError, ValueError):  # a malformed event from elsewhere: kept aside, never fatal
        return replace(state, conflicts=state.conflicts + (str(event["event_id"]),))


def replay(events: Iterable[Event]) -> ApplicationState | None:
    state: ApplicationState | None = None
    for ev in events:
        state = apply_event(state, ev)
    return state
