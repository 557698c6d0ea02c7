"""`clerk-app hub token issue|revoke|list` and `clerk-app hub serve` as real processes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time

import pytest

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import AuthError
from clerk_app.gateway.sandbox.auth import CACHE_SECONDS
from tests.clerk_app.gateway.sandbox_data import make_event
from tests.e2e.cli_runner import run_cli
from tests.gateway_backend import gateway_db_url


def _serve(data_dir, db_url, catalogue):
    process = subprocess.Popen(
        [sys.executable, "-m", "clerk_app.cli", "--data-dir", str(data_dir), "hub", "serve", "--db", db_url,
         "--port", "0", "--answer-delay", "0", "--catalogue", str(catalogue)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=60)
    match = re.search(r"(http://\S+/api/v1)", line[0] if line else "")
    if match is None:
        process.kill()
        pytest.fail(f"hub serve did not print its address: {line}")
    return process, match.group(1)


def test_tokens_from_the_command_line_work_against_hub_serve(tmp_path, catalogue_file):
    db = gateway_db_url(tmp_path)
    issued = run_cli(tmp_path, "hub", "token", "issue", "--centre", "34-001", "--workstation", "34-001-07",
                     "--days", "30", "--db", db)
    assert issued.code == 0, issued.err
    token = issued.out.strip()
    assert token.startswith("hub_") and len(token) > 40 and "34-001-07" in issued.err
    listed = run_cli(tmp_path, "hub", "token", "list", "--json", "--db", db)
    assert listed.code == 0 and token not in listed.out
    [entry] = json.loads(listed.out)
    assert (entry["centre"], entry["workstation"], entry["state"]) == ("34-001", "34-001-07", "active")

    process, base_url = _serve(tmp_path, db, catalogue_file)
    try:
        with GatewayClient(base_url, token, "34-001", "34-001-07") as client:
            event = make_event(workstation="34-001-07")
            assert client.push_events([event])[0] == [event["event_id"]]
            with GatewayClient(base_url, "sandbox-token", "34-001", "34-001-07") as training:
                with pytest.raises(AuthError):
                    training.pull_events()
            revoked = run_cli(tmp_path, "hub", "token", "revoke", "--workstation", "34-001-07", "--db", db)
            assert revoked.code == 0 and "1" in revoked.out
            time.sleep(CACHE_SECONDS + 0.1)
            with pytest.raises(AuthError):  # revoked while the hub runs: refused within a second
                client.pull_events()
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()
    again = run_cli(tmp_path, "hub", "token", "revoke", "--workstation", "34-001-07", "--db", db)
    assert again.code == 1 and again.err.startswith("clerk-app: ")
    bad = run_cli(tmp_path, "hub", "token", "list", "--db", "mysql://nowhere/db")
    assert bad.code == 1 and "Traceback" not in bad.err and bad.err.count("\n") == 1
