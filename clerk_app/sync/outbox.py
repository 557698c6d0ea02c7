"""Pushing the outbox: messages, cancellations and events, in creation order, each body frozen."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import func, select, update

from clerk_app.domain.states import ReqStatus
from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import AuthError, ConflictError, GatewayError, PermanentError, RateLimited
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.storage.models import ApplicationEvent, InteragencyRequest, OutboxItem
from clerk_app.sync.backoff import retry_delay

log = logging.getLogger(__name__)

EVENT_BATCH = 500
MAX_CONSECUTIVE_TRANSIENT = 3


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


def _due(ctx: AppContext, kinds: tuple[str, ...], limit: int) -> list[tuple[int, str, str, dict, int]]:
    now = ctx.now().timestamp()
    with ctx.db.read() as s:
        rows = s.execute(
            select(OutboxItem.id, OutboxItem.kind, OutboxItem.ref_id, OutboxItem.body, OutboxItem.attempts)
            .where(OutboxItem.state == "pending", OutboxItem.kind.in_(kinds), OutboxItem.next_attempt_at <= now)
            .order_by(OutboxItem.id).limit(limit)).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _defer(ctx: AppContext, item_ids: list[int], attempts: int, error: GatewayError) -> None:
    delay = retry_delay(attempts + 1, getattr(error, "retry_after", None))
    with ctx.db.write() as s:
        s.execute(update(OutboxItem).where(OutboxItem.id.in_(item_ids), OutboxItem.state == "pending").values(
            attempts=OutboxItem.attempts + 1, last_error=error.message,
            next_attempt_at=ctx.now().timestamp() + delay))


def _needs_attention(ctx: AppContext, item_id: int, error: GatewayError) -> None:
    text = error.message + (f" (поле {error.field})" if error.field else "")
    with ctx.db.write() as s:
        item = s.get(OutboxItem, item_id)
        if item is None or item.state != "pending":
            return
        item.state, item.attempts, item.last_error = "needs_attention", item.attempts + 1, text
        if item.kind == "message":
            req = s.get(InteragencyRequest, item.ref_id)
            if req is not None and req.status == ReqStatus.QUEUED:
                req.status, req.last_error = ReqStatus.NEEDS_ATTENTION.value, text


ACCEPTED_BATCH = 50


def _messages_accepted(ctx: AppContext, item_ids: list[int]) -> None:
    """Record accepted sends, many per transaction: one lost by a crash is simply sent again."""
    if not item_ids:
        return
    now = rfc3339(ctx.now())
    with ctx.db.write() as s:
        rows = s.execute(select(OutboxItem.id, OutboxItem.ref_id, OutboxItem.state)
                         .where(OutboxItem.id.in_(item_ids))).all()
        ref_ids = [r.ref_id for r in rows]
        s.execute(update(OutboxItem).where(OutboxItem.id.in_(item_ids)).values(
            state="done", done_at=now, attempts=OutboxItem.attempts + 1, last_error=None))
        s.execute(update(InteragencyRequest).where(InteragencyRequest.message_id.in_(ref_ids)).values(
            sent_at=func.coalesce(InteragencyRequest.sent_at, now), last_error=None))
        s.execute(update(InteragencyRequest).where(
            InteragencyRequest.message_id.in_(ref_ids), InteragencyRequest.status == ReqStatus.QUEUED.value)
            .values(status=ReqStatus.SENT.value))
        for r in rows:
            if r.state == "cancelled":  # withdrawn while the send was in flight: the gateway must hear of it
                s.add(OutboxItem(kind="cancel", ref_id=r.ref_id, body={"message_id": r.ref_id},
                                 state="pending", attempts=0, next_attempt_at=0.0, created_at=now))
    item_ids.clear()


def _finish(ctx: AppContext, item_id: int, error: str | None = None) -> None:
    with ctx.db.write() as s:
        item = s.get(OutboxItem, item_id)
        if item is not None and item.state == "pending":
            item.state, item.done_at, item.attempts = "done", rfc3339(ctx.now()), item.attempts + 1
            item.last_error = error


def _classify(exc: GatewayError) -> None:
    if isinstance(exc, (AuthError, RateLimited)):
        raise StopPass(exc)


def push_messages(ctx: AppContext, client: GatewayClient, result: PushResult, limit: int = 100_000) -> None:
    """Send due messages and cancellations one by one, in creation order."""
    accepted: list[int] = []
    try:
        _push_messages(ctx, client, result, limit, accepted)
    finally:
        _messages_accepted(ctx, accepted)


def _push_messages(ctx: AppContext, client: GatewayClient, result: PushResult, limit: int,
                   accepted: list[int]) -> None:
    transient_in_row = 0
    for item_id, kind, ref_id, body, attempts in _due(ctx, ("message", "cancel"), limit):
        try:
            if kind == "message":
                client.send_message(body)
                accepted.append(item_id)
                result.sent += 1
                if len(accepted) >= ACCEPTED_BATCH:
                    _messages_accepted(ctx, accepted)
            else:
                try:
                    client.cancel_message(ref_id)
                except ConflictError as exc:  # already answered: the answer will arrive
                    _finish(ctx, item_id, exc.message)
                except PermanentError as exc:  # the gateway never had it
                    _finish(ctx, item_id, exc.message)
                else:
                    _finish(ctx, item_id)
            transient_in_row = 0
        except PermanentError as exc:
            if isinstance(exc, ConflictError):
                log.error("gateway reports an idempotency conflict for message %s: %s", ref_id, exc)
            _needs_attention(ctx, item_id, exc)
            result.failed += 1
            result.errors.append(exc.message)
        except GatewayError as exc:
            _defer(ctx, [item_id], attempts, exc)
            _classify(exc)
            transient_in_row += 1
            if transient_in_row >= MAX_CONSECUTIVE_TRANSIENT:
                raise StopPass(exc) from exc


def push_events(ctx: AppContext, client: GatewayClient, result: PushResult) -> None:
    """Push due events in batches, in the order they were made; a failed batch is retried whole."""
    while True:
        batch = _due(ctx, ("event",), EVENT_BATCH)
        if not batch:
            return
        ids = [b[0] for b in batch]
        try:
            accepted, rejected = client.push_events([b[3] for b in batch])
        except GatewayError as exc:
            _defer(ctx, ids, max(b[4] for b in batch), exc)
            raise StopPass(exc) from exc
        accepted_set = set(accepted)
        rejected_by_id = {r["event_id"]: r.get("error") or {} for r in rejected}
        with ctx.db.write() as s:
            now = rfc3339(ctx.now())
            for item_id, _, event_id, _, _ in batch:
                item = s.get(OutboxItem, item_id)
                if item is None or item.state != "pending":
                    continue
                item.attempts += 1
                if event_id in accepted_set:
                    item.state, item.done_at, item.last_error = "done", now, None
                    s.execute(update(ApplicationEvent).where(ApplicationEvent.event_id == event_id)
                              .values(synced=True))
                    result.events_out += 1
                elif event_id in rejected_by_id:
                    err = rejected_by_id[event_id]
                    item.state = "needs_attention"
                    item.last_error = str(err.get("message") or err.get("code") or "событие отклонено шлюзом")
                    result.failed += 1
                    result.errors.append(item.last_error)
                else:
                    item.next_attempt_at = ctx.now().timestamp() + retry_delay(item.attempts)
        if len(batch) < EVENT_BATCH:
            return
