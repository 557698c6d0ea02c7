"""Taking answers (and the agency leg's case statuses, sync.case_statuses) from the gateway's queue: checked, stored a page per transaction, then acknowledged.

An answer that does not pass the checks is set aside in quarantine (with its reason) in the same
transaction and acknowledged with the others; an attachment whose sha256 does not match is a transfer
fault: that answer is not acknowledged and comes again. A page too large to read is asked for again
in smaller pages.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from clerk_app.domain.states import REQ_CLOSED, ReqStatus
from clerk_app.domain.enums import QuarantineSource
from clerk_app.gateway.client import GatewayClient, is_case_status
from clerk_app.gateway.errors import GatewayError
from clerk_app.gateway.limits import BodyTooLarge
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_system_events, reproject_many
from clerk_app.storage.models import Application, InteragencyRequest, Response, ResponseAttachment, table_of
from clerk_app.sync import quarantine
from clerk_app.sync.case_statuses import check_case_status, store_case_statuses
from clerk_app.sync.incoming import ChecksumMismatch, Refused, attachment_bytes, check_answer

log = logging.getLogger(__name__)

PAGE = 500
MAX_PAGES = 50

Checked = tuple[dict, list[tuple[dict, bytes]]]


@dataclass
class TakeResult:
    answers: int = 0  # stored in this pass, whether or not their acknowledgement went through
    quarantined: int = 0
    case_statuses: int = 0  # the agency's news of cases that moved an application on


def _check(items: list) -> tuple[list[Checked], list[tuple[object, str]], list[str]]:
    """(answers and case statuses to store, (item, reason) to set aside, response ids to leave unacknowledged)."""
    good: list[Checked] = []
    bad: list[tuple[object, str]] = []
    later: list[str] = []
    for item in items:
        try:
            if is_case_status(item):  # the agency leg's items (sync.case_statuses)
                check_case_status(item)
            else:
                check_answer(item)
            good.append((item, [(a, attachment_bytes(a)) for a in item.get("attachments") or []]))
        except Refused as exc:
            bad.append((item, exc.reason))
        except ChecksumMismatch as exc:
            log.warning("answer %s not taken: %s", item["response_id"], exc)
            later.append(item["response_id"])
    return good, bad, later


def _store_page(ctx: AppContext, good: list[Checked], bad: list[tuple[object, str]], result: TakeResult) -> None:
    """Store a page in one transaction (set-based inserts and updates, one reprojection per application);
    counts what was new in `result`."""
    with ctx.db.write() as s:
        for item, reason in bad:
            quarantine.set_aside(s, ctx, QuarantineSource.ANSWER, item, reason)
        cases = [pair for pair in good if is_case_status(pair[0])]
        if cases:
            moved = store_case_statuses(s, ctx, cases, rfc3339(ctx.now()))
            reproject_many(s, ctx, moved)
            result.case_statuses += len(moved)
        unique = {answer["response_id"]: (answer, files) for answer, files in good if not is_case_status(answer)}
        if not unique:
            return
        known = set(s.scalars(select(Response.response_id).where(Response.response_id.in_(list(unique)))))
        fresh = [pair for rid, pair in unique.items() if rid not in known]
        if not fresh:
            return
        now = rfc3339(ctx.now())
        s.execute(insert(table_of(Response)), [{
            "response_id": a["response_id"], "message_id": a["message_id"], "status": a["status"],
            "agency": a.get("agency") or "", "answered_at": a.get("answered_at") or now, "data": a.get("data"),
            "refusal_reason": a.get("refusal_reason"), "received_at": now} for a, _ in fresh])
        files = [{"response_id": a["response_id"], "name": att["name"], "media_type": att["media_type"],
                  "sha256": att["sha256"], "content": content} for a, pairs in fresh for att, content in pairs]
        if files:
            s.execute(insert(table_of(ResponseAttachment)), files)
        _close_requests(s, ctx, [a for a, _ in fresh], now)
        result.answers += len(fresh)


def _close_requests(s: Session, ctx: AppContext, answers: list[dict], now: str) -> None:
    """Each open request gets its (first) answer and its application a `response_received` event."""
    requests = {r.message_id: r for r in s.execute(
        select(InteragencyRequest.message_id, InteragencyRequest.status, InteragencyRequest.application_id)
        .where(InteragencyRequest.message_id.in_({a["message_id"] for a in answers})))}
    numbers = dict(s.execute(select(Application.id, Application.number).where(
        Application.id.in_({r.application_id for r in requests.values()}))).all())
    changes, events, closed = [], [], set()
    for a in answers:
        req = requests.get(a["message_id"])
        if req is None:
            log.warning("answer %s for an unknown message %s stored", a["response_id"], a["message_id"])
            continue
        if ReqStatus(req.status) in REQ_CLOSED or req.message_id in closed:
            continue
        closed.add(req.message_id)
        answered_at = a.get("answered_at") or now
        changes.append({"mid": req.message_id, "status": a["status"], "answered_at": answered_at,
                        "last_error": a.get("refusal_reason") if a["status"] != "answered" else None})
        if req.application_id in numbers:
            events.append((req.application_id, numbers[req.application_id], "response_received", {
                "message_id": a["message_id"], "response_id": a["response_id"], "status": a["status"],
                "answered_at": answered_at}))
    if changes:
        requests_table = table_of(InteragencyRequest)
        s.execute(update(requests_table).where(requests_table.c.message_id == bindparam("mid")), changes)
    append_system_events(s, ctx, events)
    reproject_many(s, ctx, [app_id for app_id, _, _, _ in events])


def take_answers(ctx: AppContext, client: GatewayClient, result: TakeResult | None = None) -> int:
    """Store every answer waiting in the queue; acknowledge what is stored or set aside. Returns new answers.

    `result` counts as it goes, so a failed acknowledgement does not hide what was stored."""
    result = result if result is not None else TakeResult()
    limit = PAGE
    for _ in range(MAX_PAGES):
        try:
            items, more = client.fetch_responses(limit)
        except BodyTooLarge:
            if limit == 1:
                raise  # one answer over the limit: nothing to take it by; the rest of the pass goes on
            limit = max(1, limit // 10)
            continue
        good, bad, later = _check(items)
        _store_page(ctx, good, bad, result)
        result.quarantined += len(bad)
        to_ack = ([a["response_id"] for a, _ in good]
                  + [quarantine.item_id_of(QuarantineSource.ANSWER, i) for i, _ in bad])
        to_ack = [rid for rid in to_ack if not rid.startswith("sha256:")]
        if to_ack:
            client.ack_responses(to_ack)
        if not more or not items or (not to_ack and later):
            break
    return result.answers


__all__ = ["take_answers", "TakeResult", "GatewayError"]
