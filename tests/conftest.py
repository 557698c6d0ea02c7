"""Shared fixtures. Qt runs offscreen in every test (set before any Qt import)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CLERK_APP_OPERATOR", None)
os.environ.pop("CLERK_APP_DATA_DIR", None)

import pytest  # noqa: E402

from clerk_app.gateway.sandbox.server import SandboxServer  # noqa: E402
from clerk_app.services import workstation  # noqa: E402

from tests import gateway_backend  # noqa: E402
from tests.factories import (  # noqa: E402,F401
    DEMO_CATALOGUE,
    make_context,
    sample_application,
)


@pytest.fixture(autouse=True, scope="session")
def _gateway_store_under_test():
    """CLERK_APP_TEST_PG / CLERK_APP_TEST_HUB (tests/gateway_backend.py): every SandboxServer of the run goes to
    PostgreSQL, and runs as the hub. Fails loudly when the server named there cannot be reached."""
    if gateway_backend.pg_server_url() is None:
        yield
        return
    original = SandboxServer.__init__

    def on_backend(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        kwargs["db_url"] = gateway_backend.store_url(kwargs.get("db_url") or "sqlite://")
        if gateway_backend.hub_mode() and kwargs.get("tokens") is None:
            kwargs["tokens"] = {}
        original(self, *args, **kwargs)

    SandboxServer.__init__ = on_backend
    try:
        yield
    finally:
        SandboxServer.__init__ = original


@pytest.fixture
def ctx(tmp_path):
    """A configured workstation with the demo catalogue and three operators."""
    context = make_context(tmp_path / "ws")
    yield context
    context.close()


@pytest.fixture
def sandbox(tmp_path):
    """The sandbox gateway on a free loopback port, answering at once."""
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'gw.sqlite3'}", answer_delay=0) as server:
        yield server


@pytest.fixture
def online_ctx(ctx, sandbox):
    """The `ctx` workstation pointed at the sandbox."""
    workstation.init(ctx.data_dir, "34-001", "34-001-07", sandbox.base_url,
                     sandbox.token_for("34-001", "34-001-07")).close()
    return ctx
