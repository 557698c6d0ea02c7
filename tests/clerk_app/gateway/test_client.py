"""The client's own rules: error classes by status, malformed bodies, headers, TLS, timeouts, retries."""

from __future__ import annotations

import json
import socket

import pytest
import requests
from requests.adapters import BaseAdapter

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import (
    AuthError,
    ConflictError,
    PermanentError,
    RateLimited,
    TransientError,
)
from tests.clerk_app.gateway.sandbox_data import make_message

BASE = "https://gw.test/api/v1"


class FakeAdapter(BaseAdapter):
    """Answers every request with the next canned (status, body, headers); records what was sent."""

    def __init__(self, *answers):
        super().__init__()
        self.answers = list(answers)
        self.sent: list[tuple[requests.PreparedRequest, dict]] = []

    def send(self, request, **kwargs):
        self.sent.append((request, kwargs))
        status, body, headers = self.answers.pop(0)
        response = requests.Response()
        response.status_code = status
        response._content = body if isinstance(body, bytes) else json.dumps(body).encode()
        response.headers.update(headers or {})
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


def client_with(*answers, **kwargs):
    client = GatewayClient(BASE, "secret", "34-001", "34-001-07", **kwargs)
    adapter = FakeAdapter(*answers)
    client.session.mount("https://gw.test/", adapter)
    return client, adapter


def error(code, message="сообщение", field=None):
    body = {"error": {"code": code, "message": message}}
    if field:
        body["error"]["field"] = field
    return body


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, PermanentError), (403, PermanentError), (404, PermanentError), (413, PermanentError),
     (422, PermanentError), (409, ConflictError), (401, AuthError), (429, RateLimited),
     (500, TransientError), (502, TransientError), (503, TransientError), (504, TransientError)],
)
def test_status_maps_to_error_class(status, cls):
    client, _ = client_with((status, error("some_code", "Ошибка по-русски", "subject.snils"), None))
    with pytest.raises(cls) as caught:
        client.send_message(make_message())
    exc = caught.value
    assert type(exc) is cls
    assert (exc.status, exc.code, exc.message, exc.field) == (status, "some_code", "Ошибка по-русски", "subject.snils")
    if status in (400, 403, 404, 413, 422, 409, 401):
        assert not isinstance(exc, TransientError)


def test_rate_limit_and_503_carry_retry_after():
    client, _ = client_with((429, error("rate_limited"), {"Retry-After": "7"}),
                            (503, b"<html>busy</html>", {"Retry-After": "3"}),
                            (429, b"", None))
    with pytest.raises(RateLimited) as limited:
        client.send_message(make_message())
    assert limited.value.retry_after == 7.0
    with pytest.raises(TransientError) as busy:
        client.send_message(make_message())
    assert busy.value.retry_after == 3.0 and busy.value.status == 503
    with pytest.raises(RateLimited) as bare:
        client.send_message(make_message())
    assert bare.value.retry_after == 1.0


@pytest.mark.parametrize(
    "body",
    [b"<html>proxy says hi</html>", b"[1, 2]", json.dumps({"responses": "nope", "more": False}).encode(),
     json.dumps({"responses": []}).encode()],
)
def test_2xx_with_wrong_body_is_transient(body):
    client, _ = client_with((200, body, None))
    with pytest.raises(TransientError) as caught:
        client.fetch_responses()
    assert caught.value.code == "malformed_response"


def test_a_malformed_item_in_a_good_page_is_handed_to_the_caller():
    """One bad answer must not spoil its page: the sync engine sets it aside (quarantine)."""
    body = {"responses": [{"response_id": "r1"}, "not an object"], "more": False}
    client, _ = client_with((200, body, None))
    assert client.fetch_responses() == (body["responses"], False)


def test_a_page_nested_too_deep_is_cut_into_items():
    deep = "[" * 50_000 + "]" * 50_000
    raw = ('{"responses": [{"response_id": "ok", "data": {}}, {"response_id": "bad", "data": ' + deep
           + '}], "more": true}').encode()
    client, _ = client_with((200, raw, None))
    items, more = client.fetch_responses()
    assert more is True and items[0] == {"response_id": "ok", "data": {}}
    assert items[1]["response_id"] == "bad" and "__unreadable__" in items[1]


def test_send_answer_for_another_message_is_transient():
    message = make_message()
    client, _ = client_with((202, {"message_id": "someone-else", "status": "accepted"}, None))
    with pytest.raises(TransientError):
        client.send_message(message)


def test_proxy_error_page_without_error_body_on_unusual_status_is_transient():
    client, _ = client_with((302, b"", {"Location": "https://captive.portal/"}))
    with pytest.raises(TransientError):
        client.pull_events()


def test_every_call_carries_auth_headers_timeout_and_tls_verification():
    client, adapter = client_with((200, {"events": [], "cursor": "5", "more": False}, None),
                                  timeout=(1.5, 4))
    assert client.pull_events(after="5", limit=10) == ([], "5", False)
    request, kwargs = adapter.sent[0]
    assert request.headers["Authorization"] == "Bearer secret"
    assert request.headers["X-Centre-Code"] == "34-001"
    assert request.headers["X-Workstation-Id"] == "34-001-07"
    assert request.url == f"{BASE}/events?limit=10&after=5"
    assert kwargs["timeout"] == (1.5, 4)
    # True, or the system bundle that requests takes from REQUESTS_CA_BUNDLE: never False.
    assert kwargs["verify"] is True or isinstance(kwargs["verify"], str) and kwargs["verify"]


def test_ca_bundle_is_used_for_verification(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    client, adapter = client_with((200, {"status": "ok", "protocol": 1}, None), ca_bundle=str(bundle))
    client.health()
    assert adapter.sent[0][1]["verify"] == str(bundle)
    assert "Authorization" not in adapter.sent[0][0].headers  # /health needs no token


def test_catalogue_sends_if_none_match_and_handles_304():
    client, adapter = client_with((304, b"", {"ETag": '"abc"'}))
    assert client.catalogue('"abc"') == (None, '"abc"')
    assert adapter.sent[0][0].headers["If-None-Match"] == '"abc"'


def test_post_read_timeout_is_transient_and_not_retried():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts into the backlog, never answers
    try:
        port = listener.getsockname()[1]
        client = GatewayClient(f"http://127.0.0.1:{port}/api/v1", "t", "34-001", "34-001-07", timeout=(1, 0.3))
        with pytest.raises(TransientError) as caught:
            client.send_message(make_message())
        assert caught.value.code == "timeout"
    finally:
        listener.close()


def test_connection_refused_is_transient_network_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = GatewayClient(f"http://127.0.0.1:{port}/api/v1", "t", "34-001", "34-001-07", timeout=(0.5, 0.5))
    with pytest.raises(TransientError) as caught:
        client.send_message(make_message())
    assert caught.value.code == "network_error"


def test_client_never_disables_tls_verification():
    client = GatewayClient(BASE, "t", "34-001", "34-001-07", ca_bundle="")
    assert client._verify is True
