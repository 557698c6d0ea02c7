"""Fault injection: the client sees only transient errors, and retries never duplicate anything."""

from __future__ import annotations

import time

import pytest

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import GatewayError, RateLimited, TransientError
from clerk_app.gateway.sandbox import SandboxServer
from tests.clerk_app.gateway.sandbox_data import make_event, make_message


def _retry(call, attempts=200):
    """What the outbox does, minus the real back-off: repeat transient failures until success."""
    for _ in range(attempts):
        try:
            return call()
        except TransientError as exc:
            if isinstance(exc, RateLimited):
                assert exc.retry_after == 1.0
            time.sleep(0.005)
    raise AssertionError("the call never succeeded")


@pytest.fixture
def flaky(catalogue_file):
    with SandboxServer(catalogue_path=catalogue_file, answer_delay=0.0, visibility_timeout=0.3,
                       fail_rate=1.0, seed=11) as server:
        yield server


def test_every_call_fails_transiently_at_fail_rate_one(flaky):
    client = GatewayClient(flaky.base_url, flaky.token, flaky.centre_code, "34-001-07")
    calls = [
        lambda: client.catalogue(),
        lambda: client.send_message(make_message()),
        lambda: client.fetch_responses(),
        lambda: client.ack_responses(["x"]),
        lambda: client.push_events([make_event()]),
        lambda: client.pull_events(),
        lambda: client.message_status(make_message()["message_id"]),
    ]
    for _ in range(4):
        for call in calls:
            with pytest.raises(TransientError):
                call()
    assert client.health()["status"] == "ok"  # /health is never failed on purpose
    assert flaky.faults.injected["drop"] + flaky.faults.injected["drop_after"] > 0
    assert flaky.faults.injected["rate_limited"] > 0


def test_posts_are_never_retried_by_the_client(flaky):
    client = GatewayClient(flaky.base_url, flaky.token, flaky.centre_code, "34-001-07")
    for n in range(1, 11):
        with pytest.raises(TransientError):
            client.send_message(make_message())
        assert sum(flaky.faults.injected.values()) == n


def test_gets_are_retried_by_the_client(flaky):
    client = GatewayClient(flaky.base_url, flaky.token, flaky.centre_code, "34-001-07")
    for _ in range(10):
        with pytest.raises(TransientError):
            client.pull_events()
    assert sum(flaky.faults.injected.values()) > 10


def test_half_failing_gateway_stores_each_message_event_and_answer_exactly_once(catalogue_file):
    with SandboxServer(catalogue_path=catalogue_file, answer_delay=0.0, visibility_timeout=0.2,
                       fail_rate=0.5, seed=3) as server:
        client = GatewayClient(server.base_url, server.token, server.centre_code, "34-001-07")
        messages = [make_message() for _ in range(15)]
        for message in messages:
            assert _retry(lambda: client.send_message(message))["status"] == "accepted"
        events = [make_event() for _ in range(15)]
        for event in events:
            assert _retry(lambda: client.push_events([event])) == ([event["event_id"]], [])

        stored: dict[str, dict] = {}  # the client's durable store, keyed by response_id
        deadline = time.monotonic() + 15
        while len(stored) < len(messages) and time.monotonic() < deadline:
            try:
                answers, _ = client.fetch_responses()
            except TransientError:
                continue
            for answer in answers:
                stored.setdefault(answer["response_id"], answer)
            if answers:
                try:
                    client.ack_responses([a["response_id"] for a in answers])
                except TransientError:
                    pass  # unacknowledged answers come back after the visibility timeout
            else:
                time.sleep(0.05)
        after_faults = server.faults.injected["unavailable_after"] + server.faults.injected["drop_after"]
        server.faults.fail_rate = 0.0

        assert after_faults > 0  # some calls failed after the gateway had done the work
        assert server.store.count_messages() == len(messages)
        for message in messages:
            assert server.store.count_messages(message["message_id"]) == 1
            assert client.message_status(message["message_id"])["status"] == "answered"
        assert sorted(a["message_id"] for a in stored.values()) == sorted(m["message_id"] for m in messages)
        pulled, _, more = client.pull_events(limit=500)
        assert sorted(e["event_id"] for e in pulled) == sorted(e["event_id"] for e in events) and not more
        # Every answer was eventually acknowledged or is still waiting to be (not lost).
        time.sleep(0.25)
        leftovers, _ = client.fetch_responses(limit=500)
        assert {a["response_id"] for a in leftovers} <= set(stored)


def test_errors_carry_status_and_russian_message(flaky):
    client = GatewayClient(flaky.base_url, flaky.token, flaky.centre_code, "34-001-07")
    seen: set[int | None] = set()
    for _ in range(40):
        try:
            client.send_message(make_message())
        except GatewayError as exc:
            assert isinstance(exc, TransientError) and exc.message
            seen.add(exc.status)
    assert {429, 503} <= seen
