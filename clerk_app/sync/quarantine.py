"""Quarantine: incoming answers and events that did not pass the checks, kept aside with their reason.

They are never applied; the gateway's queue is acknowledged (answers) or the cursor moves past them
(events), so one poison item never stops the others. An administrator lists them (service call or
`clerk-app quarantine`); every one set aside is audited.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from clerk_app.domain.enums import QuarantineSource
from clerk_app.gateway.safejson import UNREADABLE
from clerk_app.services import audit
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import QuarantineItem

BODY_KEPT = 64 * 1024
_ID_KEYS = {QuarantineSource.ANSWER: "response_id", QuarantineSource.EVENT: "event_id"}


def _raw(item: Any) -> str:
    if isinstance(item, dict) and UNREADABLE in item:
        return str(item.get("raw", ""))[:BODY_KEPT]
    try:
        return json.dumps(item, ensure_ascii=False)[:BODY_KEPT]
    except (RecursionError, TypeError, ValueError):
        return repr(item)[:BODY_KEPT]


def item_id_of(source: QuarantineSource, item: Any) -> str:
    """The item's own id when it has a usable one, else a digest of what was received."""
    value = item.get(_ID_KEYS[source]) if isinstance(item, dict) else None
    if isinstance(value, str) and 0 < len(value) <= 80:
        return value
    return "sha256:" + hashlib.sha256(_raw(item).encode("utf-8", "replace")).hexdigest()[:64]


def set_aside(session: Session, ctx: AppContext, source: QuarantineSource, item: Any, reason: str,
              origin: str | None = None) -> str:
    """Store the item aside (once per id) and audit it; returns the id it is kept under."""
    item_id = item_id_of(source, item)
    if origin is None and isinstance(item, dict):
        claimed = item.get("workstation") if source == QuarantineSource.EVENT else item.get("agency")
        origin = claimed[:80] if isinstance(claimed, str) else None
    session.execute(insert(QuarantineItem).values(
        source=source.value, item_id=item_id, origin=origin, reason=reason, body=_raw(item),
        received_at=rfc3339(ctx.now())).on_conflict_do_nothing(index_elements=["source", "item_id"]))
    audit.record(session, ctx, "system", "quarantine", source.value, item_id[:80], result="refused",
                 details={"reason": reason, "origin": origin})
    return item_id


def count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(QuarantineItem)) or 0)


@dataclass(frozen=True)
class Quarantined:
    """An item set aside, without its body (which may hold personal data)."""

    id: int
    source: QuarantineSource
    item_id: str
    origin: str | None
    reason: str
    received_at: str
    size: int  # of the body kept

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "source": self.source.value}


def list_quarantine(ctx: AppContext, actor: Actor) -> list[Quarantined]:
    """What was set aside, newest first."""
    actor.require(Perm.READ_AUDIT)
    with ctx.db.write() as s:
        rows = s.scalars(select(QuarantineItem).order_by(QuarantineItem.id.desc())).all()
        out = [Quarantined(r.id, QuarantineSource(r.source), r.item_id, r.origin, r.reason, r.received_at, len(r.body)) for r in rows]
        audit.record(s, ctx, actor.login, "view", "quarantine", None, details={"count": len(out)})
        return out
