"""The sync process killed at random moments loses and duplicates nothing: interagency requests, cases handed
over to the agencies (POST /cases) and the agencies' case statuses and results taken from the queue."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time

from sqlalchemy import func, select

from clerk_app.devtools.samples import numbered_application
from clerk_app.services import applications, handover
from clerk_app.services.scans import ScanFile
from clerk_app.storage.models import AgencyDocument, Application, ApplicationEvent, CaseStatus, InteragencyRequest, \
    Response
from clerk_app.sync.engine import SyncEngine
from tests.clerk_app.sync.conftest import connect, queue_requests, register_many
from tests.factories import CLERK

KILLS = 20
CASES = 30
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _hand_over_cases(ctx, n):
    """n electronic cases queued (the applicants brought every paper): their case ids."""
    case_ids = []
    for i in range(1000, 1000 + n):
        data = numbered_application(i)
        data["provided_by_applicant"] = ["egrn_extract", "fns_income", "mvd_registration"]
        number = applications.register(ctx, CLERK, data, [ScanFile("passport", "p.pdf", PDF)]).number
        case_ids.append(handover.handover(ctx, CLERK, number).case_id)
    return case_ids


def _results(ctx):
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Application)
                        .where(Application.status == "result_received")) or 0


def test_sigkill_at_random_moments(tmp_path, sandbox):
    ctx = connect(tmp_path, "ws", sandbox)
    ids = queue_requests(ctx, register_many(ctx, 67))
    assert len(ids) == 201  # three request kinds per application
    case_ids = _hand_over_cases(ctx, CASES)
    rng = random.Random(20261126)
    cmd = [sys.executable, "-m", "clerk_app.cli", "--data-dir", str(tmp_path / "ws"), "sync", "--timeout", "60"]
    finished_early = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        if proc.poll() is None:
            proc.kill()  # SIGKILL on POSIX
        else:
            finished_early += 1
        proc.wait()

    engine = SyncEngine(ctx)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        summary = engine.run_pass()
        with ctx.db.read() as s:
            answered = s.scalar(select(func.count()).select_from(Response))
        if summary.pending == 0 and answered >= len(ids) and _results(ctx) == CASES:
            break
        time.sleep(0.5)
    assert summary.pending == 0 and summary.needs_attention == 0

    assert sorted(_all_request_ids(ctx)) == sorted(ids)
    total_requests = len(ids)
    assert sandbox.store.count_messages() == total_requests
    for mid in ids:
        assert sandbox.store.count_messages(mid) == 1
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == total_requests
        per_message = s.execute(
            select(func.count()).select_from(ApplicationEvent).where(ApplicationEvent.type == "response_received")
            .group_by(ApplicationEvent.data["message_id"].as_string())).scalars().all()
        assert len(per_message) == total_requests and set(per_message) == {1}
        assert s.scalar(select(func.count()).select_from(InteragencyRequest)
                        .where(InteragencyRequest.status.in_(["queued", "sent"]))) == 0
    assert sandbox.app.state.case_store.count() == CASES
    with ctx.db.read() as s:
        statuses = s.execute(select(CaseStatus.case_id, CaseStatus.status)).all()
        assert sorted(statuses) == sorted([(c, st) for c in case_ids for st in ("accepted", "result")])
        for etype in ("handed_over", "agency_accepted", "result_received"):
            per_app = s.execute(select(func.count()).select_from(ApplicationEvent).where(ApplicationEvent.type == etype)
                                .group_by(ApplicationEvent.application_id)).scalars().all()
            assert len(per_app) == CASES and set(per_app) == {1}, etype
        assert s.scalar(select(func.count()).select_from(AgencyDocument)) == CASES
        assert s.scalar(select(func.count()).select_from(Application)
                        .where(Application.status == "result_received")) == CASES
    con = sqlite3.connect(tmp_path / "ws" / "clerk.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert finished_early < KILLS  # most runs were really interrupted


def _all_request_ids(ctx):
    with ctx.db.read() as s:
        return list(s.scalars(select(InteragencyRequest.message_id)))
