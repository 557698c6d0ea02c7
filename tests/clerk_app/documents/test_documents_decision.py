from __future__ import annotations

import pytest

from clerk_app.documents import render_decision
from doc_samples import ANSWERS, APPLICANT, NUMBER, REFUSAL_GROUND, REFUSAL_REASON, SERVICE, decision_data
from pdf_tools import metadata, norm, page_texts, pdftotext, pypdf_text


def test_refusal_states_reason_ground_and_answers() -> None:
    text = pypdf_text(render_decision(decision_data(approved=False)))
    for fragment in (NUMBER, APPLICANT.full_name, SERVICE, "об отказе в предоставлении услуги", REFUSAL_REASON,
                     REFUSAL_GROUND, "04.12.2026", "Петров Сергей Иванович", "210-ФЗ"):
        assert norm(fragment) in text, fragment
    for answer in ANSWERS:
        assert norm(answer.agency) in text and norm(answer.kind_name) in text
    assert "01.12.2026" in text and "02.12.2026" in text


def test_refusal_text_with_pdftotext() -> None:
    text = pdftotext(render_decision(decision_data(approved=False)))
    for fragment in (NUMBER, APPLICANT.full_name, REFUSAL_REASON, REFUSAL_GROUND):
        assert norm(fragment) in text, fragment


def test_approval_has_no_refusal_part() -> None:
    text = pypdf_text(render_decision(decision_data(approved=True)))
    assert "о предоставлении услуги" in text
    assert "отказ" not in text.lower()
    assert "Субсидия назначена" in text


def test_copy_mark_only_when_asked() -> None:
    assert "КОПИЯ" not in pypdf_text(render_decision(decision_data()))
    assert "КОПИЯ" in pypdf_text(render_decision(decision_data(), copy=True))


def test_draft_watermark_on_every_page_only_when_asked() -> None:
    long_answers = ANSWERS * 40  # forces several pages
    plain = page_texts(render_decision(decision_data(answers=long_answers)))
    draft = page_texts(render_decision(decision_data(answers=long_answers), draft=True))
    assert len(draft) >= 2
    assert all("ЧЕРНОВИК" not in page for page in plain)
    assert all("ЧЕРНОВИК" in page for page in draft)


def test_copy_mark_on_every_page() -> None:
    pages = page_texts(render_decision(decision_data(answers=ANSWERS * 40), copy=True))
    assert len(pages) >= 2
    assert all("КОПИЯ" in page for page in pages)


def test_decision_without_answers_explains_it() -> None:
    text = pypdf_text(render_decision(decision_data(approved=True, answers=())))
    assert "Межведомственные запросы не направлялись" in text


def test_unanswered_request_shows_a_dash() -> None:
    from clerk_app.documents import AnswerInfo

    answers = (AnswerInfo("Росреестр", "Выписка из ЕГРН", None, "ответ не получен"),)
    text = pypdf_text(render_decision(decision_data(answers=answers)))
    assert "Выписка из ЕГРН — ответ не получен" in text


def test_refusal_requires_a_reason() -> None:
    with pytest.raises(ValueError):
        decision_data(approved=False, refusal_reason="  ")


def test_decision_metadata() -> None:
    meta = metadata(render_decision(decision_data()))
    assert meta["/Creator"] == "clerk-app"
    assert NUMBER in meta["/Title"] and "отказе" in meta["/Title"]
