"""A representative's object: checked field by field; an expired power of attorney is refused."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.representative import parse_representative

TODAY = date(2026, 12, 10)


def rep(**poa):
    power = {"number": "34 АА 1234567", "date": "2026-12-01", "issued_by": "нотариус г. Волгограда Петрова А. А.",
             "valid_until": "2027-12-01"}
    power.update(poa)
    return {"full_name": "Сидоров Павел Олегович",
            "document": {"kind": "passport", "series": "18 07", "number": "654321"}, "power_of_attorney": power}


def test_a_valid_representative_is_parsed():
    r = parse_representative(rep(), TODAY)
    assert r.full_name == "Сидоров Павел Олегович" and (r.series, r.number) == ("18 07", "654321")
    assert r.power_of_attorney.valid_until == date(2027, 12, 1)
    assert r.to_json()["power_of_attorney"]["date"] == "2026-12-01"
    assert "действует до 01.12.2027" in r.power_of_attorney_text()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (rep(valid_until="2026-12-09"), "representative.power_of_attorney.valid_until", "истекла 09.12.2026"),
        (rep(date="2026-12-11"), "representative.power_of_attorney.date", "будущем"),
        (rep(number=""), "representative.power_of_attorney.number", "не заполнено"),
        (rep(valid_until="2027-02-30"), "representative.power_of_attorney.valid_until", "не существует"),
        ({**rep(), "full_name": "Сидоров"}, "representative.full_name", "фамилия и имя"),
        ({**rep(), "document": {"kind": "passport", "series": "18", "number": "654321"}},
         "representative.document", ""),
        ({**rep(), "power_of_attorney": None}, "representative.power_of_attorney", "Доверенность"),
        ("не объект", "representative", "Представитель"),
    ],
)
def test_bad_representatives_are_refused_naming_the_field(data, field, words):
    with pytest.raises(ValidationError) as caught:
        parse_representative(data, TODAY)
    assert caught.value.field == field and words in caught.value.message


def test_a_power_of_attorney_valid_through_today_is_accepted():
    assert parse_representative(rep(valid_until="2026-12-10"), TODAY).power_of_attorney.valid_until == TODAY
