"""The command line against the sandbox gateway run by `clerk-app gateway-sandbox` in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
import requests

from tests.e2e.cli_runner import add_user, run_cli
from tests.factories import DEMO_CATALOGUE, sample_application


@pytest.fixture
def gateway(tmp_path):
    log = tmp_path / "gw.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "clerk_app.cli", "--data-dir", str(tmp_path / "gw"), "gateway-sandbox",
             "--port", "0", "--answer-delay", "0"], stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for _ in range(200):
            text = log.read_text(encoding="utf-8")
            if "http://" in text:
                url = text[text.index("http://"):].split()[0]
                try:
                    if requests.get(f"{url}/health", timeout=1).ok:
                        break
                except requests.RequestException:
                    pass
            time.sleep(0.1)
        else:
            raise AssertionError(f"sandbox did not start: {log.read_text(encoding='utf-8')}")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def test_apply_request_sync_decide_through_the_command_line(tmp_path, gateway):
    ws = tmp_path / "ws"
    token = tmp_path / "token.txt"
    token.write_text("sandbox-token\n", encoding="utf-8")
    assert run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07", "--gateway", gateway,
                   "--token-file", str(token)).code == 0
    res = run_cli(ws, "catalogue", "sync")
    assert res.code == 0, res.err
    assert run_cli(ws, "catalogue", "sync").out.strip() == "Каталог не изменился"  # ETag: 304
    add_user(ws, "boss", "пароль-руководителя", name="Руководитель")
    app_file = tmp_path / "app.json"
    app_file.write_text(json.dumps(sample_application(), ensure_ascii=False), encoding="utf-8")
    number = run_cli(ws, "apply", str(app_file), operator="boss").json()["number"]
    queued = run_cli(ws, "request", number, operator="boss").json()
    assert {q["status"] for q in queued} == {"queued"} and len(queued) == 3

    summary = run_cli(ws, "sync", "--once").json()
    assert summary["online"] is True and summary["sent"] == 3 and summary["failed"] == 0
    assert set(summary) == {"sent", "failed", "answers", "events_in", "events_out", "pending",
                            "needs_attention", "online"}
    for _ in range(10):
        app = run_cli(ws, "show", number, "--json", operator="boss").json()
        if app["status"] == "ready_for_handover":
            break
        run_cli(ws, "sync", "--once")
    assert app["status"] == "ready_for_handover"  # the agency decides the sample's service
    assert {r["status"] for r in app["requests"]} <= {"answered", "rejected", "error"}
    refused = run_cli(ws, "decide", number, "--refuse", "--reason", "Доход выше порога", operator="boss")
    assert refused.code == 1 and "принимает ведомство" in refused.err
    final = run_cli(ws, "sync").json()
    assert final["pending"] == 0 and final["needs_attention"] == 0


def test_offline_sync_succeeds_and_catalogue_sync_exits_3(tmp_path):
    ws = tmp_path / "ws"
    assert run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07",
                   "--gateway", "http://127.0.0.1:9/api/v1").code == 0
    assert run_cli(ws, "catalogue", "import", str(DEMO_CATALOGUE)).code == 0
    res = run_cli(ws, "catalogue", "sync")
    assert res.code == 3 and "шлюз" in res.err
    res = run_cli(ws, "sync", "--once")
    assert res.code == 0 and res.json()["online"] is False
