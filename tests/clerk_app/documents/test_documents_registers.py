from __future__ import annotations

import re
from datetime import date

import pytest

from clerk_app.documents import IntakeRegisterData, render_handover_register, render_intake_register
from doc_samples import AGENCY, CENTRE, SERVICES, handover_register_data, intake_register_data, number
from pdf_tools import metadata, norm, page_texts, pdftotext

PAGE_RE = re.compile(r"Страница (\d+) из (\d+)")


@pytest.fixture(scope="module")
def intake_pdf() -> bytes:
    return render_intake_register(intake_register_data(300))


@pytest.fixture(scope="module")
def handover_pdf() -> bytes:
    return render_handover_register(handover_register_data(300))


def assert_paged(pages: list[str], header: str) -> None:
    assert len(pages) > 2
    with_rows = [n for n, page in enumerate(pages, start=1) if "34-001-07-2026-" in page]
    assert len(with_rows) >= len(pages) - 1
    for n, page in enumerate(pages, start=1):
        if n in with_rows:
            assert header in page, f"no table header on page {n}"
        assert f"Страница {n} из {len(pages)}" in page
        assert len(PAGE_RE.findall(page)) == 1


def test_intake_register_spans_pages_with_header_and_numbers(intake_pdf: bytes) -> None:
    assert_paged(page_texts(intake_pdf), "Номер заявления")


def test_intake_register_lists_every_application_once(intake_pdf: bytes) -> None:
    text = norm("\n".join(page_texts(intake_pdf)))
    for i in range(1, 301):
        assert text.count(number(i)) == 1, number(i)
    assert "принятых заявлений за 26.11.2026" in text


def test_intake_register_totals_per_service(intake_pdf: bytes) -> None:
    data = intake_register_data(300)
    text = norm("\n".join(page_texts(intake_pdf)))
    totals = text[text.index("Итого по услугам"):]
    assert "Итого по услугам: 300 заявлений" in totals
    for service in SERVICES:
        rows = [r for r in data.rows if r.service_name == service]
        docs = sum(r.documents_count for r in rows)
        assert f"{norm(service)} {len(rows)} {docs}" in totals
    assert f"Всего 300 {sum(r.documents_count for r in data.rows)}" in totals


def test_intake_register_pdftotext_finds_rows(intake_pdf: bytes) -> None:
    text = pdftotext(intake_pdf)
    assert number(1) in text and number(300) in text
    assert "Страница 1 из" in text


def test_empty_day_renders_a_note() -> None:
    data = IntakeRegisterData(CENTRE, date(2026, 11, 28), (), intake_register_data(1).compiled_at, "Петров С. И.")
    pages = page_texts(render_intake_register(data))
    assert len(pages) == 1
    assert "заявления не принимались" in pages[0]
    assert "Страница 1 из 1" in pages[0]


def test_intake_register_metadata(intake_pdf: bytes) -> None:
    meta = metadata(intake_pdf)
    assert meta["/Title"] == "Реестр принятых заявлений за 26.11.2026"
    assert meta["/Creator"] == "clerk-app" and meta["/Author"] == CENTRE.name


def test_handover_register_spans_pages_with_header_and_numbers(handover_pdf: bytes) -> None:
    assert_paged(page_texts(handover_pdf), "Номер заявления")


def test_handover_register_content_and_signatures(handover_pdf: bytes) -> None:
    data = handover_register_data(300)
    text = norm("\n".join(page_texts(handover_pdf)))
    assert norm(f"передачи дел в {AGENCY}") in text
    for i in (1, 150, 300):
        assert number(i) in text
    docs = sum(r.documents_count for r in data.rows)
    sheets = sum(r.sheets for r in data.rows)
    assert f"Итого {docs} {sheets}" in text
    assert f"Всего передано: 300 дел, {docs} документов на {sheets} листах." in text
    assert "Передал" in text and "Принял" in text and "Петров С. И." in text


def test_handover_register_title_has_its_number(handover_pdf: bytes) -> None:
    assert metadata(handover_pdf)["/Title"] == f"Реестр № 17 передачи дел в {AGENCY}"
