"""How many sends run at once: eight against a far gateway, one when threads only add switching."""

from __future__ import annotations

from sqlalchemy import func, select

from clerk_app.gateway.client import POOL_SIZE
from clerk_app.storage.models import InteragencyRequest, OutboxItem
from clerk_app.sync import outbox
from clerk_app.sync.connection import client_for
from clerk_app.sync.pace import CHUNK, POOL_PROBE, SINGLE_PROBE, Pace
from tests.clerk_app.sync.conftest import connect, queue_requests, register_many
from tests.clerk_app.sync.poison_proxy import PoisonProxy


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


def test_a_far_gateway_gets_eight_requests_at_once_never_more(tmp_path, sandbox):
    with PoisonProxy(sandbox) as far:
        far.delay = 0.03
        ctx = connect(tmp_path, "ws", far)
        ids = queue_requests(ctx, register_many(ctx, 50))
        assert len(ids) >= 2 * (SINGLE_PROBE + POOL_PROBE)
        result = outbox.PushResult()
        with client_for(ctx) as client:
            outbox.push_messages(ctx, client, result)
        assert far.most_in_flight == POOL_SIZE
        after_probes = far.arrivals[SINGLE_PROBE + POOL_PROBE:]  # the sends after the two probes
        assert len(after_probes) == len(ids) - SINGLE_PROBE - POOL_PROBE and max(after_probes) == POOL_SIZE
    assert result.sent == len(ids) and all(sandbox.store.count_messages(mid) == 1 for mid in ids)
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem)
                        .where(OutboxItem.kind == "message", OutboxItem.state != "done")) == 0
        assert s.scalar(select(func.count()).select_from(InteragencyRequest)
                        .where(InteragencyRequest.status != "sent")) == 0
