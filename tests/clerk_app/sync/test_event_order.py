"""Events reach the shared register in the order they were made, even when their back-offs differ."""

from __future__ import annotations

from sqlalchemy import select, update

from clerk_app.gateway.client import GatewayClient
from clerk_app.services import attention
from clerk_app.storage.models import ApplicationEvent, OutboxItem
from clerk_app.sync import events_out
from clerk_app.sync.connection import client_for
from clerk_app.sync.outbox import PushResult
from tests.clerk_app.sync.conftest import ShiftClock, connect, queue_requests, register_many
from tests.factories import CLERK


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


class SilentClient(GatewayClient):
    """A gateway that neither takes nor refuses one particular event (it leaves it out of its answer)."""

    silent: str = ""

    def push_events(self, events):
        return super().push_events([e for e in events if e["event_id"] != self.silent])


def test_an_event_the_gateway_never_answers_for_goes_to_attention_after_five_batches(tmp_path, sandbox):
    clock = ShiftClock()
    ctx = connect(tmp_path, "ws", sandbox, clock=clock)
    numbers = register_many(ctx, 6)
    with ctx.db.read() as s:
        made = list(s.scalars(select(ApplicationEvent.event_id).order_by(ApplicationEvent.local_seq)))
    client = SilentClient(sandbox.base_url, sandbox.token_for("34-001", "34-001-07"), "34-001", "34-001-07")
    client.silent = made[2]
    result = PushResult()
    events_out.push_events(ctx, client, result)
    assert result.events_out == 5 and result.failed == 0

    register_many(ctx, 1, start=len(numbers) + 1)  # newer than the silent one: waits while it backs off
    events_out.push_events(ctx, client, result)
    assert result.events_out == 5
    for _ in range(events_out.UNANSWERED_LIMIT - 1):
        clock.advance(400)
        events_out.push_events(ctx, client, result)
    assert result.failed == 1 and result.errors == [events_out.UNANSWERED]
    with ctx.db.read() as s:
        everything = list(s.scalars(select(ApplicationEvent.event_id).order_by(ApplicationEvent.local_seq)))
        assert s.scalar(select(OutboxItem.state).where(OutboxItem.ref_id == made[2])) == "needs_attention"
    assert result.events_out == len(everything) - 1
    assert _register_order(client) == [e for e in everything if e != made[2]]
    waiting = attention.list_attention(ctx, CLERK)
    assert [(w.message_id, w.error) for w in waiting] == [(made[2], events_out.UNANSWERED)]
    assert waiting[0].kind_name == "событие «Заявление зарегистрировано»"
    client.close()
