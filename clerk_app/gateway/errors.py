"""Failures of a gateway call, classified by what the caller must do (see gateway-protocol.md).

- PermanentError (400, 403, 404, 413, 422, ConflictError for 409): do not retry the item.
- AuthError (401): stop syncing, ask for re-authentication, keep everything queued.
- TransientError (5xx, network error, timeout, malformed body): retry with back-off.
  RateLimited (429) is a TransientError whose ``retry_after`` is the delay the gateway asked for.
"""

from __future__ import annotations


class GatewayError(Exception):
    """A gateway call failed; ``message`` is Russian and may be shown to the clerk."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str = "gateway_error",
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.field = field

    def __str__(self) -> str:
        parts = [self.message]
        if self.status is not None:
            parts.append(f"[HTTP {self.status}, {self.code}]")
        else:
            parts.append(f"[{self.code}]")
        return " ".join(parts)


class PermanentError(GatewayError):
    """The request itself is wrong or not allowed: retrying the same body cannot succeed."""


class ConflictError(PermanentError):
    """409: the id was already used with a different body, or the action conflicts with the state."""


class AuthError(GatewayError):
    """401: the workstation token is missing, expired or revoked."""


class TransientError(GatewayError):
    """The gateway or the network failed; the same request may succeed later."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str = "transient",
        field: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status, code=code, field=field)
        self.retry_after = retry_after


class RateLimited(TransientError):
    """429: retry after ``retry_after`` seconds."""


class AttachmentMismatch(TransientError):
    """An answer's attachment does not match its sha256 (or is not valid base64): do not acknowledge it."""
