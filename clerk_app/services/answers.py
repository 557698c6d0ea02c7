"""Answers of agencies as the clerk reads them, with their attachments."""

from __future__ import annotations

from sqlalchemy import select

from clerk_app.domain.errors import NotFound
from clerk_app.services import audit
from clerk_app.services.application_rows import load
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import InteragencyRequest, RequestKind, Response, ResponseAttachment


def answers_for(ctx: AppContext, actor: Actor, number: str) -> list[dict]:
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        app = load(s, number)
        message_ids = [r["message_id"] for r in app.state["requests"]]
        local = {r.message_id: r for r in s.scalars(
            select(InteragencyRequest).where(InteragencyRequest.message_id.in_(message_ids)))}
        kinds = {r["message_id"]: r["kind"] for r in app.state["requests"]}
        out = []
        for resp in s.scalars(select(Response).where(Response.message_id.in_(message_ids))
                              .order_by(Response.answered_at)):
            kind_code = kinds.get(resp.message_id) or (local[resp.message_id].kind_code
                                                       if resp.message_id in local else "")
            kind = s.get(RequestKind, kind_code)
            out.append({
                "response_id": resp.response_id, "message_id": resp.message_id, "kind": kind_code,
                "kind_name": kind.name if kind else kind_code, "agency": resp.agency,
                "agency_name": kind.agency.name if kind and kind.agency else resp.agency, "status": resp.status,
                "answered_at": resp.answered_at, "data": resp.data, "refusal_reason": resp.refusal_reason,
                "attachments": [{"id": a.id, "name": a.name, "media_type": a.media_type, "size": len(a.content)}
                                for a in resp.attachments],
            })
    audit.record_view(ctx, actor.login, "view", "answers", number, details={"count": len(out)})
    return out


def attachment_content(ctx: AppContext, actor: Actor, attachment_id: int) -> tuple[str, str, bytes]:
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        att = s.get(ResponseAttachment, attachment_id)
        if att is None:
            raise NotFound("Вложение не найдено", "attachment")
        result, response_id = (att.name, att.media_type, att.content), att.response_id
    audit.record_view(ctx, actor.login, "view", "attachment", str(attachment_id), details={"response": response_id})
    return result
