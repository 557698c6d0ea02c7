"""No poison item stops sync: each is parked (needs attention or quarantine) and everything else goes on."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import pytest
import requests
from sqlalchemy import func, select

from clerk_app.domain.errors import ValidationError
from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import PermanentError
from clerk_app.services import applications, catalogue, queries
from clerk_app.storage.models import ApplicationEvent, OutboxItem, QuarantineItem, Response, Service
from clerk_app.services import attention
from clerk_app.sync import quarantine
from clerk_app.sync.engine import SyncEngine
from tests.clerk_app.sync.conftest import connect, queue_requests, register_many
from tests.clerk_app.sync.poison_proxy import PoisonProxy
from tests.e2e.cli_runner import login, run_cli
from tests.factories import ADMIN, CLERK, DEMO_CATALOGUE, PASSWORD, sample_application

OTHER = "34-001-09"


def _post_events(sandbox, workstation, events):
    headers = {"Authorization": f"Bearer {sandbox.token_for('34-001', workstation)}", "X-Centre-Code": "34-001", "X-Workstation-Id": workstation}
    r = requests.post(f"{sandbox.base_url}/events", json={"events": events}, headers=headers, timeout=10)
    r.raise_for_status()
    return r.json()


def _event(etype, data, workstation=OTHER, operator="boss", role="supervisor", app_id=None, number=None):
    return {"event_id": str(uuid.uuid4()), "application_id": app_id or str(uuid.uuid4()),
            "application_number": number or "34-001-09-2026-000777", "type": etype,
            "occurred_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "workstation": workstation, "operator": operator, "operator_role": role, "data": data}


def _snils_of(ctx):
    with ctx.db.read() as s:
        from clerk_app.storage.models import Applicant
        return [x for x in s.scalars(select(Applicant.snils)) if x]


def _quarantined(ctx):
    with ctx.db.read() as s:
        return {(q.source, q.item_id): q.reason for q in s.scalars(select(QuarantineItem))}


def test_poison_from_the_gateway_is_quarantined_and_the_rest_syncs(tmp_path, sandbox):
    other = connect(tmp_path, "other", sandbox, workstation=OTHER)
    good_number = register_many(other, 1, start=500)[0]
    SyncEngine(other).run_pass()
    good_app = queries.show(other, CLERK, good_number).to_json()
    empty = _event("registered", {})  # a malformed event in the shared register
    forged = _event("decided", {"outcome": "refused", "reason": "подделка"}, workstation="34-001-08",
                    app_id=good_app["id"], number=good_number)
    by_clerk = _event("decided", {"outcome": "refused", "reason": "не его право"}, operator="clerk", role="clerk",
                      app_id=good_app["id"], number=good_number)
    assert len(_post_events(sandbox, OTHER, [empty, by_clerk])["accepted"]) == 2
    refused = _post_events(sandbox, OTHER, [forged])  # the gateway ties the workstation to the token
    assert refused["accepted"] == []

    with PoisonProxy(sandbox) as proxy:
        ctx = connect(tmp_path, "ws", proxy)
        ids = queue_requests(ctx, register_many(ctx, 3))
        deep = "[" * 50_000 + "]" * 50_000
        proxy.extra_answers = [
            json.dumps({"response_id": "bad-reason", "message_id": ids[0], "status": "rejected", "agency": "FNS-34",
                        "answered_at": "2026-12-01T10:00:00+03:00", "data": None,
                        "refusal_reason": {"text": "не строка"}, "attachments": []}),
            '{"response_id": "too-deep", "message_id": "%s", "status": "answered", "data": %s}' % (ids[1], deep),
        ]
        proxy.extra_events = [{**forged, "seq": 10_000}]  # passed on by a gateway that does not vouch for it
        proxy.catalogue = {"version": "empty", "agencies": [], "request_kinds": [], "services": []}
        engine = SyncEngine(ctx)
        summary = engine.run_pass()

        assert summary.sent == len(ids) and summary.answers == len(ids)
        assert summary.pending == 0 and summary.needs_attention == 0
        assert "без единой услуги" in summary.error
        held = _quarantined(ctx)
        assert {("answer", "bad-reason"), ("answer", "too-deep"), ("event", empty["event_id"]),
                ("event", forged["event_id"]), ("event", by_clerk["event_id"])} == set(held)
        assert "refusal_reason" in held[("answer", "bad-reason")]
        assert "вложенность" in held[("answer", "too-deep")]
        assert "не подтвердил" in held[("event", forged["event_id"])] or "не совпадает" in held[
            ("event", forged["event_id"])]
        assert "роль" in held[("event", by_clerk["event_id"])]
        assert queries.show(ctx, CLERK, good_number).to_json()["status"] == "registered"  # the good event applied
        with ctx.db.read() as s:
            assert s.scalar(select(func.count()).select_from(Service)) > 0  # the catalogue was kept
            assert s.scalar(select(func.count()).select_from(Response)) == len(ids)
            assert s.get(ApplicationEvent, forged["event_id"]) is None

        listed = quarantine.list_quarantine(ctx, ADMIN)
        assert len(listed) == 5 and all(item.reason for item in listed)
        text = json.dumps([item.to_json() for item in listed], ensure_ascii=False)
        assert not any(snils in text for snils in _snils_of(ctx))
        with pytest.raises(Exception):
            quarantine.list_quarantine(ctx, CLERK)  # an administrator's (or supervisor's) view

        again = engine.run_pass()  # the poison was acknowledged or passed by: nothing comes back
        assert again.answers == 0 and len(_quarantined(ctx)) == 5

        # a 500 MB /responses body: not read whole, and the rest of the pass goes on
        more = queue_requests(ctx, register_many(ctx, 1, start=50))
        for mode in ("declared", "undeclared"):
            proxy.huge_responses = mode
            proxy.huge_written = 0
            summary = engine.run_pass()
            assert "МиБ" in summary.error
            assert proxy.huge_written < 100 * 1024 * 1024
        assert summary.pending == 0
        proxy.huge_responses = None
        assert engine.run_pass().answers == len(more)


class RefusingClient(GatewayClient):
    """The gateway refuses (413) any batch holding one particular event."""

    bad: str = ""

    def push_events(self, events):
        if any(e["event_id"] == self.bad for e in events):
            raise PermanentError("Тело запроса больше допустимых 10 МиБ", status=413, code="payload_too_large")
        return super().push_events(events)


def test_oversized_and_refused_events_need_attention_and_the_others_go(tmp_path, sandbox):
    ctx = connect(tmp_path, "ws", sandbox)
    huge = sample_application(subject={"note": "я" * 11_000_000})
    with pytest.raises(ValidationError) as caught:
        applications.register(ctx, CLERK, huge)
    assert caught.value.field == "subject.note" and "не длиннее" in caught.value.message
    numbers = register_many(ctx, 40)
    with ctx.db.write() as s:  # a poison left by an older version: an event body over 10 MiB
        item = s.scalar(select(OutboxItem).where(OutboxItem.kind == "event").order_by(OutboxItem.id).offset(5))
        oversized_id = item.ref_id
        item.body = {**item.body, "data": {**item.body["data"], "padding": "x" * (11 * 1024 * 1024)}}
        refused_id = s.scalar(select(OutboxItem.ref_id).where(OutboxItem.kind == "event")
                              .order_by(OutboxItem.id).offset(17))
    client = RefusingClient(sandbox.base_url, sandbox.token_for("34-001", "34-001-07"), "34-001", "34-001-07")
    client.bad = refused_id
    summary = SyncEngine(ctx, client=client).run_pass()

    assert summary.events_out == len(numbers) - 2 and summary.needs_attention == 2
    waiting = {w.message_id: w.error for w in attention.list_attention(ctx, CLERK)}
    assert "МиБ" in waiting[oversized_id] and "МиБ" in waiting[refused_id]
    other = connect(tmp_path, "other", sandbox, workstation=OTHER)
    assert SyncEngine(other).run_pass().events_in == len(numbers) - 2


def test_cli_sync_with_poison_prints_no_traceback_and_no_snils(tmp_path, sandbox):
    bad = _event("registered", {"service": "x"})  # no applicant, no dates
    _post_events(sandbox, OTHER, [bad])
    with PoisonProxy(sandbox) as proxy:
        ctx = connect(tmp_path, "ws", proxy)
        ids = queue_requests(ctx, register_many(ctx, 2))
        proxy.extra_answers = ['{"response_id": "deep", "message_id": "%s", "status": "answered", "data": %s}'
                               % (ids[0], "{\"a\":" * 50_000 + "1" + "}" * 50_000)]
        ws = tmp_path / "ws"
        run = run_cli(ws, "sync", "--once")
        assert run.code == 0, run.err
        assert "Traceback" not in run.out + run.err
        assert run.json()["answers"] == len(ids)
        login(ws, "root", PASSWORD)
        listing = run_cli(ws, "quarantine", operator="root")
        assert listing.code == 0 and "событие" in listing.out and "ответ" in listing.out, listing.err
        output = run.out + run.err + listing.out + listing.err
        assert not any(snils in output for snils in _snils_of(ctx))

        empty = tmp_path / "empty.json"
        empty.write_text(json.dumps({"version": "0", "agencies": [], "request_kinds": [], "services": []}))
        refused = run_cli(ws, "catalogue", "import", str(empty), operator="root")
        assert refused.code == 1 and "без единой услуги" in refused.err
        assert "Traceback" not in refused.err
        with ctx.db.read() as s:
            assert s.scalar(select(func.count()).select_from(Service)) > 0
    catalogue.import_file(ctx, DEMO_CATALOGUE)  # a real catalogue still imports


class AckFailingClient(GatewayClient):
    def ack_responses(self, response_ids):
        from clerk_app.gateway.errors import TransientError
        raise TransientError("Шлюз временно недоступен (HTTP 503)", status=503, code="unavailable")


def test_summary_counts_answers_stored_even_when_their_acknowledgement_failed(tmp_path, sandbox):
    ctx = connect(tmp_path, "ws", sandbox)
    ids = queue_requests(ctx, register_many(ctx, 2))
    client = AckFailingClient(sandbox.base_url, sandbox.token_for("34-001", "34-001-07"), "34-001", "34-001-07")
    summary = SyncEngine(ctx, client=client).run_pass()
    assert summary.answers == len(ids) and "недоступен" in summary.error
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == len(ids)
