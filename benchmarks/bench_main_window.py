"""Open the main window on a database of many applications and print how fast the first rows appear.

    python benchmarks/bench_main_window.py WORK_DIR [--count 1000000] [--runs 3]
    python benchmarks/bench_main_window.py - --data-dir DIR   # DIR made by clerk_app.devtools.generate

WORK_DIR keeps the generated workstation (reused by later runs; generation takes minutes).
Prints, for whole processes from spawn to the first rows shown, the clerk's window beside a bare
QMainWindow+QTableView process showing the same first rows (read with raw sqlite3), alternated, medians
and their ratio; then, from the last window run: time to the first screen of rows inside the process,
jumps to row 500,000 and to the last row (through the window, and `queries.page` alone with its query
plan), the process memory (RSS, peak) and the size of the database files.
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


def measure(data_dir: Path, started: float, details: bool) -> None:
    """The window on `data_dir`; `started` is the parent's time.monotonic() just before this process was spawned."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.models.application_table import LOADING
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    t0 = time.perf_counter()
    ctx = open_context(data_dir)
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
    app.processEvents()  # the rows painted
    first = time.perf_counter() - t0
    print(f"first-screen-since-spawn {time.monotonic() - started:.4f}", flush=True)
    if not details:
        window.close()
        tasks.wait()
        ctx.close()
        return
    rows = model.rowCount()
    print(f"rows in list:                 {rows:,}")
    print(f"first screen of rows:         {first * 1000:.0f} ms (window created, count and first page read)")
    wait(lambda: window.queue_counts is not None)
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
    files = sorted(data_dir.glob("clerk.sqlite3*"))
    sizes = ", ".join(f"{f.name} {f.stat().st_size / 2**30:.2f} GiB" for f in files)
    print(f"database files:               {sizes}")


def jump_targets(rows: int) -> list[int]:
    """Row indexes of row 500,000 (or the middle of a smaller list) and of the last row."""
    middle = 500_000 - 1 if rows > 500_000 else rows // 2
    return [t for t in dict.fromkeys((middle, rows - 1)) if t >= 0]


def measure_pages(ctx, rows: int) -> None:
    """`queries.page` alone (as the window's database lane calls it) and the plan SQLite picks for it."""
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
    statement, parameters = queries.page_sql(f, jump_targets(rows)[0] // PAGE_SIZE * PAGE_SIZE, PAGE_SIZE,
                                             ctx.now().date())
    plan = [r[-1] for r in ctx.db.read_rows("EXPLAIN QUERY PLAN " + statement, parameters)]
    print(f"query plan of queries.page:   {'; '.join(plan)}")


def bare(data_dir: Path, started: float) -> None:
    """The baseline: a bare QMainWindow with a QTableView over the same first 200 rows, read with raw sqlite3."""
    import sqlite3

    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication.instance() or QApplication([])
    con = sqlite3.connect(f"file:{data_dir / 'clerk.sqlite3'}?mode=ro", uri=True)
    rows = con.execute("SELECT number, applicant_name, service_code, status, registered_at, due_date, open_requests "
                       "FROM applications ORDER BY registered_on DESC, number DESC LIMIT 200").fetchall()
    model = QStandardItemModel(len(rows), 7)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem(str(value)))
    window = QMainWindow()
    view = QTableView(window)
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    assert view.model().index(0, 0).data()
    print(f"first-screen-since-spawn {time.monotonic() - started:.4f}", flush=True)
    con.close()


def first_screens(data_dir: Path, runs: int) -> None:
    """Whole processes, spawn to first rows shown: the clerk's window beside a bare QMainWindow+QTableView."""
    import statistics
    import subprocess

    times: dict[str, list[float]] = {"bare": [], "app": []}
    for i in range(runs):
        for kind in ("bare", "app"):  # alternated, so that load on the machine hits both alike
            started = time.monotonic()
            args = [sys.executable, __file__, str(data_dir), "--child", kind, "--started", repr(started)]
            if kind == "app" and i == runs - 1:
                args.append("--details")
            out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
            for line in out.splitlines():
                if line.startswith("first-screen-since-spawn "):
                    times[kind].append(float(line.split()[1]))
                elif i == runs - 1:
                    print(line)
    app, base = statistics.median(times["app"]), statistics.median(times["bare"])
    print(f"first screen, process spawn to rows shown (median of {runs}): clerk window {app * 1000:.0f} ms | "
          f"bare QMainWindow+QTableView {base * 1000:.0f} ms | ratio {app / base:.2f}x")
    print(f"  all runs: clerk window {[round(t * 1000) for t in times['app']]} ms, "
          f"bare {[round(t * 1000) for t in times['bare']]} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("work_dir", type=Path, help="WORK_DIR (generated into WORK_DIR/ws), or with --data-dir "
                        "given, unused")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--data-dir", type=Path, help="an already generated workstation "
                        "(python -m clerk_app.devtools.generate DIR 1000000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--child", choices=("app", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--details", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "app":
        measure(args.work_dir, args.started, args.details)
        return 0
    if args.child == "bare":
        bare(args.work_dir, args.started)
        return 0
    data_dir = args.data_dir
    if data_dir is None:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        spent = ensure_database(args.work_dir, args.count)
        if spent:
            print(f"generated {args.count:,} applications in {spent:.0f} s")
        data_dir = args.work_dir / "ws"
    from clerk_app.storage import migrate

    if migrate.current_revision(data_dir / "clerk.sqlite3") != migrate.head_revision():
        from alembic import command  # not timed, and no backup copy: a one-off on generated data

        command.upgrade(migrate.alembic_config(data_dir / "clerk.sqlite3"), "head")
    if not args.prepare_only:
        first_screens(data_dir, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
