"""Checks of the new-application fields as typed: pure functions over the form's texts.

Each returns the Russian message for one field path (the paths the service uses in
DomainError.field) or None. The identifier rules themselves live in clerk_app.domain.identifiers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from clerk_app.domain import identifiers as ids
from clerk_app.domain import subject_fields
from clerk_app.domain import labels
from clerk_app.domain.errors import ValidationError

LAST, FIRST, MIDDLE = "applicant.last_name", "applicant.first_name", "applicant.middle_name"
BIRTH, SNILS, INN = "applicant.birth_date", "applicant.snils", "applicant.inn"
SERIES, NUMBER = "applicant.passport.series", "applicant.passport.number"
ISSUED_BY, ISSUED_ON = "applicant.passport.issued_by", "applicant.passport.issued_on"
DIVISION, PHONE, ADDRESS = "applicant.passport.division_code", "applicant.phone", "applicant.address"

APPLICANT_PATHS = (LAST, FIRST, MIDDLE, BIRTH, SNILS, INN, SERIES, NUMBER, ISSUED_BY, ISSUED_ON, DIVISION,
                   PHONE, ADDRESS)
PASSPORT_PATHS = (SERIES, NUMBER, ISSUED_BY, ISSUED_ON, DIVISION)
PASSPORT_REQUIRED = (SERIES, NUMBER, ISSUED_BY, ISSUED_ON)

LABELS = {
    LAST: "Фамилия", FIRST: "Имя", MIDDLE: "Отчество", BIRTH: "Дата рождения", SNILS: "СНИЛС", INN: "ИНН",
    SERIES: "Серия паспорта", NUMBER: "Номер паспорта", ISSUED_BY: "Кем выдан паспорт",
    ISSUED_ON: "Дата выдачи паспорта", DIVISION: "Код подразделения", PHONE: "Телефон", ADDRESS: "Адрес",
}

# Request-kind subject fields that are the applicant's own data, and where the form keeps them.
OWN_SUBJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "full_name": (LAST, FIRST), "birth_date": (BIRTH,), "snils": (SNILS,), "inn": (INN,),
    "address": (ADDRESS,), "phone": (PHONE,), "passport": (SERIES, NUMBER), "division_code": (DIVISION,),
}

SUBJECT_LABELS = subject_fields.LABELS

# Known-valid partners for checking one half of a passport on its own.
_ANY_SERIES, _ANY_NUMBER = "1111", "111111"


def subject_label(name: str) -> str:
    return labels.subject_label(name)


def needed_by_kinds(kinds: object) -> tuple[dict[str, str], dict[str, str]]:
    """For a service's request kinds: applicant paths they need, and the extra subject fields.

    Both map to the name of the first request kind that needs the field."""
    own: dict[str, str] = {}
    extra: dict[str, str] = {}
    for kind in kinds:  # type: ignore[attr-defined]
        for name in kind.subject_fields:
            if name in OWN_SUBJECT_FIELDS:
                for path in OWN_SUBJECT_FIELDS[name]:
                    own.setdefault(path, kind.name)
            else:
                extra.setdefault(name, kind.name)
    return own, extra


def _msg(exc: ValidationError) -> str:
    return exc.message


def check_field(path: str, values: Mapping[str, str], today: date, needed: Mapping[str, str] | None = None,
                final: bool = False) -> str | None:
    """The message for `path` given every field's text; blanks are judged only when `final`."""
    value = (values.get(path) or "").strip()
    needed = needed or {}
    label = LABELS.get(path) or subject_label(path.removeprefix("subject."))
    if not value:
        if not final:
            return None
        if path in (LAST, FIRST, BIRTH):
            return f"{label}: значение не указано"
        if path in PASSPORT_REQUIRED and any((values.get(p) or "").strip() for p in PASSPORT_PATHS):
            return f"{label}: значение не указано"
        if path in needed:
            return f"{label}: не указано — нужно для запроса «{needed[path]}»"
        if path.startswith("subject."):
            return None  # not needed now (say, no marriage certificate taken)
        if path == SNILS and not any((values.get(p) or "").strip() for p in PASSPORT_PATHS):
            return "Укажите паспорт или СНИЛС заявителя"
        return None
    try:
        _check_value(path, value, values, today)
    except ValidationError as exc:
        return _msg(exc)
    return None


def _check_value(path: str, value: str, values: Mapping[str, str], today: date) -> None:
    if path in (LAST, FIRST, MIDDLE):
        ids.normalize_person_name(value, field=path, label=LABELS[path])
    elif path == BIRTH:
        ids.validate_birth_date(ids.parse_date(value, field=path, label=LABELS[path]), today, field=path,
                                label=LABELS[path])
    elif path == SNILS:
        ids.normalize_snils(value, field=path, label=LABELS[path])
    elif path == INN:
        ids.normalize_inn(value, field=path, label=LABELS[path])
    elif path == SERIES:
        ids.normalize_passport(value, _ANY_NUMBER, field=path, label="Паспорт")
    elif path == NUMBER:
        ids.normalize_passport(_ANY_SERIES, value, field=path, label="Паспорт")
    elif path == ISSUED_ON:
        issued = ids.parse_date(value, field=path, label=LABELS[path])
        if issued > today:
            raise ValidationError(f"{LABELS[path]}: не может быть в будущем", path)
        birth = _parsed_date(values.get(BIRTH))
        if birth is not None and issued < birth:
            raise ValidationError(f"{LABELS[path]}: раньше даты рождения", path)
    elif path == DIVISION:
        ids.normalize_division_code(value, field=path, label=LABELS[path])
    elif path == PHONE:
        ids.normalize_phone(value, field=path, label=LABELS[path])
    elif path == "subject.cadastral_number":
        ids.normalize_cadastral_number(value, field=path, label=SUBJECT_LABELS["cadastral_number"])
    elif path.removeprefix("subject.") in subject_fields.CHECKS:
        subject_fields.CHECKS[path.removeprefix("subject.")](value, field=path)


def _parsed_date(text: str | None) -> date | None:
    try:
        return ids.parse_date(text or "")
    except ValidationError:
        return None


def iso_date(text: str) -> str:
    """"17.05.1980" -> "1980-05-17" (the text was checked before)."""
    return ids.parse_date(text).isoformat()


def ru_date(iso: str | None) -> str:
    """"1980-05-17" -> "17.05.1980"; "" for nothing."""
    if not iso:
        return ""
    try:
        return ids.parse_date(iso[:10]).strftime("%d.%m.%Y")
    except ValidationError:
        return iso


def form_phone(normalized: str | None) -> str:
    """"+79171234567" -> "+7 (917) 123-45-67", the phone field's mask."""
    if not normalized:
        return ""
    try:
        p = ids.normalize_phone(normalized)
    except ValidationError:
        return normalized
    return f"+7 ({p[2:5]}) {p[5:8]}-{p[8:10]}-{p[10:12]}"
