"""An application's state as a pure function of its events.

Replaying the same events in the same order always gives the same state; an event that
the state does not allow (two workstations acting at once) is kept in `conflicts`, not applied.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from clerk_app.domain.states import REQ_CLOSED, AppAction, AppStatus, ReqStatus, allowed_actions

EVENT_TYPES = (
    "registered", "documents_changed", "request_sent", "response_received",
    "decided", "issued", "withdrawn", "intake_refused", "annotated",
)

_ACTION_OF = {
    "documents_changed": AppAction.CHANGE_DOCUMENTS,
    "request_sent": AppAction.SEND_REQUESTS,
    "decided": AppAction.DECIDE,
    "issued": AppAction.ISSUE,
    "withdrawn": AppAction.WITHDRAW,
    "intake_refused": AppAction.REFUSE_INTAKE,
}


def open_request_count(state: Mapping[str, Any]) -> int:
    return sum(1 for r in state["requests"] if r["status"] not in REQ_CLOSED)


def _settle(state: dict) -> None:
    if state["status"] == AppStatus.AWAITING_RESPONSES and open_request_count(state) == 0:
        state["status"] = AppStatus.READY_FOR_DECISION.value


def _close_request(state: dict, message_id: str, status: str, **extra: Any) -> None:
    for req in state["requests"]:
        if req["message_id"] == message_id and req["status"] not in REQ_CLOSED:
            req["status"] = status
            req.update(extra)


def apply_event(state: dict | None, event: Mapping[str, Any]) -> dict | None:
    """Return the state after `event` (a new dict; the input is not changed)."""
    etype, data = event["type"], event.get("data") or {}
    if etype == "registered":
        if state is not None:
            return state
        return {
            "id": event["application_id"],
            "number": event["application_number"],
            "service": data["service"],
            "status": AppStatus.REGISTERED.value,
            "registered_at": data["registered_at"],
            "due_date": data["due_date"],
            "due_date_provisional": bool(data.get("due_date_provisional", False)),
            "workstation": event["workstation"],
            "operator": event["operator"],
            "applicant": data["applicant"],
            "documents": data["documents"],
            "subject": data.get("subject") or {},
            "requests": [],
            "decision": None,
            "issued": None,
            "closed_reason": None,
            "notes": [],
            "conflicts": [],
        }
    if state is None:
        return None
    state = copy.deepcopy(state)
    action = _ACTION_OF.get(etype)
    if action is not None:
        allowed = allowed_actions(AppStatus(state["status"]), open_request_count(state))
        if action not in allowed:
            state["conflicts"].append(event["event_id"])
            return state
    if etype == "documents_changed":
        state["documents"] = data["documents"]
    elif etype == "request_sent":
        if not any(r["message_id"] == data["message_id"] for r in state["requests"]):
            state["requests"].append({
                "message_id": data["message_id"], "kind": data["kind"],
                "status": ReqStatus.SENT.value, "sent_at": event["occurred_at"],
                "due_date": data.get("due_date"), "answered_at": None, "replaces": data.get("replaces"),
            })
        if data.get("replaces"):
            _close_request(state, data["replaces"], ReqStatus.CANCELLED.value)
        state["status"] = AppStatus.AWAITING_RESPONSES.value
        _settle(state)
    elif etype == "response_received":
        _close_request(state, data["message_id"], data["status"], answered_at=data.get("answered_at"))
        _settle(state)
    elif etype == "decided":
        state["decision"] = {
            "outcome": data["outcome"], "reason": data.get("reason"),
            "legal_ground": data.get("legal_ground"),
            "decided_at": event["occurred_at"], "operator": event["operator"],
        }
        state["status"] = AppStatus.DECIDED.value
    elif etype == "issued":
        state["issued"] = {"issued_at": event["occurred_at"], "operator": event["operator"]}
        state["status"] = AppStatus.ISSUED.value
    elif etype in ("withdrawn", "intake_refused"):
        for req in state["requests"]:
            if req["status"] not in REQ_CLOSED:
                req["status"] = ReqStatus.CANCELLED.value
        state["closed_reason"] = data.get("reason")
        state["status"] = AppStatus.WITHDRAWN.value if etype == "withdrawn" else AppStatus.INTAKE_REFUSED.value
    elif etype == "annotated":
        if data.get("request_closed"):
            _close_request(state, data["request_closed"], data.get("status", ReqStatus.CANCELLED.value))
            _settle(state)
        if data.get("note"):
            state["notes"].append({"text": data["note"], "at": event["occurred_at"], "operator": event["operator"]})
    return state


def replay(events: Iterable[Mapping[str, Any]]) -> dict | None:
    state: dict | None = None
    for ev in events:
        state = apply_event(state, ev)
    return state
