"""Sync passes in a child process: results come back, a killed child is replaced, nothing is lost."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

import pytest

from clerk_app.sync.worker_process import SyncProcess
from tests.clerk_app.sync.conftest import connect, queue_requests, register_many


def test_passes_run_in_a_child_and_a_killed_child_is_replaced(tmp_path, sandbox):
    ctx = connect(tmp_path, "ws", sandbox)
    queue_requests(ctx, register_many(ctx, 2))
    worker = SyncProcess(ctx.data_dir)
    try:
        first = worker.run_pass()
        assert first.online and first.sent == 6
        (child,) = worker._executor._processes.values()
        child.kill()
        child.join()
        queue_requests(ctx, register_many(ctx, 1, start=3))
        with pytest.raises(BrokenProcessPool):
            worker.run_pass()
        again = worker.run_pass()
        assert again.online and again.sent == 3
        assert sandbox.store.count_messages() == 9
    finally:
        worker.close()
