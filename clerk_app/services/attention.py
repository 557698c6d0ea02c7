"""Items that need attention: the clerk corrects and resends them (a new message) or discards them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from clerk_app.domain.errors import NotFound, ValidationError
from clerk_app.domain.labels import EVENT_RU
from clerk_app.domain.enums import EventType, OutboxKind, OutboxState
from clerk_app.domain.states import ReqStatus
from clerk_app.services import audit
from clerk_app.services.catalogue import kind_spec
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject
from clerk_app.services.requests import queue_one
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Application, InteragencyRequest, OutboxItem, RequestKind


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """An outbox item the gateway refused for good, as the clerk sees it."""

    item_id: int
    kind_of_item: OutboxKind
    message_id: str  # the item's reference: a message id, or an event id
    error: str | None
    created_at: str
    number: str | None = None
    kind: str | None = None
    kind_name: str | None = None
    subject: tuple[tuple[str, str], ...] = ()

    @property
    def resendable(self) -> bool:
        return self.kind_of_item == OutboxKind.MESSAGE


def list_attention(ctx: AppContext, actor: Actor) -> list[AttentionItem]:
    actor.require(Perm.RESOLVE_OUTBOX)
    with ctx.db.read() as s:
        items = s.scalars(select(OutboxItem).where(OutboxItem.state == OutboxState.NEEDS_ATTENTION)
                          .order_by(OutboxItem.id)).all()
        out = []
        for item in items:
            body = item.body or {}
            number = body.get("application_number")
            if item.kind == OutboxKind.MESSAGE:
                kind = s.get(RequestKind, body["kind"])
                out.append(AttentionItem(
                    item.id, OutboxKind.MESSAGE, item.ref_id, item.last_error, item.created_at, number,
                    kind=body["kind"], kind_name=kind.name if kind else body["kind"],
                    subject=tuple((str(k), str(v)) for k, v in (body.get("subject") or {}).items())))
            else:
                etype = EventType.parse(str(body.get("type")))
                label = EVENT_RU.get(etype, str(body.get("type"))) if etype is not None else str(body.get("type"))
                what = "передача дела в ведомство" if item.kind == OutboxKind.CASE else f"событие «{label}»"
                out.append(AttentionItem(item.id, OutboxKind(item.kind), item.ref_id, item.last_error,
                                         item.created_at, number, kind_name=what))
        return out


def _attention_item(s, message_id: str) -> OutboxItem:  # type: ignore[no-untyped-def]
    item = s.scalar(select(OutboxItem).where(OutboxItem.ref_id == message_id,
                                             OutboxItem.state == OutboxState.NEEDS_ATTENTION))
    if item is None:
        raise NotFound("Сообщение не найдено среди требующих внимания", "message_id")
    return item


def resend(ctx: AppContext, actor: Actor, message_id: str, subject: dict[str, str]) -> str:
    """Queue a corrected copy as a new message; the old one is closed. Returns the new message id."""
    actor.require(Perm.RESOLVE_OUTBOX)
    with ctx.db.write() as s:
        item = _attention_item(s, message_id)
        ctx.changes.outbox()
        if item.kind != OutboxKind.MESSAGE:
            raise ValidationError("Повторно отправить можно только межведомственный запрос", "message_id")
        req = s.get(InteragencyRequest, message_id)
        if req is None:
            raise NotFound("Запрос не найден", "message_id")
        kind = kind_spec(s, req.kind_code)
        clean = {k: " ".join(str(v).split()) for k, v in subject.items()}
        for name in kind.subject_fields:
            if not clean.get(name):
                raise ValidationError(f"Поле «{name}»: не заполнено", f"subject.{name}")
        app = s.get(Application, req.application_id)
        assert app is not None
        item.state, item.done_at = OutboxState.DISCARDED.value, rfc3339(ctx.now())
        req.status = ReqStatus.CANCELLED.value
        new = queue_one(s, ctx, actor, app, kind, {k: clean[k] for k in kind.subject_fields}, replaces=message_id)
        reproject(s, ctx, app.id)
        return new.message_id


def discard(ctx: AppContext, actor: Actor, message_id: str) -> None:
    """Give up an item that cannot be sent; audited, and the request is closed as cancelled."""
    actor.require(Perm.RESOLVE_OUTBOX)
    with ctx.db.write() as s:
        item = _attention_item(s, message_id)
        ctx.changes.outbox()
        item.state, item.done_at = OutboxState.DISCARDED.value, rfc3339(ctx.now())
        audit.record(s, ctx, actor.login, "discard", item.kind, message_id, details={"error": item.last_error})
        if item.kind != OutboxKind.MESSAGE:
            return
        req = s.get(InteragencyRequest, message_id)
        if req is None:
            return
        req.status = ReqStatus.CANCELLED.value
        app = s.get(Application, req.application_id)
        if app is not None:
            append_event(s, ctx, actor.login, app.id, app.number, EventType.ANNOTATED,
                         {"request_closed": message_id, "status": ReqStatus.CANCELLED.value,
                          "note": "Запрос не отправлен: отменён оператором"})
            reproject(s, ctx, app.id)
