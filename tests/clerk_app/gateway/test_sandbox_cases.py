"""Protocol version 2: cases handed over to the deciding agency, and their `case_status` items."""

from __future__ import annotations

import base64
import hashlib
import time

import pytest
import requests

from clerk_app.gateway.client import GatewayClient, is_case_status, verify_attachment
from clerk_app.gateway.errors import ConflictError, PermanentError
from clerk_app.gateway.sandbox import SandboxServer
from tests.clerk_app.gateway.sandbox_data import headers, make_case, make_message

EVEN_SNILS = "112-233-446 96"  # check number 96: the agency approves
ODD_SNILS = "112-233-445 95"  # check number 95: the agency refuses


def _drain(client: GatewayClient, want: int, timeout: float = 10.0) -> list[dict]:
    items: list[dict] = []
    deadline = time.monotonic() + timeout
    while len(items) < want and time.monotonic() < deadline:
        got, _ = client.fetch_responses(100)
        items += got
        if got:
            client.ack_responses([i["response_id"] for i in got])
        else:
            time.sleep(0.05)
    return items


def test_health_speaks_protocol_2(sandbox):
    assert requests.get(f"{sandbox.base_url}/health", timeout=5).json()["protocol"] == 2


def test_post_case_202_then_identical_retry_200_then_changed_body_409(sandbox):
    case = make_case(EVEN_SNILS)
    url = f"{sandbox.base_url}/cases"
    first = requests.post(url, json=case, headers=headers(sandbox), timeout=5)
    assert first.status_code == 202
    assert first.json()["case_id"] == case["case_id"] and first.json()["status"] == "accepted"
    retry = requests.post(url, json=dict(reversed(list(case.items()))), headers=headers(sandbox), timeout=5)
    assert retry.status_code == 200 and retry.json() == first.json()
    conflict = requests.post(url, json=dict(case, operator="someone.else"), headers=headers(sandbox), timeout=5)
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "idempotency_conflict"


def test_client_send_case_and_conflict(client):
    case = make_case(EVEN_SNILS)
    assert client.send_case(case)["status"] == "accepted"
    assert client.send_case(case)["status"] == "accepted"
    with pytest.raises(ConflictError):
        client.send_case(dict(case, handed_over_at="2026-11-27T11:00:00+03:00"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"service": "housing_subsidy"}, "service"),  # decided by the centre (version 1 default)
        ({"service": "no_such_service"}, "service"),
        ({"agency": "FNS-34"}, "agency"),
        ({"case_id": "not-a-uuid"}, "case_id"),
        ({"handed_over_at": "27.11.2026"}, "handed_over_at"),
        ({"applicant": {}}, "applicant"),
        ({"operator": ""}, "operator"),
    ],
)
def test_malformed_cases_are_422_naming_the_field(client, change, field):
    with pytest.raises(PermanentError) as caught:
        client.send_case(dict(make_case(EVEN_SNILS), **change))
    assert caught.value.status == 422 and caught.value.field == field
    assert any("а" <= ch <= "я" for ch in caught.value.message.lower())


def test_a_scan_required_document_without_a_scan_is_422(client):
    with pytest.raises(PermanentError) as caught:
        client.send_case(make_case(EVEN_SNILS, scans=False))
    assert caught.value.status == 422 and caught.value.field == "documents[passport].scans"


def test_a_scan_whose_sha256_does_not_match_is_422(client):
    case = make_case(EVEN_SNILS)
    case["documents"][0]["scans"][0]["sha256"] = hashlib.sha256(b"other").hexdigest()
    with pytest.raises(PermanentError) as caught:
        client.send_case(case)
    assert caught.value.field == "documents[0].scans[0].sha256"


def test_unknown_case_is_404(client):
    with pytest.raises(PermanentError) as caught:
        client.case_status("00000000-0000-4000-8000-000000000000")
    assert caught.value.status == 404


def test_even_snils_is_accepted_then_approved_with_a_real_pdf(client, sandbox):
    case = make_case(EVEN_SNILS)
    client.send_case(case)
    items = _drain(client, 2)
    assert [i["status"] for i in items] == ["accepted", "result"]
    assert all(is_case_status(i) and i["case_id"] == case["case_id"] for i in items)
    assert all(i["application_number"] == case["application_number"] and i["agency"] == "KSZN-34" for i in items)
    result = items[1]["result"]
    assert result["approved"] is True and result["legal_ground"] is None
    assert result["document_number"] and result["document_date"] and result["signed_by"]
    (attachment,) = items[1]["attachments"]
    pdf = verify_attachment(attachment)
    assert pdf.startswith(b"%PDF") and attachment["media_type"] == "application/pdf"
    assert client.case_status(case["case_id"])["status"] == "result"


def test_odd_snils_is_refused_with_the_catalogues_legal_ground(client):
    case = make_case(ODD_SNILS)
    client.send_case(case)
    final = _drain(client, 2)[-1]
    assert final["status"] == "result"
    assert final["result"]["approved"] is False
    assert final["result"]["legal_ground"] == "income_over" and final["result"]["reason"]
    assert base64.b64decode(final["attachments"][0]["content_base64"]).startswith(b"%PDF")


def test_a_trainer_can_provoke_a_return_with_a_comment(client):
    case = make_case(EVEN_SNILS)
    case["applicant"]["full_name"] = "Возвратова Анна Ивановна"
    client.send_case(case)
    final = _drain(client, 2)[-1]
    assert final["status"] == "returned" and "возвращено" in final["comment"]


def test_case_items_share_the_queue_with_answers_and_are_redelivered_until_acked(client):
    client.send_message(make_message())
    client.send_case(make_case(EVEN_SNILS))
    deadline = time.monotonic() + 10
    seen: list[dict] = []
    while len(seen) < 3 and time.monotonic() < deadline:
        seen += client.fetch_responses(100)[0]
    assert sorted(i.get("type", "answer") for i in seen) == ["answer", "case_status", "case_status"]
    time.sleep(0.6)  # the visibility timeout of this module's sandbox
    again, _ = client.fetch_responses(100)
    assert {i["response_id"] for i in again} == {i["response_id"] for i in seen}
    assert client.ack_responses([i["response_id"] for i in again]) == 3
    time.sleep(0.6)
    assert client.fetch_responses(100)[0] == []


def test_limit_counts_answers_and_case_items_together(client):
    client.send_case(make_case(EVEN_SNILS))
    time.sleep(0.05)
    first, more = client.fetch_responses(1)
    assert len(first) == 1 and more is True


def test_the_result_comes_after_the_answer_delay(catalogue_file):
    with SandboxServer(catalogue_path=catalogue_file, answer_delay=30.0) as server:
        with GatewayClient(server.base_url, server.token, server.centre_code, "34-001-07") as client:
            case = make_case(EVEN_SNILS)
            client.send_case(case)
            items, more = client.fetch_responses(100)
            assert [i["status"] for i in items] == ["accepted"] and more is False
            assert client.case_status(case["case_id"])["status"] == "accepted"


def test_cases_of_another_centre_are_not_found(sandbox):
    case = make_case(EVEN_SNILS)
    assert requests.post(f"{sandbox.base_url}/cases", json=case, headers=headers(sandbox), timeout=5).status_code == 202
    other = requests.get(f"{sandbox.base_url}/cases/{case['case_id']}", timeout=5,
                         headers=headers(sandbox, token="sandbox-token-34-002", centre="34-002"))
    assert other.status_code == 404
