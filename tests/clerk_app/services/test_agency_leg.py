"""The agency leg through the services: handover (electronic and by register), the agency's result, issue,
unclaimed results and the return register."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clerk_app.domain.enums import AppStatus, OutboxKind
from clerk_app.domain.errors import PermissionDenied, TransitionError, ValidationError
from clerk_app.services import (
    acts,
    agency_results,
    applications,
    handover,
    issuing,
    queries,
    registers,
    requests,
)
from clerk_app.services.scans import ScanFile
from clerk_app.storage.models import OutboxItem
from clerk_app.sync.engine import SyncEngine
from tests.factories import CLERK, SUPERVISOR, sample_application

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HOUSING_KINDS = ["egrn_extract", "fns_income", "mvd_registration"]
REPRESENTATIVE = {"full_name": "Петров Пётр Петрович",
                  "document": {"kind": "passport", "series": "18 07", "number": "654321"},
                  "power_of_attorney": {"number": "34 АА 1234567", "date": "2026-01-10",
                                        "issued_by": "нотариус Сидорова Н. Н.", "valid_until": "2030-01-10"}}


def _register_service(ctx, **changes):
    """housing_queue: agency ADM-VLG, by register, storage 60 days; the applicant brought every paper."""
    data = sample_application(service="housing_queue", documents=[
        {"code": "passport", "original": True, "sheets": 1}, {"code": "family_composition", "original": True,
                                                              "sheets": 2}],
        provided_by_applicant=["egrn_rights", "mvd_registration", "fns_income", "kszn_benefits"], **changes)
    return applications.register(ctx, CLERK, data).number


def test_electronic_handover_needs_answers_a_scan_then_sends_the_case(online_ctx):
    ctx = online_ctx
    number = applications.register(ctx, CLERK, sample_application(),
                                   [ScanFile("passport", "паспорт.pdf", PDF)]).number
    shown = queries.show(ctx, CLERK, number).to_json()
    assert shown["decided_by"] == "agency" and shown["handover"] is None and shown["result"] is None
    with pytest.raises(TransitionError, match="не направлены межведомственные запросы"):
        handover.handover(ctx, CLERK, number)
    with pytest.raises(TransitionError, match="принимает ведомство"):
        applications.decide(ctx, SUPERVISOR, number, approve=True)
    requests.create_requests(ctx, CLERK, number)
    view = acts.available(ctx, SUPERVISOR, number)
    assert view.open_requests == 3 and AppAction_handover() in view.held
    with pytest.raises(TransitionError, match="незавершённые"):
        handover.handover(ctx, CLERK, number)
    engine = SyncEngine(ctx)
    engine.run_pass()
    engine.run_pass()
    assert queries.show(ctx, CLERK, number).state.status == AppStatus.READY_FOR_HANDOVER
    done = handover.handover(ctx, CLERK, number)
    assert done.case_id and done.status == AppStatus.HANDED_OVER
    with ctx.db.read() as s:
        case = s.query(OutboxItem).filter_by(kind=OutboxKind.CASE.value).one()
        assert case.ref_id == done.case_id and case.body["documents"][0]["scans"][0]["name"] == "паспорт.pdf"
        assert {a["kind"] for a in case.body["answers"]} == set(HOUSING_KINDS)
    summary = engine.run_pass()
    assert summary.needs_attention == 0
    engine.run_pass()
    st = queries.show(ctx, CLERK, number)
    out = st.to_json()
    assert out["status"] == "result_received", out
    # the sandbox's agency refuses: the sample СНИЛС ends in an odd check number (95)
    assert out["result"]["source"] == "gateway" and out["result"]["approved"] is False
    assert out["result"]["legal_ground"] == "income_over" and out["result"]["document_number"]
    assert out["storage_until"] == (date.fromisoformat(out["result"]["received_at"][:10])
                                    + timedelta(days=30)).isoformat()
    docs = agency_results.agency_documents(ctx, CLERK, number)
    assert [d.media_type for d in docs] == ["application/pdf"]
    assert agency_results.agency_document_content(ctx, CLERK, docs[0].id)[2].startswith(b"%PDF")
    assert [c.status for c in agency_results.case_history(ctx, CLERK, number)] == ["accepted", "result"]
    expired = {**REPRESENTATIVE, "power_of_attorney": {**REPRESENTATIVE["power_of_attorney"],
                                                        "valid_until": "2026-02-01"}}
    with pytest.raises(ValidationError, match="Доверенность истекла"):
        issuing.issue(ctx, CLERK, number, expired)
    issued = issuing.issue(ctx, CLERK, number, REPRESENTATIVE)
    assert issued.status == AppStatus.ISSUED and issued.issued and issued.issued.representative
    assert queries.show(ctx, CLERK, number).to_json()["issue"]["collector"] == "representative"


def AppAction_handover():  # noqa: N802
    from clerk_app.domain.enums import AppAction

    return AppAction.HANDOVER


def test_scan_required_document_without_a_scan_is_refused(online_ctx):
    ctx = online_ctx
    number = applications.register(ctx, CLERK, sample_application(provided_by_applicant=HOUSING_KINDS)).number
    with pytest.raises(ValidationError, match="нет скана документа «Паспорт"):
        handover.handover(ctx, CLERK, number)
    assert queries.show(ctx, CLERK, number).state.status == AppStatus.REGISTERED


def test_supervisor_override_is_recorded_and_a_clerk_cannot_give_one(ctx):
    number = applications.register(ctx, CLERK, sample_application(),
                                   [ScanFile("passport", "p.pdf", PDF)]).number
    with pytest.raises(ValidationError, match="только руководитель"):
        handover.handover(ctx, CLERK, number, override_reason="срочно")
    done = handover.handover(ctx, SUPERVISOR, number, override_reason="Заявитель ветеран, сведения в деле")
    assert done.status == AppStatus.HANDED_OVER
    out = queries.show(ctx, CLERK, number).to_json()
    assert out["overrides"][0]["act"] == "handover" and out["overrides"][0]["operator"] == "boss"


def test_paper_path_register_result_issue_and_return(ctx, tmp_path):
    first, second = _register_service(ctx), _register_service(ctx)
    assert queries.queue_counts(ctx).to_handover == 2
    assert handover.handover(ctx, CLERK, first).case_id is None  # by register: ready, not yet handed over
    assert [s.number for s in handover.register_candidates(ctx, CLERK, "ADM-VLG")] == [first, second]
    printed = registers.print_handover_register(ctx, CLERK, "ADM-VLG", ctx.now().date())
    assert printed.numbers == (first, second) and printed.pdf.startswith(b"%PDF")
    assert printed.register_number == f"34-001-07-{ctx.now():%Y%m%d}-ADM-VLG-1"
    counts = queries.queue_counts(ctx)
    assert (counts.to_handover, counts.handed_over) == (0, 2)
    handed = queries.show(ctx, CLERK, first).to_json()["handover"]
    assert handed["way"] == "register" and handed["register_number"] == printed.register_number
    with pytest.raises(TransitionError, match="Нет дел"):  # each case in one register only
        registers.print_handover_register(ctx, CLERK, "ADM-VLG", ctx.now().date())
    copy = registers.reprint_register(ctx, CLERK, printed.register_number)  # the paper was lost: same register
    assert copy.numbers == printed.numbers and copy.agency == "ADM-VLG"
    assert queries.show(ctx, CLERK, first).to_json()["handover"]["register_number"] == printed.register_number
    with pytest.raises(ValidationError, match="основание"):
        agency_results.record_paper_result(ctx, CLERK, first, False, "12-р", ctx.now().date(), reason="нет права",
                                           legal_ground="no_such")
    agency_results.record_paper_result(ctx, CLERK, first, True, "15-р", ctx.now().date(), "Иванов И. И.",
                                       scan=ScanFile("result", "решение.pdf", PDF))
    agency_results.record_paper_result(ctx, CLERK, second, False, "16-р", ctx.now().date(), "Иванов И. И.",
                                       legal_ground="not_eligible", reason="Нет права на учёт")
    out = queries.show(ctx, CLERK, second).to_json()
    assert out["result"]["source"] == "paper" and out["result"]["legal_ground"] == "not_eligible"
    counts = queries.queue_counts(ctx)
    assert (counts.handed_over, counts.result_received, counts.unclaimed) == (0, 2, 0)
    issuing.issue(ctx, CLERK, first)
    later = date.fromisoformat(out["storage_until"])
    real_clock = ctx.clock
    ctx.clock = lambda: real_clock() + timedelta(days=60)
    assert queries.queue_counts(ctx).unclaimed == 1
    ctx.clock = real_clock
    assert [v.number for v in issuing.unclaimed(ctx, CLERK, later - timedelta(days=1))] == []
    assert [v.number for v in issuing.unclaimed(ctx, CLERK, later)] == [second]
    with pytest.raises(PermissionDenied):
        registers.print_return_register(ctx, SUPERVISOR.__class__("root", "x", "admin"), "ADM-VLG", later)
    back = registers.print_return_register(ctx, CLERK, "ADM-VLG", later)
    assert back.numbers == (second,)
    assert registers.reprint_register(ctx, CLERK, back.register_number).numbers == (second,)
    assert back.register_number.endswith("-ADM-VLG-2")  # one sequence per agency and day for both kinds
    out = queries.show(ctx, CLERK, second).to_json()
    assert out["status"] == "returned_to_agency"
    assert issuing.unclaimed(ctx, CLERK, later) == []


def test_a_case_the_agency_returns_needs_attention_and_goes_over_again(online_ctx):
    ctx = online_ctx
    data = sample_application(provided_by_applicant=HOUSING_KINDS)
    data["applicant"]["last_name"] = "Возвратова"  # the sandbox's agency returns such cases without consideration
    number = applications.register(ctx, CLERK, data, [ScanFile("passport", "p.pdf", PDF)]).number
    first = handover.handover(ctx, CLERK, number).case_id
    engine = SyncEngine(ctx)
    for _ in range(3):
        engine.run_pass()
    out = queries.show(ctx, CLERK, number).to_json()
    assert out["status"] == "ready_for_handover" and out["handover"] is None
    assert "копия документа" in out["returned_comment"]
    assert queries.queue_counts(ctx).attention == 1
    assert [c.status for c in agency_results.case_history(ctx, CLERK, number)] == ["accepted", "returned"]
    again = handover.handover(ctx, CLERK, number)
    assert again.case_id != first and again.status == AppStatus.HANDED_OVER
    assert queries.queue_counts(ctx).attention == 0


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_intake_refusal_notice_names_its_ground_and_the_receipt_notes_the_collector(ctx):
    from clerk_app.services import agency_documents, printing

    refused = _register_service(ctx)
    with pytest.raises(ValidationError, match="основание"):
        applications.refuse_intake(ctx, CLERK, refused, "Нет справки о составе семьи", legal_ground="no_such")
    applications.refuse_intake(ctx, CLERK, refused, "Нет справки о составе семьи", legal_ground="incomplete_documents")
    text = _pdf_text(agency_documents.intake_refusal_pdf(ctx, CLERK, refused))
    assert "об отказе в приёме документов" in text and "Нет справки о составе семьи" in text
    assert "Правовое основание" in text
    number = _register_service(ctx)
    with pytest.raises(TransitionError):
        agency_documents.intake_refusal_pdf(ctx, CLERK, number)
    registers.print_handover_register(ctx, CLERK, "ADM-VLG", ctx.now().date())
    agency_results.record_paper_result(ctx, CLERK, number, True, "15-р", ctx.now().date(), "Иванов И. И.")
    issuing.issue(ctx, CLERK, number, REPRESENTATIVE)
    text = _pdf_text(printing.receipt_pdf(ctx, CLERK, number))
    assert "Отметка о выдаче результата" in text and "Петров Пётр Петрович" in text and "15-р" in text
    assert "34 АА 1234567" in text


def test_a_supervisor_decides_with_open_requests_the_notice_prints_the_override(ctx):
    from clerk_app.services import printing

    number = applications.register(ctx, CLERK, sample_application(
        service="utility_compensation", documents=[{"code": "passport", "original": True, "sheets": 1},
                                                    {"code": "benefit_certificate", "original": True,
                                                     "sheets": 1}])).number
    requests.create_requests(ctx, CLERK, number)
    with pytest.raises(TransitionError, match="незавершённые"):
        applications.decide(ctx, SUPERVISOR, number, True)
    applications.decide(ctx, SUPERVISOR, number, True, override_reason="Заявитель — инвалид I группы, срочно")
    st = queries.show(ctx, CLERK, number).state
    assert st.status == AppStatus.DECIDED and st.override_for("decide").reason.endswith("срочно")
    text = _pdf_text(printing.decision_pdf(ctx, CLERK, number))
    assert "с разрешения руководителя" in text and "срочно" in text


def test_a_case_the_gateway_refuses_comes_back_for_correction(online_ctx):
    import json

    from clerk_app.services import attention, catalogue
    from tests.factories import DEMO_CATALOGUE

    ctx = online_ctx
    data = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    pension = next(s for s in data["services"] if s["code"] == "pension_certificate")
    pension.update(decided_by="agency", handover="electronic")  # the gateway's catalogue says: the centre decides
    catalogue.store_catalogue(ctx, data)
    number = applications.register(ctx, CLERK, sample_application(
        service="pension_certificate", subject=None,
        documents=[{"code": "passport", "original": True, "sheets": 1}])).number
    handover.handover(ctx, CLERK, number)
    summary = SyncEngine(ctx).run_pass()
    assert summary.failed == 1 and summary.needs_attention == 1
    out = queries.show(ctx, CLERK, number).to_json()
    assert out["status"] == "ready_for_handover" and out["handover"] is None
    assert out["returned_comment"].startswith("Шлюз не принял дело: Решение по этой услуге принимает МФЦ")
    items = attention.list_attention(ctx, CLERK)
    assert [(i.kind_of_item, i.kind_name, i.number) for i in items] == [
        (OutboxKind.CASE, "передача дела в ведомство", number)]
