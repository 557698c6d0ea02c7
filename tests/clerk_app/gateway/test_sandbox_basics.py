"""Health, authentication, catalogue, limits and the error shape, over real HTTP."""

from __future__ import annotations

import json

import pytest
import requests

from clerk_app.gateway.errors import AuthError, PermanentError
from clerk_app.gateway.client import GatewayClient
from tests.clerk_app.gateway.sandbox_data import WORKSTATION, headers


def test_health_needs_no_token(sandbox, client):
    answer = requests.get(f"{sandbox.base_url}/health", timeout=5)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok" and body["protocol"] == 2 and "+03:00" in body["time"]
    assert client.health()["status"] == "ok"
    assert client.is_online()


def test_client_reports_offline_when_nobody_listens():
    offline = GatewayClient("http://127.0.0.1:9/api/v1", "t", "34-001", WORKSTATION, timeout=(0.5, 0.5))
    assert not offline.is_online()


@pytest.mark.parametrize("auth", [None, "Bearer wrong-token", "Basic c2FuZGJveA=="])
def test_missing_or_wrong_token_is_401_with_error_body(sandbox, auth):
    sent = headers(sandbox)
    if auth is None:
        del sent["Authorization"]
    else:
        sent["Authorization"] = auth
    answer = requests.get(f"{sandbox.base_url}/responses", headers=sent, timeout=5)
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["code"] == "unauthorized" and error["message"]


def test_client_raises_auth_error(sandbox):
    wrong = GatewayClient(sandbox.base_url, "revoked", sandbox.centre_code, WORKSTATION)
    with pytest.raises(AuthError) as caught:
        wrong.fetch_responses()
    assert caught.value.status == 401 and caught.value.code == "unauthorized"


def test_other_centre_is_403_centre_mismatch(sandbox):
    answer = requests.get(f"{sandbox.base_url}/events", headers=headers(sandbox, centre="34-002"), timeout=5)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "centre_mismatch"
    other = GatewayClient(sandbox.base_url, sandbox.token, "34-002", WORKSTATION)
    with pytest.raises(PermanentError) as caught:
        other.pull_events()
    assert caught.value.status == 403 and caught.value.code == "centre_mismatch"


def test_tokens_map_to_their_own_centre(catalogue_file):
    from clerk_app.gateway.sandbox import SandboxServer

    tokens = {"token-a": "34-001", "token-b": "34-002"}
    with SandboxServer(catalogue_path=catalogue_file, tokens=tokens) as server:
        ok = requests.get(f"{server.base_url}/events",
                          headers=headers(server, token="token-b", centre="34-002"), timeout=5)
        assert ok.status_code == 200
        refused = requests.get(f"{server.base_url}/events",
                               headers=headers(server, token="token-b", centre="34-001"), timeout=5)
        assert refused.status_code == 403


def test_catalogue_etag_and_304(sandbox, client):
    catalogue, etag = client.catalogue()
    assert catalogue["version"] == "test-1" and etag
    assert {k["code"] for k in catalogue["request_kinds"]} >= {"egrn_extract", "fns_income"}
    again, same_etag = client.catalogue(etag)
    assert again is None and same_etag == etag
    raw = requests.get(f"{sandbox.base_url}/catalogue", timeout=5,
                       headers={**headers(sandbox), "If-None-Match": etag})
    assert raw.status_code == 304 and raw.content == b""
    stale = requests.get(f"{sandbox.base_url}/catalogue", timeout=5,
                         headers={**headers(sandbox), "If-None-Match": '"stale"'})
    assert stale.status_code == 200 and stale.headers["ETag"] == etag


def test_catalogue_change_gives_new_etag(tmp_path):
    from clerk_app.gateway.sandbox import SandboxServer
    from tests.clerk_app.gateway.sandbox_data import CATALOGUE

    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(CATALOGUE, ensure_ascii=False), encoding="utf-8")
    with SandboxServer(catalogue_path=path) as server:
        gateway = GatewayClient(server.base_url, server.token, server.centre_code, WORKSTATION)
        _, etag = gateway.catalogue()
        changed = dict(CATALOGUE, version="test-2")
        path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
        import os
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
        catalogue, new_etag = gateway.catalogue(etag)
        assert catalogue is not None and catalogue["version"] == "test-2" and new_etag != etag


def test_demo_catalogue_is_the_default():
    from clerk_app.gateway.sandbox import SandboxServer
    from clerk_app.gateway.sandbox.catalogue import default_catalogue_path

    if not default_catalogue_path().is_file():
        pytest.skip("demo catalogue not present")
    with SandboxServer() as server:
        gateway = GatewayClient(server.base_url, server.token, server.centre_code, WORKSTATION)
        catalogue, _ = gateway.catalogue()
        assert any(k["code"] == "egrn_extract" for k in catalogue["request_kinds"])


def test_body_over_10_mib_is_413(sandbox, client):
    big = {"events": [], "padding": "x" * (10 * 1024 * 1024 + 1)}
    answer = requests.post(f"{sandbox.base_url}/events", json=big, headers=headers(sandbox), timeout=30)
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "payload_too_large"


def test_unknown_route_and_bad_json_use_the_error_shape(sandbox):
    missing = requests.get(f"{sandbox.base_url}/nowhere", headers=headers(sandbox), timeout=5)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    broken = requests.post(f"{sandbox.base_url}/messages", data=b"{not json", timeout=5,
                           headers={**headers(sandbox), "Content-Type": "application/json"})
    assert broken.status_code == 400 and broken.json()["error"]["code"] == "validation_failed"
    bad_limit = requests.get(f"{sandbox.base_url}/responses?limit=abc", headers=headers(sandbox), timeout=5)
    assert bad_limit.status_code == 422 and bad_limit.json()["error"]["field"] == "limit"
    too_many = requests.get(f"{sandbox.base_url}/responses?limit=501", headers=headers(sandbox), timeout=5)
    assert too_many.status_code == 422 and too_many.json()["error"]["field"] == "limit"


def test_openapi_lists_the_routes_under_the_base_path(sandbox):
    spec = requests.get(f"{sandbox.base_url}/openapi.json", timeout=5).json()
    paths = set(spec["paths"])
    assert {"/api/v1/health", "/api/v1/catalogue", "/api/v1/messages", "/api/v1/messages/{message_id}",
            "/api/v1/messages/{message_id}/cancel", "/api/v1/responses", "/api/v1/responses/ack",
            "/api/v1/events"} <= paths
