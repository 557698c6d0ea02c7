"""Synthetic data for the gateway tests: a small catalogue, an applicant, messages and events."""

from __future__ import annotations

import uuid
from typing import Any

WORKSTATION = "34-001-07"

CATALOGUE = {
    "version": "test-1",
    "agencies": [
        {"code": "ROSREESTR-34", "name": "Управление Росреестра по Волгоградской области", "level": "federal"},
        {"code": "FNS-34", "name": "УФНС России по Волгоградской области", "level": "federal"},
        {"code": "MVD-34", "name": "ГУ МВД России по Волгоградской области", "level": "federal"},
        {"code": "SFR-34", "name": "Отделение СФР по Волгоградской области", "level": "federal"},
        {"code": "KSZN-34", "name": "Комитет социальной защиты населения Волгоградской области",
         "level": "regional"},
    ],
    "request_kinds": [
        {"code": "egrn_extract", "agency": "ROSREESTR-34", "name": "Выписка из ЕГРН об объекте недвижимости",
         "answer_due_working_days": 5, "subject_fields": ["full_name", "snils", "cadastral_number"]},
        {"code": "fns_income", "agency": "FNS-34", "name": "Сведения о доходах",
         "answer_due_working_days": 5, "subject_fields": ["full_name", "inn", "birth_date"]},
        {"code": "mvd_registration", "agency": "MVD-34", "name": "Сведения о регистрации",
         "answer_due_working_days": 5, "subject_fields": ["full_name", "birth_date", "passport", "address"]},
        {"code": "sfr_pension", "agency": "SFR-34", "name": "Сведения о пенсии",
         "answer_due_working_days": 5, "subject_fields": ["full_name", "snils"]},
    ],
    "services": [
        {"code": "housing_subsidy", "name": "Субсидия на оплату жилья", "agency": "KSZN-34",
         "due": {"days": 10, "working": True},
         "documents": [{"code": "passport", "name": "Паспорт гражданина РФ", "original": True, "required": True}],
         "request_kinds": ["egrn_extract", "fns_income"]},
        {"code": "child_allowance", "name": "Назначение ежемесячного пособия на ребёнка", "agency": "KSZN-34",
         "due": {"days": 10, "working": True}, "decided_by": "agency", "handover": "electronic",
         "handover_working_days": 1, "return_working_days": 1, "result_storage_days": 30,
         "refusal_grounds": [{"code": "income_over", "text": "Превышение величины среднедушевого дохода семьи"}],
         "documents": [{"code": "passport", "name": "Паспорт гражданина РФ", "original": True, "required": True,
                        "scan_required": True}],
         "request_kinds": ["fns_income"]},
    ],
}

# Synthetic applicant; the СНИЛС and ИНН carry valid check digits.
SUBJECT = {
    "full_name": "Тестова Анна Ивановна",
    "snils": "112-233-445 95",
    "inn": "344404512333",
    "birth_date": "1980-05-17",
    "passport": "18 06 123456",
    "address": "г. Волгоград, ул. Мира, д. 1, кв. 2",
    "cadastral_number": "34:34:060052:1234",
}

KIND_FIELDS = {k["code"]: (k["agency"], k["subject_fields"]) for k in CATALOGUE["request_kinds"]}


def make_message(kind: str = "egrn_extract", **subject_overrides: Any) -> dict[str, Any]:
    agency, fields = KIND_FIELDS[kind]
    subject = {name: SUBJECT[name] for name in fields}
    subject.update(subject_overrides)
    return {
        "message_id": str(uuid.uuid4()),
        "kind": kind,
        "recipient": agency,
        "application_number": "34-001-07-2026-000123",
        "subject": subject,
        "created_at": "2026-11-26T09:15:00+03:00",
        "operator": "testov.ai",
        "test": True,
    }


def make_case(snils: str = "112-233-445 95", scans: bool = True, **overrides: Any) -> dict[str, Any]:
    """A case of the agency-decided service, with a real (tiny) scan of the passport."""
    import base64
    import hashlib

    content = b"%PDF-1.4\n% scan of a passport (synthetic)\n%%EOF\n"
    scan = {"name": "passport.pdf", "media_type": "application/pdf", "sha256": hashlib.sha256(content).hexdigest(),
            "content_base64": base64.b64encode(content).decode("ascii")}
    case = {
        "case_id": str(uuid.uuid4()),
        "application_number": "34-001-07-2026-000124",
        "service": "child_allowance",
        "agency": "KSZN-34",
        "applicant": {"full_name": SUBJECT["full_name"], "birth_date": SUBJECT["birth_date"], "snils": snils,
                      "passport": SUBJECT["passport"], "address": SUBJECT["address"]},
        "representative": None,
        "documents": [{"code": "passport", "name": "Паспорт гражданина РФ", "original": True, "sheets": 1,
                       "scans": [scan] if scans else []}],
        "answers": [],
        "handed_over_at": "2026-11-27T10:00:00+03:00",
        "operator": "testov.ai",
        "test": True,
    }
    case.update(overrides)
    return case


def make_event(event_type: str = "registered", **overrides: Any) -> dict[str, Any]:
    event = {
        "event_id": str(uuid.uuid4()),
        "application_id": "0d6f3a52-3f0e-4a8e-9f58-1b7c1c0e2a11",
        "application_number": "34-001-07-2026-000123",
        "type": event_type,
        "occurred_at": "2026-11-26T09:10:00+03:00",
        "workstation": WORKSTATION,
        "operator": "testov.ai",
        "data": {},
    }
    event.update(overrides)
    return event


def headers(server: Any, workstation: str = WORKSTATION, token: str | None = None,
            centre: str | None = None) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token or server.token}",
        "X-Centre-Code": centre or server.centre_code,
        "X-Workstation-Id": workstation,
    }
