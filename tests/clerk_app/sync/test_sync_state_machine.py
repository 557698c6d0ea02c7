"""Property: whatever mix of offline, lost replies, repeated answers and restarts, nothing is lost
and nothing is applied twice."""

from __future__ import annotations

import itertools
import time

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import TransientError
from clerk_app.gateway.sandbox.server import SandboxServer
from clerk_app.services import requests
from clerk_app.services.context import open_context
from clerk_app.storage.models import ApplicationEvent, InteragencyRequest, OutboxItem, Response
from clerk_app.sync.engine import SyncEngine
from tests.clerk_app.sync.conftest import ShiftClock, register_many
from tests.factories import CLERK, make_context

_dirs = itertools.count()


class FlakyClient(GatewayClient):
    """Loses the gateway's reply after the call was carried out, when told to."""

    lose_send_replies = False
    lose_acks = False

    def send_message(self, payload):  # type: ignore[no-untyped-def]
        body = super().send_message(payload)
        if self.lose_send_replies:
            raise TransientError("reply lost", code="network_error")
        return body

    def ack_responses(self, response_ids):  # type: ignore[no-untyped-def]
        if self.lose_acks:
            raise TransientError("ack lost", code="network_error")
        return super().ack_responses(response_ids)


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.server = SandboxServer(answer_delay=0, visibility_timeout=0.3).start()
        self.data_dir = TMP / f"ws{next(_dirs)}"
        self.clock = ShiftClock()
        self.ctx = make_context(self.data_dir)
        from clerk_app.services.workstation import init

        self.token = self.server.token_for("34-001", "34-001-07")
        init(self.data_dir, "34-001", "34-001-07", self.server.base_url, self.token)
        self.ctx.clock = self.clock
        self.online = True
        self.client = self._client()
        self.registered = 0

    def _client(self) -> FlakyClient:
        url = self.server.base_url if self.online else "http://127.0.0.1:9/api/v1"
        return FlakyClient(url, self.token, "34-001", "34-001-07", timeout=(0.5, 5))

    @rule(n=st.integers(1, 3))
    def register_and_request(self, n):
        for number in register_many(self.ctx, n, start=self.registered + 1):
            requests.create_requests(self.ctx, CLERK, number)
        self.registered += n

    @rule()
    def go_offline(self):
        self.online = False
        self.client = self._client()

    @rule()
    def go_online(self):
        self.online = True
        self.client = self._client()

    @rule(lose_sends=st.booleans(), lose_acks=st.booleans())
    def sync(self, lose_sends, lose_acks):
        self.client.lose_send_replies, self.client.lose_acks = lose_sends, lose_acks
        SyncEngine(self.ctx, self.client).run_pass()
        self.clock.advance(400)  # every back-off has passed

    @rule()
    def restart(self):
        self.ctx.close()
        self.ctx = open_context(self.data_dir, clock=self.clock)

    @invariant()
    def nothing_lost_nothing_twice(self):
        with self.ctx.db.read() as s:
            local = set(s.scalars(select(InteragencyRequest.message_id)))
            items = {i.ref_id: i.state for i in s.scalars(select(OutboxItem).where(OutboxItem.kind == "message"))}
            responses = s.scalar(select(func.count()).select_from(Response))
            received = s.execute(select(ApplicationEvent.data).where(
                ApplicationEvent.type == "response_received")).scalars().all()
        assert set(items) == local and all(v in ("pending", "done") for v in items.values())
        assert self.server.store.count_messages() <= len(local)
        per_message = [r["message_id"] for r in received]
        assert len(per_message) == len(set(per_message)) == responses

    @precondition(lambda self: self.registered > 0)
    @rule()
    def settle(self):
        self.online = True
        self.client = self._client()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            summary = SyncEngine(self.ctx, self.client).run_pass()
            self.clock.advance(400)
            with self.ctx.db.read() as s:
                local = set(s.scalars(select(InteragencyRequest.message_id)))
                answered = s.scalar(select(func.count()).select_from(Response))
            if summary.pending == 0 and answered == len(local):
                break
            time.sleep(0.35)
        assert summary.pending == 0 and answered == len(local)
        assert self.server.store.count_messages() == len(local)
        for mid in local:
            assert self.server.store.count_messages(mid) == 1

    def teardown(self):
        self.ctx.close()
        self.server.stop()


TMP = None


def test_sync_state_machine(tmp_path):
    global TMP
    TMP = tmp_path
    SyncMachine.TestCase.settings = settings(
        max_examples=12, stateful_step_count=10, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    SyncMachine.TestCase().runTest()
