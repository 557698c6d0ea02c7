"""Who is calling: a bearer token checked against its centre and workstation.

Issued tokens (``clerk-app hub token issue``) are bound to one centre and one workstation and kept as
SHA-256 digests. The sandbox also takes its fixed training tokens (any workstation of their centre),
but ties each workstation id to the token it first came with, so another token cannot act as that
window; an issued token rebinds its own workstation. ``hub serve`` takes issued tokens only.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_app.gateway.sandbox.database import GatewayDatabase
from clerk_app.gateway.sandbox.errors import ApiError
from clerk_app.gateway.sandbox.models import TokenRow, WorkstationBindingRow


CACHE_SECONDS = 1.0


@dataclass(frozen=True)
class _TokenInfo:
    centre_code: str
    workstation_id: str
    expires_at: float | None
    revoked_at: float | None


@dataclass(frozen=True)
class Caller:
    centre: str
    workstation: str


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _unauthorized(code: str = "unauthorized", message: str = "Токен рабочего места отсутствует, истёк или отозван",
                  field: str | None = None) -> ApiError:
    return ApiError(401, code, message, field=field, headers={"WWW-Authenticate": "Bearer"})


class Authenticator:
    """Checks every call; ``training_tokens`` maps the sandbox's fixed tokens to their centre (none in the hub)."""

    def __init__(self, db: GatewayDatabase, training_tokens: Mapping[str, str], clock: Callable[[], float]) -> None:
        self.db = db
        self.training_tokens = dict(training_tokens)
        self.clock = clock
        self._bindings: dict[tuple[str, str], str] = {}
        self._tokens: dict[str, tuple[float, tuple]] = {}
        self._lock = threading.Lock()

    def check(self, authorization: str | None, centre: str | None, workstation: str | None) -> Caller:
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise _unauthorized()
        workstation = (workstation or "").strip()
        training_centre = self.training_tokens.get(token)
        if training_centre is not None:
            if not centre or centre != training_centre:
                raise ApiError(403, "centre_mismatch", "Код центра не совпадает с кодом, выданным рабочему месту",
                               field="X-Centre-Code")
            if not workstation:
                raise ApiError(400, "validation_failed", "Не указан идентификатор рабочего места",
                               field="X-Workstation-Id")
            self._bind(centre, workstation, token_digest(token), rebind=False)
            return Caller(centre=centre, workstation=workstation)
        return self._check_issued(token, centre, workstation)

    def _lookup(self, digest: str) -> tuple | None:
        """The token's (centre, workstation, expires_at, revoked_at); a live answer is reused for
        CACHE_SECONDS, so a revocation takes effect within that time (and at once for an unknown token)."""
        now = time.monotonic()
        with self._lock:
            cached = self._tokens.get(digest)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        with self.db.read() as s:
            row = s.execute(
                select(TokenRow.centre_code, TokenRow.workstation_id, TokenRow.expires_at, TokenRow.revoked_at)
                .where(TokenRow.token_sha256 == digest)
            ).one_or_none()
        found = None if row is None else tuple(row)
        with self._lock:
            if found is not None and found[3] is None:
                if len(self._tokens) > 10000:
                    self._tokens.clear()
                self._tokens[digest] = (now, found)
            else:
                self._tokens.pop(digest, None)
        return found

    def _check_issued(self, token: str, centre: str | None, workstation: str) -> Caller:
        digest = token_digest(token)
        found = self._lookup(digest)
        row = None if found is None else _TokenInfo(*found)
        now = self.clock()
        if row is None or row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
            raise _unauthorized()
        if centre != row.centre_code:
            raise _unauthorized("centre_mismatch", "Токен выдан рабочему месту другого центра", "X-Centre-Code")
        if workstation != row.workstation_id:
            raise _unauthorized("workstation_mismatch", "Токен выдан другому рабочему месту", "X-Workstation-Id")
        if self.training_tokens:  # the sandbox: the training token no longer acts as this workstation
            self._bind(row.centre_code, row.workstation_id, digest, rebind=True)
        return Caller(centre=row.centre_code, workstation=row.workstation_id)

    def _bind(self, centre: str, workstation: str, digest: str, rebind: bool) -> None:
        key = (centre, workstation)
        with self._lock:
            if self._bindings.get(key) == digest:
                return
        try:
            bound = self.db.run(lambda s: self._bind_row(s, centre, workstation, digest, rebind))
        except IntegrityError:  # bound at the same moment by a concurrent call: read its binding
            bound = self.db.run(lambda s: self._bind_row(s, centre, workstation, digest, rebind))
        with self._lock:
            self._bindings[key] = bound
        if bound != digest:
            raise _unauthorized("workstation_mismatch",
                                "Рабочее место с этим идентификатором работает с другим токеном", "X-Workstation-Id")

    def _bind_row(self, s: Session, centre: str, workstation: str, digest: str, rebind: bool) -> str:
        row = s.get(WorkstationBindingRow, (centre, workstation), with_for_update=True)
        if row is None:
            s.add(WorkstationBindingRow(centre_code=centre, workstation_id=workstation, token_sha256=digest,
                                        bound_at=self.clock()))
            s.flush()
            return digest
        if rebind and row.token_sha256 != digest:
            row.token_sha256 = digest
            row.bound_at = self.clock()
        return row.token_sha256
