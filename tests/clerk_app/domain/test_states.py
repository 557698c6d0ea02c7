"""Every legal and illegal transition of applications and requests."""

from __future__ import annotations

import itertools

import pytest

from clerk_app.domain.errors import TransitionError
from clerk_app.domain.states import (
    AppAction,
    AppStatus,
    DecidedBy,
    ReqStatus,
    allowed_actions,
    check_action,
    check_request_transition,
)

S = AppStatus
C_OPEN = {S.REGISTERED, S.AWAITING_RESPONSES, S.READY_FOR_DECISION}
A_OPEN = {S.REGISTERED, S.AWAITING_RESPONSES, S.READY_FOR_HANDOVER}
AT_AGENCY = {S.HANDED_OVER, S.ACCEPTED_BY_AGENCY}
LEGAL = {
    DecidedBy.CENTRE: {
        AppAction.CHANGE_DOCUMENTS: C_OPEN,
        AppAction.SEND_REQUESTS: C_OPEN,
        AppAction.DECIDE: C_OPEN,  # awaiting_responses: requests are open, so only with an override
        AppAction.ISSUE: {S.DECIDED},
        AppAction.WITHDRAW: C_OPEN,
        AppAction.REFUSE_INTAKE: {S.REGISTERED},
        AppAction.RETURN_TO_AGENCY: {S.DECIDED},
    },
    DecidedBy.AGENCY: {
        AppAction.CHANGE_DOCUMENTS: A_OPEN,
        AppAction.SEND_REQUESTS: A_OPEN,
        AppAction.HANDOVER: A_OPEN,
        AppAction.AGENCY_ACCEPT: {S.HANDED_OVER},
        AppAction.CASE_RETURN: AT_AGENCY,
        AppAction.RECORD_RESULT: AT_AGENCY,
        AppAction.ISSUE: {S.RESULT_RECEIVED},
        AppAction.WITHDRAW: A_OPEN | AT_AGENCY,
        AppAction.REFUSE_INTAKE: {S.REGISTERED},
        AppAction.RETURN_TO_AGENCY: {S.RESULT_RECEIVED},
    },
}


@pytest.mark.parametrize(("decided_by", "status", "action"),
                         list(itertools.product(DecidedBy, AppStatus, AppAction)))
def test_application_transition_table(decided_by, status, action):
    if status in LEGAL[decided_by].get(action, set()):
        check_action(status, action, decided_by=decided_by)
        assert action in allowed_actions(status, decided_by=decided_by)
    else:
        with pytest.raises(TransitionError) as err:
            check_action(status, action, decided_by=decided_by)
        assert err.value.message.startswith("Нельзя")
        assert action not in allowed_actions(status, decided_by=decided_by)


def test_the_version_1_defaults_are_the_centre_machine():
    assert allowed_actions(S.REGISTERED) == {AppAction.CHANGE_DOCUMENTS, AppAction.SEND_REQUESTS, AppAction.DECIDE,
                                             AppAction.WITHDRAW, AppAction.REFUSE_INTAKE}
    assert AppAction.DECIDE not in allowed_actions(S.AWAITING_RESPONSES, open_requests=1)
    with pytest.raises(TransitionError, match="принимает МФЦ"):
        check_action(S.REGISTERED, AppAction.HANDOVER)
    with pytest.raises(TransitionError, match="принимает ведомство"):
        check_action(S.REGISTERED, AppAction.DECIDE, decided_by=DecidedBy.AGENCY)


@pytest.mark.parametrize(("decided_by", "status", "action"), [
    (DecidedBy.CENTRE, S.REGISTERED, AppAction.DECIDE), (DecidedBy.CENTRE, S.READY_FOR_DECISION, AppAction.DECIDE),
    (DecidedBy.CENTRE, S.AWAITING_RESPONSES, AppAction.DECIDE),
    (DecidedBy.AGENCY, S.REGISTERED, AppAction.HANDOVER), (DecidedBy.AGENCY, S.AWAITING_RESPONSES, AppAction.HANDOVER),
    (DecidedBy.AGENCY, S.READY_FOR_HANDOVER, AppAction.HANDOVER)])
def test_no_decision_or_handover_while_requests_are_open_or_unsent_unless_overridden(decided_by, status, action):
    with pytest.raises(TransitionError, match="незавершённые межведомственные запросы"):
        check_action(status, action, open_requests=2, decided_by=decided_by)
    with pytest.raises(TransitionError, match="не направлены межведомственные запросы"):
        check_action(status, action, decided_by=decided_by, missing=["egrn_extract"])
    check_action(status, action, open_requests=2, decided_by=decided_by, missing=["egrn_extract"], override=True)
    check_action(status, AppAction.WITHDRAW, open_requests=2, decided_by=decided_by)


def test_intake_refusal_waits_for_open_requests_and_is_never_overridden():
    with pytest.raises(TransitionError, match="незавершённые"):
        check_action(S.REGISTERED, AppAction.REFUSE_INTAKE, open_requests=1, override=True)
    check_action(S.REGISTERED, AppAction.REFUSE_INTAKE, missing=["egrn_extract"])


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
