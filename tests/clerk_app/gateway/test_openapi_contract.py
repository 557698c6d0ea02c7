"""The sandbox's OpenAPI says what it accepts and answers: schemathesis (coverage, fuzzing and stateful
phases) finds no contract failure and no server error against the running sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

pytest.importorskip("schemathesis")

CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = os.environ.get("CLERK_APP_SCHEMATHESIS_EXAMPLES", "12")


def test_the_spec_documents_limits_bodies_and_errors(sandbox):
    spec = requests.get(f"{sandbox.base_url}/openapi.json", timeout=10).json()
    paths = spec["paths"]
    limit = next(p for p in paths["/api/v1/responses"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 500)
    post = paths["/api/v1/messages"]["post"]
    assert {"200", "202", "400", "401", "409", "413", "422"} <= set(post["responses"])
    assert post["requestBody"]["required"] is True
    assert "404" in paths["/api/v1/messages/{message_id}"]["get"]["responses"]
    assert post["responses"]["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    events = paths["/api/v1/events"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert events["properties"]["events"]["maxItems"] == 500
    assert not any(p["name"].lower() == "authorization" for op in paths["/api/v1/responses"].values()
                   for p in op.get("parameters", []))


def test_schemathesis_finds_no_failure(sandbox, tmp_path):
    cmd = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run",
           f"{sandbox.base_url}/openapi.json",
           "-H", f"Authorization: Bearer {sandbox.token}", "-H", f"X-Centre-Code: {sandbox.centre_code}",
           "-H", "X-Workstation-Id: 34-001-07",
           "--phases", "coverage,fuzzing,stateful", "--max-examples", MAX_EXAMPLES, "--seed", "20261202",
           "--no-color"]
    res = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=540, cwd=tmp_path,
                         env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
    tail = res.stdout[-6000:]
    assert res.returncode == 0, tail
    assert "Coverage" in tail and "Fuzzing" in tail and "Stateful" in tail
