"""Pushing this workstation's events to the shared register, in the order they were made.

Batches hold at most 500 events and stay under the protocol's 10 MiB body. A batch the gateway
refuses as a whole (413, 400, 422...) is split in halves down to the one event it cannot take,
which goes to *needs attention* with the gateway's reason while the others go through. An event
that alone is over the limit goes there without being sent. Transient failures defer the batch, and
an event waiting out its back-off holds back every newer one; one the gateway neither takes nor
refuses in five batches goes to *needs attention*, so it cannot hold them back for good.
"""

from __future__ import annotations

import itertools
import json

from sqlalchemy import bindparam, select, update

from clerk_app.domain.enums import OutboxKind, OutboxState
from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import GatewayError, PermanentError
from clerk_app.gateway.limits import MAX_BODY
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.storage.models import ApplicationEvent, OutboxItem, table_of
from clerk_app.sync.backoff import retry_delay
from clerk_app.sync.outbox import Item, PushResult, StopPass, defer, needs_attention, update_pending

OUTBOX, EVENTS = table_of(OutboxItem), table_of(ApplicationEvent)
EVENT_BATCH = 500
BODY_BUDGET = MAX_BODY - 64 * 1024  # room for the envelope
TOO_LARGE = f"Событие больше допустимых {MAX_BODY // (1024 * 1024)} МиБ: шлюз его не примет"
UNANSWERED_LIMIT = 5  # batches in which the gateway neither took nor refused an event: then it waits for a person
UNANSWERED = f"Шлюз не принял и не отклонил событие в {UNANSWERED_LIMIT} попытках подряд"


def _size(body: dict) -> int:
    return len(json.dumps(body, ensure_ascii=False).encode("utf-8")) + 1


def _batches(items: list[Item]) -> list[list[Item]]:
    out: list[list[Item]] = [[]]
    size = 0
    for item in items:
        n = _size(item.body)
        if out[-1] and size + n > BODY_BUDGET:
            out.append([])
            size = 0
        out[-1].append(item)
        size += n
    return [b for b in out if b]


def _record(ctx: AppContext, batch: list[Item], accepted: list[str], rejected: list[dict],
            result: PushResult) -> None:
    ok = set(accepted)
    refused: dict[str, dict[str, object]] = {}
    for r in rejected:
        error = r.get("error")
        refused[r["event_id"]] = error if isinstance(error, dict) else {}
    now = rfc3339(ctx.now())
    done = [item for item in batch if item.ref_id in ok]
    with ctx.db.write() as s:
        if done:
            s.execute(update_pending().values(state=OutboxState.DONE.value, done_at=now,
                                              attempts=OUTBOX.c.attempts + 1, last_error=None),
                      [{"item_id": i.id} for i in done])
            s.execute(update(EVENTS).where(EVENTS.c.event_id == bindparam("eid"))
                      .values(synced=True),
                      [{"eid": i.ref_id} for i in done])
            result.events_out += len(done)
        unanswered: list[Item] = []
        for item in batch:
            if item.ref_id in ok:
                continue
            if item.ref_id in refused:
                err = refused[item.ref_id]
                text = str(err.get("message") or err.get("code") or "событие отклонено шлюзом")
                needs_attention(s, item.id, text)
                result.failed += 1
                result.errors.append(text)
            else:
                unanswered.append(item)
        given_up = [item for item in unanswered if item.attempts + 1 >= UNANSWERED_LIMIT]
        for item in given_up:  # it would hold back every newer event for good
            needs_attention(s, item.id, UNANSWERED)
            result.failed += 1
            result.errors.append(UNANSWERED)
        again = [item for item in unanswered if item.attempts + 1 < UNANSWERED_LIMIT]
        if again:  # the gateway said nothing of them: try again later
            s.execute(update_pending().values(attempts=OUTBOX.c.attempts + 1, next_attempt_at=bindparam("next_at")),
                      [{"item_id": i.id, "next_at": ctx.now().timestamp() + retry_delay(i.attempts + 1)}
                       for i in again])


def _refuse(ctx: AppContext, item: Item, text: str, result: PushResult) -> None:
    with ctx.db.write() as s:
        needs_attention(s, item.id, text)
    result.failed += 1
    result.errors.append(text)


def _push(ctx: AppContext, client: GatewayClient, batch: list[Item], result: PushResult) -> None:
    """Send one batch; a batch refused whole is split down to the event the gateway cannot take."""
    if len(batch) == 1 and _size(batch[0].body) > BODY_BUDGET:
        _refuse(ctx, batch[0], TOO_LARGE, result)
        return
    try:
        accepted, rejected = client.push_events([item.body for item in batch])
    except PermanentError as exc:
        if len(batch) == 1:
            _refuse(ctx, batch[0], exc.message + (f" (поле {exc.field})" if exc.field else ""), result)
            return
        half = len(batch) // 2
        _push(ctx, client, batch[:half], result)
        _push(ctx, client, batch[half:], result)
        return
    except GatewayError as exc:
        with ctx.db.write() as s:
            defer(s, ctx, [(item.id, item.attempts, exc) for item in batch])
        raise StopPass(exc) from exc
    _record(ctx, batch, accepted, rejected, result)


def due_in_order(ctx: AppContext, limit: int) -> list[Item]:
    """The oldest pending events up to the first one still waiting out its back-off: an event never
    overtakes an older one (the register's order is the order the gateway hears them in)."""
    now = ctx.now().timestamp()
    with ctx.db.read() as s:
        rows = s.execute(
            select(OUTBOX.c.id, OUTBOX.c.ref_id, OUTBOX.c.body, OUTBOX.c.attempts, OUTBOX.c.next_attempt_at)
            .where(OUTBOX.c.state == OutboxState.PENDING, OUTBOX.c.kind == OutboxKind.EVENT)
            .order_by(OUTBOX.c.id).limit(limit)).all()
    ready = list(itertools.takewhile(lambda r: r.next_attempt_at <= now, rows))
    return [Item(r.id, OutboxKind.EVENT, r.ref_id, r.body, r.attempts) for r in ready]


def push_events(ctx: AppContext, client: GatewayClient, result: PushResult) -> None:
    """Push due events in order, in batches of at most 500 events and 10 MiB."""
    while True:
        items = due_in_order(ctx, EVENT_BATCH)
        if not items:
            return
        for batch in _batches(items):
            _push(ctx, client, batch, result)
        if len(items) < EVENT_BATCH:
            return
