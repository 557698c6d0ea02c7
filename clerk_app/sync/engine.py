"""One sync pass: push the outbox, take answers, exchange events. Never sleeps out a back-off."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import TypeVar, TypeVarTuple

from sqlalchemy import func, select

from clerk_app.domain.enums import OutboxState
from clerk_app.gateway.client import GatewayClient
from clerk_app.domain.errors import ValidationError
from clerk_app.gateway.errors import AuthError, GatewayError
from clerk_app.services.changes import NO_CHANGES, Changes
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.settings import set_value
from clerk_app.storage.models import ApplicationEvent, InteragencyRequest, OutboxItem
from clerk_app.sync import catalogue_sync, events_out, outbox, register, responses
from clerk_app.sync.connection import client_for

log = logging.getLogger(__name__)
T = TypeVar("T")
Args = TypeVarTuple("Args")

# The gateway cannot be reached: the rest of the pass would fail the same way.
CONNECTION_CODES = frozenset({"network_error", "timeout", "tls_error", "bad_configuration"})


@dataclass
class SyncSummary:
    sent: int = 0
    failed: int = 0
    answers: int = 0
    events_in: int = 0
    events_out: int = 0
    pending: int = 0
    needs_attention: int = 0
    online: bool = False
    error: str | None = None
    next_due_in: float | None = None
    changes: Changes = field(default=NO_CHANGES)  # what the pass changed, for the window's screens and caches
    case_statuses: int = 0  # the agency's news of cases applied (the window says so; not in the CLI's contract)

    def to_json(self) -> dict:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("changes", "case_statuses")}
        for key in ("error", "next_due_in"):
            if out[key] is None:
                del out[key]
        return out


def outbox_counts(ctx: AppContext) -> tuple[int, int, float | None]:
    """(pending, needing attention, seconds until the next pending item is due)."""
    with ctx.db.read() as s:
        rows = dict(s.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all())
        earliest = s.scalar(select(func.min(OutboxItem.next_attempt_at)).where(OutboxItem.state == OutboxState.PENDING))
    due_in = None if earliest is None else max(0.0, earliest - ctx.now().timestamp())
    return int(rows.get(OutboxState.PENDING, 0)), int(rows.get(OutboxState.NEEDS_ATTENTION, 0)), due_in


def _waiting_items(ctx: AppContext) -> set[int]:
    with ctx.db.read() as s:
        return set(s.scalars(select(OutboxItem.id).where(OutboxItem.state == OutboxState.PENDING)))


def _settled(ctx: AppContext, waiting: set[int]) -> Changes:
    """The applications whose queued items the pass sent or parked: their screens show request states
    and synced events, which change without a new event of the application."""
    if not waiting:
        return NO_CHANGES
    with ctx.db.read() as s:
        still = set(s.scalars(select(OutboxItem.id).where(OutboxItem.state == OutboxState.PENDING)))
        moved = list(waiting - still)
        if not moved:
            return NO_CHANGES
        apps: set[str] = set()
        for chunk in range(0, len(moved), 500):
            ids = moved[chunk:chunk + 500]
            refs = select(OutboxItem.ref_id).where(OutboxItem.id.in_(ids))
            apps.update(s.scalars(select(InteragencyRequest.application_id)
                                  .where(InteragencyRequest.message_id.in_(refs))))
            apps.update(s.scalars(select(ApplicationEvent.application_id).where(ApplicationEvent.event_id.in_(refs))))
    return Changes(applications=frozenset(apps), outbox=True)


class SyncEngine:
    """Runs sync passes for one workstation; one pass at a time per engine."""

    def __init__(self, ctx: AppContext, client: GatewayClient | None = None) -> None:
        self.ctx = ctx
        self._client = client
        self._fixed_client = client is not None
        self._client_key: tuple | None = None
        self._lock = threading.Lock()

    def _get_client(self) -> GatewayClient | None:
        """The configured client, made anew when the gateway settings changed (even in another process)."""
        if self._fixed_client:
            return self._client
        s = self.ctx.fresh_settings()
        key = (s.gateway_url, s.token, s.ca_bundle, s.centre_code, s.workstation_id)
        if key != self._client_key:
            self.reset_client()
            self._client, self._client_key = client_for(self.ctx), key
        return self._client

    def reset_client(self) -> None:
        """Forget the client (after the settings changed)."""
        if self._client is not None and not self._fixed_client:
            self._client.close()
            self._client = None
        self._client_key = None

    def run_pass(self) -> SyncSummary:
        with self._lock:
            waiting = _waiting_items(self.ctx)
            summary = self._run()
            changes = self.ctx.changes.take() | _settled(self.ctx, waiting)
        summary.changes = changes
        summary.pending, summary.needs_attention, summary.next_due_in = outbox_counts(self.ctx)
        return summary

    def _run(self) -> SyncSummary:
        summary = SyncSummary()
        client = self._get_client()
        if client is None:
            summary.error = "Адрес шлюза не задан в настройках"
            return summary
        try:
            client.health()
        except GatewayError as exc:
            summary.error = exc.message
            return summary
        summary.online = True
        pushed = outbox.PushResult()
        taken = responses.TakeResult()
        try:
            outbox.push_messages(self.ctx, client, pushed)
            events_out.push_events(self.ctx, client, pushed)
            self._phase(summary, responses.take_answers, self.ctx, client, taken)
            summary.events_in = self._phase(summary, register.pull_events, self.ctx, client) or 0
            events_out.push_events(self.ctx, client, pushed)  # the answers' own events
            try:
                catalogue_sync.refresh(self.ctx, client)
            except GatewayError as exc:
                log.warning("catalogue not refreshed: %s", exc)
            except ValidationError as exc:  # e.g. a catalogue without services: the local one is kept
                log.warning("catalogue refused: %s", exc)
                summary.error = summary.error or str(exc)
            with self.ctx.db.write() as s:
                set_value(s, "last_sync_at", rfc3339(self.ctx.now()))
        except outbox.StopPass as stop:
            summary.error = stop.error.message
            if isinstance(stop.error, AuthError):
                summary.online = False
        except GatewayError as exc:
            summary.error = exc.message
            if isinstance(exc, AuthError):  # the gateway answers but does not let this workstation in
                summary.online = False
        finally:
            summary.sent, summary.failed, summary.events_out = pushed.sent, pushed.failed, pushed.events_out
            summary.answers, summary.case_statuses = taken.answers, taken.case_statuses
        return summary

    @staticmethod
    def _phase(summary: SyncSummary, step: Callable[[*Args], T], *args: *Args) -> T | None:
        """Run one step; a fault of what the gateway sent (too large, malformed) ends that step only."""
        try:
            return step(*args)
        except GatewayError as exc:
            if exc.code in CONNECTION_CODES or isinstance(exc, AuthError):
                raise
            log.warning("sync step %s stopped: %s", step.__name__, exc)
            summary.error = summary.error or exc.message
            return None

    def close(self) -> None:
        self.reset_client()
