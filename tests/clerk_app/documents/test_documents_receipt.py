from __future__ import annotations

from dataclasses import replace

import pytest

from clerk_app.documents import ApplicantInfo, ReceivedDocument, render_receipt
from doc_samples import AGENCY, APPLICANT, DOCUMENTS, NUMBER, REQUESTS, SERVICE, receipt_data
from pdf_tools import decode_barcodes, metadata, norm, page_texts, pdftotext, pypdf_text, render_page


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_receipt(receipt_data())


def expected_fragments() -> list[str]:
    items = [NUMBER, APPLICANT.full_name, APPLICANT.phone, APPLICANT.address, SERVICE, AGENCY, "10.12.2026",
             "26.11.2026 09:10", "Петров Сергей Иванович", "РАСПИСКА", "152-ФЗ", "Итого: 4 документа", "10 листов"]
    items += [d.name for d in DOCUMENTS]
    items += [r.kind_name for r in REQUESTS] + [r.agency for r in REQUESTS]
    return items


def test_receipt_text_has_every_fact(pdf: bytes) -> None:
    text = pypdf_text(pdf)
    for fragment in expected_fragments():
        assert norm(fragment) in text, fragment


def test_receipt_lists_each_document_with_its_form_and_sheets(pdf: bytes) -> None:
    text = pypdf_text(pdf)
    for i, doc in enumerate(DOCUMENTS, start=1):
        form = "подлинник" if doc.original else "копия"
        assert f"{i} {doc.name} {form} {doc.sheets}" in text


def test_receipt_text_with_pdftotext(pdf: bytes) -> None:
    text = pdftotext(pdf)
    for fragment in expected_fragments():
        assert norm(fragment) in text, fragment


def test_receipt_is_one_page_with_the_applicants_copy(pdf: bytes) -> None:
    pages = page_texts(pdf)
    assert len(pages) == 1
    assert "Экземпляр заявителя" in pages[0]
    assert "Экземпляр для дела" not in pages[0]


def test_two_copies_put_the_file_copy_on_a_new_page() -> None:
    pages = page_texts(render_receipt(receipt_data(), copies=2))
    assert len(pages) == 2
    assert "Экземпляр заявителя" in pages[0] and "Экземпляр для дела" not in pages[0]
    assert "Экземпляр для дела" in pages[1] and NUMBER in pages[1]


def test_copies_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError):
        render_receipt(receipt_data(), copies=3)


def test_receipt_metadata(pdf: bytes) -> None:
    meta = metadata(pdf)
    assert meta["/Creator"] == "clerk-app"
    assert meta["/Author"] == receipt_data().centre.name
    assert NUMBER in meta["/Title"]


def test_qr_and_code128_decode_to_the_number(pdf: bytes) -> None:
    found = decode_barcodes(render_page(pdf, 1, dpi=200))
    assert found.get("QRCode") == {NUMBER}
    assert found.get("Code128") == {NUMBER}


def test_receipt_without_requests_says_none_are_needed() -> None:
    text = pypdf_text(render_receipt(receipt_data(requests=())))
    assert "Межведомственные запросы по заявлению не требуются" in text
    assert REQUESTS[0].kind_name not in text


def test_many_documents_flow_onto_more_pages() -> None:
    docs = tuple(ReceivedDocument(f"Документ № {i}", i % 2 == 0, 1 + i % 3) for i in range(1, 61))
    pdf = render_receipt(receipt_data(documents=docs))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    text = norm("\n".join(pages))
    assert "Документ № 60" in text and "Итого: 60 документов" in text
    assert "Наименование документа" in pages[1]  # the table header repeats
    assert f"Расписка № {NUMBER} от 26.11.2026 (продолжение). Экземпляр заявителя" in pages[1]
    assert "продолжение" not in pages[0]


def test_markup_characters_in_data_are_printed_literally() -> None:
    applicant = replace(APPLICANT, full_name="Иванова Мария Петровна <&>")
    pdf = render_receipt(receipt_data(applicant=applicant, service_name="Услуга «A & B» <тест>"))
    text = pypdf_text(pdf)
    assert "Иванова Мария Петровна <&>" in text
    assert "Услуга «A & B» <тест>" in text


def test_receipt_data_is_frozen_and_holds_tuples() -> None:
    data = receipt_data(documents=list(DOCUMENTS))
    assert isinstance(data.documents, tuple)
    with pytest.raises(AttributeError):
        data.number = "x"  # type: ignore[misc]


def test_non_ascii_number_is_refused() -> None:
    with pytest.raises(ValueError):
        receipt_data(number="34-001-07-2026-00012З")  # Cyrillic Ze


def test_document_with_no_sheets_is_refused() -> None:
    with pytest.raises(ValueError):
        ReceivedDocument("Паспорт", True, 0)


def test_applicant_without_contacts_prints_a_dash() -> None:
    text = pypdf_text(render_receipt(receipt_data(applicant=ApplicantInfo("Сидоров Олег Николаевич"))))
    assert "Контактный телефон —" in text
