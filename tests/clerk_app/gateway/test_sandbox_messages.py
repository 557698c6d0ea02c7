"""Sending interagency requests: idempotency, validation, status and cancel."""

from __future__ import annotations

import time

import pytest
import requests

from clerk_app.gateway.errors import ConflictError, PermanentError
from tests.clerk_app.gateway.sandbox_data import headers, make_message


def test_send_202_then_identical_retry_200_then_changed_body_409(sandbox):
    message = make_message()
    url = f"{sandbox.base_url}/messages"
    first = requests.post(url, json=message, headers=headers(sandbox), timeout=5)
    assert first.status_code == 202
    assert first.json()["message_id"] == message["message_id"] and first.json()["status"] == "accepted"
    # Key order does not matter: the same JSON is the same body.
    reordered = dict(reversed(list(message.items())))
    retry = requests.post(url, json=reordered, headers=headers(sandbox), timeout=5)
    assert retry.status_code == 200 and retry.json() == first.json()
    changed = dict(message, operator="someone.else")
    conflict = requests.post(url, json=changed, headers=headers(sandbox), timeout=5)
    assert conflict.status_code == 409
    assert conflict.json()["error"]["code"] == "idempotency_conflict"
    assert sandbox.store.count_messages(message["message_id"]) == 1


def test_client_send_and_conflict(client):
    message = make_message()
    assert client.send_message(message)["status"] == "accepted"
    assert client.send_message(message)["status"] == "accepted"
    with pytest.raises(ConflictError) as caught:
        client.send_message(dict(message, subject=dict(message["subject"], snils="112-233-445 95 ")))
    assert caught.value.status == 409 and caught.value.code == "idempotency_conflict"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"kind": "no_such_kind"}, "kind", "unknown_kind"),
        ({"recipient": "FNS-34"}, "recipient", "unknown_recipient"),
        ({"subject": {"full_name": "Тестова Анна Ивановна", "cadastral_number": "34:34:060052:1234"}},
         "subject.snils", "validation_failed"),
        ({"subject": {"full_name": "Тестова Анна Ивановна", "snils": "112-233-445 96",
                      "cadastral_number": "34:34:060052:1234"}}, "subject.snils", "validation_failed"),
        ({"subject": {"full_name": "Тестова Анна Ивановна", "snils": "112-233-445 95",
                      "cadastral_number": "34-34-060052"}}, "subject.cadastral_number", "validation_failed"),
        ({"message_id": "not-a-uuid"}, "message_id", "validation_failed"),
        ({"created_at": "2026-11-26 09:15"}, "created_at", "validation_failed"),
    ],
)
def test_malformed_messages_are_422_with_field(client, change, field, code):
    message = dict(make_message(), **change)
    with pytest.raises(PermanentError) as caught:
        client.send_message(message)
    error = caught.value
    assert (error.status, error.code, error.field) == (422, code, field)
    assert any("а" <= ch <= "я" for ch in error.message.lower())  # a Russian message


@pytest.mark.parametrize(
    ("kind", "subject_field", "bad_value"),
    [
        ("fns_income", "inn", "344404512334"),
        ("fns_income", "birth_date", "17.05.1980"),
        ("mvd_registration", "passport", "18 06 12345"),
        ("mvd_registration", "address", ""),
    ],
)
def test_subject_fields_are_checked_per_kind(client, kind, subject_field, bad_value):
    with pytest.raises(PermanentError) as caught:
        client.send_message(make_message(kind, **{subject_field: bad_value}))
    assert caught.value.status == 422 and caught.value.field == f"subject.{subject_field}"


def test_message_status_goes_from_accepted_to_answered(catalogue_file):
    from clerk_app.gateway.client import GatewayClient
    from clerk_app.gateway.sandbox import SandboxServer
    from tests.clerk_app.gateway.sandbox_data import WORKSTATION

    with SandboxServer(catalogue_path=catalogue_file, answer_delay=0.4) as server:
        client = GatewayClient(server.base_url, server.token, server.centre_code, WORKSTATION)
        message = make_message()
        client.send_message(message)
        assert client.message_status(message["message_id"])["status"] == "accepted"
        time.sleep(0.45)
        status = client.message_status(message["message_id"])
        assert status["status"] == "answered" and status["updated_at"]


def test_unknown_message_is_404(client):
    with pytest.raises(PermanentError) as caught:
        client.message_status("3a0c7a48-1f5e-4a0e-8f55-000000000000")
    assert caught.value.status == 404


def test_cancel_is_idempotent_and_cancelled_answer_never_arrives(catalogue_file):
    from clerk_app.gateway.client import GatewayClient
    from clerk_app.gateway.sandbox import SandboxServer
    from tests.clerk_app.gateway.sandbox_data import WORKSTATION

    with SandboxServer(catalogue_path=catalogue_file, answer_delay=0.3) as server:
        client = GatewayClient(server.base_url, server.token, server.centre_code, WORKSTATION)
        message = make_message()
        client.send_message(message)
        assert client.cancel_message(message["message_id"])["status"] == "cancelled"
        assert client.cancel_message(message["message_id"])["status"] == "cancelled"
        time.sleep(0.35)
        assert client.message_status(message["message_id"])["status"] == "cancelled"
        assert client.fetch_responses() == ([], False)


def test_cancel_after_answer_is_409_already_answered(client):
    message = make_message()
    client.send_message(message)
    with pytest.raises(ConflictError) as caught:
        client.cancel_message(message["message_id"])
    assert caught.value.code == "already_answered"


def test_concurrent_sends_through_one_client(sandbox, client):
    from concurrent.futures import ThreadPoolExecutor

    messages = [make_message() for _ in range(24)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(client.send_message, messages + messages))  # every message twice
    assert all(r["status"] == "accepted" for r in results)
    for message in messages:
        assert sandbox.store.count_messages(message["message_id"]) == 1
    answers, more = client.fetch_responses(limit=500)
    assert len(answers) == 24 and more is False
