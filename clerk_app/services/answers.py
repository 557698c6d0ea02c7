"""Answers of agencies as the clerk reads them, with their attachments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from clerk_app.domain.enums import ReqStatus
from clerk_app.domain.errors import NotFound
from clerk_app.services import audit
from clerk_app.services.application_rows import load
from clerk_app.services.context import AppContext
from clerk_app.services.events import state_of
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import InteragencyRequest, RequestKind, Response, ResponseAttachment


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    id: int
    name: str
    media_type: str
    size: int


@dataclass(frozen=True, slots=True)
class AnswerView:
    """An agency's answer to one request; `data` is the agency's own JSON, shown as it came."""

    response_id: str
    message_id: str
    kind: str
    kind_name: str
    agency: str
    agency_name: str
    status: ReqStatus
    answered_at: str
    data: Any
    refusal_reason: str | None
    attachments: tuple[AttachmentRef, ...]


def answers_for(ctx: AppContext, actor: Actor, number: str) -> list[AnswerView]:
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        app = load(s, number)
        state = state_of(app)
        message_ids = [r.message_id for r in state.requests]
        local = {r.message_id: r for r in s.scalars(
            select(InteragencyRequest).where(InteragencyRequest.message_id.in_(message_ids)))}
        kinds = {r.message_id: r.kind for r in state.requests}
        out = []
        for resp in s.scalars(select(Response).where(Response.message_id.in_(message_ids))
                              .order_by(Response.answered_at)):
            kind_code = kinds.get(resp.message_id) or (local[resp.message_id].kind_code
                                                       if resp.message_id in local else "")
            kind = s.get(RequestKind, kind_code)
            out.append(AnswerView(
                response_id=resp.response_id, message_id=resp.message_id, kind=kind_code,
                kind_name=kind.name if kind else kind_code, agency=resp.agency,
                agency_name=kind.agency.name if kind and kind.agency else resp.agency, status=ReqStatus(resp.status),
                answered_at=resp.answered_at, data=resp.data, refusal_reason=resp.refusal_reason,
                attachments=tuple(AttachmentRef(a.id, a.name, a.media_type, len(a.content))
                                  for a in resp.attachments)))
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
