"""Two workstations of one centre converge through the shared register."""

from __future__ import annotations

from clerk_app.domain.errors import TransitionError
from clerk_app.services import applications, queries
from clerk_app.sync.engine import SyncEngine
from tests.clerk_app.sync.conftest import connect
from tests.factories import CLERK, SUPERVISOR, sample_application


def _comparable(app):
    out = {k: v for k, v in app.items() if k != "events"}
    out["events"] = [{k: v for k, v in e.items() if k != "synced"} for e in app["events"]]
    return out


def test_register_on_one_decide_on_other_issue_on_first(tmp_path, sandbox):
    one = connect(tmp_path, "one", sandbox, workstation="34-001-07")
    two = connect(tmp_path, "two", sandbox, workstation="34-001-08")
    sync_one, sync_two = SyncEngine(one), SyncEngine(two)

    number = applications.register(one, CLERK, sample_application(service="pension_certificate", subject=None,
                                   documents=_docs(one, "pension_certificate"))).number
    sync_one.run_pass()
    assert sync_two.run_pass().events_in == 1
    assert queries.show(two, CLERK, number).to_json()["status"] == "registered"

    applications.decide(two, SUPERVISOR, number, approve=True)  # offline from one's point of view
    sync_two.run_pass()
    sync_one.run_pass()
    assert queries.show(one, CLERK, number).to_json()["status"] == "decided"

    applications.issue(one, CLERK, number)
    sync_one.run_pass()
    sync_two.run_pass()
    sync_one.run_pass()
    a, b = queries.show(one, CLERK, number).to_json(), queries.show(two, CLERK, number).to_json()
    assert a["status"] == b["status"] == "issued"
    assert _comparable(a) == _comparable(b)
    assert all(e["synced"] for e in a["events"] + b["events"])
    assert [e["type"] for e in a["events"]] == ["registered", "decided", "issued"]


def test_conflicting_decisions_resolve_by_gateway_order(tmp_path, sandbox):
    one = connect(tmp_path, "one", sandbox, workstation="34-001-07")
    two = connect(tmp_path, "two", sandbox, workstation="34-001-08")
    sync_one, sync_two = SyncEngine(one), SyncEngine(two)
    number = applications.register(one, CLERK, sample_application(service="pension_certificate", subject=None,
                                   documents=_docs(one, "pension_certificate"))).number
    sync_one.run_pass()
    sync_two.run_pass()
    applications.decide(one, SUPERVISOR, number, approve=True)
    applications.decide(two, SUPERVISOR, number, approve=False, reason="Не подтверждено право на услугу")
    sync_one.run_pass()
    sync_two.run_pass()
    sync_one.run_pass()
    a, b = queries.show(one, CLERK, number).to_json(), queries.show(two, CLERK, number).to_json()
    assert a["decision"] == b["decision"] and a["decision"]["outcome"] == "approved"
    assert _comparable(a) == _comparable(b)
    try:
        applications.decide(two, SUPERVISOR, number, approve=False, reason="ещё раз")
    except TransitionError:
        pass
    else:
        raise AssertionError("a decided application accepted a second decision")


def _docs(ctx, service):
    from clerk_app.services.catalogue import get_service

    spec = get_service(ctx, service)
    return [{"code": d.code, "original": d.original, "sheets": 1} for d in spec.documents if d.required]


def test_agency_leg_register_on_one_hand_over_on_other_issue_on_first(tmp_path, sandbox):
    from clerk_app.services import handover, issuing, scans

    one = connect(tmp_path, "one", sandbox, workstation="34-001-07")
    two = connect(tmp_path, "two", sandbox, workstation="34-001-08")
    sync_one, sync_two = SyncEngine(one), SyncEngine(two)
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    data = sample_application(provided_by_applicant=["egrn_extract", "fns_income", "mvd_registration"])
    data["applicant"]["snils"] = _even_snils()  # an even check number: the sandbox's agency approves
    number = applications.register(one, CLERK, data, [scans.ScanFile("passport", "p.pdf", pdf)]).number
    sync_one.run_pass()
    sync_two.run_pass()
    assert queries.show(two, CLERK, number).state.decided_by == "agency"
    scans.add_scan(two, CLERK, number, scans.ScanFile("passport", "p.pdf", pdf))  # scans stay where taken
    case_id = handover.handover(two, CLERK, number).case_id
    for _ in range(3):
        sync_two.run_pass()
    assert queries.show(two, CLERK, number).to_json()["status"] == "result_received"
    sync_one.run_pass()
    shown = queries.show(one, CLERK, number).to_json()
    assert shown["status"] == "result_received" and shown["handover"]["case_id"] == case_id
    assert shown["result"]["approved"] is True and shown["result"]["source"] == "gateway"

    issuing.issue(one, CLERK, number)
    sync_one.run_pass()
    sync_two.run_pass()
    sync_one.run_pass()
    a, b = queries.show(one, CLERK, number).to_json(), queries.show(two, CLERK, number).to_json()
    assert a["status"] == b["status"] == "issued"
    assert _comparable(a) == _comparable(b)
    assert [e["type"] for e in a["events"]] == ["registered", "handed_over", "agency_accepted", "result_received",
                                                "issued"]


def _even_snils():
    from tests.factories import snils_with_checksum

    return next(s for s in (snils_with_checksum(112233400 + i) for i in range(100)) if int(s[-2:]) % 2 == 0)
