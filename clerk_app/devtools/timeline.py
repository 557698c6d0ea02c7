"""The life of one generated application as timed events, cut at "now".

A realistic spread for reports and screenshots: most services are decided by their agency (hand-over,
the agency's result, issue, sometimes an unclaimed result returned), a few by the centre itself;
some interagency answers, hand-overs and results come late; some citizens withdraw or are refused.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from clerk_app.services.catalogue import ServiceSpec

Event = tuple[str, datetime, dict]
WorkingDays = Callable[[date, int], date]


def _at(day: date, rnd: random.Random, tz) -> datetime:  # type: ignore[no-untyped-def]
    return datetime.combine(day, time(9 + rnd.randint(0, 8), rnd.randint(0, 59), rnd.randint(0, 59)), tz)


def life(rnd: random.Random, svc: ServiceSpec, at: datetime, due_on: date, working: WorkingDays) -> list[Event]:
    """Every event after `registered`, in time order (the caller drops those after now)."""
    tz = at.tzinfo
    evs: list[Event] = []
    if rnd.random() < 0.025:
        return [("intake_refused", at + timedelta(minutes=5),
                 {"reason": "Представлены документы с истёкшим сроком действия", "cancelled_requests": []})]
    when = at + timedelta(minutes=3)
    ready = at
    kinds = list(svc.request_kinds)
    chosen = rnd.sample(kinds, k=min(len(kinds), rnd.randint(1, 2))) if kinds and rnd.random() < 0.8 else []
    for kind in chosen:
        mid = str(uuid.uuid4())
        due = working(at.date(), kind.answer_due_working_days)
        evs.append(("request_sent", when, {"message_id": mid, "kind": kind.code, "recipient": kind.agency_code,
                                           "due_date": due.isoformat(), "replaces": None}))
        if rnd.random() < 0.015:  # the agency never answers: the case waits, overdue
            return sorted(evs, key=lambda e: e[1])
        late = rnd.random() < 0.1
        answered = _at(due + timedelta(days=rnd.randint(1, 6)) if late
                       else at.date() + timedelta(days=rnd.randint(1, max(1, (due - at.date()).days))), rnd, tz)
        answered = max(answered, when + timedelta(hours=1))
        evs.append(("response_received", answered, {"message_id": mid, "status": "answered",
                                                    "answered_at": answered.isoformat(timespec="seconds"),
                                                    "response_id": str(uuid.uuid4())}))
        ready = max(ready, answered)
    if rnd.random() < 0.03:
        evs.append(("withdrawn", ready + timedelta(hours=2), {"reason": "Заявитель отозвал заявление лично",
                                                              "cancelled_requests": []}))
        return sorted(evs, key=lambda e: e[1])
    if not svc.agency_decides:
        outcome_at = _at(min(due_on, ready.date() + timedelta(days=rnd.randint(0, 3))), rnd, tz)
        if rnd.random() < 0.05:
            outcome_at = _at(due_on + timedelta(days=rnd.randint(1, 5)), rnd, tz)
        outcome_at = max(outcome_at, ready + timedelta(hours=1))
        approve = rnd.random() < 0.88
        data = {"outcome": "approved" if approve else "refused"}
        if not approve:
            data.update(reason="Доход семьи превышает установленный порог", legal_ground="п. 2.8 регламента")
        evs.append(("decided", outcome_at, data))
    else:
        late_handover = rnd.random() < 0.08
        handover_day = working(ready.date(), rnd.randint(3, 7) if late_handover else 1)
        handed = _at(ready.date() if not late_handover and rnd.random() < 0.5 else handover_day, rnd, tz)
        handed = max(handed, ready + timedelta(minutes=30))
        case_id = str(uuid.uuid4())
        electronic = rnd.random() < 0.6
        evs.append(("handed_over", handed, {"case_id": case_id, "way": "electronic" if electronic else "register",
                                            "register_number": None if electronic else f"R-{handed:%Y%m%d}",
                                            "agency": svc.agency_code}))
        evs.append(("agency_accepted", handed + timedelta(hours=rnd.randint(1, 20)), {"case_id": case_id}))
        late_result = rnd.random() < 0.1
        span = max(1, (due_on - handed.date()).days)
        result_day = due_on + timedelta(days=rnd.randint(1, 8)) if late_result else \
            handed.date() + timedelta(days=rnd.randint(max(1, span // 3), span))
        outcome_at = max(_at(result_day, rnd, tz), handed + timedelta(days=1))
        approve = rnd.random() < 0.85
        evs.append(("result_received", outcome_at, {
            "case_id": case_id, "approved": approve, "document_number": f"{rnd.randint(100, 9999)}-р",
            "document_date": outcome_at.date().isoformat(), "signed_by": "Петрова А. В., начальник отдела",
            "legal_ground": None if approve else "п. 2.8 регламента",
            "reason": None if approve else "Доход семьи превышает установленный порог",
            "source": "gateway" if electronic else "paper"}))
    storage = svc.result_storage_days
    if rnd.random() < 0.06:  # never collected: back to the agency after the storage term
        if svc.agency_decides:
            back = _at(outcome_at.date() + timedelta(days=storage + rnd.randint(1, 10)), rnd, tz)
            evs.append(("returned_to_agency", back, {"register_number": f"V-{back:%Y%m%d}"}))
    else:
        issued = _at(outcome_at.date() + timedelta(days=int(rnd.expovariate(1 / 4))), rnd, tz)
        evs.append(("issued", max(issued, outcome_at + timedelta(hours=1)),
                    {"collector": "applicant", "representative": None}))
    return sorted(evs, key=lambda e: e[1])
