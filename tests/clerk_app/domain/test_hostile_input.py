"""Hostile input: mixed scripts, invisible and control characters, a company's ИНН for a citizen,
dates named by their own field, huge `subject`; refused with the field named and nothing stored."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from clerk_app.domain.application_form import parse_application
from clerk_app.domain.errors import ValidationError
from clerk_app.domain.identifiers import inn_check_digits
from clerk_app.services import applications, operators, workstation
from clerk_app.storage.models import Application, ApplicationEvent
from tests.factories import ADMIN, CLERK, SUPERVISOR, sample_application

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))
APPLICANT = sample_application()["applicant"]


def _with_applicant(**changes):
    return sample_application(applicant={**APPLICANT, **changes})


def _with_passport(**changes):
    return _with_applicant(passport={**APPLICANT["passport"], **changes})


CASES = [
    (_with_applicant(last_name="Ивaнова"), "applicant.last_name", "латинская «a»"),
    (_with_applicant(first_name="Mapия"), "applicant.first_name", "смешаны"),
    (_with_applicant(middle_name="Пeтровна"), "applicant.middle_name", "смешаны"),
    (_with_applicant(last_name="Ива\u200bнова"), "applicant.last_name", "Фамилия"),
    (_with_applicant(address="г. Волгоград\u202e, ул. Мира"), "applicant.address", "U+202E"),
    (_with_applicant(address="г. Волгоград\x00"), "applicant.address", "U+0000"),
    (_with_applicant(address="ул. Мира\u200b, д. 1"), "applicant.address", "U+200B"),
    (_with_applicant(address="ул. Мира\x1b[31m"), "applicant.address", "U+001B"),
    (_with_passport(issued_by="ОУФМС\u202eанисилоп"), "applicant.passport.issued_by", "U+202E"),
    (_with_passport(issued_by="ОУФМС\ufeff"), "applicant.passport.issued_by", "U+FEFF"),
    (_with_applicant(inn="344404512" + inn_check_digits("344404512")), "applicant.inn", "12 цифр"),
    (sample_application(registered_at="0001-01-01T00:00:00+03:00"), "registered_at", "2000"),
    (sample_application(registered_at="9999-12-31T23:59:59-12:00"), "registered_at", "будущем"),
    (_with_applicant(birth_date="0001-01-01"), "applicant.birth_date", "1900"),
    (_with_passport(issued_on="0001-01-01"), "applicant.passport.issued_on", "раньше даты рождения"),
    (sample_application(subject={f"k{i}": "x" for i in range(100_000)}), "subject", "не больше"),
    (sample_application(subject={"cadastral_number": "34:34:060052:1234", "x\u202e": "1"}), "subject", "имя поля"),
    (sample_application(subject={"note": "a\u2028b"}), "subject.note", "U+2028"),
    (sample_application(subject={"note": "я" * 501}), "subject.note", "500"),
]


@pytest.mark.parametrize(("data", "field", "needle"), CASES)
def test_refused_naming_the_field(data, field, needle):
    with pytest.raises(ValidationError) as err:
        parse_application(data, NOW)
    assert err.value.field == field and needle in err.value.message, err.value.message
    assert "\n" not in err.value.message


def test_latin_names_and_proper_cyrillic_names_pass():
    form = parse_application(_with_applicant(last_name="Smith-Jones", first_name="Anna", middle_name=None), NOW)
    assert form.applicant.full_name == "Smith-Jones Anna"
    form = parse_application(_with_applicant(last_name="Салтыков-Щедрин", first_name="Д’Артаньян"), NOW)
    assert form.applicant.last_name == "Салтыков-Щедрин"
    assert parse_application(_with_applicant(address="г. Волгоград,\tул. Мира,\nд. 1"), NOW).applicant.address \
        == "г. Волгоград, ул. Мира, д. 1"


def _counts(ctx):
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Application)), \
            s.scalar(select(func.count()).select_from(ApplicationEvent))


def test_reasons_names_and_settings_refuse_control_characters(ctx):
    number = applications.register(ctx, CLERK, sample_application(
        service="pension_certificate", subject=None,
        documents=[{"code": "passport", "original": True, "sheets": 1}])).number
    before = _counts(ctx)
    for bad in ("Доход\x07 выше", "Доход\u202e выше", "\x00"):
        with pytest.raises(ValidationError, match="Причина"):
            applications.decide(ctx, SUPERVISOR, number, approve=False, reason=bad)
        with pytest.raises(ValidationError, match="Причина"):
            applications.withdraw(ctx, CLERK, number, bad)
    with pytest.raises(ValidationError, match="Правовое основание"):
        applications.decide(ctx, SUPERVISOR, number, approve=False, reason="Доход выше", legal_ground="п.\u200b2")
    assert _counts(ctx) == before
    with pytest.raises(ValidationError, match="ФИО оператора"):
        operators.add_operator(ctx, "new.one", "Новый\u202eОператор", "clerk", "пароль-12345", actor=ADMIN)
    with pytest.raises(ValidationError, match="Адрес центра"):
        workstation.update_settings(ctx, ADMIN, centre_address="ул. Мира\x00")


@pytest.mark.parametrize("issued_by", ["нотариус\u202e г. Волгограда", "нотариус\x00", "нотариус\u200b"])
def test_representative_texts_refuse_invisible_characters(issued_by):
    from clerk_app.domain.representative import parse_representative
    from tests.clerk_app.domain.test_representative import TODAY, rep

    with pytest.raises(ValidationError) as err:
        parse_representative(rep(issued_by=issued_by), TODAY)
    assert err.value.field.endswith("issued_by") and "U+" in err.value.message
