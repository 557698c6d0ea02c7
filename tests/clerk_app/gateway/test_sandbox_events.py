"""The centre's shared register: idempotent push, pull with cursor and more."""

from __future__ import annotations

import pytest

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.sandbox import SandboxServer
from tests.clerk_app.gateway.sandbox_data import make_event


@pytest.fixture
def centre_sandbox(catalogue_file):
    """A server of its own: the event log is per centre, so tests must not share it."""
    tokens = {"token-34-001": "34-001", "token-34-002": "34-002"}
    with SandboxServer(catalogue_path=catalogue_file, tokens=tokens) as server:
        yield server


def _client(server, centre="34-001", workstation="34-001-07"):
    return GatewayClient(server.base_url, f"token-{centre}", centre, workstation)


def test_push_is_idempotent_and_pull_pages_with_cursor(centre_sandbox):
    window3, window7 = _client(centre_sandbox, workstation="34-001-03"), _client(centre_sandbox)
    events = [make_event("registered", data={"service": "housing_subsidy"})] + [
        make_event("annotated", data={"note": f"заметка {i}"}) for i in range(4)
    ]
    accepted, rejected = window7.push_events(events)
    assert accepted == [e["event_id"] for e in events] and rejected == []
    accepted, rejected = window7.push_events(events[:2])  # a retry
    assert accepted == [e["event_id"] for e in events[:2]] and rejected == []

    page, cursor, more = window3.pull_events(limit=3)
    assert [e["event_id"] for e in page] == [e["event_id"] for e in events[:3]] and more is True
    seqs = [e["seq"] for e in page]
    assert seqs == sorted(seqs) and cursor == str(seqs[-1])
    assert page[0]["data"] == {"service": "housing_subsidy"} and page[0]["workstation"] == "34-001-07"
    rest, cursor, more = window3.pull_events(after=cursor, limit=3)
    assert [e["event_id"] for e in rest] == [e["event_id"] for e in events[3:]] and more is False
    empty, same_cursor, more = window3.pull_events(after=cursor)
    assert empty == [] and same_cursor == cursor and more is False


def test_centres_do_not_see_each_other(centre_sandbox):
    _client(centre_sandbox).push_events([make_event()])
    events, cursor, more = _client(centre_sandbox, "34-002", "34-002-01").pull_events()
    assert events == [] and more is False


def test_malformed_and_conflicting_events_are_rejected_one_by_one(centre_sandbox):
    client = _client(centre_sandbox)
    good = make_event()
    client.push_events([good])
    bad_type = make_event(7)
    conflicting = dict(good, operator="someone.else")
    accepted, rejected = client.push_events([bad_type, conflicting, make_event("issued")])
    assert len(accepted) == 1
    errors = {r["event_id"]: r["error"] for r in rejected}
    assert errors[bad_type["event_id"]]["code"] == "validation_failed"
    assert errors[bad_type["event_id"]]["field"] == "type"
    assert errors[good["event_id"]]["code"] == "idempotency_conflict"
    events, _, _ = client.pull_events()
    assert len(events) == 2


def test_unknown_event_types_are_stored_and_passed_on(centre_sandbox):
    client = _client(centre_sandbox)
    newer = make_event("exploded", data={"what": "a type from a newer workstation"})
    v2 = [make_event(t) for t in ("handed_over", "agency_accepted", "case_returned", "result_received",
                                  "returned_to_agency")]
    accepted, rejected = client.push_events([newer, *v2])
    assert rejected == [] and len(accepted) == 6
    events, _, _ = _client(centre_sandbox, workstation="34-001-09").pull_events()
    got = {e["event_id"]: e for e in events}
    assert got[newer["event_id"]]["type"] == "exploded"
    assert got[newer["event_id"]]["data"] == {"what": "a type from a newer workstation"}


def test_more_than_500_events_in_one_call_is_refused(centre_sandbox):
    import requests

    body = {"events": [make_event() for _ in range(501)]}
    answer = requests.post(f"{centre_sandbox.base_url}/events", json=body, timeout=10, headers={
        "Authorization": "Bearer token-34-001", "X-Centre-Code": "34-001", "X-Workstation-Id": "34-001-07"})
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "events"


def test_client_splits_large_pushes_into_batches(centre_sandbox):
    client = _client(centre_sandbox)
    events = [make_event() for _ in range(620)]
    accepted, rejected = client.push_events(events)
    assert len(accepted) == 620 and rejected == []
    pulled, cursor, more = client.pull_events(limit=500)
    assert len(pulled) == 500 and more is True
    tail, _, more = client.pull_events(after=cursor, limit=500)
    assert len(tail) == 120 and more is False


def test_bad_cursor_is_422(centre_sandbox):
    from clerk_app.gateway.errors import PermanentError

    with pytest.raises(PermanentError) as caught:
        _client(centre_sandbox).pull_events(after="abc")
    assert caught.value.status == 422 and caught.value.field == "after"
