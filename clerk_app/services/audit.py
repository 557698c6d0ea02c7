"""The audit log of actions on personal data. Details never carry СНИЛС or passport numbers."""

from __future__ import annotations

import contextlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Perm
from clerk_app.services.faults import LOCKED, storage_fault_text
from clerk_app.storage.models import AuditEntry
from clerk_app.storage.private import private_dir, write_private

PENDING_DIR = "audit-pending"  # audit entries of reads made while another process held the write lock

ACTION_RU = {
    "create": "создание", "view": "просмотр", "change": "изменение", "print": "печать",
    "export": "выгрузка", "send": "отправка", "login": "вход", "logout": "выход", "discard": "отмена отправки",
}


def record(session: Session, ctx: AppContext, login: str, action: str, object_type: str,
           object_id: str | None, result: str = "ok", details: dict | None = None,
           workstation: str | None = None) -> None:
    flush_pending(session, ctx)
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


def record_view(ctx: AppContext, login: str, action: str, object_type: str, object_id: str | None,
                details: dict | None = None) -> None:
    """Audit a read without needing the write lock: written now if the store is free within a moment,
    else queued in an owner-only file that the next write of any process moves into the log."""
    at = rfc3339(ctx.now())
    entry = {"at": at, "operator": login, "workstation": ctx.settings().workstation_id,
             "action": action, "object_type": object_type, "object_id": object_id, "result": "ok",
             "details": details}
    try:
        with ctx.db.quick_write() as s:
            flush_pending(s, ctx)
            s.add(AuditEntry(**entry))
    except sa_exc.OperationalError as exc:
        if storage_fault_text(exc) != LOCKED:
            raise
        folder = private_dir(Path(ctx.data_dir) / PENDING_DIR)
        write_private(folder / f"{at[:19].replace(':', '')}-{secrets.token_hex(8)}.json",
                      json.dumps(entry, ensure_ascii=False).encode("utf-8"))


def flush_pending(session: Session, ctx: AppContext) -> int:
    """Move queued audit entries into the log within this write transaction (the write lock keeps
    two processes from moving the same file); the files go once they are in the transaction."""
    folder = Path(ctx.data_dir) / PENDING_DIR
    if not folder.is_dir():
        return 0
    taken: set[Path] = session.info.setdefault("audit_pending_taken", set())
    moved = []
    for path in sorted(folder.glob("*.json")):
        if path in taken:
            continue
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # unreadable: left where an administrator finds it
        session.add(AuditEntry(**{k: entry.get(k) for k in ("at", "operator", "workstation", "action",
                                                           "object_type", "object_id", "result", "details")}))
        moved.append(path)
    if moved:
        if not taken:
            event.listen(session, "after_commit", _remove_taken, once=True)
        taken.update(moved)
    return len(moved)


def _remove_taken(session: Session) -> None:
    """After the entries are committed their files go (a crash in between repeats, never loses, them)."""
    for path in session.info.pop("audit_pending_taken", set()):
        with contextlib.suppress(OSError):
            path.unlink()


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
