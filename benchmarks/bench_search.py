"""Search at scale: the first page of `queries.page` for each kind of search, beside a raw sqlite3
connection running the very statement it runs (`queries.page_sql`: same SQL, same parameters) in the same run.

    python -m clerk_app.devtools.generate DATA_DIR 1000000     # once (minutes), never into git
    python benchmarks/bench_search.py DATA_DIR [--runs 200] [--limit 50]

Opening DATA_DIR brings it to the current schema first (the time that takes is printed).
For each kind it prints p50/p95 of both (wall clock, and the CPU time of the calling thread for
queries.page, which a busy shared machine does not inflate), their ratio (the two take turns going first,
so both meet rows not yet in the OS cache equally), how many rows match (the
first page must not grow with that) and the query plan SQLite chose.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clerk_app.devtools.generate import FEMALE, MALE  # noqa: E402
from clerk_app.services import queries  # noqa: E402
from clerk_app.services.context import open_context  # noqa: E402
from clerk_app.storage import migrate  # noqa: E402


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def samples(con: sqlite3.Connection, runs: int, rnd: random.Random) -> dict[str, list[str]]:
    """Search texts of each kind, drawn from what the database holds."""
    numbers = [r[0] for r in con.execute(
        "SELECT number FROM applications WHERE rowid IN (SELECT abs(random()) % (SELECT max(rowid) FROM applications) "
        "FROM applications LIMIT ?)", (runs * 2,))] or ["34-001-07-2026-000001"]
    snils = [r[0] for r in con.execute(
        "SELECT a.snils FROM applicants a JOIN applications p ON p.applicant_id = a.id "
        "WHERE p.rowid IN (SELECT abs(random()) % (SELECT max(rowid) FROM applications) FROM applications LIMIT ?)",
        (runs * 2,))]
    surnames = list(MALE[0] + FEMALE[0])
    people = [(rnd.choice(s), rnd.choice(f), rnd.choice(m)) for s, f, m in (MALE, FEMALE) for _ in range(runs)]

    def pick(items: list[str]) -> list[str]:
        return [rnd.choice(items) for _ in range(runs)]

    return {
        "СНИЛС": pick(snils),
        "surname prefix": pick(surnames + [s[:3] for s in surnames]),
        "surname, first name": pick([f"{s} {f}" for s, f, _ in people]),
        "first-name completion": pick([f"{s} {f[:2]}" for s, f, _ in people]),
        "initials «И.С.»": pick([f"{s} {f[0]}.{m[0]}." for s, f, m in people]),
        "number 6-digit ending": pick([n[-6:] for n in numbers]),
        "number 3-digit ending": pick([n[-3:] for n in numbers]),
        "year-sequence": pick([n[-11:] for n in numbers]),
        "whole number": pick(numbers),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--limit", type=int, default=50, help="rows of the first page")
    args = parser.parse_args()
    db_path = args.data_dir / "clerk.sqlite3"
    t0 = time.perf_counter()
    before = migrate.current_revision(db_path)
    if before != migrate.head_revision():  # generated data: no backup copy first (migrate.upgrade takes one)
        from alembic import command

        command.upgrade(migrate.alembic_config(db_path), "head")
        print(f"schema {before} -> {migrate.head_revision()} in {time.perf_counter() - t0:.1f} s (no backup copy)")
    ctx = open_context(args.data_dir)
    raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    total = raw.execute("SELECT count(*) FROM applications").fetchone()[0]
    print(f"{total:,} applications in {db_path}; first page of {args.limit} rows, {args.runs} searches per kind")
    print(f"{'kind':<24}{'queries.page p50/p95':>24}{'raw sqlite3 p50/p95':>24}{'p95 ratio':>11}  matches (median)")
    rnd = random.Random(7)
    try:
        for kind, texts in samples(raw, args.runs, rnd).items():
            ours, cpu, bare, matches, plan = [], [], [], [], ""
            warm = queries.ListFilter(text=texts[0])  # untimed: connections opened, statement prepared
            queries.page(ctx, warm, 0, args.limit)
            raw.execute(*queries.page_sql(warm, 0, args.limit, ctx.now().date())).fetchall()
            for i, text in enumerate(texts):
                f = queries.ListFilter(text=text)
                statement, parameters = queries.page_sql(f, 0, args.limit, ctx.now().date())

                def run_ours() -> list:
                    start, cpu_start = time.perf_counter(), time.thread_time()
                    found = queries.page(ctx, f, 0, args.limit)
                    ours.append(time.perf_counter() - start)
                    cpu.append(time.thread_time() - cpu_start)
                    return found

                def run_bare() -> list:
                    start = time.perf_counter()
                    found = raw.execute(statement, parameters).fetchall()
                    bare.append(time.perf_counter() - start)
                    return found

                # alternate who goes first: the first read of rows not yet in the OS cache pays for the disk
                if i % 2:
                    raw_rows, rows = run_bare(), run_ours()
                else:
                    rows, raw_rows = run_ours(), run_bare()
                assert [r[1] for r in raw_rows] == [r.number for r in rows], (kind, text)
                if len(matches) < 20:
                    matches.append(queries.count(ctx, f))
                if not plan:
                    plan = "; ".join(r[-1] for r in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters))
            print(f"{kind:<24}{statistics.median(ours) * 1000:>11.2f} /{p95(ours) * 1000:>6.2f} ms"
                  f"{statistics.median(bare) * 1000:>11.2f} /{p95(bare) * 1000:>6.2f} ms"
                  f"{p95(ours) / p95(bare):>10.1f}x  {int(statistics.median(matches)):,}")
            print(f"{'':<24}queries.page CPU time of the thread p50/p95: {statistics.median(cpu) * 1000:.2f} / "
                  f"{p95(cpu) * 1000:.2f} ms (wall time includes waiting for a core and for the disk)")
            print(f"{'':<24}plan: {plan}")
    finally:
        raw.close()
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
