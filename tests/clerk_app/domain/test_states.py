"""Every legal and illegal transition of applications and requests."""

from __future__ import annotations

import itertools

import pytest

from clerk_app.domain.errors import TransitionError
from clerk_app.domain.states import (
    AppAction,
    AppStatus,
    ReqStatus,
    allowed_actions,
    check_action,
    check_request_transition,
)

OPEN = {AppStatus.REGISTERED, AppStatus.AWAITING_RESPONSES, AppStatus.READY_FOR_DECISION}
LEGAL = {
    AppAction.CHANGE_DOCUMENTS: OPEN,
    AppAction.SEND_REQUESTS: OPEN,
    AppAction.DECIDE: {AppStatus.REGISTERED, AppStatus.READY_FOR_DECISION},
    AppAction.ISSUE: {AppStatus.DECIDED},
    AppAction.WITHDRAW: OPEN,
    AppAction.REFUSE_INTAKE: {AppStatus.REGISTERED},
}


@pytest.mark.parametrize(("status", "action"), list(itertools.product(AppStatus, AppAction)))
def test_application_transition_table(status, action):
    if status in LEGAL[action]:
        check_action(status, action)
        assert action in allowed_actions(status)
    else:
        with pytest.raises(TransitionError) as err:
            check_action(status, action)
        assert "Нельзя" in err.value.message
        assert action not in allowed_actions(status)


@pytest.mark.parametrize("status", [AppStatus.REGISTERED, AppStatus.READY_FOR_DECISION])
def test_no_decision_while_requests_are_open(status):
    with pytest.raises(TransitionError, match="незавершённые межведомственные запросы"):
        check_action(status, AppAction.DECIDE, open_requests=2)
    check_action(status, AppAction.WITHDRAW, open_requests=2)


REQ_LEGAL = {
    (ReqStatus.QUEUED, ReqStatus.SENT), (ReqStatus.QUEUED, ReqStatus.NEEDS_ATTENTION),
    (ReqStatus.QUEUED, ReqStatus.CANCELLED), (ReqStatus.QUEUED, ReqStatus.ANSWERED),
    (ReqStatus.QUEUED, ReqStatus.REJECTED), (ReqStatus.QUEUED, ReqStatus.ERROR),
    (ReqStatus.SENT, ReqStatus.ANSWERED), (ReqStatus.SENT, ReqStatus.REJECTED), (ReqStatus.SENT, ReqStatus.ERROR),
    (ReqStatus.SENT, ReqStatus.CANCELLED), (ReqStatus.NEEDS_ATTENTION, ReqStatus.CANCELLED),
}


@pytest.mark.parametrize(("current", "new"), list(itertools.product(ReqStatus, ReqStatus)))
def test_request_transition_table(current, new):
    if (current, new) in REQ_LEGAL:
        check_request_transition(current, new)
    else:
        with pytest.raises(TransitionError, match="нельзя перевести"):
            check_request_transition(current, new)
