"""Errors the domain and services raise; each carries a Russian message for the clerk."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal by the rules: shown to the clerk as it is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """A value typed or imported is malformed; `field` names it."""


class TransitionError(DomainError):
    """An action that the application's or request's state does not allow."""


class PermissionDenied(DomainError):
    """The operator's role does not allow the action."""


class NotFound(DomainError):
    """An application, operator or other object that does not exist."""


class AuthenticationError(DomainError):
    """Wrong login or password, or a locked account."""
