"""The response queue: answers after the delay, leases, acknowledgement, refusals, attachments."""

from __future__ import annotations

import base64
import hashlib
import io
import time

import pytest
from pypdf import PdfReader

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import AttachmentMismatch, TransientError
from clerk_app.gateway.attachments import verify_attachment
from clerk_app.gateway.sandbox import SandboxServer
from tests.clerk_app.gateway.sandbox_data import make_message


def test_answer_appears_only_after_the_delay(catalogue_file, workstation):
    with SandboxServer(catalogue_path=catalogue_file, answer_delay=0.3) as server:
        client = GatewayClient(server.base_url, server.token, server.centre_code, workstation)
        message = make_message()
        client.send_message(message)
        assert client.fetch_responses() == ([], False)
        time.sleep(0.35)
        answers, more = client.fetch_responses()
        assert [a["message_id"] for a in answers] == [message["message_id"]] and more is False


def test_egrn_answer_with_verified_pdf_then_ack(client):
    message = make_message("egrn_extract")
    client.send_message(message)
    answers, _ = client.fetch_responses()
    assert len(answers) == 1
    answer = answers[0]
    assert answer["status"] == "answered" and answer["agency"] == "ROSREESTR-34"
    assert answer["refusal_reason"] is None and "+03:00" in answer["answered_at"]
    obj = answer["data"]["objects"][0]
    assert obj["cadastral_number"] == message["subject"]["cadastral_number"]
    assert obj["area_m2"] > 0 and obj["right"]
    attachment = answer["attachments"][0]
    assert attachment["name"] == "egrn.pdf" and attachment["media_type"] == "application/pdf"
    content = verify_attachment(attachment)
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == attachment["sha256"]
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert message["subject"]["cadastral_number"] in text
    assert client.ack_responses([answer["response_id"]]) == 1
    assert client.ack_responses([answer["response_id"], "unknown-id"]) == 1  # idempotent, unknown ignored
    assert client.fetch_responses() == ([], False)


def test_same_subject_gives_same_data(client):
    first, second = make_message(), make_message()
    client.send_message(first)
    client.send_message(second)
    answers, _ = client.fetch_responses()
    by_message = {a["message_id"]: a for a in answers}
    assert by_message[first["message_id"]]["data"] == by_message[second["message_id"]]["data"]
    assert by_message[first["message_id"]]["response_id"] != by_message[second["message_id"]]["response_id"]


def test_unacknowledged_answer_is_offered_again_after_visibility_timeout(client):
    client.send_message(make_message())
    first, _ = client.fetch_responses()
    assert len(first) == 1
    assert client.fetch_responses() == ([], False)  # leased
    time.sleep(0.55)
    again, _ = client.fetch_responses()
    assert [a["response_id"] for a in again] == [first[0]["response_id"]]
    assert again[0] == first[0]  # the same answer, byte for byte in content


def test_cadastral_number_ending_in_zero_is_refused(client):
    client.send_message(make_message("egrn_extract", cadastral_number="34:34:060052:1230"))
    answers, _ = client.fetch_responses()
    assert answers[0]["status"] == "rejected"
    assert answers[0]["refusal_reason"] == "сведения отсутствуют"
    assert answers[0]["attachments"] == []


@pytest.mark.parametrize(
    ("kind", "expect_key"),
    [("fns_income", "months"), ("mvd_registration", "address"), ("sfr_pension", "amount")],
)
def test_other_agencies_answer_plausibly(client, kind, expect_key):
    client.send_message(make_message(kind))
    answers, _ = client.fetch_responses()
    assert answers[0]["status"] == "answered" and expect_key in answers[0]["data"]
    if kind == "fns_income":
        assert len(answers[0]["data"]["months"]) == 12


def test_full_name_with_failure_marker_gives_agency_error(client):
    client.send_message(make_message("sfr_pension", full_name="Сбойкин Пётр Петрович"))
    answers, _ = client.fetch_responses()
    assert answers[0]["status"] == "error" and answers[0]["refusal_reason"]


def test_answers_are_per_workstation_and_limited(sandbox, client):
    for _ in range(3):
        client.send_message(make_message())
    other = GatewayClient(sandbox.base_url, sandbox.token, sandbox.centre_code, client.workstation_id + "-b")
    assert other.fetch_responses() == ([], False)
    page, more = client.fetch_responses(limit=2)
    assert len(page) == 2 and more is True
    rest, more = client.fetch_responses(limit=2)
    assert len(rest) == 1 and more is False


def test_tampered_attachment_is_a_transient_mismatch():
    content = b"%PDF-1.4 tiny"
    good = {"name": "a.pdf", "sha256": hashlib.sha256(content).hexdigest(),
            "content_base64": base64.b64encode(content).decode()}
    assert verify_attachment(good) == content
    with pytest.raises(AttachmentMismatch) as caught:
        verify_attachment(dict(good, content_base64=base64.b64encode(b"%PDF-1.4 tinY").decode()))
    assert isinstance(caught.value, TransientError)
    with pytest.raises(AttachmentMismatch):
        verify_attachment(dict(good, content_base64="@@not base64@@"))
    with pytest.raises(AttachmentMismatch):
        verify_attachment({"name": "a.pdf"})
