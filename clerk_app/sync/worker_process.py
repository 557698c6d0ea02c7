"""Sync passes in a child process, so that the window's process never shares its interpreter lock
with sync work (HTTP, JSON, ORM): the event loop stays responsive however much there is to send."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from clerk_app.sync.engine import SyncEngine, SyncSummary

__all__ = ["SyncProcess", "SyncSummary"]

_engine: SyncEngine | None = None
BACKGROUND_NICENESS = 5


def _start(data_dir: str) -> None:
    global _engine
    from clerk_app.services.context import open_context

    if hasattr(os, "nice"):  # background work: the window's process gets the CPU first
        os.nice(BACKGROUND_NICENESS)

    _engine = SyncEngine(open_context(Path(data_dir)))


def _pass(reset_client: bool) -> SyncSummary:
    assert _engine is not None
    if reset_client:
        _engine.reset_client()
    return _engine.run_pass()


class SyncProcess:
    """One long-lived child process that runs `SyncEngine.run_pass()` for a data folder; a child that
    dies (killed, crashed) is replaced at the next pass, and the outbox makes the lost pass harmless."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._executor: ProcessPoolExecutor | None = None
        self._reset = False

    def reset_client(self) -> None:
        self._reset = True

    def run_pass(self) -> SyncSummary:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start, initargs=(str(self.data_dir),))
        reset, self._reset = self._reset, False
        try:
            return self._executor.submit(_pass, reset).result()
        except BrokenProcessPool:
            self._executor = None
            raise

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
