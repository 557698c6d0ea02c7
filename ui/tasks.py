"""Running blocking service calls off the GUI thread and handing results back to it."""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from clerk_app.services.changes import Changes
from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class _Relay(QObject):
    """Lives on the GUI thread; queued signals bring worker results to its slots."""

    finished = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)

    @Slot(int, object)
    def _on_finished(self, token: int, result: object) -> None:
        on_done, _ = self.callbacks.pop(token, (None, None))
        if on_done is not None:
            on_done(result)

    @Slot(int, object)
    def _on_failed(self, token: int, error: object) -> None:
        _, on_error = self.callbacks.pop(token, (None, None))
        if on_error is not None:
            on_error(error)
        else:
            log.error("background task failed: %s", error)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, token: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.relay, self.token, self.fn = relay, token, fn

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(self.token, exc)
        else:
            self.relay.finished.emit(self.token, result)


class TaskRunner(QObject):
    """Two lanes: `run` for short database work (one at a time, in order) and `run_long`
    for network work such as a sync pass and for long reads (the queue counts over every application),
    so that neither delays the clerk's reads.

    `changed(Changes)` is the window's one notice of what a call or a sync pass changed
    (`ui.operations.Operation` and the sync controller announce it); screens and caches follow it."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._tokens = itertools.count(1)
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)
        self._net_pool = QThreadPool(self)
        self._net_pool.setMaxThreadCount(2)

    def _submit(self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callback | None,
                on_error: Callback | None) -> int:
        token = next(self._tokens)
        self._relay.callbacks[token] = (on_done, on_error)
        pool.start(_Job(self._relay, token, fn))
        return token

    def run(self, fn: Callable[[], Any], on_done: Callback | None = None,
            on_error: Callback | None = None) -> int:
        return self._submit(self._db_pool, fn, on_done, on_error)

    def run_long(self, fn: Callable[[], Any], on_done: Callback | None = None,
                 on_error: Callback | None = None) -> int:
        return self._submit(self._net_pool, fn, on_done, on_error)

    def announce(self, ctx: AppContext | None, changes: Changes) -> None:
        """Tell every screen what changed; caches of `ctx` forget what went stale first."""
        if changes.empty:
            return
        if ctx is not None:
            ctx.follow(changes)
        self.changed.emit(changes)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for running jobs (tests and shutdown only)."""
        return self._db_pool.waitForDone(msecs) and self._net_pool.waitForDone(msecs)
