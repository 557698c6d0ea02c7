"""`case_status` items of the response queue (protocol version 2): what the agency says about a case.

Checked like answers (a bad one is set aside in quarantine and acknowledged; an attachment whose sha256
does not match is a transfer fault: not acknowledged, it comes again), then stored with the answers of
the same page in one transaction: the status row (its `response_id` makes storing idempotent), the
result's documents, and the application's event — `agency_accepted`, `case_returned` (its comment shown
to the clerk) or `result_received` — written only when the application's state allows it.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from clerk_app.domain.enums import AppAction, EventType, ResultSource
from clerk_app.domain.projection import apply_event
from clerk_app.domain.states import allowed_actions
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_system_events, reproject_many, state_of
from clerk_app.storage.models import AgencyDocument, Application, CaseStatus
from clerk_app.sync.incoming import Refused, _day, _kind, _moment, _text, _unreadable

log = logging.getLogger(__name__)

CheckedCase = tuple[dict, list[tuple[dict, bytes]]]
_STATUSES = ("accepted", "returned", "result")
_EVENT = {"accepted": (EventType.AGENCY_ACCEPTED, AppAction.AGENCY_ACCEPT),
          "returned": (EventType.CASE_RETURNED, AppAction.CASE_RETURN),
          "result": (EventType.RESULT_RECEIVED, AppAction.RECORD_RESULT)}


def check_case_status(item: Any) -> None:
    """Raise Refused when a `case_status` item cannot be stored as it is (reasons name fields, not values)."""
    where = "Статус дела"
    _unreadable(item, where)
    _text(item, "response_id", where, 64)
    _text(item, "case_id", where, 64)
    _text(item, "application_number", where, 40)
    _text(item, "agency", where, 40, required=False)
    if item.get("status") not in _STATUSES:
        raise Refused(f"{where}: поле «status» не accepted, returned или result")
    _moment(item, "at", where)
    _text(item, "comment", where, 4000, required=False)
    if item["status"] == "result":
        _kind(item, "result", where, dict)
        result = item["result"]
        rwhere = f"{where}: результат"
        _kind(result, "approved", rwhere, bool)
        _text(result, "document_number", rwhere, 60, required=False)
        _day(result, "document_date", rwhere, required=False)
        _text(result, "signed_by", rwhere, 300, required=False)
        _text(result, "legal_ground", rwhere, 300, required=not result["approved"])
        _text(result, "reason", rwhere, 4000, required=False)
    _kind(item, "attachments", where, list, required=False)
    for i, att in enumerate(item.get("attachments") or []):
        awhere = f"{where}: вложение №{i + 1}"
        if not isinstance(att, dict):
            raise Refused(f"{awhere}: ожидается объект")
        for key, size in (("name", 255), ("media_type", 100), ("sha256", 64), ("content_base64", 15_000_000)):
            _text(att, key, awhere, size)


def _event_data(item: dict) -> dict[str, Any]:
    data: dict[str, Any] = {"case_id": item["case_id"], "response_id": item["response_id"]}
    if item["status"] == "returned":
        data["comment"] = item.get("comment") or ""
    elif item["status"] == "result":
        r = item["result"]
        data.update({"approved": r["approved"], "document_number": r.get("document_number"),
                     "document_date": r.get("document_date"), "signed_by": r.get("signed_by"),
                     "legal_ground": r.get("legal_ground"), "reason": r.get("reason"),
                     "source": ResultSource.GATEWAY.value, "agency_at": item["at"]})
    return data


def store_case_statuses(s: Session, ctx: AppContext, cases: list[CheckedCase], now: str) -> list[str]:
    """Store new case statuses (in the caller's transaction); returns the ids of the applications changed."""
    unique = {item["response_id"]: (item, files) for item, files in cases}
    if not unique:
        return []
    known = set(s.scalars(select(CaseStatus.response_id).where(CaseStatus.response_id.in_(list(unique)))))
    fresh = [pair for rid, pair in unique.items() if rid not in known]
    if not fresh:
        return []
    numbers = {item["application_number"] for item, _ in fresh}
    apps = {a.number: a for a in s.scalars(select(Application).where(Application.number.in_(numbers)))}
    states = {n: state_of(a) for n, a in apps.items()}
    rows, docs, events = [], [], []
    for item, files in sorted(fresh, key=lambda pair: (pair[0]["at"], _STATUSES.index(pair[0]["status"]))):
        app = apps.get(item["application_number"])
        rows.append({"response_id": item["response_id"], "case_id": item["case_id"],
                     "application_id": app.id if app else None, "status": item["status"],
                     "comment": item.get("comment"), "result": item.get("result"), "at": item["at"],
                     "received_at": now})
        if app is None:
            log.warning("case status %s for an unknown application stored", item["response_id"])
            continue
        docs += [{"application_id": app.id, "source": ResultSource.GATEWAY.value, "response_id": item["response_id"],
                  "name": att["name"], "media_type": att["media_type"], "sha256": att["sha256"], "content": content,
                  "received_at": now} for att, content in files]
        etype, action = _EVENT[item["status"]]
        st = states[app.number]
        handed = st.handover.case_id if st.handover else None
        if handed != item["case_id"] or action not in allowed_actions(st.status, 0, st.decided_by):
            log.info("case status %s kept as history: the application is %s", item["response_id"], st.status)
            continue
        data = _event_data(item)
        events.append((app.id, app.number, etype.value, data))
        # what the next item of the same page sees (accepted, then result)
        states[app.number] = apply_event(st, {"event_id": item["response_id"], "type": etype.value,
                                              "occurred_at": now, "operator": "system", "data": data}) or st
    s.execute(insert(CaseStatus), rows)
    if docs:
        s.execute(insert(AgencyDocument), docs)
    append_system_events(s, ctx, events)
    return [app_id for app_id, _, _, _ in events]



def cases_refused(s: Session, ctx: AppContext, refused: list[tuple[dict, str]]) -> None:
    """Cases the gateway refused for good (e.g. 422): the case comes back to the centre, as a case the agency
    returned, with the gateway's message for the clerk, who corrects it and hands it over again."""
    if not refused:
        return
    numbers = {str(body.get("application_number")) for body, _ in refused}
    apps = {a.number: a for a in s.scalars(select(Application).where(Application.number.in_(numbers)))}
    events = []
    for body, text in refused:
        app = apps.get(str(body.get("application_number")))
        if app is None:
            continue
        st = state_of(app)
        if st.handover is None or st.handover.case_id != body.get("case_id"):
            continue
        events.append((app.id, app.number, EventType.CASE_RETURNED.value,
                       {"case_id": body.get("case_id"), "comment": f"Шлюз не принял дело: {text}"}))
    append_system_events(s, ctx, events)
    reproject_many(s, ctx, [app_id for app_id, _, _, _ in events])
