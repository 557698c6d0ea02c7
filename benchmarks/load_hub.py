"""Load of one centre hub: N simulated workstations (processes) of several centres against `clerk-app hub serve`.

Each workstation registers applications (pushes `registered` events), sends interagency requests, takes
and acknowledges their answers and pulls its centre's register until it has every event of the centre.
Afterwards the script checks that every workstation converged (same events, same order, its centre's
only) and that nothing was lost or duplicated (hub database and workstation side), and prints throughput
and latency per route beside a bare baseline: the same processes in a plain `requests` loop against a
minimal uvicorn app on the same machine.

    python benchmarks/load_hub.py --db postgresql+psycopg://postgres@127.0.0.1:5432/gateway \
        --workstations 50 --centres 5
    python benchmarks/load_hub.py            # a SQLite file in a temporary folder

Loopback only; bounded by --timeout.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import requests

ROUTES = ("POST /events", "POST /messages", "GET /responses", "POST /responses/ack", "GET /events")


def _snils(nine: int) -> str:
    digits = f"{nine:09d}"
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits))
    while total > 101:
        total %= 101
    check = 0 if total in (100, 101) else total
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]} {check:02d}"


def _message(ws: str, i: int) -> dict:
    kind = "egrn_extract" if i % 2 else "sfr_pension"
    subject = {"full_name": "Иванова Мария Петровна", "snils": _snils(100_000_000 + (hash(ws) % 1000) * 1000 + i)}
    if kind == "egrn_extract":
        subject["cadastral_number"] = "34:34:060052:1234"
    return {
        "message_id": str(uuid.uuid4()), "kind": kind,
        "recipient": "ROSREESTR-34" if kind == "egrn_extract" else "SFR-34",
        "application_number": f"{ws}-2026-{i:06d}", "subject": subject,
        "created_at": "2026-12-02T09:15:00+03:00", "operator": "load.test", "test": True,
    }


def _event(ws: str, i: int) -> dict:
    return {
        "event_id": str(uuid.uuid4()), "application_id": str(uuid.uuid4()),
        "application_number": f"{ws}-2026-{i:06d}", "type": "registered",
        "occurred_at": "2026-12-02T09:10:00+03:00", "workstation": ws, "operator": "load.test",
        "data": {"service": "housing_subsidy", "n": i},
    }


class Timed:
    """A requests session that records the latency of every call per route; retries 429/5xx/network."""

    def __init__(self, base_url: str, token: str, centre: str, ws: str) -> None:
        self.base = base_url
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}", "X-Centre-Code": centre,
                                     "X-Workstation-Id": ws})
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.retries = 0

    def call(self, route: str, method: str, path: str, **kwargs) -> dict:  # noqa: ANN003
        for attempt in range(20):
            t0 = time.perf_counter()
            try:
                answer = self.session.request(method, self.base + path, timeout=60, **kwargs)
            except requests.RequestException:
                answer = None
            self.samples[route].append(time.perf_counter() - t0)
            if answer is not None and answer.status_code < 300:
                return answer.json()
            if answer is not None and answer.status_code < 500 and answer.status_code != 429:
                raise RuntimeError(f"{route}: {answer.status_code} {answer.text[:200]}")
            self.retries += 1
            time.sleep(min(2.0, 0.05 * 2 ** attempt))
        raise RuntimeError(f"{route}: gave up after retries")


def workstation(args: tuple) -> dict:
    base_url, token, centre, ws, apps, requests_n, expected_events, deadline = args
    http = Timed(base_url, token, centre, ws)
    started = time.time()
    mine = [_event(ws, i) for i in range(1, apps + 1)]
    for start in range(0, len(mine), 10):  # a window registers in small batches as clerks work
        body = http.call("POST /events", "POST", "/events", json={"events": mine[start:start + 10]})
        assert not body["rejected"], body["rejected"]
    sent = []
    for i in range(1, requests_n + 1):
        message = _message(ws, i)
        http.call("POST /messages", "POST", "/messages", json=message)
        sent.append(message["message_id"])
    answers: dict[str, str] = {}
    duplicates = 0
    seen_events: list[str] = []
    seqs: list[int] = []
    cursor = ""
    while time.time() < deadline:
        body = http.call("GET /responses", "GET", "/responses", params={"limit": 50})
        ids = []
        for item in body["responses"]:
            if item["response_id"] in answers.values() or item["message_id"] in answers:
                duplicates += 1
            answers[item["message_id"]] = item["response_id"]
            ids.append(item["response_id"])
        if ids:
            http.call("POST /responses/ack", "POST", "/responses/ack", json={"response_ids": ids})
        while True:
            page = http.call("GET /events", "GET", "/events", params={"after": cursor, "limit": 200})
            seen_events += [e["event_id"] for e in page["events"]]
            seqs += [e["seq"] for e in page["events"]]
            cursor = page["cursor"]
            if not page["more"]:
                break
        if len(answers) >= requests_n and len(seen_events) >= expected_events:
            break
        time.sleep(1.0)
    return {"ws": ws, "centre": centre, "pushed": [e["event_id"] for e in mine], "sent": sent,
            "answered": sorted(answers), "duplicates": duplicates, "events": seen_events, "seqs": seqs,
            "samples": dict(http.samples), "retries": http.retries, "started": started, "ended": time.time(),
            "token": token, "cursor": cursor}


def burst(args: tuple) -> list[float]:
    """A tight loop of GET /events past the end of the register (token check + one indexed query)."""
    base_url, token, centre, ws, cursor, seconds = args
    http = Timed(base_url, token, centre, ws)
    end = time.time() + seconds
    while time.time() < end:
        http.call("GET /events", "GET", "/events", params={"after": cursor, "limit": 100})
    return http.samples["GET /events"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(cmd: list[str], log: Path) -> tuple[subprocess.Popen, str]:
    out = log.open("w")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=out, text=True, encoding="utf-8")
    line: list[str] = []
    def drain() -> None:  # the first line is the address; the rest must be read, or the hub blocks on it
        line.append(proc.stdout.readline())
        for _ in proc.stdout:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    deadline = time.time() + 120
    while not line and time.time() < deadline:
        time.sleep(0.05)
    match = re.search(r"(http://\S+/api/v1)", line[0] if line else "")
    if match is None:
        proc.kill()
        raise SystemExit(f"the hub did not start: {line} (see {log})")
    return proc, match.group(1)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _table(title: str, samples: dict[str, list[float]], wall: float) -> None:
    print(title)
    print(f"  {'route':<22}{'calls':>8}{'calls/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for route, values in samples.items():
        if values:
            print(f"  {route:<22}{len(values):>8}{len(values) / wall:>10.1f}{statistics.median(values) * 1e3:>9.1f}"
                  f"{_percentile(values, 0.95) * 1e3:>9.1f}{max(values) * 1e3:>9.1f}")


def baseline(processes: int, seconds: float, work: Path) -> None:
    """The same number of processes in a plain requests loop against a minimal uvicorn app."""
    app = work / "bare_app.py"
    app.write_text("async def app(scope, receive, send):\n"
                   "    if scope['type'] != 'http':\n        return\n"
                   "    await send({'type': 'http.response.start', 'status': 200,"
                   " 'headers': [(b'content-type', b'application/json')]})\n"
                   "    await send({'type': 'http.response.body', 'body': b'{\"ok\": true}'})\n", encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--app-dir", str(work), "bare_app:app", "--port",
                             str(port), "--log-level", "warning", "--lifespan", "off"])
    try:
        url = f"http://127.0.0.1:{port}/ping"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                requests.get(url, timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        with mp.get_context("spawn").Pool(processes) as pool:
            results = pool.map(_bare_loop, [(url, seconds)] * processes)
        samples = [s for r in results for s in r]
        _table(f"baseline: {processes} processes, plain requests loop on a minimal uvicorn app "
               f"({seconds:.0f} s)", {"GET /ping": samples}, seconds)
    finally:
        proc.terminate()
        proc.wait(10)


def _bare_loop(args: tuple) -> list[float]:
    url, seconds = args
    session = requests.Session()
    samples = []
    end = time.time() + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        session.get(url, timeout=30)
        samples.append(time.perf_counter() - t0)
    return samples


def verify(results: list[dict], db_url: str, requests_n: int) -> list[str]:
    from sqlalchemy import func, select

    from clerk_app.gateway.sandbox.database import GatewayDatabase
    from clerk_app.gateway.sandbox.models import EventRow, MessageRow, ResponseRow

    problems = []
    by_centre: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_centre[r["centre"]].append(r)
        if sorted(r["sent"]) != r["answered"]:
            problems.append(f"{r['ws']}: {len(r['answered'])} of {len(r['sent'])} answers taken")
        if r["duplicates"]:
            problems.append(f"{r['ws']}: {r['duplicates']} answers delivered twice")
    for centre, members in by_centre.items():
        pushed = {e for r in members for e in r["pushed"]}
        orders = {tuple(r["events"]) for r in members}
        if len(orders) != 1:
            problems.append(f"{centre}: workstations saw the register in different orders or lengths")
        for r in members:
            if set(r["events"]) != pushed or len(r["events"]) != len(pushed):
                problems.append(f"{r['ws']}: {len(r['events'])} events seen, centre pushed {len(pushed)}")
            if r["seqs"] != list(range(1, len(r["seqs"]) + 1)):
                problems.append(f"{r['ws']}: event numbers not gap-free 1..n")
    db = GatewayDatabase(db_url, migrate=False)
    with db.session() as s:
        total_messages = s.scalar(select(func.count()).select_from(MessageRow))
        unacked = s.scalar(select(func.count()).select_from(ResponseRow).where(ResponseRow.acked.is_(False)))
        events = s.scalar(select(func.count()).select_from(EventRow))
        distinct = s.scalar(select(func.count(func.distinct(EventRow.event_id))))
    db.dispose()
    expected_messages = len(results) * requests_n
    if total_messages != expected_messages:
        problems.append(f"hub holds {total_messages} messages, {expected_messages} were sent")
    if unacked:
        problems.append(f"hub holds {unacked} unacknowledged answers")
    expected_events = sum(len(r["pushed"]) for r in results)
    if events != expected_events or distinct != events:
        problems.append(f"hub holds {events} events ({distinct} distinct), {expected_events} were pushed")
    print(f"hub database: {total_messages} messages, {unacked} unacknowledged answers, {events} events")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=None, help="hub database URL (default: a SQLite file in a temp folder)")
    parser.add_argument("--workstations", type=int, default=50)
    parser.add_argument("--centres", type=int, default=5)
    parser.add_argument("--applications", type=int, default=20, help="registered events per workstation")
    parser.add_argument("--requests", type=int, default=10, help="interagency requests per workstation")
    parser.add_argument("--answer-delay", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=600, help="seconds before workstations give up")
    parser.add_argument("--baseline-seconds", type=float, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-hub-"))
    db_url = args.db or f"sqlite:///{work / 'hub.sqlite3'}"

    from clerk_app.gateway.hub.tokens import TokenRegistry
    from clerk_app.gateway.sandbox.database import GatewayDatabase

    db = GatewayDatabase(db_url)
    registry = TokenRegistry(db)
    plan = []
    per_centre = -(-args.workstations // args.centres)
    deadline = time.time() + args.timeout
    for n in range(args.workstations):
        centre = f"34-{(n % args.centres) + 101:03d}"
        ws = f"{centre}-{n // args.centres + 1:02d}-{uuid.uuid4().hex[:4]}"
        members = len(range(n % args.centres, args.workstations, args.centres))
        plan.append((None, registry.issue(centre, ws, days=1).secret, centre, ws, args.applications,
                     args.requests, members * args.applications, deadline))
    db.dispose()
    hub, base_url = _start([sys.executable, "-m", "clerk_app.cli", "--data-dir", str(work), "hub", "serve", "--db",
                            db_url, "--port", "0", "--answer-delay", str(args.answer_delay), "--log-level", "warning"],
                            work / "hub.log")
    print(f"hub: {base_url} on {db_url.split('@')[-1] if '@' in db_url else db_url}; "
          f"{args.workstations} "
          f"workstations in {args.centres} centres (≤{per_centre} each), {args.applications} applications and "
          f"{args.requests} requests each")
    try:
        plan = [(base_url, *p[1:]) for p in plan]
        with mp.get_context("spawn").Pool(args.workstations) as pool:
            results = pool.map(workstation, plan)
            burst_samples = pool.map(burst, [(base_url, r["token"], r["centre"], r["ws"], r["cursor"],
                                              args.baseline_seconds) for r in results])
        wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
    finally:
        hub.terminate()
        try:
            hub.wait(30)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait(10)
    samples: dict[str, list[float]] = {route: [] for route in ROUTES}
    for r in results:
        for route, values in r["samples"].items():
            samples[route].extend(values)
    calls = sum(len(v) for v in samples.values())
    _table(f"hub, the workload: {wall:.1f} s from the first workstation's start to the last one's end, "
           f"{calls} calls = {calls / wall:.0f} calls/s, "
           f"{sum(r['retries'] for r in results)} retried", samples, wall)
    _table(f"hub at saturation: {args.workstations} processes, GET /events in a tight loop "
           f"({args.baseline_seconds:.0f} s)", {"GET /events": [x for b in burst_samples for x in b]},
           args.baseline_seconds)
    problems = verify(results, db_url, args.requests)
    baseline(args.workstations, args.baseline_seconds, work)
    if problems:
        print("NOT CONVERGED / LOST / DUPLICATED:")
        for p in problems[:50]:
            print("  " + p)
        return 1
    print(f"all {len(results)} workstations converged; nothing lost, nothing duplicated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
