"""`case_status` items of the response queue: stored once with the answers' pass, acknowledged once stored, a bad
one quarantined (and acknowledged) without stopping the others, a checksum fault taken again later."""

from __future__ import annotations

import base64
import hashlib

from sqlalchemy import func, select

from clerk_app.services import applications, handover, queries
from clerk_app.services.scans import ScanFile
from clerk_app.storage.models import AgencyDocument, CaseStatus, QuarantineItem
from clerk_app.sync import responses
from tests.factories import CLERK, sample_application

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class FakeQueue:
    """The gateway's response queue: pages of items, and what was acknowledged."""

    def __init__(self, items):
        self.items = items
        self.acked: list[str] = []

    def fetch_responses(self, limit):
        return list(self.items), False

    def ack_responses(self, ids):
        self.acked += list(ids)
        return len(ids)


def _item(case_id, number, status, rid, **extra):
    return {"response_id": rid, "type": "case_status", "case_id": case_id, "application_number": number,
            "agency": "KSZN-34", "status": status, "at": "2026-12-08T15:20:00+03:00", "comment": None, **extra}


def _result(case_id, number, rid, content=PDF, sha=None):
    att = {"name": "decision.pdf", "media_type": "application/pdf",
           "sha256": sha or hashlib.sha256(content).hexdigest(), "content_base64": base64.b64encode(content).decode()}
    return _item(case_id, number, "result", rid, attachments=[att], result={
        "approved": True, "document_number": "1234-р", "document_date": "2026-12-08",
        "signed_by": "Петрова А. В.", "legal_ground": None, "reason": None})


def _handed_over(ctx):
    data = sample_application(provided_by_applicant=["egrn_extract", "fns_income", "mvd_registration"])
    number = applications.register(ctx, CLERK, data, [ScanFile("passport", "p.pdf", PDF)]).number
    return number, handover.handover(ctx, CLERK, number).case_id


def _count(ctx, model):
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_statuses_are_stored_once_and_a_bad_one_is_quarantined(ctx):
    number, case_id = _handed_over(ctx)
    bad = _item(case_id, number, "approved-ish", "r-bad")
    queue = FakeQueue([_item(case_id, number, "accepted", "r-1"), bad, _result(case_id, number, "r-2")])
    taken = responses.TakeResult()
    responses.take_answers(ctx, queue, taken)
    assert (taken.case_statuses, taken.answers, taken.quarantined) == (2, 0, 1)
    out = queries.show(ctx, CLERK, number).to_json()
    assert out["status"] == "result_received" and out["result"]["document_number"] == "1234-р"
    assert sorted(queue.acked) == ["r-1", "r-2", "r-bad"]
    assert _count(ctx, CaseStatus) == 2 and _count(ctx, AgencyDocument) == 1 and _count(ctx, QuarantineItem) == 1
    again = responses.TakeResult()
    responses.take_answers(ctx, queue, again)  # offered again (an acknowledgement lost): nothing doubles
    assert again.case_statuses == 0
    assert _count(ctx, CaseStatus) == 2 and _count(ctx, AgencyDocument) == 1 and _count(ctx, QuarantineItem) == 1
    types = [e["type"] for e in queries.show(ctx, CLERK, number).to_json()["events"]]
    assert types == ["registered", "handed_over", "agency_accepted", "result_received"]


def test_a_checksum_fault_is_not_acknowledged_and_comes_again(ctx):
    number, case_id = _handed_over(ctx)
    queue = FakeQueue([_result(case_id, number, "r-1", sha="0" * 64)])
    responses.take_answers(ctx, queue)
    assert queue.acked == [] and _count(ctx, CaseStatus) == 0
    assert queries.show(ctx, CLERK, number).to_json()["status"] == "handed_over"
    queue.items = [_result(case_id, number, "r-1")]
    responses.take_answers(ctx, queue)
    assert queue.acked == ["r-1"] and queries.show(ctx, CLERK, number).to_json()["status"] == "result_received"


def test_a_status_of_a_case_not_handed_over_is_history_only(ctx):
    number, case_id = _handed_over(ctx)
    queue = FakeQueue([_result("0a0a0a0a-0000-4000-8000-000000000000", number, "r-9")])
    responses.take_answers(ctx, queue)
    assert queue.acked == ["r-9"] and _count(ctx, CaseStatus) == 1
    assert queries.show(ctx, CLERK, number).to_json()["status"] == "handed_over"
