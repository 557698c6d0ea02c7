"""The gateway store under concurrency (SQLite here; PostgreSQL when CLERK_APP_TEST_PG is set)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from clerk_app.gateway.sandbox import agencies
from clerk_app.gateway.sandbox.store import SandboxStore
from tests.clerk_app.gateway.sandbox_data import make_event, make_message
from tests.gateway_backend import gateway_db_url


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    s = SandboxStore(gateway_db_url(tmp_path), answerer=agencies.answer, clock=clock)
    yield s
    s.close()


def _together(n, work):
    """Run work(i) in n threads released at the same moment; their results in order."""
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def test_racing_inserts_of_one_message_id_store_it_once(store):
    message = make_message()
    body = json.dumps(message, ensure_ascii=False, sort_keys=True)
    outcomes = _together(8, lambda i: store.insert_message(
        message_id=message["message_id"], centre="34-001", workstation=f"34-001-0{i}", kind=message["kind"],
        body=body, sha256="same", answer_delay=0)[0])
    assert sorted(outcomes) == ["created"] + ["replayed"] * 7
    assert store.count_messages(message["message_id"]) == 1
    other = store.insert_message(message_id=message["message_id"], centre="34-001", workstation="34-001-01",
                                 kind=message["kind"], body=body, sha256="different", answer_delay=0)
    assert other[0] == "conflict"


def test_racing_pushes_of_one_event_from_two_centres(store):
    event = make_event()
    body = json.dumps(event)
    outcomes = _together(2, lambda i: store.add_events(f"34-00{i + 1}", [(event["event_id"], body, "x")]))
    assert sorted(o[event["event_id"]] for o in outcomes) == ["accepted", "conflict"]
    seen = [len(store.events_after(c, 0, 10)[0]) for c in ("34-001", "34-002")]
    assert sorted(seen) == [0, 1]


def test_concurrent_pushes_number_a_centre_without_gaps_and_a_reader_never_skips(store):
    writers, per_writer, batch = 6, 60, 4
    done = threading.Event()
    seen: list[int] = []

    def read() -> None:
        cursor = 0
        while True:
            finished = done.is_set()
            events, cursor, more = store.events_after("34-001", cursor, 7)
            seen.extend(e["seq"] for e in events)
            if finished and not events and not more:
                return

    reader = threading.Thread(target=read)
    reader.start()

    def write(i: int) -> None:
        for start in range(0, per_writer, batch):
            items = []
            for _ in range(batch):
                event = make_event(workstation=f"34-001-0{i}")
                items.append((event["event_id"], json.dumps(event), uuid.uuid4().hex))
            store.add_events("34-001", items, f"34-001-0{i}")
            store.add_events("34-002", items[:1], "34-002-01") if i == 0 else None  # another centre, in between

    _together(writers, write)
    done.set()
    reader.join(60)
    total = writers * per_writer
    all_seqs = [e["seq"] for e in store.events_after("34-001", 0, 500)[0]]
    assert all_seqs == list(range(1, total + 1))  # gap-free, in order
    assert seen == all_seqs  # the reader, paging while writers ran, saw each event once and in order
    assert store.last_event_seq("34-001") == total
    other = [e["seq"] for e in store.events_after("34-002", 0, 500)[0]]
    assert other == list(range(1, len(other) + 1))


def test_concurrent_leases_never_hand_one_answer_to_two_callers(store, clock):
    ids = []
    for _ in range(40):
        message = make_message()
        store.insert_message(message_id=message["message_id"], centre="34-001", workstation="34-001-07",
                             kind=message["kind"], body=json.dumps(message), sha256=uuid.uuid4().hex, answer_delay=0)
        ids.append(message["message_id"])
    clock.now += 1
    leased = _together(8, lambda i: [a["message_id"] for a in store.lease_responses("34-001-07", "34-001", 5, 30)[0]])
    flat = [m for batch in leased for m in batch]
    # a caller skips rows another is leasing at that moment (SKIP LOCKED), so it may get fewer than 5
    flat += [a["message_id"] for a in store.lease_responses("34-001-07", "34-001", 100, 30)[0]]
    assert len(flat) == len(set(flat)) == 40 and set(flat) == set(ids)
    assert store.lease_responses("34-001-07", "34-001", 100, 30)[0] == []  # all leased: none offered now

    by_message = {}
    clock.now += 31  # the visibility timeout passed: unacknowledged answers come back, once each
    again = _together(4, lambda i: store.lease_responses("34-001-07", "34-001", 100, 30)[0])
    for batch in again:
        for answer in batch:
            assert answer["message_id"] not in by_message
            by_message[answer["message_id"]] = answer["response_id"]
    assert set(by_message) == set(ids)
    acked = list(by_message.values())[:25]
    assert store.ack_responses("34-001-07", "34-001", acked) == 25
    clock.now += 31
    back = [a["response_id"] for a in store.lease_responses("34-001-07", "34-001", 100, 30)[0]]
    assert len(back) == 15 and not set(back) & set(acked)  # acknowledged answers never return
    assert store.lease_responses("34-001-08", "34-001", 100, 30)[0] == []  # nor go to another window


def test_two_workstations_sending_one_message_id_over_http(sandbox):
    message = make_message()

    def post(i):
        return requests.post(f"{sandbox.base_url}/messages", json=message, timeout=10, headers={
            "Authorization": f"Bearer {sandbox.token}", "X-Centre-Code": sandbox.centre_code,
            "X-Workstation-Id": f"34-001-race{i}"}).status_code

    assert sorted(_together(2, post)) == [200, 202]
    assert sandbox.store.count_messages(message["message_id"]) == 1
