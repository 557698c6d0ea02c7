"""Taking answers from the gateway's queue: verified, stored in one transaction, then acknowledged."""

from __future__ import annotations

import logging

from clerk_app.domain.states import REQ_CLOSED, ReqStatus
from clerk_app.gateway.client import GatewayClient, verify_attachment
from clerk_app.gateway.errors import AttachmentMismatch, GatewayError
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject
from clerk_app.storage.models import Application, InteragencyRequest, Response, ResponseAttachment

log = logging.getLogger(__name__)

PAGE = 100
MAX_PAGES = 50


def _store_page(ctx: AppContext, page: list[tuple[dict, list[tuple[dict, bytes]]]]) -> int:
    """Store a page of verified answers in one transaction; returns how many were new."""
    with ctx.db.write() as s, s.no_autoflush:
        touched: set[str] = set()
        unique = {answer["response_id"]: (answer, files) for answer, files in page}
        new = sum(_store(s, ctx, answer, files, touched) for answer, files in unique.values())
        s.flush()
        for app_id in touched:
            reproject(s, ctx, app_id)
        return new


def _store(s, ctx: AppContext, answer: dict, files: list[tuple[dict, bytes]],  # type: ignore[no-untyped-def]
           touched: set[str]) -> bool:
    """Store one answer with its event; False when this response_id was stored before."""
    if s.get(Response, answer["response_id"]) is not None:
        return False
    now = rfc3339(ctx.now())
    s.add(Response(
        response_id=answer["response_id"], message_id=answer["message_id"], status=answer["status"],
        agency=str(answer.get("agency") or ""), answered_at=str(answer.get("answered_at") or now),
        data=answer.get("data"), refusal_reason=answer.get("refusal_reason"), received_at=now,
        attachments=[ResponseAttachment(name=str(a.get("name") or "вложение"),
                                        media_type=str(a.get("media_type") or "application/octet-stream"),
                                        sha256=a["sha256"], content=content) for a, content in files],
    ))
    req = s.get(InteragencyRequest, answer["message_id"])
    if req is not None and ReqStatus(req.status) not in REQ_CLOSED:
        req.status = answer["status"]
        req.answered_at = answer.get("answered_at") or now
        req.last_error = answer.get("refusal_reason") if answer["status"] != "answered" else None
        app = s.get(Application, req.application_id)
        if app is not None:
            append_event(s, ctx, "system", app.id, app.number, "response_received", {
                "message_id": answer["message_id"], "response_id": answer["response_id"],
                "status": answer["status"], "answered_at": req.answered_at,
            })
            touched.add(app.id)
    elif req is None:
        log.warning("answer %s for an unknown message %s stored", answer["response_id"], answer["message_id"])
    return True


def take_answers(ctx: AppContext, client: GatewayClient) -> int:
    """Store every answer waiting in the queue; acknowledge only what is stored. Returns new answers."""
    stored = 0
    for _ in range(MAX_PAGES):
        answers, more = client.fetch_responses(PAGE)
        page = []
        for answer in answers:
            try:
                page.append((answer, [(a, verify_attachment(a)) for a in answer.get("attachments") or []]))
            except AttachmentMismatch as exc:
                log.warning("answer %s not taken: %s", answer["response_id"], exc)
        stored += _store_page(ctx, page)
        to_ack = [answer["response_id"] for answer, _ in page]
        if to_ack:
            client.ack_responses(to_ack)
        if not more or not to_ack:
            return stored
    return stored


__all__ = ["take_answers", "GatewayError"]
