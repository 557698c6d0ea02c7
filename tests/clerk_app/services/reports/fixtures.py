"""Hand-counted report fixtures: applications written as events, as they arrive here (own and shared)."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime, timedelta, timezone

from clerk_app.services.events import reproject, store_remote_event
from clerk_app.storage.models import ApplicationEvent

MSK = timezone(timedelta(hours=3))
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=MSK)
HERE, THERE = "34-001-07", "34-001-08"
_seq = itertools.count(1)
_local = itertools.count(1_000_000)


class Case:
    """One application: `ev(type, at, **data)` appends its events; `save(ctx)` stores and projects them."""

    def __init__(self, name: str, service: str, registered_at: str, due: str, operator: str = "clerk",
                 workstation: str = HERE, shared: bool = True) -> None:
        self.name, self.id = name, str(uuid.uuid4())
        self.number = f"{workstation}-2026-{int(name[1:]):06d}"
        self.operator, self.workstation, self.shared = operator, workstation, shared
        self.events: list[tuple[str, str, dict, str]] = []
        self.ev("registered", registered_at, service=service, registered_at=registered_at, due_date=due,
                due_date_provisional=False, applicant={"full_name": f"Заявитель {name}"}, documents=[], subject={})

    def ev(self, etype: str, at: str, workstation: str | None = None, **data: object) -> Case:
        self.events.append((etype, at, data, workstation or self.workstation))
        return self

    def save(self, ctx) -> Case:  # type: ignore[no-untyped-def]
        with ctx.db.write() as s:
            for etype, at, data, ws in self.events:
                body = {"event_id": str(uuid.uuid4()), "application_id": self.id,
                        "application_number": self.number, "type": etype, "occurred_at": at,
                        "workstation": ws, "operator": self.operator if ws == self.workstation else "petrova",
                        "data": data}
                if ws == HERE and not self.shared:  # this workstation's own event, not yet shared
                    s.add(ApplicationEvent(**body, seq=None, local_seq=next(_local), synced=False))
                    s.flush()
                else:  # in the shared register (ours already sent, or another workstation's)
                    store_remote_event(s, {**body, "seq": next(_seq)})
            reproject(s, ctx, self.id)
        return self


def t(day: str, hm: str = "10:00:00", offset: str = "+03:00") -> str:
    return f"2026-{day}T{hm}{offset}"


def build(ctx) -> dict[str, Case]:  # type: ignore[no-untyped-def]
    """The cases of tests/clerk_app/services/reports/test_figures.py; the counts are worked out there."""
    hs, pc, inn = "housing_subsidy", "pension_certificate", "inn_issue"
    cases = [
        Case("C1", hs, t("09-01", "00:00:00"), "2026-09-15")
        .ev("request_sent", t("09-01"), message_id="rq1", kind="egrn_extract", recipient="ROSREESTR-34",
            due_date="2026-09-08", replaces=None)
        .ev("response_received", t("09-03", "12:00:00"), message_id="rq1", status="answered",
            answered_at=t("09-03", "12:00:00"))
        .ev("handed_over", t("09-03", "15:00:00"), case_id="k1", way="electronic", agency="KSZN-34")
        .ev("result_received", t("09-10", "11:00:00"), approved=True, document_number="1-р")
        .ev("issued", t("09-14"), workstation=THERE, collector="applicant"),
        Case("C2", hs, t("08-31", "23:59:59"), "2026-09-14")
        .ev("request_sent", t("09-01"), message_id="rq2", kind="egrn_extract", recipient="ROSREESTR-34",
            due_date="2026-09-08", replaces=None)
        .ev("handed_over", t("09-02"), case_id="k2", way="register", agency="KSZN-34")
        .ev("result_received", t("09-05"), approved=True)
        .ev("issued", t("09-06")),
        Case("C3", hs, "2026-08-31T21:30:00+00:00", "2026-09-15", operator="petrova", workstation=THERE)
        .ev("request_sent", t("09-01", "09:00:00"), message_id="rq3", kind="fns_income", recipient="FNS-34",
            due_date="2026-09-08", replaces=None)
        .ev("response_received", t("09-11"), message_id="rq3", status="answered", answered_at=t("09-11"))
        .ev("handed_over", t("09-21"), case_id="k3", way="electronic", agency="KSZN-34")
        .ev("result_received", t("09-25"), result={"approved": False, "reason": "доход выше порога"})
        .ev("issued", t("09-28")),
        Case("C4", pc, t("11-30", "23:59:59"), "2026-12-10", operator="boss", shared=False),
        Case("C5", pc, t("12-01", "00:00:00"), "2026-12-11"),
        Case("C6", inn, t("09-02", "09:00:00"), "2026-09-16").ev("intake_refused", t("09-02", "09:10:00"),
                                                               reason="нет паспорта"),
        Case("C7", inn, t("09-02"), "2026-09-16", operator="boss")
        .ev("request_sent", t("09-02", "10:05:00"), message_id="rq7", kind="mvd_registration", recipient="MVD-34",
            due_date="2026-09-09", replaces=None)
        .ev("withdrawn", t("09-03"), reason="передумал", cancelled_requests=["rq7"]),
        Case("C8", pc, t("09-03"), "2026-09-17").ev("decided", t("09-04"), outcome="approved"),
        Case("C9", hs, t("09-04"), "2026-09-18")
        .ev("handed_over", t("09-04", "12:00:00"), case_id="k9", way="register", agency="KSZN-34")
        .ev("result_received", t("09-08"), approved=True)
        .ev("returned_to_agency", t("10-20"), register_number="r-1"),
        Case("C10", pc, t("10-01"), "2026-10-15", operator="boss")
        .ev("decided", t("10-20"), outcome="refused", reason="нет права", legal_ground="п. 1")
        .ev("issued", t("10-21")),
        Case("C11", hs, t("11-02"), "2026-11-16").ev("handed_over", t("11-02", "11:00:00"), case_id="k11"),
        Case("C12", inn, t("11-05"), "2026-11-19", shared=False)
        .ev("request_sent", t("11-05", "10:05:00"), message_id="rq12", kind="mvd_registration",
            recipient="MVD-34", due_date="2026-11-12", replaces=None),
        Case("C13", pc, t("11-06"), "2026-11-20", shared=False),
        Case("C14", hs, t("11-20"), "2026-12-04")
        .ev("handed_over", t("11-20", "11:00:00"), case_id="k14")
        .ev("result_received", t("12-01", "00:00:00"), approved=True),
        Case("C15", hs, t("11-28"), "2026-12-12").ev("handed_over", "2026-11-30T21:00:00+00:00", case_id="k15"),
        Case("C16", hs, t("10-05"), "2026-10-19")
        .ev("handed_over", t("10-05", "12:00:00"), case_id="k16")
        .ev("result_received", t("10-26"), approved=True)
        .ev("issued", t("10-27")),
    ]
    return {c.name: c.save(ctx) for c in cases}
