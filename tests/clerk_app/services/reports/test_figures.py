"""Every figure of the report against hand-counted cases (fixtures.py).

Period 01.09.2026-30.11.2026, Moscow time (+03:00), now 02.12.2026: the report is "as of" 01.12 00:00.
Edges: C1 registered 01.09 00:00:00 (in), C2 31.08 23:59:59 (out, with events in September),
C3 registered at another workstation as 31.08 21:30 UTC = 01.09 00:30 local (in), C4 30.11 23:59:59 (in),
C5 01.12 00:00:00 (out), C14's result at 01.12 00:00 (out), C15's handover at 30.11 21:00 UTC = 01.12 00:00 (out).
"""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.errors import PermissionDenied, ValidationError
from clerk_app.services.reports import service, store
from clerk_app.services.reports.figures import ALL_KEYS
from clerk_app.services.reports.query import GroupBy, Period
from tests.clerk_app.services.reports.fixtures import NOW, build
from tests.factories import ADMIN, CLERK, SUPERVISOR

PERIOD = Period(date(2026, 9, 1), date(2026, 11, 30))

ZERO = {k: 0 for k in ALL_KEYS} | {"days_to_issue_mean": None, "days_to_issue_p90": None}

# C1 C3 C4 C6 C7 C8 C9 C10 C11 C12 C13 C14 C15 C16
TOTAL = ZERO | {
    "accepted": 14, "intake_refused": 1, "withdrawn": 1,
    "handed_over": 6,            # C1 C3 C9 C11 C14 C16 (C15's is after the edge, C2 is out)
    "handed_over_late": 1,       # C3: ready 11.09 (Fri), due 14.09, handed over 21.09
    "results_approved": 3,       # C1 C9 C16 (C14's came at 01.12 00:00)
    "results_refused": 1,        # C3 (the result nested as {"result": {"approved": false}})
    "decided_approved": 1, "decided_refused": 1,        # C8, C10
    "results_late": 3, "results_late_agency": 1, "results_late_centre": 2,  # C16; C3 (late handover), C10
    "issued": 4,                 # C1 (at the other workstation) C3 C10 C16
    "unclaimed": 1,              # C8: decided 04.09, kept to 04.10, never issued (C9 went back)
    "returned_to_agency": 1,     # C9
    "overdue_open": 3, "overdue_agency": 1, "overdue_requests": 1, "overdue_centre": 1,  # C11, C12, C13
    "requests_sent": 4,          # rq1 rq3 rq7 rq12 (rq2 is C2's)
    "requests_answered": 2,      # rq1 rq3
    "requests_late": 2,          # rq3 answered 11.09 > 08.09; rq12 open past 12.11 (rq7 cancelled in time)
    "days_to_issue_mean": 20.5,  # 13 (C1) 27 (C3) 20 (C10) 22 (C16)
    "days_to_issue_p90": 27,     # nearest rank ceil(0.9 * 4) = 4
}

BY_SERVICE = {
    "housing_subsidy": ZERO | {
        "accepted": 7, "handed_over": 6, "handed_over_late": 1, "results_approved": 3, "results_refused": 1,
        "results_late": 2, "results_late_agency": 1, "results_late_centre": 1, "issued": 3,
        "returned_to_agency": 1, "overdue_open": 1, "overdue_agency": 1,
        "requests_sent": 2, "requests_answered": 2, "requests_late": 1,
        "days_to_issue_mean": 20.7, "days_to_issue_p90": 27},  # 13 27 22
    "pension_certificate": ZERO | {
        "accepted": 4, "decided_approved": 1, "decided_refused": 1, "results_late": 1, "results_late_centre": 1,
        "issued": 1, "unclaimed": 1, "overdue_open": 1, "overdue_centre": 1,
        "days_to_issue_mean": 20.0, "days_to_issue_p90": 20},
    "inn_issue": ZERO | {
        "accepted": 3, "intake_refused": 1, "withdrawn": 1, "overdue_open": 1, "overdue_requests": 1,
        "requests_sent": 2, "requests_late": 1},
}


@pytest.fixture
def cases(ctx):
    ctx.clock = lambda: NOW
    return build(ctx)


def _rows(report):
    return {r.key: r.values for r in report.rows}


def test_total_and_rows_by_service(ctx, cases):
    report = service.build_report(ctx, SUPERVISOR, PERIOD, "service")
    assert report.total == TOTAL
    assert _rows(report) == BY_SERVICE
    assert {r.key: r.name for r in report.rows}["inn_issue"].startswith("Постановка на учёт физического лица")


