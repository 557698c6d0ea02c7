"""N queued requests through the sync engine, beside a plain keep-alive `requests` loop, on two gateways.

(a) a minimal stdlib gateway (benchmarks/fast_gateway.py, its own process, not the sandbox): what the
    engine itself costs; (b) the sandbox gateway (its own process): what the project's tests meet.
On each, in the same run: the engine sends every request, stores and acknowledges every answer and
exchanges the applications' events; then a plain `requests.Session` loop on the same server sends the
same number of messages one by one and takes and acknowledges their answers (no local store).
Usage: python benchmarks/bench_sync.py [N] [--only fast|sandbox]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import requests as http
from sqlalchemy import func, select

from clerk_app.devtools.samples import numbered_application
from clerk_app.gateway.sandbox.server import SandboxProcess, _free_port
from clerk_app.resources_path import resources_dir
from clerk_app.services import applications, catalogue, operators
from clerk_app.services import requests as iareq
from clerk_app.services.roles import Actor, Role
from clerk_app.services.workstation import init
from clerk_app.storage.models import ApplicationEvent, OutboxItem, Response
from clerk_app.sync.engine import SyncEngine

HERE = Path(__file__).resolve().parent


class FastGateway:
    """benchmarks/fast_gateway.py in a child process."""

    def __init__(self) -> None:
        self.port = _free_port("127.0.0.1")
        self.base_url = f"http://127.0.0.1:{self.port}/api/v1"
        self.token = "bench-token"

    def __enter__(self) -> FastGateway:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "fast_gateway.py"), str(self.port)],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def engine_run(work: Path, gw, n: int) -> dict:
    ctx = init(work, "34-001", "34-001-07", gw.base_url, gw.token)
    catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
    operators.add_operator(ctx, "bench", "Бенчмарк", "clerk", "password-1234")
    actor = Actor("bench", "Бенчмарк", Role.CLERK)
    queued = i = 0
    t0 = time.perf_counter()
    while queued < n:
        i += 1
        number = applications.register(ctx, actor, numbered_application(i)).number
        queued += len(iareq.create_requests(ctx, actor, number))
    with ctx.db.read() as s:
        events_queued = s.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.kind == "event"))
    print(f"  setup: {i} applications, {queued} requests and {events_queued} events queued "
          f"in {time.perf_counter() - t0:.1f} s")
    engine = SyncEngine(ctx)
    t0 = time.perf_counter()
    sent = answers = events_out = events_in = passes = 0
    while True:
        s = engine.run_pass()
        passes += 1
        sent, answers = sent + s.sent, answers + s.answers
        events_out, events_in = events_out + s.events_out, events_in + s.events_in
        if s.error:
            raise SystemExit(f"sync pass failed: {s.error}")
        if s.pending == 0 and answers >= queued:
            break
    elapsed = time.perf_counter() - t0
    engine.close()
    with ctx.db.read() as s:
        stored = s.scalar(select(func.count()).select_from(Response))
        unsynced = s.scalar(select(func.count()).select_from(ApplicationEvent).where(ApplicationEvent.seq.is_(None)))
    ctx.close()
    return {"sent": sent, "answers": answers, "stored": stored, "events_out": events_out, "events_in": events_in,
            "unsynced": unsynced, "passes": passes, "seconds": elapsed, "rate": sent / elapsed}


def plain_loop(gw, n: int) -> dict:
    session = http.Session()
    headers = {"Authorization": f"Bearer {gw.token}", "X-Centre-Code": "34-001", "X-Workstation-Id": "34-001-09"}
    t0 = time.perf_counter()
    for _ in range(n):
        msg = {"message_id": str(uuid.uuid4()), "kind": "fns_income", "recipient": "FNS-34",
               "application_number": "34-001-09-2026-000001",
               "subject": {"full_name": "Тестова Анна Сергеевна", "inn": "344404512333", "birth_date": "1985-03-04"},
               "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
               "operator": "bench", "test": True}
        session.post(f"{gw.base_url}/messages", json=msg, headers=headers, timeout=10).raise_for_status()
    taken = 0
    while taken < n:
        r = session.get(f"{gw.base_url}/responses", params={"limit": 100}, headers=headers, timeout=10).json()
        ids = [a["response_id"] for a in r["responses"]]
        if ids:
            session.post(f"{gw.base_url}/responses/ack", json={"response_ids": ids}, headers=headers,
                         timeout=10).raise_for_status()
        taken += len(ids)
    elapsed = time.perf_counter() - t0
    session.close()
    return {"sent": n, "taken": taken, "seconds": elapsed, "rate": n / elapsed}


def run(name: str, gw, work: Path, n: int) -> float:
    print(f"{name}:")
    e = engine_run(work, gw, n)
    print(f"  sync engine: {e['sent']} sent, {e['answers']} answers stored and acknowledged ({e['stored']} rows), "
          f"{e['events_out']} events out, {e['events_in']} in, {e['unsynced']} unsynced, {e['passes']} passes, "
          f"{e['seconds']:.2f} s = {e['rate']:.0f} messages/s")
    p = plain_loop(gw, e["sent"])
    print(f"  plain requests loop: {p['sent']} sent, {p['taken']} answers taken and acknowledged, "
          f"{p['seconds']:.2f} s = {p['rate']:.0f} messages/s (no local store, no events)")
    ratio = e["rate"] / p["rate"]
    print(f"  ratio engine / plain loop: {ratio:.2f}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--only", choices=("fast", "sandbox"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    if args.only != "sandbox":
        with FastGateway() as gw:
            run("(a) minimal stdlib gateway", gw, work / "ws-fast", args.n)
    if args.only != "fast":
        with SandboxProcess(f"sqlite:///{work / 'gw.sqlite3'}", answer_delay=0, log_file=work / "sandbox.log") as gw:
            run("(b) sandbox gateway", gw, work / "ws-sandbox", args.n)


if __name__ == "__main__":
    main()
