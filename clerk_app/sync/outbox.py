"""Pushing the outbox: messages, cases (POST /cases) and cancellations, each body frozen, up to 8 in flight at once.

Messages do not depend on each other, so a chunk of them (in creation order) is sent by up to
POOL_SIZE threads (sync.pace says how many); outcomes are then recorded in one transaction per
chunk, in creation order. A cancellation exists only once its message was accepted, and the
cancellations of a chunk are sent after its messages, so the gateway always hears of a message
before its cancel. Events, which must keep their order, go in ordered batches (sync.events_out).
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Update, bindparam, func, select, update
from sqlalchemy.orm import Session

from clerk_app.domain.enums import OutboxKind, OutboxState
from clerk_app.domain.states import ReqStatus
from clerk_app.gateway.client import POOL_SIZE, GatewayClient
from clerk_app.gateway.errors import AuthError, ConflictError, GatewayError, PermanentError, RateLimited
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.storage.models import InteragencyRequest, OutboxItem, table_of
from clerk_app.sync.backoff import retry_delay
from clerk_app.sync.case_statuses import cases_refused
from clerk_app.sync.pace import Pace

log = logging.getLogger(__name__)
OUTBOX = table_of(OutboxItem)

MAX_CONSECUTIVE_TRANSIENT = 3

class Item(NamedTuple):
    """A due outbox item as the push reads it."""

    id: int
    kind: OutboxKind
    ref_id: str
    body: dict
    attempts: int


class StopPass(Exception):
    """The gateway cannot take more now (offline, rate limited, token refused)."""

    def __init__(self, error: GatewayError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class PushResult:
    sent: int = 0
    failed: int = 0
    events_out: int = 0
    errors: list[str] = field(default_factory=list)


def due(ctx: AppContext, kinds: tuple[OutboxKind, ...], limit: int) -> list[Item]:
    now = ctx.now().timestamp()
    with ctx.db.read() as s:
        rows = s.execute(
            select(OutboxItem.id, OutboxItem.kind, OutboxItem.ref_id, OutboxItem.body, OutboxItem.attempts)
            .where(OutboxItem.state == OutboxState.PENDING, OutboxItem.kind.in_(kinds), OutboxItem.next_attempt_at <= now)
            .order_by(OutboxItem.id).limit(limit)).all()
        return [Item(r.id, OutboxKind(r.kind), r.ref_id, r.body, r.attempts) for r in rows]


def update_pending() -> Update:
    """An UPDATE of the pending item whose id is the bind parameter `item_id` (run as executemany)."""
    return update(OUTBOX).where(OUTBOX.c.id == bindparam("item_id"), OUTBOX.c.state == OutboxState.PENDING)


def defer(s: Session, ctx: AppContext, items: list[tuple[int, int, GatewayError]]) -> None:
    """Put pending items (id, attempts made, error) back for later, with back-off and the gateway's message."""
    if not items:
        return
    now = ctx.now().timestamp()
    s.execute(update_pending().values(attempts=OUTBOX.c.attempts + 1, last_error=bindparam("error"),
                                      next_attempt_at=bindparam("next_at")),
              [{"item_id": item_id, "error": exc.message,
                "next_at": now + retry_delay(attempts + 1, getattr(exc, "retry_after", None))}
               for item_id, attempts, exc in items])


def needs_attention(s: Session, item_id: int, text: str) -> None:
    item = s.get(OutboxItem, item_id)
    if item is None or item.state != OutboxState.PENDING:
        return
    item.state, item.attempts, item.last_error = OutboxState.NEEDS_ATTENTION.value, item.attempts + 1, text
    if item.kind == OutboxKind.MESSAGE:
        req = s.get(InteragencyRequest, item.ref_id)
        if req is not None and req.status == ReqStatus.QUEUED:
            req.status, req.last_error = ReqStatus.NEEDS_ATTENTION.value, text


def _accepted(s: Session, ctx: AppContext, item_ids: list[int]) -> None:
    """Record accepted sends in bulk: one lost by a crash is simply sent again (the gateway answers 200)."""
    if not item_ids:
        return
    now = rfc3339(ctx.now())
    rows = s.execute(select(OutboxItem.id, OutboxItem.ref_id, OutboxItem.state)
                     .where(OutboxItem.id.in_(item_ids))).all()
    ref_ids = [r.ref_id for r in rows]
    s.execute(update(OutboxItem).where(OutboxItem.id.in_(item_ids)).values(
        state=OutboxState.DONE.value, done_at=now, attempts=OutboxItem.attempts + 1, last_error=None))
    s.execute(update(InteragencyRequest).where(InteragencyRequest.message_id.in_(ref_ids)).values(
        sent_at=func.coalesce(InteragencyRequest.sent_at, now), last_error=None))
    s.execute(update(InteragencyRequest).where(
        InteragencyRequest.message_id.in_(ref_ids), InteragencyRequest.status == ReqStatus.QUEUED.value)
        .values(status=ReqStatus.SENT.value))
    for r in rows:
        if r.state == OutboxState.CANCELLED:  # withdrawn while the send was in flight: the gateway must hear of it
            s.add(OutboxItem(kind=OutboxKind.CANCEL.value, ref_id=r.ref_id, body={"message_id": r.ref_id},
                             state=OutboxState.PENDING.value, attempts=0, next_attempt_at=0.0, created_at=now))


