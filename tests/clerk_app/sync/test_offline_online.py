"""Registering and queueing offline, then delivering once and taking the answers when online."""

from __future__ import annotations

import socket

from sqlalchemy import func, select

from clerk_app.services import queries
from clerk_app.storage.models import InteragencyRequest, OutboxItem, Response
from clerk_app.sync.engine import SyncEngine
from clerk_app.services.workstation import init
from tests.clerk_app.sync.conftest import ShiftClock, connect, queue_requests, register_many
from tests.factories import CLERK


def _closed_port_url():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/api/v1"


def test_offline_keeps_everything_then_delivers_once(tmp_path, sandbox):
    clock = ShiftClock()
    ctx = connect(tmp_path, "ws", sandbox, clock=clock)
    init(tmp_path / "ws", "34-001", "34-001-07", _closed_port_url(), sandbox.token_for("34-001", "34-001-07"))
    numbers = register_many(ctx, 3)
    ids = queue_requests(ctx, numbers)
    assert len(ids) == 9

    offline = SyncEngine(ctx).run_pass()
    assert offline.online is False and offline.sent == 0
    assert offline.pending == 3 + 9 + 9  # registered and request_sent events, and the messages
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.state == "pending")) == 21

    init(tmp_path / "ws", "34-001", "34-001-07", sandbox.base_url, sandbox.token_for("34-001", "34-001-07"))
    engine = SyncEngine(ctx)
    first = engine.run_pass()
    assert first.online and first.sent == 9 and first.failed == 0
    for _ in range(5):
        if engine.run_pass().pending == 0 and all(
                queries.show(ctx, CLERK, n).to_json()["status"] == "ready_for_decision" for n in numbers):
            break
        clock.advance(2)
    assert sandbox.store.count_messages() == 9
    for mid in ids:
        assert sandbox.store.count_messages(mid) == 1
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == 9
        statuses = set(s.scalars(select(InteragencyRequest.status)))
        assert statuses <= {"answered", "rejected", "error"}
    for n in numbers:
        app = queries.show(ctx, CLERK, n).to_json()
        assert app["status"] == "ready_for_handover"  # the sample's service is decided by its agency
        assert [e["type"] for e in app["events"]].count("response_received") == 3
        assert all(e["synced"] for e in app["events"])
    engine.run_pass()
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == 9


def test_withdraw_after_send_cancels_at_the_gateway(tmp_path, tmp_path_factory):
    from clerk_app.gateway.sandbox.server import SandboxServer
    from clerk_app.services import applications

    with SandboxServer(answer_delay=3600) as slow:
        ctx = connect(tmp_path, "ws", slow)
        number = register_many(ctx, 1)[0]
        ids = queue_requests(ctx, [number])
        engine = SyncEngine(ctx)
        assert engine.run_pass().sent == 3
        applications.withdraw(ctx, CLERK, number, "Заявитель отозвал заявление")
        engine.run_pass()
        from clerk_app.gateway.client import GatewayClient

        with GatewayClient(slow.base_url, slow.token_for("34-001", "34-001-07"), "34-001", "34-001-07") as client:
            assert {client.message_status(m)["status"] for m in ids} == {"cancelled"}
        assert engine.run_pass().pending == 0


def test_revoked_token_stops_sync_and_keeps_everything(tmp_path, sandbox):
    ctx = connect(tmp_path, "ws", sandbox)
    init(tmp_path / "ws", "34-001", "34-001-07", sandbox.base_url, "revoked-token")
    queue_requests(ctx, register_many(ctx, 1))
    summary = SyncEngine(ctx).run_pass()
    assert summary.online is False and summary.sent == 0 and summary.error
    assert summary.pending == 1 + 3 + 3 and summary.needs_attention == 0
    assert sandbox.store.count_messages() == 0


def test_a_refused_token_with_nothing_queued_is_not_reported_as_online(tmp_path, sandbox):
    ctx = connect(tmp_path, "ws", sandbox)
    init(tmp_path / "ws", "34-001", "34-001-07", sandbox.base_url, "revoked-token")
    summary = SyncEngine(ctx).run_pass()  # the first call that needs the token is taking answers
    assert summary.online is False and summary.sent == 0
    assert summary.error and "токен" in summary.error.lower()
