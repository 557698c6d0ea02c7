"""Sync tests talk to a real sandbox gateway over HTTP on a free loopback port."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from clerk_app.gateway.sandbox.server import SandboxServer
from clerk_app.services import applications, requests
from clerk_app.services.workstation import init
from clerk_app.devtools.samples import numbered_application
from tests.factories import CLERK, make_context


class ShiftClock:
    """The real clock plus an offset the test moves forward, so back-offs pass without sleeping."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now().astimezone() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def sandbox(tmp_path):
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'gw.sqlite3'}", answer_delay=0,
                       visibility_timeout=1.0) as server:
        yield server


def connect(tmp_path, name, server, workstation="34-001-07", clock=None):
    """A workstation whose settings point at `server` (which may be down)."""
    ctx = make_context(tmp_path / name, workstation_id=workstation)
    init(tmp_path / name, "34-001", workstation, server.base_url, server.token_for("34-001", workstation))
    if clock is not None:
        ctx.clock = clock
    return ctx


def register_many(ctx, n, start=1):
    """n applications of the sample service, each with distinct synthetic applicants; their numbers."""
    numbers = []
    for i in range(start, start + n):
        numbers.append(applications.register(ctx, CLERK, numbered_application(i)).number)
    return numbers


def queue_requests(ctx, numbers):
    return [q.message_id for n in numbers for q in requests.create_requests(ctx, CLERK, n)]
