"""The sandbox as a separate process (python -m clerk_app.gateway.sandbox): killed and restarted on its database."""

from __future__ import annotations

import re
import subprocess
import sys
import threading

import pytest

from clerk_app.gateway.client import GatewayClient
from tests.clerk_app.gateway.sandbox_data import make_message


def _start(db_url: str, catalogue) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "clerk_app.gateway.sandbox", "--port", "0", "--db", db_url,
         "--answer-delay", "0", "--catalogue", str(catalogue)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
    )
    first_line: list[str] = []
    reader = threading.Thread(target=lambda: first_line.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=20)
    match = re.search(r"(http://\S+/api/v1)", first_line[0] if first_line else "")
    if match is None:
        _kill(process)
        pytest.fail(f"sandbox process did not print its address: {first_line}")
    return process, match.group(1)


def _kill(process: subprocess.Popen) -> None:
    process.kill()
    process.wait(timeout=10)
    process.stdout.close()


def _wait_online(client: GatewayClient) -> None:
    import time

    deadline = time.monotonic() + 20
    while not client.is_online():
        assert time.monotonic() < deadline, "sandbox process never answered /health"
        time.sleep(0.05)


def test_killed_sandbox_keeps_accepted_messages(tmp_path, catalogue_file):
    db_url = f"sqlite:///{(tmp_path / 'gateway.sqlite').as_posix()}"
    message = make_message()
    process, base_url = _start(db_url, catalogue_file)
    try:
        client = GatewayClient(base_url, "sandbox-token", "34-001", "34-001-07")
        _wait_online(client)
        assert client.send_message(message)["status"] == "accepted"
    finally:
        _kill(process)
    process, base_url = _start(db_url, catalogue_file)
    try:
        client = GatewayClient(base_url, "sandbox-token", "34-001", "34-001-07")
        _wait_online(client)
        # The retry after the crash is recognised as the same message, and its answer is waiting.
        answer = client.send_message(message)
        assert answer["status"] == "accepted"
        answers, _ = client.fetch_responses()
        assert [a["message_id"] for a in answers] == [message["message_id"]]
    finally:
        _kill(process)


def test_cli_rejects_a_bad_fail_rate():
    from clerk_app.gateway.sandbox.server import main

    assert main(["--fail-rate", "1.5"]) == 2
