"""The hub: issued tokens bound to their centre and workstation; one centre never reads another's data."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import AuthError
from clerk_app.gateway.hub.tokens import TokenRegistry
from clerk_app.gateway.sandbox.auth import CACHE_SECONDS
from clerk_app.gateway.sandbox import SandboxServer
from tests.clerk_app.gateway.sandbox_data import make_event, make_message
from tests.gateway_backend import gateway_db_url


@pytest.fixture
def hub(catalogue_file, tmp_path):
    with SandboxServer(db_url=gateway_db_url(tmp_path), catalogue_path=catalogue_file, answer_delay=0.0,
                       tokens={}) as server:
        yield server


def _get(server, path, token, centre, workstation):
    return requests.get(f"{server.base_url}{path}", timeout=10, headers={
        "Authorization": f"Bearer {token}", "X-Centre-Code": centre, "X-Workstation-Id": workstation})


def test_hub_refuses_the_training_tokens_and_wrong_headers(hub):
    token = hub.issue_token("34-001", "34-001-07")
    assert _get(hub, "/catalogue", token, "34-001", "34-001-07").status_code == 200
    for training in ("sandbox-token", "sandbox-token-34-002"):
        assert _get(hub, "/catalogue", training, "34-001", "34-001-07").status_code == 401
    wrong_centre = _get(hub, "/catalogue", token, "34-002", "34-001-07")
    assert wrong_centre.status_code == 401 and wrong_centre.json()["error"]["code"] == "centre_mismatch"
    wrong_window = _get(hub, "/catalogue", token, "34-001", "34-001-08")
    assert wrong_window.status_code == 401 and wrong_window.json()["error"]["code"] == "workstation_mismatch"
    assert _get(hub, "/catalogue", token + "x", "34-001", "34-001-07").status_code == 401
    assert _get(hub, "/health", "", "", "").status_code == 200  # health needs no token


def test_another_centres_token_reads_nothing_of_this_centre(hub):
    mine = GatewayClient(hub.base_url, hub.issue_token("34-001", "34-001-07"), "34-001", "34-001-07")
    theirs_token = hub.issue_token("34-002", "34-002-01")
    theirs = GatewayClient(hub.base_url, theirs_token, "34-002", "34-002-01")
    message = make_message()
    mine.send_message(message)
    mine.push_events([make_event(workstation="34-001-07")])

    # their own token with this centre's headers: refused outright
    for path in ("/responses", "/events", f"/messages/{message['message_id']}"):
        assert _get(hub, path, theirs_token, "34-001", "34-001-07").status_code == 401
    # with their own headers: nothing of this centre is visible
    assert theirs.fetch_responses()[0] == []
    assert theirs.pull_events()[0] == []
    assert _get(hub, f"/messages/{message['message_id']}", theirs_token, "34-002", "34-002-01").status_code == 404
    cancel = requests.post(f"{hub.base_url}/messages/{message['message_id']}/cancel", timeout=10, headers={
        "Authorization": f"Bearer {theirs_token}", "X-Centre-Code": "34-002", "X-Workstation-Id": "34-002-01"})
    assert cancel.status_code == 404
    # the answer still waits for its own workstation, and for no other window of the centre
    other_window = GatewayClient(hub.base_url, hub.issue_token("34-001", "34-001-08"), "34-001", "34-001-08")
    assert other_window.fetch_responses()[0] == []
    answers, _ = mine.fetch_responses()
    assert [a["message_id"] for a in answers] == [message["message_id"]]
    assert len(other_window.pull_events()[0]) == 1  # the register is the centre's
    for client in (mine, theirs, other_window):
        client.close()


def test_revoked_and_expired_tokens_are_refused(hub):
    registry = TokenRegistry(hub.store.db)
    token = hub.issue_token("34-001", "34-001-07")
    client = GatewayClient(hub.base_url, token, "34-001", "34-001-07")
    assert client.pull_events()[0] == []
    assert registry.revoke("34-001-07") == 1
    time.sleep(CACHE_SECONDS + 0.1)  # a server reuses a live token's lookup for up to a second
    with pytest.raises(AuthError):
        client.pull_events()
    assert registry.revoke("34-001-07") == 0

    short = registry.issue("34-001", "34-001-09", days=1 / 86400)  # one second
    expiring = GatewayClient(hub.base_url, short.secret, "34-001", "34-001-09")
    assert expiring.pull_events()[0] == []
    time.sleep(1.2)
    with pytest.raises(AuthError):
        expiring.pull_events()
    states = {(t["workstation"], t["state"]) for t in registry.list()}
    assert states == {("34-001-07", "revoked"), ("34-001-09", "expired")}
    assert all("secret" not in t and "token_sha256" not in t for t in registry.list())
    client.close()
    expiring.close()


def test_tokens_are_stored_hashed(hub):
    token = hub.issue_token("34-001", "34-001-07")
    with hub.store.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.exec_driver_sql("SELECT * FROM gateway_tokens") for v in row)
    assert token not in dump and token.removeprefix("hub_") not in dump


def test_hub_refuses_events_claiming_another_workstation(hub):
    client = GatewayClient(hub.base_url, hub.issue_token("34-001", "34-001-07"), "34-001", "34-001-07")
    own, forged = make_event(workstation="34-001-07"), make_event(workstation="34-001-08", operator="boss")
    accepted, rejected = client.push_events([own, forged])
    assert accepted == [own["event_id"]]
    assert [(r["event_id"], r["error"]["field"]) for r in rejected] == [(forged["event_id"], "workstation")]
    pulled = client.pull_events()[0]
    assert [(e["event_id"], e["origin_workstation"]) for e in pulled] == [(own["event_id"], "34-001-07")]
    client.close()


def test_sandbox_ties_a_workstation_to_its_token(catalogue_file):
    """Issue 15, item 3: another token of the centre cannot act as a window that already has one."""
    tokens = {"training-a": "34-001", "training-b": "34-001"}
    with SandboxServer(catalogue_path=catalogue_file, answer_delay=0.0, tokens=tokens) as server:
        window = f"34-001-{uuid.uuid4().hex[:4]}"
        first = GatewayClient(server.base_url, "training-a", "34-001", window)
        first.send_message(make_message())
        intruder = _get(server, "/responses", "training-b", "34-001", window)
        assert intruder.status_code == 401 and intruder.json()["error"]["code"] == "workstation_mismatch"
        assert len(first.fetch_responses()[0]) == 1

        issued_window = f"34-001-{uuid.uuid4().hex[:4]}"
        issued = server.issue_token("34-001", issued_window)
        assert _get(server, "/responses", issued, "34-001", issued_window).status_code == 200
        assert _get(server, "/responses", "training-a", "34-001", issued_window).status_code == 401
        first.close()


def test_another_centre_never_reads_this_centres_cases(hub):
    from tests.clerk_app.gateway.sandbox_data import make_case
    from tests.clerk_app.gateway.test_sandbox_cases import EVEN_SNILS

    mine = GatewayClient(hub.base_url, hub.issue_token("34-001", "34-001-07"), "34-001", "34-001-07")
    theirs_token = hub.issue_token("34-002", "34-002-01")
    case = make_case(EVEN_SNILS)
    assert mine.send_case(case)["status"] == "accepted"
    assert _get(hub, f"/cases/{case['case_id']}", theirs_token, "34-001", "34-001-07").status_code == 401
    assert _get(hub, f"/cases/{case['case_id']}", theirs_token, "34-002", "34-002-01").status_code == 404
    theirs = GatewayClient(hub.base_url, theirs_token, "34-002", "34-002-01")
    assert theirs.fetch_responses()[0] == []  # no case_status items of the other centre
    assert mine.case_status(case["case_id"])["case_id"] == case["case_id"]
    mine.close()
    theirs.close()