def test_by_operator_counts_the_other_workstation_operator(ctx, cases):
    rows = _rows(service.build_report(ctx, SUPERVISOR, PERIOD, GroupBy.OPERATOR))
    assert {k: v["accepted"] for k, v in rows.items()} == {"clerk": 10, "boss": 3, "petrova": 1}
    assert rows["petrova"]["handed_over_late"] == 1 and rows["petrova"]["issued"] == 1
    assert rows["boss"]["days_to_issue_mean"] == 20.0


def test_by_agency_uses_the_service_agency(ctx, cases):
    report = service.build_report(ctx, SUPERVISOR, PERIOD, "agency")
    assert {k: v["accepted"] for k, v in _rows(report).items()} == {"KSZN-34": 7, "SFR-34": 4, "FNS-34": 3}
    assert report.requests_by_agency == [
        {"agency": "FNS-34", "name": report.requests_by_agency[0]["name"], "sent": 1, "answered": 1, "late": 1},
        {"agency": "MVD-34", "name": report.requests_by_agency[1]["name"], "sent": 2, "answered": 0, "late": 1},
        {"agency": "ROSREESTR-34", "name": report.requests_by_agency[2]["name"], "sent": 1, "answered": 1,
         "late": 0},
    ]


def test_one_day_period_at_the_midnight_edges(ctx, cases):
    first = service.build_report(ctx, SUPERVISOR, Period(date(2026, 9, 1), date(2026, 9, 1)))
    assert first.total["accepted"] == 2  # C1 at 00:00:00 and C3 at 00:30 local; not C2 at 23:59:59 before
    assert first.total["requests_sent"] == 2 and first.total["handed_over"] == 0
    last = service.build_report(ctx, SUPERVISOR, Period(date(2026, 11, 30), date(2026, 11, 30)))
    assert last.total["accepted"] == 1  # C4 at 23:59:59; not C5 at 00:00:00 next day


def test_json_keys_are_the_contract(ctx, cases):
    data = service.build_report(ctx, SUPERVISOR, PERIOD).as_json()
    assert (data["from"], data["to"], data["by"]) == ("2026-09-01", "2026-11-30", "service")
    contract = {"key", "name", "accepted", "intake_refused", "withdrawn", "handed_over", "handed_over_late",
                "results_approved", "results_refused", "decided_approved", "decided_refused", "issued",
                "unclaimed", "returned_to_agency", "overdue_open", "requests_sent", "requests_answered",
                "requests_late", "days_to_issue_mean", "days_to_issue_p90"}
    assert contract <= set(data["rows"][0])
    assert contract - {"key", "name"} <= set(data["total"])


def test_drill_down_lists_the_cases_of_a_cell(ctx, cases):
    def numbers(key, fig):
        return sorted(r.number.rsplit("-", 1)[1] for r in service.drill_down(ctx, SUPERVISOR, PERIOD,
                                                                             "service", key, fig))
    assert numbers("housing_subsidy", "handed_over") == ["000001", "000003", "000009", "000011", "000014",
                                                         "000016"]
    assert numbers(None, "overdue_open") == ["000011", "000012", "000013"]
    assert numbers("inn_issue", "requests_late") == ["000012"]
    assert numbers(None, "unclaimed") == ["000008"]
    assert numbers("pension_certificate", "days_to_issue_p90") == ["000010"]


def test_facts_follow_new_events_and_rebuild_gives_the_same(ctx, cases):
    before = service.build_report(ctx, SUPERVISOR, PERIOD).total
    cases["C13"].events = cases["C13"].events[1:]
    cases["C13"].ev("decided", "2026-11-25T10:00:00+03:00", outcome="approved").save(ctx)
    after = service.build_report(ctx, SUPERVISOR, PERIOD).total
    assert after["decided_approved"] == before["decided_approved"] + 1
    assert after["overdue_centre"] == 0 and after["results_late"] == 4
    assert store.rebuild(ctx) == 16
    assert service.build_report(ctx, SUPERVISOR, PERIOD).total == after


def test_roles_and_bad_period(ctx, cases):
    with pytest.raises(PermissionDenied):
        service.build_report(ctx, CLERK, PERIOD)
    assert service.build_report(ctx, ADMIN, PERIOD).total["accepted"] == 14
    with pytest.raises(ValidationError):
        service.build_report(ctx, SUPERVISOR, Period(date(2026, 11, 30), date(2026, 9, 1)))


def test_today_figures(ctx, cases):
    ctx.clock = lambda: NOW.replace(month=9, day=14, hour=18)
    today = service.today_figures(ctx)
    assert (today.accepted, today.issued) == (0, 1)  # C1 issued on 14.09