def _finished(s: Session, ctx: AppContext, finished: list[tuple[int, str | None]]) -> None:
    if finished:
        s.execute(update_pending().values(state=OutboxState.DONE.value, done_at=rfc3339(ctx.now()),
                                          attempts=OUTBOX.c.attempts + 1, last_error=bindparam("error")),
                  [{"item_id": i, "error": e} for i, e in finished])


def _send(client: GatewayClient, item: Item) -> GatewayError | None:
    """One call; the error it ended with (a cancel of an answered or unknown message counts as done)."""
    _, kind, ref_id, body, _ = item
    try:
        if kind == OutboxKind.MESSAGE:
            client.send_message(body)
        elif kind == OutboxKind.CASE:
            client.send_case(body)
        else:
            client.cancel_message(ref_id)
    except GatewayError as exc:
        return exc
    return None


def _record(ctx: AppContext, items: list[Item], outcomes: list[GatewayError | None], result: PushResult,
            streak: int) -> tuple[int, GatewayError | None]:
    """Record a chunk's outcomes in one transaction; (transient streak, the error that stops the pass)."""
    accepted: list[int] = []
    finished: list[tuple[int, str | None]] = []
    later: list[tuple[int, int, GatewayError]] = []
    refused_cases: list[tuple[dict, str]] = []
    stop: GatewayError | None = None
    with ctx.db.write() as s:
        for item, exc in zip(items, outcomes):
            item_id, kind, ref_id, _, attempts = item
            if exc is None:
                streak = 0
                if kind == OutboxKind.MESSAGE:
                    accepted.append(item_id)
                    result.sent += 1
                else:
                    finished.append((item_id, None))
                    result.sent += kind == OutboxKind.CASE
            elif kind == OutboxKind.CANCEL and isinstance(exc, PermanentError):
                finished.append((item_id, exc.message))  # already answered (the answer will come) or unknown
            elif isinstance(exc, PermanentError):
                if isinstance(exc, ConflictError):
                    log.error("gateway reports an idempotency conflict for message %s: %s", ref_id, exc)
                text = exc.message + (f" (поле {exc.field})" if exc.field else "")
                needs_attention(s, item_id, text)
                if kind == OutboxKind.CASE:
                    refused_cases.append((item.body, text))
                result.failed += 1
                result.errors.append(exc.message)
                streak = 0
            else:
                later.append((item_id, attempts, exc))
                streak += 1
                if isinstance(exc, (AuthError, RateLimited)) or streak >= MAX_CONSECUTIVE_TRANSIENT:
                    stop = stop or exc
            if isinstance(exc, AuthError):
                stop = exc
        _accepted(s, ctx, accepted)
        _finished(s, ctx, finished)
        defer(s, ctx, later)
        cases_refused(s, ctx, refused_cases)
    return streak, stop


def _send_all(pool: ThreadPoolExecutor, client: GatewayClient, items: list[Item],
              width: int) -> list[GatewayError | None]:
    if width == 1:
        return [_send(client, item) for item in items]
    return list(pool.map(lambda item: _send(client, item), items))


def push_messages(ctx: AppContext, client: GatewayClient, result: PushResult, limit: int = 100_000) -> None:
    """Send due messages and cancellations, up to POOL_SIZE at a time (sync.pace); record each chunk in one
    transaction."""
    items = due(ctx, (OutboxKind.MESSAGE, OutboxKind.CANCEL, OutboxKind.CASE), limit)
    if not items:
        return
    streak = 0
    pace = Pace(POOL_SIZE, len(items))
    start = 0
    with ThreadPoolExecutor(POOL_SIZE, thread_name_prefix="gateway-send") as pool:
        while start < len(items):
            size, width = pace.next_chunk()
            chunk = items[start:start + size]
            start += len(chunk)
            messages = [i for i in chunk if i.kind != OutboxKind.CANCEL]  # interagency requests and cases
            cancels = [i for i in chunk if i.kind == OutboxKind.CANCEL]
            began = time.perf_counter()
            outcomes = _send_all(pool, client, messages, width) + _send_all(pool, client, cancels, width)
            pace.observe(width, len(chunk), time.perf_counter() - began)
            streak, stop = _record(ctx, messages + cancels, outcomes, result, streak)
            if stop is not None:
                raise StopPass(stop)
