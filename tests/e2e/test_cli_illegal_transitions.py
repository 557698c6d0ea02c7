"""Every illegal transition of both application machines, through the command line: exit 1, one Russian line,
and nothing changes (events and projected state)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppAction, AppStatus, DecidedBy, EventType
from clerk_app.domain.projection import apply_event
from clerk_app.services import agency_results, applications, requests
from clerk_app.services.events import append_event, reproject
from clerk_app.storage.models import Application, ApplicationEvent
from tests.clerk_app.domain.test_states import LEGAL
from tests.e2e.cli_runner import run_main
from tests.factories import CLERK, PASSWORD, SUPERVISOR, make_context, sample_application

S = AppStatus
TODAY = date.today().isoformat()
# The command of each act a clerk or supervisor runs on one application.
COMMANDS = {
    AppAction.SEND_REQUESTS: ("request", "{n}"),
    AppAction.DECIDE: ("decide", "{n}", "--approve"),
    AppAction.HANDOVER: ("handover", "{n}"),
    AppAction.RECORD_RESULT: ("result", "{n}", "--approve", "--document-number", "1-р", "--document-date", TODAY),
    AppAction.ISSUE: ("issue", "{n}"),
    AppAction.WITHDRAW: ("withdraw", "{n}", "--reason", "Заявитель передумал"),
}
PENSION = {"service": "pension_certificate", "subject": None,
           "documents": [{"code": "passport", "original": True, "sheets": 1}]}
QUEUE = {"service": "housing_queue", "provided_by_applicant": ["egrn_rights", "mvd_registration", "fns_income",
                                                               "kszn_benefits"],
         "documents": [{"code": "passport", "original": True, "sheets": 1},
                       {"code": "family_composition", "original": True, "sheets": 1}]}


def _system(ctx, number, etype, data):
    with ctx.db.write() as s:
        row = s.query(Application).filter_by(number=number).one()
        append_event(s, ctx, "system", row.id, number, etype, data)
        reproject(s, ctx, row.id)


def _answer_all(ctx, number):
    for q in requests.create_requests(ctx, CLERK, number):
        _system(ctx, number, EventType.RESPONSE_RECEIVED, {"message_id": q.message_id, "status": "answered",
                                                          "answered_at": "2026-12-01T10:00:00+03:00"})


def _new(ctx, **changes):
    return applications.register(ctx, CLERK, sample_application(**changes)).number


def _centre(ctx, status):
    if status in (S.AWAITING_RESPONSES, S.READY_FOR_DECISION):
        n = _new(ctx, service="utility_compensation", documents=[
            {"code": "passport", "original": True, "sheets": 1},
            {"code": "benefit_certificate", "original": True, "sheets": 1}])
        if status == S.AWAITING_RESPONSES:
            requests.create_requests(ctx, CLERK, n)
        else:
            _answer_all(ctx, n)
        return n
    n = _new(ctx, **PENSION)
    if status in (S.DECIDED, S.ISSUED, S.RETURNED_TO_AGENCY):
        applications.decide(ctx, SUPERVISOR, n, True)
    if status == S.ISSUED:
        applications.issue(ctx, CLERK, n)
    if status == S.RETURNED_TO_AGENCY:
        _system(ctx, n, EventType.RETURNED_TO_AGENCY, {"register_number": "R-1"})
    if status == S.WITHDRAWN:
        applications.withdraw(ctx, CLERK, n, "Передумал")
    if status == S.INTAKE_REFUSED:
        applications.refuse_intake(ctx, CLERK, n, "Неполный комплект")
    return n


def _agency(ctx, status):
    if status in (S.AWAITING_RESPONSES, S.READY_FOR_HANDOVER):
        n = _new(ctx, service="housing_queue", documents=QUEUE["documents"])
        if status == S.AWAITING_RESPONSES:
            requests.create_requests(ctx, CLERK, n)
        else:
            _answer_all(ctx, n)
        return n
    n = _new(ctx, **QUEUE)
    if status in (S.HANDED_OVER, S.ACCEPTED_BY_AGENCY, S.RESULT_RECEIVED, S.ISSUED, S.RETURNED_TO_AGENCY):
        _system(ctx, n, EventType.HANDED_OVER, {"case_id": None, "way": "register", "register_number": "H-1",
                                                "agency": "ADM-VLG"})
    if status == S.ACCEPTED_BY_AGENCY:
        _system(ctx, n, EventType.AGENCY_ACCEPTED, {"case_id": None})
    if status in (S.RESULT_RECEIVED, S.ISSUED, S.RETURNED_TO_AGENCY):
        agency_results.record_paper_result(ctx, CLERK, n, True, "7-р", TODAY)
    if status == S.ISSUED:
        applications.issue(ctx, CLERK, n)
    if status == S.RETURNED_TO_AGENCY:
        _system(ctx, n, EventType.RETURNED_TO_AGENCY, {"register_number": "R-1"})
    if status == S.WITHDRAWN:
        applications.withdraw(ctx, CLERK, n, "Передумал")
    if status == S.INTAKE_REFUSED:
        applications.refuse_intake(ctx, CLERK, n, "Неполный комплект")
    return n


STATUSES = {
    DecidedBy.CENTRE: [S.REGISTERED, S.AWAITING_RESPONSES, S.READY_FOR_DECISION, S.DECIDED, S.ISSUED,
                       S.RETURNED_TO_AGENCY, S.WITHDRAWN, S.INTAKE_REFUSED],
    DecidedBy.AGENCY: [S.REGISTERED, S.AWAITING_RESPONSES, S.READY_FOR_HANDOVER, S.HANDED_OVER,
                       S.ACCEPTED_BY_AGENCY, S.RESULT_RECEIVED, S.ISSUED, S.RETURNED_TO_AGENCY, S.WITHDRAWN,
                       S.INTAKE_REFUSED],
}


@pytest.fixture(scope="module")
def workstation(tmp_path_factory):
    d = tmp_path_factory.mktemp("illegal") / "ws"
    ctx = make_context(d)
    numbers = {}
    for machine, statuses in STATUSES.items():
        for status in statuses:
            numbers[machine, status] = (_centre if machine == DecidedBy.CENTRE else _agency)(ctx, status)
    for login in ("clerk", "boss"):
        assert run_main(d, "login", login, stdin=PASSWORD + "\n").code == 0
    yield d, ctx, numbers
    ctx.close()


def _snapshot(ctx, number):
    with ctx.db.read() as s:
        row = s.query(Application).filter_by(number=number).one()
        events = s.query(ApplicationEvent).filter_by(application_id=row.id).count()
        return row.status, json.dumps(row.state, sort_keys=True), events


CASES = [(m, st, act) for m, sts in STATUSES.items() for st in sts for act in COMMANDS
         if st not in LEGAL[m].get(act, set())]


@pytest.mark.parametrize(("machine", "status", "action"), CASES)
def test_illegal_transition_is_refused_and_changes_nothing(workstation, machine, status, action):
    d, ctx, numbers = workstation
    number = numbers[machine, status]
    before = _snapshot(ctx, number)
    assert before[0] == status.value
    args = [a.format(n=number) for a in COMMANDS[action]]
    res = run_main(d, *args, operator="boss")
    assert res.code == 1, (args, res.out, res.err)
    assert res.err.startswith("clerk-app: Нельзя ") and len(res.err.strip().splitlines()) == 1
    assert _snapshot(ctx, number) == before


@pytest.mark.parametrize(("machine", "action"), [(DecidedBy.CENTRE, AppAction.DECIDE),
                                                 (DecidedBy.AGENCY, AppAction.HANDOVER)])
def test_acts_held_up_by_open_requests_are_refused_and_change_nothing(workstation, machine, action):
    d, ctx, numbers = workstation
    number = numbers[machine, S.AWAITING_RESPONSES]
    before = _snapshot(ctx, number)
    res = run_main(d, *[a.format(n=number) for a in COMMANDS[action]], operator="boss")
    assert res.code == 1 and "незавершённые межведомственные запросы" in res.err
    assert _snapshot(ctx, number) == before


# Acts without a command of their own (the gateway's statuses, the return register, intake and documents):
# an event the state does not allow, e.g. from another workstation, is kept aside as a conflict.
EVENT_OF = {AppAction.AGENCY_ACCEPT: ("agency_accepted", {"case_id": None}),
            AppAction.CASE_RETURN: ("case_returned", {"case_id": None, "comment": "нет копии паспорта"}),
            AppAction.RETURN_TO_AGENCY: ("returned_to_agency", {"register_number": "R-9"}),
            AppAction.REFUSE_INTAKE: ("intake_refused", {"reason": "Неполный комплект"}),
            AppAction.CHANGE_DOCUMENTS: ("documents_changed", {"documents": []})}
EVENT_CASES = [(m, st, act) for m, sts in STATUSES.items() for st in sts for act in EVENT_OF
               if st not in LEGAL[m].get(act, set())]


@pytest.mark.parametrize(("machine", "status", "action"), EVENT_CASES)
def test_illegal_act_from_elsewhere_is_a_conflict_and_changes_nothing(workstation, machine, status, action):
    _, ctx, numbers = workstation
    with ctx.db.read() as s:
        row = s.query(Application).filter_by(number=numbers[machine, status]).one()
        state = ApplicationState.from_json(row.state)
    etype, data = EVENT_OF[action]
    after = apply_event(state, {"event_id": "e-1", "type": etype, "occurred_at": "2026-12-02T10:00:00+03:00",
                                "operator": "system", "application_id": state.id,
                                "application_number": state.number, "data": data})
    assert after == replace(state, conflicts=state.conflicts + ("e-1",))
