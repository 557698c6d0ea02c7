"""Events reach the shared register in the order they were made, even when their back-offs differ."""

from __future__ import annotations

from sqlalchemy import select, update

from clerk_app.storage.models import ApplicationEvent, OutboxItem
from clerk_app.sync import events_out
from clerk_app.sync.connection import client_for
from clerk_app.sync.outbox import PushResult
from tests.clerk_app.sync.conftest import ShiftClock, connect, queue_requests, register_many


def _register_order(client) -> list[str]:
    out, cursor = [], None
    while True:
        events, cursor, more = client.pull_events(cursor, 500)
        out += [e["event_id"] for e in events]
        if not more or not events:
            return out


def test_an_event_waiting_out_its_back_off_holds_back_the_newer_ones(tmp_path, sandbox):
    clock = ShiftClock()
    ctx = connect(tmp_path, "ws", sandbox, clock=clock)
    queue_requests(ctx, register_many(ctx, 4))
    with ctx.db.read() as s:
        made = list(s.scalars(select(ApplicationEvent.event_id).order_by(ApplicationEvent.local_seq)))
        items = list(s.scalars(select(OutboxItem.id).where(OutboxItem.kind == "event").order_by(OutboxItem.id)))
    assert len(made) == len(items) == 16
    now = clock().timestamp()
    with ctx.db.write() as s:  # as a failed batch leaves them: each its own random back-off
        s.execute(update(OutboxItem).where(OutboxItem.id == items[3]).values(next_attempt_at=now + 30))
        s.execute(update(OutboxItem).where(OutboxItem.id == items[5]).values(next_attempt_at=now + 5))

    client = client_for(ctx)
    result = PushResult()
    events_out.push_events(ctx, client, result)
    assert result.events_out == 3 and _register_order(client) == made[:3]

    clock.advance(10)  # the newer one is due, the older one is not: nothing overtakes it
    events_out.push_events(ctx, client, result)
    assert result.events_out == 3

    clock.advance(30)
    events_out.push_events(ctx, client, result)
    assert result.events_out == 16 and _register_order(client) == made
    client.close()
