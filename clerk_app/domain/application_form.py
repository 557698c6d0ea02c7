"""Parsing and checking an application as typed or read from a file (interfaces.md shape)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from typing import Any, Literal, overload

from clerk_app.domain import identifiers as ids
from clerk_app.domain import subject_fields
from clerk_app.domain.errors import ValidationError
from clerk_app.domain.text_checks import check_text

MAX_SHEETS = 1000
MAX_SUBJECT_KEYS = 50
EARLIEST_REGISTRATION = datetime(2000, 1, 1, tzinfo=timezone.utc)
_SUBJECT_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")


@dataclass(frozen=True)
class Passport:
    series: str
    number: str
    issued_by: str
    issued_on: date
    division_code: str | None


@dataclass(frozen=True)
class ApplicantData:
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    snils: str | None
    inn: str | None
    passport: Passport | None
    phone: str | None
    address: str | None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["birth_date"] = self.birth_date.isoformat()
        if self.passport:
            out["passport"]["issued_on"] = self.passport.issued_on.isoformat()
        out["full_name"] = self.full_name
        return out


@dataclass(frozen=True)
class DocumentTaken:
    code: str
    original: bool
    sheets: int


@dataclass(frozen=True)
class ApplicationForm:
    service: str
    applicant: ApplicantData
    documents: tuple[DocumentTaken, ...]
    subject: dict[str, str]
    registered_at: datetime | None
    provided_by_applicant: tuple[str, ...] = ()  # request kinds whose papers the applicant brought


@overload
def _str(obj: dict, key: str, field: str, label: str, required: Literal[True] = True, max_len: int = 500) -> str: ...
@overload
def _str(obj: dict, key: str, field: str, label: str, required: bool, max_len: int = 500) -> str | None: ...
def _str(obj: dict, key: str, field: str, label: str, required: bool = True, max_len: int = 500) -> str | None:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"{label}: не заполнено", field)
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{label}: ожидается строка", field)
    value = " ".join(check_text(value, label, field).split())
    if len(value) > max_len:
        raise ValidationError(f"{label}: не длиннее {max_len} символов", field)
    return value


def _obj(obj: Any, field: str, label: str) -> dict:
    if not isinstance(obj, dict):
        raise ValidationError(f"{label}: не заполнено или имеет неверный вид", field)
    return obj


def parse_passport(p: Any, today: date, birth: date) -> Passport:
    p = _obj(p, "applicant.passport", "Паспорт")
    series, number = ids.normalize_passport(
        _str(p, "series", "applicant.passport.series", "Серия паспорта") or "",
        _str(p, "number", "applicant.passport.number", "Номер паспорта") or "",
        field="applicant.passport")
    issued_on = ids.parse_date(_str(p, "issued_on", "applicant.passport.issued_on", "Дата выдачи паспорта"),
                               field="applicant.passport.issued_on")
    if issued_on > today:
        raise ValidationError("Дата выдачи паспорта: не может быть в будущем", "applicant.passport.issued_on")
    if issued_on < birth:
        raise ValidationError("Дата выдачи паспорта: раньше даты рождения", "applicant.passport.issued_on")
    code = _str(p, "division_code", "applicant.passport.division_code", "Код подразделения", required=False)
    return Passport(series, number,
                    _str(p, "issued_by", "applicant.passport.issued_by", "Кем выдан паспорт") or "",
                    issued_on,
                    ids.normalize_division_code(code, field="applicant.passport.division_code") if code else None)


def parse_applicant(a: Any, today: date) -> ApplicantData:
    a = _obj(a, "applicant", "Заявитель")
    last = ids.normalize_person_name(_str(a, "last_name", "applicant.last_name", "Фамилия"),
                                     field="applicant.last_name")
    first = ids.normalize_person_name(_str(a, "first_name", "applicant.first_name", "Имя"),
                                      field="applicant.first_name")
    middle_raw = _str(a, "middle_name", "applicant.middle_name", "Отчество", required=False)
    middle = ids.normalize_person_name(middle_raw, field="applicant.middle_name") if middle_raw else None
    birth = ids.parse_date(_str(a, "birth_date", "applicant.birth_date", "Дата рождения"),
                           field="applicant.birth_date")
    ids.validate_birth_date(birth, today, field="applicant.birth_date")
    snils_raw = _str(a, "snils", "applicant.snils", "СНИЛС", required=False)
    inn_raw = _str(a, "inn", "applicant.inn", "ИНН", required=False)
    inn = ids.normalize_inn(inn_raw, field="applicant.inn") if inn_raw else None
    if inn is not None and len(inn) != 12:
        raise ValidationError("ИНН заявителя: у гражданина ИНН из 12 цифр (10 цифр — ИНН организации)",
                              "applicant.inn")
    phone_raw = _str(a, "phone", "applicant.phone", "Телефон", required=False)
    passport = parse_passport(a["passport"], today, birth) if a.get("passport") is not None else None
    if passport is None and snils_raw is None:
        raise ValidationError("Паспорт: не заполнен (нужен паспорт или СНИЛС заявителя)", "applicant.passport")
    return ApplicantData(
        last_name=last, first_name=first, middle_name=middle, birth_date=birth,
        snils=ids.normalize_snils(snils_raw, field="applicant.snils") if snils_raw else None,
        inn=inn,
        passport=passport,
        phone=ids.normalize_phone(phone_raw, field="applicant.phone") if phone_raw else None,
        address=_str(a, "address", "applicant.address", "Адрес", required=False),
    )


def parse_documents(docs: Any) -> tuple[DocumentTaken, ...]:
    if not isinstance(docs, list):
        raise ValidationError("Документы: ожидается список принятых документов", "documents")
    out, seen = [], set()
    for i, d in enumerate(docs):
        field = f"documents[{i}]"
        d = _obj(d, field, f"Документ №{i + 1}")
        code = _str(d, "code", f"{field}.code", f"Документ №{i + 1}: код")
        if code in seen:
            raise ValidationError(f"Документ №{i + 1}: «{code}» указан дважды", f"{field}.code")
        seen.add(code)
        sheets = d.get("sheets", 1)
        if isinstance(sheets, bool) or not isinstance(sheets, int) or not 1 <= sheets <= MAX_SHEETS:
            raise ValidationError(f"Документ №{i + 1}: число листов от 1 до {MAX_SHEETS}", f"{field}.sheets")
        original = d.get("original", False)
        if not isinstance(original, bool):
            raise ValidationError(f"Документ №{i + 1}: подлинник — да или нет", f"{field}.original")
        out.append(DocumentTaken(code, original, sheets))
    return tuple(out)


_SUBJECT_CHECKS: dict[str, Callable[..., str]] = {
    "cadastral_number": ids.normalize_cadastral_number,
    **subject_fields.CHECKS,
}


def parse_subject(subject: Any) -> dict[str, str]:
    if subject is None:
        return {}
    subject = _obj(subject, "subject", "Сведения для запросов")
    if len(subject) > MAX_SUBJECT_KEYS:
        raise ValidationError(f"Сведения для запросов: не больше {MAX_SUBJECT_KEYS} полей", "subject")
    out = {}
    for key, value in subject.items():
        if not _SUBJECT_KEY.fullmatch(key):
            raise ValidationError(f"Сведения для запросов: недопустимое имя поля «{key[:40]}» "
                                  "(латинские строчные буквы, цифры и _)", "subject")
        field = f"subject.{key}"
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"Сведения для запросов: «{key}» не заполнено", field)
        if len(value) > 500:
            raise ValidationError(f"Сведения для запросов: «{key}» не длиннее 500 символов", field)
        check_text(value, f"Сведения для запросов: «{key}»", field)
        check = _SUBJECT_CHECKS.get(key)
        out[key] = check(value, field=field) if check else " ".join(value.split())
    return out


def parse_registered_at(value: Any, now: datetime) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError("Время приёма: ожидается дата и время RFC 3339", "registered_at")
    try:
        dt = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError("Время приёма: ожидается вид 2026-11-26T09:10:00+03:00", "registered_at") from exc
    if dt.tzinfo is None:
        raise ValidationError("Время приёма: укажите часовой пояс (+03:00)", "registered_at")
    if dt.year < 2000 or (dt.year == 2000 and dt < EARLIEST_REGISTRATION):  # years compared first: no overflow
        raise ValidationError("Время приёма: не раньше 01.01.2000", "registered_at")
    if dt.year > now.year + 1 or dt > now:
        raise ValidationError("Время приёма: не может быть в будущем", "registered_at")
    return dt


def parse_application(data: Any, now: datetime) -> ApplicationForm:
    data = _obj(data, "application", "Заявление")
    service = _str(data, "service", "service", "Услуга", max_len=60)
    registered_at = parse_registered_at(data.get("registered_at"), now)
    today = (registered_at or now).date()
    return ApplicationForm(
        service=service or "",
        applicant=parse_applicant(data.get("applicant"), today),
        documents=parse_documents(data.get("documents")),
        subject=parse_subject(data.get("subject")),
        registered_at=registered_at,
        provided_by_applicant=parse_provided(data.get("provided_by_applicant")),
    )


def parse_provided(value: Any) -> tuple[str, ...]:
    """`provided_by_applicant`: request kind codes (checked against the service by the caller)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and _SUBJECT_KEY.fullmatch(v) for v in value):
        raise ValidationError("Сведения, представленные заявителем: ожидается список кодов видов запросов",
                              "provided_by_applicant")
    return tuple(dict.fromkeys(value))


def scan_paths(data: Any) -> list[tuple[str, str]]:
    """(document code, path as written) of the scans an application file lists with its documents."""
    out: list[tuple[str, str]] = []
    docs = data.get("documents") if isinstance(data, dict) else None
    for i, d in enumerate(docs if isinstance(docs, list) else []):
        scans = d.get("scans") if isinstance(d, dict) else None
        if scans is None:
            continue
        if not isinstance(scans, list) or not all(isinstance(p, str) and p.strip() for p in scans):
            raise ValidationError(f"Документ №{i + 1}: сканы — список путей к файлам", f"documents[{i}].scans")
        out += [(str(d.get("code")), p) for p in scans]
    return out
