"""Background sync: one `SyncEngine.run_pass()` at a time, on a timer and on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from clerk_app.services.context import AppContext
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text

if TYPE_CHECKING:  # the worker process module (multiprocessing, HTTP) loads with the first pass
    from clerk_app.sync.worker_process import SyncProcess, SyncSummary


class SyncController(QObject):
    """Emits `started`, then `finished(SyncSummary)` or `failed(str)`; never runs two passes at once."""

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._tasks = ctx, tasks
        self._running = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.last_summary: SyncSummary | None = None
        self.passes = 0
        self._engine: SyncProcess | None = None  # used only from the worker lane, one pass at a time
        self._reset_client = False

    def settings_changed(self) -> None:
        """The next pass connects anew (gateway address, token or certificates may have changed)."""
        self._reset_client = True

    def _run_pass(self) -> SyncSummary:
        if self._engine is None:
            from clerk_app.sync.worker_process import SyncProcess

            self._engine = SyncProcess(self._ctx.data_dir)
        if self._reset_client:
            self._reset_client = False
            self._engine.reset_client()
        return self._engine.run_pass()

    @property
    def running(self) -> bool:
        return self._running

    def start(self, interval_seconds: int) -> None:
        """Sync every `interval_seconds` from now on (the first pass comes after one interval)."""
        self.timer.start(max(1, int(interval_seconds)) * 1000)

    def set_interval(self, interval_seconds: int) -> None:
        if self.timer.isActive():
            self.start(interval_seconds)

    def stop(self) -> None:
        self.timer.stop()

    def close(self) -> None:
        """After the last pass (call when the task runner is idle): release the gateway connection."""
        self.timer.stop()
        if self._engine is not None and not self._running:
            self._engine.close()
            self._engine = None

    def sync_now(self) -> bool:
        """Start a pass unless one is running; returns whether one was started."""
        if self._running:
            return False
        self._running = True
        self.started.emit()
        Operation(self, None, self._run_pass).long().success(self._on_done).failure(self._on_error) \
            .run_in(self._tasks)
        return True

    def _on_done(self, summary: SyncSummary) -> None:
        self._running = False
        self.passes += 1
        self.last_summary = summary
        self.finished.emit(summary)
        self._tasks.announce(self._ctx, summary.changes)  # from the sync process: answers, events, catalogue

    def _on_error(self, exc: BaseException) -> None:
        self._running = False
        self.passes += 1
        self.failed.emit(error_text(exc))
