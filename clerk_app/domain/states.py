"""State machines of applications and interagency requests.

Applications follow one of two machines (design.md, Domain), chosen by who decides the service:
- centre services: registered → awaiting_responses → ready_for_decision → decided → issued | returned_to_agency;
- agency services: registered → awaiting_responses → ready_for_handover → handed_over → accepted_by_agency →
  result_received → issued | returned_to_agency (a case the agency returns goes back to ready_for_handover).
Both: withdrawn (before a result exists) and intake_refused (from registered).

Deciding and handing over also need every request kind the service lists to be settled (answered, refused by
the agency, or brought by the applicant) and no request open, unless a supervisor overrides with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from clerk_app.domain.enums import (
    OPEN_STATUSES,
    REQ_CLOSED,
    TERMINAL,
    AppAction,
    AppStatus,
    DecidedBy,
    ReqStatus,
)
from clerk_app.domain.errors import TransitionError
from clerk_app.domain.labels import ACTION_RU, APP_STATUS_RU, REQ_STATUS_RU

__all__ = [
    "APP_STATUS_RU", "GATED", "MACHINES", "OPEN_STATUSES", "REQ_CLOSED", "REQ_STATUS_RU", "TERMINAL", "AppAction",
    "AppStatus", "DecidedBy", "ReqStatus", "allowed_actions", "check_action", "check_request_transition", "ready_status",
]

S = AppStatus
_CENTRE_INTAKE = frozenset({S.REGISTERED, S.AWAITING_RESPONSES, S.READY_FOR_DECISION})
_AGENCY_INTAKE = frozenset({S.REGISTERED, S.AWAITING_RESPONSES, S.READY_FOR_HANDOVER})
_AT_AGENCY = frozenset({S.HANDED_OVER, S.ACCEPTED_BY_AGENCY})

MACHINES: dict[DecidedBy, dict[AppAction, frozenset[AppStatus]]] = {
    DecidedBy.CENTRE: {
        AppAction.CHANGE_DOCUMENTS: _CENTRE_INTAKE,
        AppAction.SEND_REQUESTS: _CENTRE_INTAKE,
        AppAction.DECIDE: _CENTRE_INTAKE,  # from awaiting_responses only with a supervisor's override
        AppAction.ISSUE: frozenset({S.DECIDED}),
        AppAction.WITHDRAW: _CENTRE_INTAKE,
        AppAction.REFUSE_INTAKE: frozenset({S.REGISTERED}),
        AppAction.RETURN_TO_AGENCY: frozenset({S.DECIDED}),
    },
    DecidedBy.AGENCY: {
        AppAction.CHANGE_DOCUMENTS: _AGENCY_INTAKE,
        AppAction.SEND_REQUESTS: _AGENCY_INTAKE,
        AppAction.HANDOVER: _AGENCY_INTAKE,  # from awaiting_responses only with a supervisor's override
        AppAction.AGENCY_ACCEPT: frozenset({S.HANDED_OVER}),
        AppAction.CASE_RETURN: _AT_AGENCY,
        AppAction.RECORD_RESULT: _AT_AGENCY,
        AppAction.ISSUE: frozenset({S.RESULT_RECEIVED}),
        AppAction.WITHDRAW: _AGENCY_INTAKE | _AT_AGENCY,
        AppAction.REFUSE_INTAKE: frozenset({S.REGISTERED}),
        AppAction.RETURN_TO_AGENCY: frozenset({S.RESULT_RECEIVED}),
    },
}

# Acts that wait for the interagency requests (a supervisor may override DECIDE and HANDOVER).
GATED = frozenset({AppAction.DECIDE, AppAction.HANDOVER, AppAction.REFUSE_INTAKE})
OVERRIDABLE = frozenset({AppAction.DECIDE, AppAction.HANDOVER})

_WRONG_MACHINE = {
    (DecidedBy.AGENCY, AppAction.DECIDE): "решение по этой услуге принимает ведомство: передайте дело в ведомство "
                                          "и внесите его результат",
    (DecidedBy.CENTRE, AppAction.HANDOVER): "решение по этой услуге принимает МФЦ: дело в ведомство не передаётся",
    (DecidedBy.CENTRE, AppAction.RECORD_RESULT): "решение по этой услуге принимает МФЦ, результата ведомства нет",
}


def ready_status(decided_by: DecidedBy | str) -> AppStatus:
    """Where an application goes once no request is open."""
    return S.READY_FOR_HANDOVER if DecidedBy(decided_by) == DecidedBy.AGENCY else S.READY_FOR_DECISION


def allowed_actions(status: AppStatus | str, open_requests: int = 0,
                    decided_by: DecidedBy | str = DecidedBy.CENTRE) -> set[AppAction]:
    """The acts the machine of `decided_by` allows in `status` (gated acts only with no request open)."""
    status = AppStatus(status)
    acts = {a for a, sts in MACHINES[DecidedBy(decided_by)].items() if status in sts}
    if open_requests:
        acts -= GATED
    return acts


def check_action(status: AppStatus | str, action: AppAction, open_requests: int = 0,
                 decided_by: DecidedBy | str = DecidedBy.CENTRE, missing: Iterable[str] = (),
                 override: bool = False) -> None:
    """Raise TransitionError with a Russian message when `action` is illegal now.

    `missing` names the request kinds the service lists that are neither settled nor brought by the applicant;
    `override` (a supervisor's reason, checked by the caller) lets DECIDE and HANDOVER go ahead regardless."""
    status, decided_by = AppStatus(status), DecidedBy(decided_by)
    what = ACTION_RU[action]
    machine = MACHINES[decided_by]
    if action not in machine:
        raise TransitionError(f"Нельзя {what}: {_WRONG_MACHINE.get((decided_by, action), 'не для этой услуги')}")
    if status not in machine[action]:
        raise TransitionError(f"Нельзя {what}: заявление в статусе «{APP_STATUS_RU[status]}»")
    if action not in GATED or (override and action in OVERRIDABLE):
        return
    if open_requests:
        raise TransitionError(
            f"Нельзя {what}: по заявлению есть незавершённые межведомственные запросы ({open_requests})"
        )
    missing = list(missing)
    if missing and action in OVERRIDABLE:
        raise TransitionError(f"Нельзя {what}: не направлены межведомственные запросы ({', '.join(missing)}); "
                              "направьте их или получите разрешение руководителя")


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
