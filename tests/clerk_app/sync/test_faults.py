"""A flaky gateway: every request is delivered exactly once; a refused one waits for the clerk."""

from __future__ import annotations

import time

from sqlalchemy import func, select, update

from clerk_app.services import queries
from clerk_app.storage.models import ApplicationEvent, InteragencyRequest, OutboxItem, Response
from clerk_app.services import attention
from clerk_app.sync.engine import SyncEngine
from tests.clerk_app.sync.conftest import ShiftClock, connect, queue_requests, register_many
from tests.factories import CLERK


def _sync_until_quiet(engine, clock, max_passes=400):
    for _ in range(max_passes):
        summary = engine.run_pass()
        if summary.online and summary.pending == 0:
            return summary
        clock.advance(summary.next_due_in + 0.1 if summary.next_due_in is not None else 1.0)
    raise AssertionError(f"outbox did not drain: {summary}")


def test_fail_rate_delivers_500_exactly_once_and_422_waits(tmp_path, sandbox):
    clock = ShiftClock()
    ctx = connect(tmp_path, "ws", sandbox, clock=clock)
    numbers = register_many(ctx, 167)
    ids = queue_requests(ctx, numbers)[:500]
    assert len(ids) == 500
    bad = ids[250]
    with ctx.db.write() as s:  # a kind the gateway does not know: a permanent 422
        item = s.scalar(select(OutboxItem).where(OutboxItem.ref_id == bad))
        s.execute(update(OutboxItem).where(OutboxItem.id == item.id)
                  .values(body={**item.body, "kind": "unknown_kind"}))
    with ctx.db.read() as s:
        bodies = {i.ref_id: i.body for i in s.scalars(select(OutboxItem).where(OutboxItem.kind == "message"))}

    sandbox.faults.fail_rate = 0.3
    engine = SyncEngine(ctx)
    _sync_until_quiet(engine, clock)
    sandbox.faults.fail_rate = 0.0
    assert sum(sandbox.faults.injected.values()) > 50

    for mid in bodies:
        assert sandbox.store.count_messages(mid) == (0 if mid == bad else 1), mid
    assert sandbox.store.count_messages() == len(bodies) - 1

    with ctx.db.read() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.ref_id == bad))
        assert item.state == "needs_attention" and item.last_error
        assert s.get(InteragencyRequest, bad).status == "needs_attention"
    waiting = attention.list_attention(ctx, CLERK)
    assert [w.message_id for w in waiting] == [bad]

    # an answer whose page was lost comes again when its lease ends: the sandbox's 1 s of real time
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        summary = engine.run_pass()
        with ctx.db.read() as s:
            answers = s.scalar(select(func.count()).select_from(Response))
        if answers == len(bodies) - 1 and summary.pending == 0:
            break
        clock.advance(2)
        time.sleep(0.2)
    assert answers == len(bodies) - 1

    new_id = attention.resend(ctx, CLERK, bad, dict(waiting[0].subject))
    _sync_until_quiet(engine, clock)
    assert sandbox.store.count_messages(new_id) == 1
    assert attention.list_attention(ctx, CLERK) == []
    number = [n for n in numbers if n.endswith(f"{251 // 3 + 1:06d}")]
    assert number  # the application of the refused request still lists it, closed, and the new one
    app = queries.show(ctx, CLERK, number[0]).to_json()
    assert {r["message_id"] for r in app["requests"]} >= {bad, new_id}

    # retries with their own back-offs never reordered the register: it holds the events as they were made
    engine.run_pass()  # takes back the last events pushed with their numbers
    with ctx.db.read() as s:
        made = list(s.scalars(select(ApplicationEvent.event_id).order_by(ApplicationEvent.local_seq)))
        in_register = list(s.scalars(select(ApplicationEvent.event_id).order_by(ApplicationEvent.seq)))
        assert s.scalar(select(func.count()).select_from(ApplicationEvent)
                        .where(ApplicationEvent.seq.is_(None))) == 0
    assert in_register == made


def test_refused_message_needs_attention_after_one_attempt(tmp_path, sandbox):
    ctx = connect(tmp_path, "ws", sandbox)
    ids = queue_requests(ctx, register_many(ctx, 1))
    with ctx.db.write() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.ref_id == ids[0]))
        s.execute(update(OutboxItem).where(OutboxItem.id == item.id)
                  .values(body={**item.body, "recipient": "ZAGS-34"}))
    summary = SyncEngine(ctx).run_pass()
    assert (summary.sent, summary.failed, summary.needs_attention) == (2, 1, 1)
    with ctx.db.read() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.ref_id == ids[0]))
        assert (item.state, item.attempts) == ("needs_attention", 1)
        assert "ZAGS-34" in item.last_error or "recipient" in item.last_error
    waiting = attention.list_attention(ctx, CLERK)
    attention.discard(ctx, CLERK, waiting[0].message_id)
    assert attention.list_attention(ctx, CLERK) == []
    assert sandbox.store.count_messages(ids[0]) == 0
