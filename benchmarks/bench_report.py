"""The supervisor's report on a database of many applications, beside a bare `SELECT count(*)`.

    python benchmarks/bench_report.py WORK_DIR [--count 1000000]

WORK_DIR keeps the generated workstation (reused by later runs). The data: BASE applications (50,000 by
default) from `clerk_app.devtools.generate` over the last three years (a quarter from the centre's other
workstations, five operators, agency hand-overs, results, issues, returns and late cases), then copied in
SQL up to COUNT (new ids and numbers, the same moments; a copy has the projection's columns and the report
facts, not the events): COUNT applications in the applications table and in the report facts.
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

CHUNK = 50_000
READY = "report-ready-{count}"
BOSS = Actor("boss", "Руководитель Замеров", Role.SUPERVISOR)


def replicate(db: Path, times: int, start: int = 1) -> None:
    """Copy the generated applications up to `times` times in SQL: new ids and numbers, the same moments,
    applicants and report facts (generating a million one by one takes hours on a shared machine).
    A copy carries the projection's columns and the report facts; not its events nor its full state JSON,
    which neither the report nor its drill-down reads."""
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        base = con.execute("SELECT count(*) FROM report_cases WHERE application_id NOT LIKE '%-__'").fetchone()[0]
        cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
                for t in ("applications", "report_cases", "report_requests")}
        # secondary indexes are dropped while copying and made again after (a sort, not a million seeks)
        indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                              " AND tbl_name IN ('applications', 'report_cases', 'report_requests')").fetchall()
        for name, _ in indexes:
            con.execute(f"DROP INDEX {name}")
        for k in range(start, times):
            new_id = f"substr(id, 1, 33) || '-{k:02d}'"
            sub = {"applications": {"id": new_id, "number": f"number || '/{k}'",
                                    "state": f"json_object('id', {new_id}, 'copy_of', id)"},
                   "report_cases": {"application_id": f"substr(application_id, 1, 33) || '-{k:02d}'"},
                   "report_requests": {"application_id": f"substr(application_id, 1, 33) || '-{k:02d}'",
                                       "message_id": f"substr(message_id, 1, 33) || '-{k:02d}'"}}
            where = {"applications": "id NOT LIKE '%-__'", "report_cases": "application_id NOT LIKE '%-__'",
                     "report_requests": "message_id NOT LIKE '%-__'"}
            for table, names in cols.items():
                exprs = ", ".join(sub[table].get(c, c) for c in names)
                con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {exprs} FROM {table} WHERE {where[table]}")
            con.commit()
            print(f"  copy {k} of {times - 1} made ({base:,} applications each)", flush=True)
        for _, sql in indexes:
            con.execute(sql)
        con.execute("ANALYZE")
        con.commit()
    finally:
        con.close()


def ensure_database(work: Path, count: int, base: int) -> float:
    marker = work / READY.format(count=count)
    if marker.exists():
        return 0.0
    start = time.perf_counter()
    ctx = workstation.init(work / "ws", "34-001", "34-001-07", centre_name="МФЦ (замер производительности)")
    try:
        if not catalogue.list_services(ctx):
            catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
        known = {o.login for o in operators.list_operators(ctx, Actor("root", "", Role.ADMIN))}
        for login, name, role in DEMO_STAFF:
            if login not in known:
                operators.add_operator(ctx, login, name, role, "bench-pass-2026")
        staff = tuple(login for login, _, role in DEMO_STAFF if role != "admin")
        done = queries.count(ctx, queries.ListFilter())
        seed = done // CHUNK + 1
        while done < base:
            n = min(CHUNK, base - done)
            generate(ctx, n, seed=seed, operators=staff)
            done += n
            seed += 1
            print(f"  generated {done:,} of {base:,} ({time.perf_counter() - start:.0f} s)", flush=True)
    finally:
        ctx.close()
    if count > base:
        replicate(work / "ws" / "clerk.sqlite3", count // base)
    marker.write_text("ok")
    return time.perf_counter() - start


def best(fn, runs: int = 3) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    """The best of `runs`: wall time and this process's CPU time (the machine may be shared)."""
    times, out = [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    wall, cpu = min(times)
    return f"{wall * 1000:9.1f} ms wall {cpu * 1000:8.1f} ms CPU", out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=50_000,
                        help="applications generated one by one; the rest are copies of them made in SQL")
    parser.add_argument("--rebuild", action="store_true", help="also time the full rebuild of the facts")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    spent = ensure_database(args.work, args.count, min(args.base, args.count))
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
        print(f"baseline  SELECT count(*) FROM applications (raw sqlite3): {bare}")
        for label, period, by in (("year by service", year, "service"), ("year by agency", year, "agency"),
                                  ("year by operator", year, "operator"), ("month by service", month, "service")):
            took, report = best(lambda p=period, b=by: service.build_report(ctx, BOSS, p, b))
            print(f"report    {label:<17} {took}   accepted {report.total['accepted']:,}, "
                  f"issued {report.total['issued']:,}, overdue {report.total['overdue_open']:,}, "
                  f"rows {len(report.rows)}")
        took, rows = best(lambda: service.drill_down(ctx, BOSS, year, "service", None, "handed_over_late"), 1)
        print(f"drill-down year, handed over late (first {len(rows):,}): {took}")
        took, pdf = best(lambda: service.export(ctx, BOSS, service.build_report(ctx, BOSS, year), "pdf"), 1)
        print(f"report + PDF year by service ({len(pdf) / 1024:.0f} KiB): {took}")
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
