"""Consistency checks of the demo catalogue shipped in resources/catalogue/."""

import json
import re
from pathlib import Path

import pytest

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "demo-volgograd.json"

LEVELS = {"federal", "regional", "municipal"}
APPLICANT_FIELDS = {"full_name", "birth_date", "snils", "inn", "passport", "division_code", "address", "phone"}
SUBJECT_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _load():
    return json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))


CATALOGUE = _load()
AGENCIES = {a["code"]: a for a in CATALOGUE["agencies"]}
KINDS = {k["code"]: k for k in CATALOGUE["request_kinds"]}
SERVICES = {s["code"]: s for s in CATALOGUE["services"]}


V2_SERVICE_FIELDS = {"decided_by", "handover", "handover_working_days", "return_working_days",
                     "result_storage_days", "refusal_grounds"}


def _is_positive_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def test_file_is_utf8_with_two_space_indent_and_no_escapes():
    text = CATALOGUE_PATH.read_text(encoding="utf-8")
    assert "\\u" not in text
    assert text == json.dumps(CATALOGUE, ensure_ascii=False, indent=2) + "\n"


def test_top_level_shape():
    assert set(CATALOGUE) == {"version", "agencies", "request_kinds", "services"}
    assert CATALOGUE["version"] == "2026-12-01.2"


def test_codes_are_unique():
    for section in ("agencies", "request_kinds", "services"):
        codes = [item["code"] for item in CATALOGUE[section]]
        assert len(codes) == len(set(codes)), section


@pytest.mark.parametrize("agency", CATALOGUE["agencies"], ids=lambda a: a["code"])
def test_agency_shape(agency):
    assert set(agency) == {"code", "name", "level"}
    assert agency["level"] in LEVELS
    assert CYRILLIC.search(agency["name"])


def test_agencies_cover_every_level():
    assert len(AGENCIES) >= 6
    assert {a["level"] for a in AGENCIES.values()} == LEVELS


@pytest.mark.parametrize("kind", CATALOGUE["request_kinds"], ids=lambda k: k["code"])
def test_request_kind_shape(kind):
    assert set(kind) == {"code", "agency", "name", "answer_due_working_days", "subject_fields"}
    assert kind["agency"] in AGENCIES
    assert CYRILLIC.search(kind["name"])
    assert _is_positive_int(kind["answer_due_working_days"])
    fields = kind["subject_fields"]
    assert fields and len(fields) == len(set(fields))
    assert "full_name" in fields
    for field in fields:
        assert field in APPLICANT_FIELDS or SUBJECT_KEY.match(field), field


def test_request_kind_counts():
    assert len(KINDS) >= 8
    assert len({k["agency"] for k in KINDS.values()}) >= 5


@pytest.mark.parametrize("service", CATALOGUE["services"], ids=lambda s: s["code"])
def test_service_shape(service):
    assert {"code", "name", "agency", "due", "documents", "request_kinds"} <= set(service) <= \
        {"code", "name", "agency", "due", "documents", "request_kinds"} | V2_SERVICE_FIELDS
    assert service["agency"] in AGENCIES
    assert CYRILLIC.search(service["name"])

    due = service["due"]
    assert set(due) == {"days", "working"}
    assert _is_positive_int(due["days"])
    assert isinstance(due["working"], bool)

    documents = service["documents"]
    assert documents
    doc_codes = [d["code"] for d in documents]
    assert len(doc_codes) == len(set(doc_codes))
    for document in documents:
        assert {"code", "name", "original", "required"} <= set(document) <= \
            {"code", "name", "original", "required", "scan_required"}
        assert isinstance(document.get("scan_required", False), bool)
        assert SUBJECT_KEY.match(document["code"])
        assert CYRILLIC.search(document["name"])
        assert isinstance(document["original"], bool)
        assert isinstance(document["required"], bool)
    assert any(d["required"] for d in documents)

    kinds = service["request_kinds"]
    assert len(kinds) == len(set(kinds))
    for code in kinds:
        assert code in KINDS, code
        # An agency does not send interagency requests to itself.
        assert KINDS[code]["agency"] != service["agency"], code


def test_service_counts_and_levels():
    assert len(SERVICES) >= 8
    levels = {AGENCIES[s["agency"]]["level"] for s in SERVICES.values()}
    assert levels == LEVELS


def test_due_mixes_working_and_calendar_days():
    assert {s["due"]["working"] for s in SERVICES.values()} == {True, False}


def test_some_service_needs_no_requests():
    assert any(not s["request_kinds"] for s in SERVICES.values())


def test_every_request_kind_is_used_by_a_service():
    used = {code for s in SERVICES.values() for code in s["request_kinds"]}
    assert used == set(KINDS)


def test_example_from_interfaces():
    service = SERVICES["housing_subsidy"]
    assert service["agency"] == "KSZN-34"
    assert service["due"] == {"days": 10, "working": True}
    assert "passport" in {d["code"] for d in service["documents"]}
    assert {"egrn_extract", "fns_income"} <= set(service["request_kinds"])

    egrn = KINDS["egrn_extract"]
    assert egrn["agency"] == "ROSREESTR-34"
    assert egrn["subject_fields"] == ["full_name", "snils", "cadastral_number"]
    assert AGENCIES["ROSREESTR-34"]["level"] == "federal"


def test_example_application_satisfies_its_service():
    # The application file of interfaces.md: every applicant field is present,
    # the only subject key is cadastral_number, the only document is the passport.
    available = APPLICANT_FIELDS | {"cadastral_number"}
    service = SERVICES["housing_subsidy"]
    for code in service["request_kinds"]:
        missing = set(KINDS[code]["subject_fields"]) - available
        assert not missing, (code, missing)
    required = {d["code"] for d in service["documents"] if d["required"]}
    assert required <= {"passport"}


@pytest.mark.parametrize("service", CATALOGUE["services"], ids=lambda s: s["code"])
def test_version_2_fields(service):
    assert service["decided_by"] in ("agency", "centre")
    if service["decided_by"] == "agency":
        assert service["handover"] in ("electronic", "register")
    else:
        assert "handover" not in service
    for key in ("handover_working_days", "return_working_days"):
        value = service.get(key, 0)
        assert isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 5
    assert _is_positive_int(service["result_storage_days"])
    grounds = service["refusal_grounds"]
    assert grounds and len({g["code"] for g in grounds}) == len(grounds)
    for ground in grounds:
        assert set(ground) == {"code", "text"} and SUBJECT_KEY.match(ground["code"]) and CYRILLIC.search(ground["text"])


def test_most_services_are_decided_by_agencies_some_by_the_centre():
    by = [s["decided_by"] for s in SERVICES.values()]
    assert by.count("agency") > len(by) / 2 and "centre" in by
    ways = {s.get("handover") for s in SERVICES.values() if s["decided_by"] == "agency"}
    assert ways == {"electronic", "register"}
    assert SERVICES["housing_subsidy"]["decided_by"] == "agency"
    assert any(d.get("scan_required") for s in SERVICES.values() for d in s["documents"])
