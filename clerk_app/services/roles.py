"""Roles and what each may do; checked in the service layer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from clerk_app.domain.errors import PermissionDenied


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


ROLE_RU = {Role.CLERK: "оператор", Role.SUPERVISOR: "руководитель", Role.ADMIN: "администратор"}


class Perm(StrEnum):
    VIEW = "view"
    REGISTER = "register"
    CHANGE = "change"
    REQUEST = "request"
    ISSUE = "issue"
    WITHDRAW = "withdraw"
    PRINT = "print"
    RESOLVE_OUTBOX = "resolve_outbox"
    DECIDE = "decide"
    READ_AUDIT = "read_audit"
    MANAGE_OPERATORS = "manage_operators"
    MANAGE_SETTINGS = "manage_settings"
    REPORTS = "reports"


_CLERK = {Perm.VIEW, Perm.REGISTER, Perm.CHANGE, Perm.REQUEST, Perm.ISSUE, Perm.WITHDRAW,
          Perm.PRINT, Perm.RESOLVE_OUTBOX}
GRANTS: dict[Role, frozenset[Perm]] = {
    Role.CLERK: frozenset(_CLERK),
    Role.SUPERVISOR: frozenset(_CLERK | {Perm.DECIDE, Perm.READ_AUDIT, Perm.REPORTS}),
    Role.ADMIN: frozenset({Perm.MANAGE_OPERATORS, Perm.MANAGE_SETTINGS, Perm.READ_AUDIT, Perm.REPORTS}),
}

_PERM_RU = {
    Perm.VIEW: "просмотр заявлений", Perm.REGISTER: "приём заявлений", Perm.CHANGE: "изменение заявлений",
    Perm.REQUEST: "межведомственные запросы", Perm.ISSUE: "выдачу результатов", Perm.WITHDRAW: "отзыв заявлений",
    Perm.PRINT: "печать документов", Perm.RESOLVE_OUTBOX: "разбор неотправленных сообщений",
    Perm.DECIDE: "принятие решений", Perm.READ_AUDIT: "просмотр журнала аудита",
    Perm.MANAGE_OPERATORS: "управление операторами", Perm.MANAGE_SETTINGS: "изменение настроек",
    Perm.REPORTS: "отчёты руководителя",
}


@dataclass(frozen=True)
class Actor:
    """The operator on whose behalf a service call is made."""

    login: str
    full_name: str
    role: Role

    def can(self, perm: Perm) -> bool:
        return perm in GRANTS[self.role]

    def require(self, perm: Perm) -> None:
        if not self.can(perm):
            raise PermissionDenied(
                f"Недостаточно прав: роль «{ROLE_RU[self.role]}» не допускает {_PERM_RU[perm]}"
            )
