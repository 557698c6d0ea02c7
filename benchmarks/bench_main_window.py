"""Open the main window on a database of many applications and print how fast the first rows appear.

    python benchmarks/bench_main_window.py WORK_DIR [--count 1000000]

WORK_DIR keeps the generated workstation (reused by later runs; generation takes minutes).
Prints: generation time (if any), time to the first screen of rows, scrolling to the middle and the end,
and the process memory (peak RSS).
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
    for label, target in (("middle", rows // 2), ("end", rows - 1)):
        start = time.perf_counter()
        view.scrollTo(model.index(target, 0))
        app.processEvents()
        model.data(model.index(target, 0))
        wait(lambda t=target: row_ready(t))
        print(f"jump to the {label:<6} ({target:>9,}): {(time.perf_counter() - start) * 1000:.0f} ms until rows shown")
    print(f"memory: RSS now {rss_mb():.0f} MiB, peak {peak_mb():.0f} MiB")
    db = work / "ws" / "clerk.sqlite3"
    print(f"database file:                {db.stat().st_size / 2**30:.2f} GiB")
    window.close()
    tasks.wait()
    ctx.close()


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
