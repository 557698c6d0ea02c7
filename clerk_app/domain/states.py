"""State machines of applications and interagency requests."""

from __future__ import annotations

from enum import StrEnum

from clerk_app.domain.errors import TransitionError


class AppStatus(StrEnum):
    REGISTERED = "registered"
    AWAITING_RESPONSES = "awaiting_responses"
    READY_FOR_DECISION = "ready_for_decision"
    DECIDED = "decided"
    ISSUED = "issued"
    WITHDRAWN = "withdrawn"
    INTAKE_REFUSED = "intake_refused"


APP_STATUS_RU = {
    AppStatus.REGISTERED: "Зарегистрировано",
    AppStatus.AWAITING_RESPONSES: "Ждёт ответов",
    AppStatus.READY_FOR_DECISION: "Готово к решению",
    AppStatus.DECIDED: "Решение принято",
    AppStatus.ISSUED: "Результат выдан",
    AppStatus.WITHDRAWN: "Отозвано заявителем",
    AppStatus.INTAKE_REFUSED: "Отказ в приёме",
}


class AppAction(StrEnum):
    CHANGE_DOCUMENTS = "change_documents"
    SEND_REQUESTS = "send_requests"
    DECIDE = "decide"
    ISSUE = "issue"
    WITHDRAW = "withdraw"
    REFUSE_INTAKE = "refuse_intake"


_ACTION_RU = {
    AppAction.CHANGE_DOCUMENTS: "изменить состав документов",
    AppAction.SEND_REQUESTS: "направить межведомственные запросы",
    AppAction.DECIDE: "принять решение",
    AppAction.ISSUE: "выдать результат",
    AppAction.WITHDRAW: "отозвать заявление",
    AppAction.REFUSE_INTAKE: "отказать в приёме документов",
}

_OPEN = {AppStatus.REGISTERED, AppStatus.AWAITING_RESPONSES, AppStatus.READY_FOR_DECISION}

_ALLOWED: dict[AppAction, set[AppStatus]] = {
    AppAction.CHANGE_DOCUMENTS: _OPEN,
    AppAction.SEND_REQUESTS: _OPEN,
    AppAction.DECIDE: {AppStatus.REGISTERED, AppStatus.READY_FOR_DECISION},
    AppAction.ISSUE: {AppStatus.DECIDED},
    AppAction.WITHDRAW: _OPEN,
    AppAction.REFUSE_INTAKE: {AppStatus.REGISTERED},
}

TERMINAL = frozenset({AppStatus.ISSUED, AppStatus.WITHDRAWN, AppStatus.INTAKE_REFUSED})


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
    what = _ACTION_RU[action]
    if status in _ALLOWED[action] and open_requests:
        raise TransitionError(
            f"Нельзя {what}: по заявлению есть незавершённые межведомственные запросы ({open_requests})"
        )
    raise TransitionError(f"Нельзя {what}: заявление в статусе «{APP_STATUS_RU[status]}»")


class ReqStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    ANSWERED = "answered"
    REJECTED = "rejected"
    ERROR = "error"
    NEEDS_ATTENTION = "needs_attention"
    CANCELLED = "cancelled"


REQ_STATUS_RU = {
    ReqStatus.QUEUED: "В очереди",
    ReqStatus.SENT: "Отправлен",
    ReqStatus.ANSWERED: "Получен ответ",
    ReqStatus.REJECTED: "Отказ ведомства",
    ReqStatus.ERROR: "Ошибка ведомства",
    ReqStatus.NEEDS_ATTENTION: "Требует внимания",
    ReqStatus.CANCELLED: "Отменён",
}

REQ_CLOSED = frozenset({ReqStatus.ANSWERED, ReqStatus.REJECTED, ReqStatus.ERROR, ReqStatus.CANCELLED})

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
