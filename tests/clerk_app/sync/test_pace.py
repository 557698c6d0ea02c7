"""How many sends run at once: eight against a far gateway, one when threads only add switching."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from clerk_app.gateway.client import POOL_SIZE, GatewayClient
from clerk_app.storage.models import InteragencyRequest, OutboxItem
from clerk_app.sync import outbox
from clerk_app.sync.pace import CHUNK, POOL_PROBE, SINGLE_PROBE, Pace
from tests.clerk_app.sync.conftest import queue_requests, register_many
from tests.factories import make_context


def _chunks(pace: Pace, rates: dict[int, float]) -> list[tuple[int, int]]:
    out = []
    while pace.done < pace.total:
        size, width = pace.next_chunk()
        size = min(size, pace.total - pace.done)
        out.append((size, width))
        pace.observe(width, size, size / rates[width])
    return out


def test_a_short_pass_sends_eight_at_a_time():
    assert _chunks(Pace(8, 40), {8: 100.0}) == [(40, 8)]


def test_a_far_gateway_keeps_eight_at_a_time():
    chunks = _chunks(Pace(8, 1000), {1: 20.0, 8: 150.0})
    assert chunks[:2] == [(SINGLE_PROBE, 1), (POOL_PROBE, 8)]
    assert {width for _, width in chunks[2:]} == {8} and chunks[2][0] == CHUNK
    assert sum(size for size, _ in chunks) == 1000


def test_a_gateway_faster_than_the_client_is_sent_to_one_at_a_time():
    chunks = _chunks(Pace(8, 1000), {1: 900.0, 8: 600.0})
    assert {width for _, width in chunks[2:]} == {1}


def test_a_near_tie_goes_one_at_a_time():
    chunks = _chunks(Pace(8, 1000), {1: 100.0, 8: 115.0})
    assert {width for _, width in chunks[2:]} == {1}


class _SlowGateway(ThreadingHTTPServer):
    """Accepts every message after a delay and records how many were in flight at once."""

    daemon_threads = True

    def __init__(self, delay: float) -> None:
        self.delay, self.in_flight, self.most, self.seen = delay, 0, 0, []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _SlowGateway

    def log_message(self, *args: object) -> None:
        return None

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            self.server.in_flight += 1
            self.server.most = max(self.server.most, self.server.in_flight)
        time.sleep(self.server.delay)
        with self.server.lock:
            self.server.in_flight -= 1
            self.server.seen.append(body["message_id"])
        raw = json.dumps({"message_id": body["message_id"], "status": "accepted"}).encode()
        self.send_response(202)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


@pytest.fixture
def slow_gateway():
    server = _SlowGateway(delay=0.03)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_far_gateway_gets_eight_requests_at_once_never_more(tmp_path, slow_gateway):
    ctx = make_context(tmp_path / "ws")
    ids = queue_requests(ctx, register_many(ctx, 50))
    assert len(ids) >= 2 * (SINGLE_PROBE + POOL_PROBE)
    client = GatewayClient(f"http://127.0.0.1:{slow_gateway.server_address[1]}/api/v1", "t", "34-001", "34-001-07")
    result = outbox.PushResult()
    try:
        outbox.push_messages(ctx, client, result)
    finally:
        client.close()
    assert result.sent == len(ids) and sorted(slow_gateway.seen) == sorted(ids)
    assert slow_gateway.most == POOL_SIZE
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem)
                        .where(OutboxItem.kind == "message", OutboxItem.state != "done")) == 0
        assert s.scalar(select(func.count()).select_from(InteragencyRequest)
                        .where(InteragencyRequest.status != "sent")) == 0
