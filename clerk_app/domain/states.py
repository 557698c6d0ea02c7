"""State machines of applications and interagency requests."""

from __future__ import annotations

from clerk_app.domain.enums import (
    OPEN_STATUSES,
    REQ_CLOSED,
    TERMINAL,
    AppAction,
    AppStatus,
    ReqStatus,
)
from clerk_app.domain.errors import TransitionError
from clerk_app.domain.labels import ACTION_RU, APP_STATUS_RU, REQ_STATUS_RU

__all__ = [
    "APP_STATUS_RU", "OPEN_STATUSES", "REQ_CLOSED", "REQ_STATUS_RU", "TERMINAL", "AppAction", "AppStatus",
    "ReqStatus", "allowed_actions", "check_action", "check_request_transition",
]

_IN_INTAKE = frozenset({AppStatus.REGISTERED, AppStatus.AWAITING_RESPONSES, AppStatus.READY_FOR_DECISION})

_ALLOWED: dict[AppAction, frozenset[AppStatus]] = {
    AppAction.CHANGE_DOCUMENTS: _IN_INTAKE,
    AppAction.SEND_REQUESTS: _IN_INTAKE,
    AppAction.DECIDE: frozenset({AppStatus.REGISTERED, AppStatus.READY_FOR_DECISION}),
    AppAction.ISSUE: frozenset({AppStatus.DECIDED}),
    AppAction.WITHDRAW: _IN_INTAKE,
    AppAction.REFUSE_INTAKE: frozenset({AppStatus.REGISTERED}),
}


def allowed_actions(status: AppStatus, open_requests: int = 0) -> set[AppAction]:
    acts = {a for a, sts in _ALLOWED.items() if status in sts}
    if open_requests:
        acts.discard(AppAction.DECIDE)
        acts.discard(AppAction.REFUSE_INTAKE)
    return acts


def check_action(status: AppStatus | str, action: AppAction, open_requests: int = 0) -> None:
    """Raise TransitionError with a Russian message when `action` is illegal now."""
    status = AppStatus(status)
    if action in allowed_actions(status, open_requests):
        return
    what = ACTION_RU[action]
    if status in _ALLOWED[action] and open_requests:
        raise TransitionError(
            f"Нельзя {what}: по заявлению есть незавершённые межведомственные запросы ({open_requests})"
        )
    raise TransitionError(f"Нельзя {what}: заявление в статусе «{APP_STATUS_RU[status]}»")


_REQ_NEXT: dict[ReqStatus, set[ReqStatus]] = {
    ReqStatus.QUEUED: {ReqStatus.SENT, ReqStatus.NEEDS_ATTENTION, ReqStatus.CANCELLED,
                       ReqStatus.ANSWERED, ReqStatus.REJECTED, ReqStatus.ERROR},
    ReqStatus.SENT: {ReqStatus.ANSWERED, ReqStatus.REJECTED, ReqStatus.ERROR, ReqStatus.CANCELLED},
    ReqStatus.NEEDS_ATTENTION: {ReqStatus.CANCELLED},
    ReqStatus.ANSWERED: set(),
    ReqStatus.REJECTED: set(),
    ReqStatus.ERROR: set(),
    ReqStatus.CANCELLED: set(),
}


def check_request_transition(current: ReqStatus | str, new: ReqStatus | str) -> None:
    current, new = ReqStatus(current), ReqStatus(new)
    if new not in _REQ_NEXT[current]:
        raise TransitionError(
            f"Запрос в статусе «{REQ_STATUS_RU[current]}» нельзя перевести в статус «{REQ_STATUS_RU[new]}»"
        )
