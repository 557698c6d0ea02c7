"""Push N queued requests to the sandbox gateway on loopback and pull their answers.

Prints messages per second of the sync engine beside a plain `requests` loop against the same
server in the same run.  Usage: python benchmarks/bench_sync.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import requests as http

from clerk_app.services import applications, catalogue, operators
from clerk_app.services import requests as iareq
from clerk_app.services.roles import Actor, Role
from clerk_app.services.workstation import init
from clerk_app.devtools.samples import numbered_application
from clerk_app.gateway.sandbox.server import SandboxProcess
from clerk_app.resources_path import resources_dir
from clerk_app.sync.engine import SyncEngine


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    with SandboxProcess(f"sqlite:///{work / 'gw.sqlite3'}", answer_delay=0, log_file=work / "sandbox.log") as gw:
        ctx = init(work / "ws", "34-001", "34-001-07", gw.base_url, gw.token)
        catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
        operators.add_operator(ctx, "bench", "Бенчмарк", "clerk", "password-1234")
        actor = Actor("bench", "Бенчмарк", Role.CLERK)
        t0 = time.perf_counter()
        queued = 0
        i = 0
        while queued < n:
            i += 1
            number = applications.register(ctx, actor, numbered_application(i)).number
            queued += len(iareq.create_requests(ctx, actor, number))
        setup = time.perf_counter() - t0
        print(f"setup: {i} applications, {queued} requests queued in {setup:.1f} s")

        engine = SyncEngine(ctx)
        t0 = time.perf_counter()
        sent = answers = 0
        while True:
            s = engine.run_pass()
            sent, answers = sent + s.sent, answers + s.answers
            if s.pending == 0 and answers >= queued:
                break
        elapsed = time.perf_counter() - t0
        print(f"sync engine: {sent} messages sent and {answers} answers stored in {elapsed:.1f} s "
              f"= {sent / elapsed:.0f} messages/s (with answers, events and the local store)")

        session = http.Session()
        headers = {"Authorization": f"Bearer {gw.token}", "X-Centre-Code": "34-001", "X-Workstation-Id": "34-001-09"}
        t0 = time.perf_counter()
        for k in range(queued):
            msg = {"message_id": str(uuid.uuid4()), "kind": "fns_income", "recipient": "FNS-34",
                   "application_number": "34-001-09-2026-000001",
                   "subject": {"full_name": "Тестова Анна Сергеевна", "inn": "344404512333",
                               "birth_date": "1985-03-04"},
                   "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                   "operator": "bench", "test": True}
            session.post(f"{gw.base_url}/messages", json=msg, headers=headers, timeout=10).raise_for_status()
        taken = 0
        while taken < queued:
            r = session.get(f"{gw.base_url}/responses", params={"limit": 100}, headers=headers, timeout=10).json()
            ids = [a["response_id"] for a in r["responses"]]
            if ids:
                session.post(f"{gw.base_url}/responses/ack", json={"response_ids": ids}, headers=headers, timeout=10)
            taken += len(ids)
        plain = time.perf_counter() - t0
        print(f"plain requests loop: {queued} messages sent and {taken} answers taken in {plain:.1f} s "
              f"= {queued / plain:.0f} messages/s (no local store)")
        engine.close()
        ctx.close()


if __name__ == "__main__":
    main()
