"""Agency-leg documents: return register, intake refusal notice, issue note on the receipt's centre copy."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from clerk_app.documents.agency_data import IntakeRefusalData, IssueNote, ReturnRegisterData, ReturnRow
from clerk_app.documents.intake_refusal import render_intake_refusal
from clerk_app.documents.receipt import render_receipt
from clerk_app.documents.return_register import render_return_register
from doc_samples import AGENCY, APPLICANT, CENTRE, NUMBER, SERVICE, SERVICES, applicant_name, number, receipt_data
from pdf_tools import font_problems, norm, page_texts, pdftotext

PAGE_RE = re.compile(r"Страница (\d+) из (\d+)")


def return_data(count: int) -> ReturnRegisterData:
    start = datetime(2026, 10, 1, 9, 0)
    rows = tuple(
        ReturnRow(number=number(i), registered_at=start + timedelta(minutes=13 * i), applicant_name=applicant_name(i),
                  service_name=SERVICES[i % len(SERVICES)], result_number=f"{1000 + i}-р",
                  result_date=date(2026, 10, 20), storage_until=date(2026, 11, 19))
        for i in range(1, count + 1)
    )
    return ReturnRegisterData(centre=CENTRE, agency=AGENCY, register_number="34-001-07-20261202-KSZN-34-1",
                              rows=rows, compiled_at=datetime(2026, 12, 2, 17, 0), sender_name="Петров Сергей Иванович")


def test_return_register_is_numbered_paged_with_totals_and_both_signatures():
    pdf = render_return_register(return_data(120))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Страница {n} из {len(pages)}" in page
    text = pdftotext(pdf)
    assert "РЕЕСТР № 34-001-07-20261202-KSZN-34-1" in text
    assert "возврата невостребованных результатов" in text
    assert all(number(i) in text for i in (1, 60, 120))
    assert "Всего возвращено: 120 результатов" in text
    assert "Специалист МФЦ" in text and "Представитель органа" in text and "Петров С. И." in text
    assert font_problems(pdf)[1] == []


def test_intake_refusal_notice_names_its_ground_and_reason():
    data = IntakeRefusalData(
        centre=CENTRE, number=NUMBER, registered_at=datetime(2026, 11, 26, 9, 10), applicant=APPLICANT,
        service_name=SERVICE, service_agency=AGENCY, refused_at=datetime(2026, 11, 26, 9, 20),
        ground="Представление неполного комплекта документов (п. 2.8 административного регламента)",
        reason="Не представлен паспорт", operator_name="Петров Сергей Иванович",
        documents=("Справка о доходах",),
    )
    text = pdftotext(render_intake_refusal(data))
    assert "об отказе в приёме документов" in text
    assert "Представление неполного комплекта документов (п. 2.8 административного регламента)" in text
    assert "Не представлен паспорт" in text and "Справка о доходах" in text
    assert "Уведомление получил(а)" in text and "210-ФЗ" in text


def test_intake_refusal_without_a_ground_is_impossible():
    import pytest

    with pytest.raises(ValueError):
        IntakeRefusalData(centre=CENTRE, number=NUMBER, registered_at=datetime(2026, 11, 26), applicant=APPLICANT,
                          service_name=SERVICE, service_agency=AGENCY, refused_at=datetime(2026, 11, 26),
                          ground=" ", reason="x", operator_name="Петров Сергей Иванович")


def test_the_centre_copy_of_the_receipt_notes_who_collected_the_result():
    note = IssueNote(issued_at=datetime(2026, 12, 10, 11, 5), operator_name="Орлова Наталья Андреевна",
                     collector_name="Сидоров Павел Олегович",
                     result="Решение № 1234-р от 08.12.2026 о предоставлении услуги",
                     representative_document="паспорт 18 07 654321",
                     power_of_attorney="№ 34 АА 1234567 от 01.12.2026, выдана нотариусом Волгограда, до 01.12.2027")
    pdf = render_receipt(receipt_data(), issue=note, centre_copy_only=True)
    text = norm(pdftotext(pdf))
    assert "Экземпляр для дела" in text and "Экземпляр заявителя" not in text
    assert "Отметка о выдаче результата" in text and "10.12.2026 11:05" in text
    assert "Сидоров Павел Олегович" in text and "№ 34 АА 1234567" in text
    assert "Результат получил(а)" in text and "Сидоров П. О." in text and "Орлова Н. А." in text
    both = norm(pdftotext(render_receipt(receipt_data(), copies=2, issue=note)))
    assert both.count("Отметка о выдаче результата") == 1  # never on the applicant's copy
