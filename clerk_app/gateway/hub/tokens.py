"""Workstation tokens of the hub: issued once (the secret is shown once), kept as SHA-256, revoked, listed.

A token is 32 random bytes, so a plain SHA-256 of it cannot be reversed or guessed; a slow password hash
would only slow every request down.
"""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select

from clerk_app.gateway.sandbox.auth import token_digest
from clerk_app.gateway.sandbox.database import GatewayDatabase
from clerk_app.gateway.sandbox.models import TokenRow

TOKEN_PREFIX = "hub_"
DAY = 86400.0


@dataclass(frozen=True)
class IssuedToken:
    token_id: str
    secret: str
    centre: str
    workstation: str
    expires_at: float | None


def _iso(ts: float | None) -> str | None:
    return None if ts is None else datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds")


class TokenRegistry:
    def __init__(self, db: GatewayDatabase, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock

    def issue(self, centre: str, workstation: str, days: float | None = 365) -> IssuedToken:
        centre, workstation = centre.strip(), workstation.strip()
        if not centre or not workstation:
            raise ValueError("нужны код центра и идентификатор рабочего места")
        if days is not None and days <= 0:
            raise ValueError("срок действия токена (--days) должен быть больше нуля")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = self.clock()
        row = TokenRow(token_id=uuid.uuid4().hex[:16], token_sha256=token_digest(secret), centre_code=centre,
                       workstation_id=workstation, issued_at=now,
                       expires_at=None if days is None else now + days * DAY)

        def work(s) -> None:  # noqa: ANN001
            s.add(row)

        self.db.run(work)
        return IssuedToken(row.token_id, secret, centre, workstation, row.expires_at)

    def revoke(self, workstation: str, centre: str | None = None, token_id: str | None = None) -> int:
        """Revoke the live tokens of a workstation (or one token by id); returns how many were revoked."""
        def work(s) -> int:  # noqa: ANN001
            query = select(TokenRow).where(TokenRow.workstation_id == workstation, TokenRow.revoked_at.is_(None))
            if centre:
                query = query.where(TokenRow.centre_code == centre)
            if token_id:
                query = query.where(TokenRow.token_id == token_id)
            rows = s.scalars(query.with_for_update()).all()
            for row in rows:
                row.revoked_at = self.clock()
            return len(rows)

        return self.db.run(work)

    def list(self) -> list[dict[str, Any]]:
        """Every token, never its secret nor its digest."""
        with self.db.session() as s:
            rows = s.scalars(select(TokenRow).order_by(TokenRow.centre_code, TokenRow.workstation_id,
                                                       TokenRow.issued_at)).all()
        now = self.clock()
        out = []
        for row in rows:
            if row.revoked_at is not None:
                state = "revoked"
            elif row.expires_at is not None and row.expires_at <= now:
                state = "expired"
            else:
                state = "active"
            out.append({"token_id": row.token_id, "centre": row.centre_code, "workstation": row.workstation_id,
                        "issued_at": _iso(row.issued_at), "expires_at": _iso(row.expires_at),
                        "revoked_at": _iso(row.revoked_at), "state": state})
        return out
