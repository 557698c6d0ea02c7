"""The supervisor's report on a database of many applications, beside a bare `SELECT count(*)`.

    python benchmarks/bench_report.py WORK_DIR [--count 1000000]

WORK_DIR keeps the generated workstation (reused by later runs; generation takes minutes). The data:
`clerk_app.devtools.generate` over the last three years, a quarter from the centre's other workstations,
five operators, agency hand-overs, results, issues, returns and late cases.
Prints, each the best of three runs: the bare count of the applications table through raw sqlite3,
the report for the last year grouped by service, agency and operator, the last month by service,
one drill-down, and (once) the rebuild of all report facts from the events.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clerk_app.devtools.generate import DEMO_STAFF, generate  # noqa: E402
from clerk_app.resources_path import resources_dir  # noqa: E402
from clerk_app.services import catalogue, operators, queries, workstation  # noqa: E402
from clerk_app.services.context import open_context  # noqa: E402
from clerk_app.services.reports import service, store  # noqa: E402
from clerk_app.services.reports.query import Period  # noqa: E402
from clerk_app.services.roles import Actor, Role  # noqa: E402

CHUNK = 100_000
READY = "report-ready-{count}"
BOSS = Actor("boss", "Руководитель Замеров", Role.SUPERVISOR)


def ensure_database(work: Path, count: int) -> float:
    marker = work / READY.format(count=count)
    if marker.exists():
        return 0.0
    start = time.perf_counter()
    ctx = workstation.init(work / "ws", "34-001", "34-001-07", centre_name="МФЦ (замер производительности)")
    try:
        if not catalogue.list_services(ctx):
            catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
        known = {o["login"] for o in operators.list_operators(ctx, Actor("root", "", Role.ADMIN))}
        for login, name, role in DEMO_STAFF:
            if login not in known:
                operators.add_operator(ctx, login, name, role, "bench-pass-2026")
        staff = tuple(login for login, _, role in DEMO_STAFF if role != "admin")
        done = queries.count(ctx, queries.ListFilter())
        seed = done // CHUNK + 1
        while done < count:
            n = min(CHUNK, count - done)
            generate(ctx, n, seed=seed, operators=staff)
            done += n
            seed += 1
            print(f"  generated {done:,} of {count:,} ({time.perf_counter() - start:.0f} s)", flush=True)
    finally:
        ctx.close()
    marker.write_text("ok")
    return time.perf_counter() - start


def best(fn, runs: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="also time the full rebuild of the facts")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    spent = ensure_database(args.work, args.count)
    if spent:
        print(f"generation: {spent:.0f} s")
    db = args.work / "ws" / "clerk.sqlite3"
    ctx = open_context(args.work / "ws")
    try:
        store.ensure_fresh(ctx)
        con = sqlite3.connect(db)
        bare, n = best(lambda: con.execute("SELECT count(*) FROM applications").fetchone()[0])
        events = con.execute("SELECT count(*) FROM application_events").fetchone()[0]
        con.close()
        today = ctx.now().date()
        year = Period(today - timedelta(days=364), today)
        month = Period(today.replace(day=1), today)
        print(f"database: {n:,} applications, {events:,} events, {db.stat().st_size / 2**20:,.0f} MiB")
        print(f"baseline  SELECT count(*) FROM applications (raw sqlite3): {bare * 1000:8.1f} ms")
        for label, period, by in (("year by service", year, "service"), ("year by agency", year, "agency"),
                                  ("year by operator", year, "operator"), ("month by service", month, "service")):
            took, report = best(lambda p=period, b=by: service.build_report(ctx, BOSS, p, b))
            print(f"report    {label:<17} {took * 1000:8.1f} ms   accepted {report.total['accepted']:,}, "
                  f"issued {report.total['issued']:,}, overdue {report.total['overdue_open']:,}, "
                  f"rows {len(report.rows)}")
        took, rows = best(lambda: service.drill_down(ctx, BOSS, year, "service", None, "handed_over_late"), 1)
        print(f"drill-down year, handed over late (first {len(rows):,}):   {took * 1000:8.1f} ms")
        took, pdf = best(lambda: service.export(ctx, BOSS, service.build_report(ctx, BOSS, year), "pdf"), 1)
        print(f"report + PDF year by service ({len(pdf) / 1024:.0f} KiB):          {took * 1000:8.1f} ms")
        if args.rebuild:
            t0 = time.perf_counter()
            count = store.rebuild(ctx)
            print(f"rebuild of the report facts from the events ({count:,} applications): "
                  f"{time.perf_counter() - t0:.0f} s")
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
