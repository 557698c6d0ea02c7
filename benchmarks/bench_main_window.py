"""Open the main window on a database of many applications and print how fast the first rows appear.

    python benchmarks/bench_main_window.py WORK_DIR [--count 1000000]

WORK_DIR keeps the generated workstation (reused by later runs; generation takes minutes).
Prints: generation time (if any), time to the first screen of rows, jumps to row 500,000 and to the last row
(through the window, and `queries.page` alone with its query plan), the process memory (RSS, peak) and the
size of the database files.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clerk_app.devtools.generate import generate  # noqa: E402
from clerk_app.resources_path import resources_dir  # noqa: E402
from clerk_app.services import catalogue, operators, workstation  # noqa: E402
from clerk_app.services.context import open_context  # noqa: E402
from clerk_app.services.roles import Actor, Role  # noqa: E402

CHUNK = 100_000
READY = "bench-ready-{count}"


def ensure_database(work: Path, count: int) -> float:
    """Generate the workstation once (in chunks of one transaction each); return seconds spent."""
    marker = work / READY.format(count=count)
    if marker.exists():
        return 0.0
    start = time.perf_counter()
    ctx = workstation.init(work / "ws", "34-001", "34-001-07", centre_name="МФЦ (замер производительности)")
    try:
        if not catalogue.list_services(ctx):
            catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
        try:
            operators.add_operator(ctx, "clerk", "Оператор Замеров", "clerk", "bench-pass-2026")
        except Exception:  # already there from an interrupted run
            pass
        from clerk_app.services import queries
        done = queries.count(ctx, queries.ListFilter())
        seed = done // CHUNK + 1
        while done < count:
            n = min(CHUNK, count - done)
            generate(ctx, n, seed=seed)
            done += n
            seed += 1
            print(f"  generated {done:,} of {count:,} ({time.perf_counter() - start:.0f} s)", flush=True)
    finally:
        ctx.close()
    marker.write_text("ok")
    return time.perf_counter() - start


def rss_mb() -> float:
    try:
        import psutil  # type: ignore[import-not-found]

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def measure(work: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.models.application_table import LOADING
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    t0 = time.perf_counter()
    ctx = open_context(work / "ws")
    tasks = TaskRunner()
    window = MainWindow(ctx, Actor("clerk", "Оператор Замеров", Role.CLERK), tasks)
    window.resize(1366, 768)
    window.show()
    model = window.table_model

    def wait(cond, limit: float = 120.0) -> float:
        start = time.perf_counter()
        while not cond():
            app.processEvents()
            time.sleep(0.01)
            if time.perf_counter() - start > limit:
                raise TimeoutError("rows did not arrive")
        return time.perf_counter() - start

    def row_ready(row: int) -> bool:
        return model.rowCount() > row and model.index(row, 0).data() not in (None, LOADING)

    wait(lambda: row_ready(0))
    first = time.perf_counter() - t0
    rows = model.rowCount()
    print(f"rows in list:                 {rows:,}")
    print(f"first screen of rows:         {first * 1000:.0f} ms (window created, count and first page read)")
    wait(lambda: all(v is not None for v in window.queue_counts.values()) and bool(window.queue_counts))
    print(f"queue counts:                 {time.perf_counter() - t0:.2f} s after start: {window.queue_counts}")
    view = window.table
    for target in jump_targets(rows):
        start = time.perf_counter()
        view.scrollTo(model.index(target, 0))
        app.processEvents()
        model.data(model.index(target, 0))
        wait(lambda t=target: row_ready(t))
        print(f"jump to row {target + 1:>9,}:        {(time.perf_counter() - start) * 1000:.0f} ms until rows shown")
    print(f"memory: RSS now {rss_mb():.0f} MiB, peak {peak_mb():.0f} MiB")
    window.close()
    tasks.wait()
    measure_pages(ctx, rows)
    ctx.close()
    files = sorted((work / "ws").glob("clerk.sqlite3*"))
    sizes = ", ".join(f"{f.name} {f.stat().st_size / 2**30:.2f} GiB" for f in files)
    print(f"database files:               {sizes}")


def jump_targets(rows: int) -> list[int]:
    """Row indexes of row 500,000 (or the middle of a smaller list) and of the last row."""
    middle = 500_000 - 1 if rows > 500_000 else rows // 2
    return [t for t in dict.fromkeys((middle, rows - 1)) if t >= 0]


def measure_pages(ctx, rows: int) -> None:
    """`queries.page` alone (as the window's database lane calls it) and the plan SQLite picks for it."""
    from sqlalchemy import event

    from clerk_app.services import queries
    from ui.models.application_table import PAGE_SIZE

    f = queries.ListFilter()
    for target in [0, *jump_targets(rows)]:
        offset = target // PAGE_SIZE * PAGE_SIZE
        times = []
        for _ in range(3):
            start = time.perf_counter()
            got = queries.page(ctx, f, offset, PAGE_SIZE)
            times.append(time.perf_counter() - start)
        assert got, f"no rows at offset {offset}"
        print(f"queries.page(offset={offset:>9,}): first {times[0] * 1000:.0f} ms, "
              f"then {min(times[1:]) * 1000:.0f} ms")
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(ctx.db.read_engine, "before_cursor_execute", capture)
    try:
        queries.page(ctx, f, jump_targets(rows)[0] // PAGE_SIZE * PAGE_SIZE, PAGE_SIZE)
    finally:
        event.remove(ctx.db.read_engine, "before_cursor_execute", capture)
    with ctx.db.read_engine.connect() as conn:
        for statement, parameters in seen:
            plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            print(f"query plan of queries.page:   {'; '.join(plan)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("work_dir", type=Path)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--prepare-only", action="store_true")
    args = parser.parse_args()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    spent = ensure_database(args.work_dir, args.count)
    if spent:
        print(f"generated {args.count:,} applications in {spent:.0f} s")
    if not args.prepare_only:
        measure(args.work_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
