"""Fixtures: a sandbox gateway on a free loopback port and a client for it."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.sandbox import SandboxServer
from tests.clerk_app.gateway.sandbox_data import CATALOGUE, WORKSTATION


@pytest.fixture(scope="session")
def catalogue_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalogue") / "catalogue.json"
    path.write_text(json.dumps(CATALOGUE, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sandbox(catalogue_file: Path):
    """One server per test module (answers due at once, re-offered after 0.5 s); tests isolate by workstation."""
    with SandboxServer(catalogue_path=catalogue_file, answer_delay=0.0, visibility_timeout=0.5, seed=7) as server:
        yield server


@pytest.fixture
def workstation() -> str:
    """A workstation of its own for each test: answers are queued per workstation."""
    return f"{WORKSTATION}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def client(sandbox: SandboxServer, workstation: str):
    with GatewayClient(sandbox.base_url, sandbox.token, sandbox.centre_code, workstation) as gateway:
        yield gateway
