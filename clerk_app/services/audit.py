"""The audit log of actions on personal data. Details never carry СНИЛС or passport numbers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import AuditEntry

ACTION_RU = {
    "create": "создание", "view": "просмотр", "change": "изменение", "print": "печать",
    "export": "выгрузка", "send": "отправка", "login": "вход", "logout": "выход", "discard": "отмена отправки",
}


def record(session: Session, ctx: AppContext, login: str, action: str, object_type: str,
           object_id: str | None, result: str = "ok", details: dict | None = None,
           workstation: str | None = None) -> None:
    session.add(AuditEntry(
        at=rfc3339(ctx.now()), operator=login,
        workstation=workstation if workstation is not None else ctx.settings().workstation_id,
        action=action, object_type=object_type, object_id=object_id, result=result, details=details,
    ))


def record_now(ctx: AppContext, login: str, action: str, object_type: str,
               object_id: str | None, result: str = "ok", details: dict | None = None) -> None:
    """Audit in a transaction of its own (refusals, views)."""
    with ctx.db.write() as s:
        record(s, ctx, login, action, object_type, object_id, result, details)


@dataclass(frozen=True)
class AuditRow:
    at: str
    operator: str
    workstation: str
    action: str
    object_type: str
    object_id: str | None
    result: str
    details: dict | None


def read_log(ctx: AppContext, actor: Actor, *, operator: str | None = None, object_id: str | None = None,
             limit: int = 500, offset: int = 0) -> list[AuditRow]:
    actor.require(Perm.READ_AUDIT)
    with ctx.db.read() as s:
        q = select(AuditEntry).order_by(AuditEntry.id.desc())
        if operator:
            q = q.where(AuditEntry.operator == operator)
        if object_id:
            q = q.where(AuditEntry.object_id == object_id)
        rows = s.scalars(q.limit(limit).offset(offset)).all()
        return [AuditRow(r.at, r.operator, r.workstation, r.action, r.object_type, r.object_id,
                         r.result, r.details) for r in rows]
