"""Checks the sandbox applies to incoming messages and events, with Russian messages naming the field."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Any

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as ru_inn

from clerk_app.gateway.sandbox.catalogue import LoadedCatalogue
from clerk_app.gateway.sandbox.errors import ApiError, validation_failed

# Known types; an unknown one is stored and passed on (newer workstations may use newer types).
EVENT_TYPES = frozenset({
    "registered", "documents_changed", "request_sent", "response_received", "decided",
    "issued", "withdrawn", "intake_refused", "annotated",
    "handed_over", "agency_accepted", "case_returned", "result_received", "returned_to_agency",
})
_EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

_FULL_NAME = re.compile(r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\-]*(\s+[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\-]*)+$")
_PASSPORT = re.compile(r"^(\d{2})\s?(\d{2})\s?(\d{6})$")
_DIVISION = re.compile(r"^\d{3}-\d{3}$")
_CADASTRAL = re.compile(r"^\d{2}:\d{2}:\d{6,7}:\d{1,}$")
_APPLICATION_NUMBER = re.compile(r"^\S+-\d{4}-\d{6}$")


class FieldProblem(Exception):
    """A malformed value: ``field`` names it, the message is Russian."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def snils_is_valid(value: str) -> bool:
    digits = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"\d{11}", digits):
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits[:9]))
    while total > 101:
        total %= 101
    check = 0 if total in (100, 101) else total
    return check == int(digits[9:])


def parse_rfc3339(value: Any) -> datetime | None:
    """A datetime with an offset, or None when the value is not RFC 3339 with an offset."""
    if not isinstance(value, str) or "T" not in value.upper():
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def check_subject_field(name: str, value: Any) -> None:
    """Raise FieldProblem(``subject.<name>``) when the value is missing or malformed."""
    field = f"subject.{name}"
    text = _text(value)
    if text is None:
        raise FieldProblem(field, f"Не заполнено обязательное поле запроса: {name}")
    if name == "full_name":
        if not _FULL_NAME.match(text):
            raise FieldProblem(field, "ФИО заявителя указано неверно: нужны фамилия и имя буквами")
    elif name == "birth_date":
        try:
            born = date.fromisoformat(text)
        except ValueError:
            raise FieldProblem(field, "Дата рождения должна быть в формате ГГГГ-ММ-ДД") from None
        if born.year < 1900 or born > date.today():
            raise FieldProblem(field, "Дата рождения вне допустимого диапазона")
    elif name == "snils":
        if not snils_is_valid(text):
            raise FieldProblem(field, "СНИЛС указан неверно: не сходится контрольное число")
    elif name == "inn":
        try:
            ru_inn.validate(text)
        except StdnumError:
            raise FieldProblem(field, "ИНН указан неверно: нужно 10 или 12 цифр с верным контрольным числом") from None
    elif name == "passport":
        if not _PASSPORT.match(text):
            raise FieldProblem(field, "Серия и номер паспорта указаны неверно: ожидается вид «18 06 123456»")
    elif name == "division_code":
        if not _DIVISION.match(text):
            raise FieldProblem(field, "Код подразделения указан неверно: ожидается вид «340-001»")
    elif name == "cadastral_number":
        if not _CADASTRAL.match(text):
            raise FieldProblem(field, "Кадастровый номер указан неверно: ожидается вид «34:34:060052:1234»")
    elif name == "phone":
        digits = re.sub(r"\D", "", text)
        if len(digits) != 11 or digits[0] not in "78":
            raise FieldProblem(field, "Телефон указан неверно: ожидается номер из 11 цифр")
    elif name == "address":
        if len(text) < 5:
            raise FieldProblem(field, "Адрес указан неполностью")


def validate_message(body: dict[str, Any], catalogue: LoadedCatalogue) -> None:
    """Raise ApiError(422) when a message is malformed, of an unknown kind or for the wrong agency."""
    message_id = body.get("message_id")
    try:
        uuid.UUID(str(message_id))
    except ValueError:
        raise validation_failed("message_id", "Идентификатор сообщения должен быть UUID") from None
    kind_code = body.get("kind")
    kind = catalogue.kinds.get(kind_code) if isinstance(kind_code, str) else None
    if kind is None:
        raise validation_failed("kind", f"Неизвестный вид запроса: {kind_code}", code="unknown_kind")
    recipient = body.get("recipient")
    if recipient != kind.get("agency"):
        raise validation_failed(
            "recipient",
            f"Запрос вида «{kind.get('name', kind_code)}» направляется в {kind.get('agency')}, а не в {recipient}",
            code="unknown_recipient",
        )
    number = body.get("application_number")
    if not isinstance(number, str) or not _APPLICATION_NUMBER.match(number):
        raise validation_failed("application_number", "Номер заявления указан неверно")
    if parse_rfc3339(body.get("created_at")) is None:
        raise validation_failed("created_at", "Время создания запроса должно быть в формате RFC 3339 со смещением")
    if _text(body.get("operator")) is None:
        raise validation_failed("operator", "Не указан оператор, создавший запрос")
    if "test" in body and not isinstance(body["test"], bool):
        raise validation_failed("test", "Признак тестового запроса должен быть true или false")
    subject = body.get("subject")
    if not isinstance(subject, dict):
        raise validation_failed("subject", "Не заполнены сведения о заявителе (subject)")
    for name in kind.get("subject_fields", []):
        try:
            check_subject_field(name, subject.get(name))
        except FieldProblem as problem:
            raise validation_failed(problem.field, problem.message) from None


def check_event(event: Any) -> None:
    """Raise FieldProblem when an application event is malformed."""
    if not isinstance(event, dict):
        raise FieldProblem("event", "Событие должно быть объектом JSON")
    for name in ("event_id", "application_id"):
        try:
            uuid.UUID(str(event.get(name)))
        except ValueError:
            raise FieldProblem(name, f"Поле {name} должно быть UUID") from None
    if not isinstance(event.get("application_number"), str) or not _APPLICATION_NUMBER.match(
        event["application_number"]
    ):
        raise FieldProblem("application_number", "Номер заявления указан неверно")
    if not isinstance(event.get("type"), str) or not _EVENT_TYPE.match(event["type"]):
        raise FieldProblem("type", f"Тип события указан неверно: {event.get('type')}")
    if parse_rfc3339(event.get("occurred_at")) is None:
        raise FieldProblem("occurred_at", "Время события должно быть в формате RFC 3339 со смещением")
    if _text(event.get("workstation")) is None:
        raise FieldProblem("workstation", "Не указано рабочее место, где произошло событие")
    if event.get("operator") is not None and not isinstance(event.get("operator"), str):
        raise FieldProblem("operator", "Оператор должен быть строкой")
    if not isinstance(event.get("data", {}), dict):
        raise FieldProblem("data", "Данные события должны быть объектом JSON")


def require_json_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise ApiError(400, "validation_failed", "Тело запроса должно быть объектом JSON")
    return body
