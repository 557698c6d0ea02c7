"""An application's state is a pure function of its events."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.projection import replay


def ev(etype, data=None, app="A", when="2026-11-26T10:00:00+03:00"):
    return {"event_id": str(uuid.uuid4()), "application_id": app, "application_number": "34-001-07-2026-000001",
            "type": etype, "occurred_at": when, "workstation": "34-001-07", "operator": "op", "data": data or {}}


REGISTERED = ev("registered", {
    "service": "housing_subsidy", "registered_at": "2026-11-26T10:00:00+03:00", "due_date": "2026-12-10",
    "applicant": {"full_name": "Иванова Мария Петровна"}, "documents": [], "subject": {}})


def test_request_cycle_moves_to_ready_then_decided():
    events = [REGISTERED, ev("request_sent", {"message_id": "m1", "kind": "egrn_extract"}),
              ev("request_sent", {"message_id": "m2", "kind": "fns_income"})]
    assert replay(events).status == "awaiting_responses"
    events.append(ev("response_received", {"message_id": "m1", "status": "answered"}))
    assert replay(events).status == "awaiting_responses"
    events.append(ev("decided", {"outcome": "approved"}))  # illegal now: a request is open
    state = replay(events)
    assert state.status == "awaiting_responses" and state.conflicts == (events[-1]["event_id"],)
    events.append(ev("response_received", {"message_id": "m2", "status": "rejected"}))
    assert replay(events).status == "ready_for_decision"
    events.append(ev("decided", {"outcome": "refused", "reason": "нет права"}))
    events.append(ev("issued"))
    state = replay(events)
    assert state.status == "issued" and state.decision.outcome == "refused"


def test_withdraw_cancels_open_requests():
    state = replay([REGISTERED, ev("request_sent", {"message_id": "m1", "kind": "k"}), ev("withdrawn", {"reason": "x"})])
    assert state.status == "withdrawn" and state.requests[0].status == "cancelled"


def test_events_before_registration_and_duplicates_change_nothing():
    assert replay([ev("decided", {"outcome": "approved"})]) is None
    once = replay([REGISTERED, ev("request_sent", {"message_id": "m1", "kind": "k"})])
    sent = ev("request_sent", {"message_id": "m1", "kind": "k"})
    twice = replay([REGISTERED, sent, sent])
    assert [r.message_id for r in twice.requests] == [r.message_id for r in once.requests]


ACTIONS = st.lists(st.sampled_from([
    ("request_sent", {"message_id": "m1", "kind": "k"}), ("request_sent", {"message_id": "m2", "kind": "k"}),
    ("response_received", {"message_id": "m1", "status": "answered"}),
    ("response_received", {"message_id": "m2", "status": "error"}),
    ("decided", {"outcome": "approved"}), ("issued", {}), ("withdrawn", {"reason": "r"}),
    ("intake_refused", {"reason": "r"}), ("documents_changed", {"documents": []}),
]), max_size=12)


@given(ACTIONS)
def test_replay_is_deterministic_and_statuses_are_consistent(actions):
    events = [REGISTERED] + [ev(t, d) for t, d in actions]
    a, b = replay(events), replay(list(events))
    assert a == b
    if a.status in ("decided", "issued"):
        assert a.decision is not None
        assert all(r.status != "sent" for r in a.requests)
