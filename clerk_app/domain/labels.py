"""Every Russian label of the domain's values, in one place: statuses, events, outbox kinds, fields."""

from __future__ import annotations

from collections.abc import Mapping

from clerk_app.domain.enums import (
    AppAction,
    AppStatus,
    EventType,
    Outcome,
    OutboxKind,
    OutboxState,
    QuarantineSource,
    ReqStatus,
)

APP_STATUS_RU: Mapping[AppStatus, str] = {
    AppStatus.REGISTERED: "Зарегистрировано",
    AppStatus.AWAITING_RESPONSES: "Ждёт ответов",
    AppStatus.READY_FOR_DECISION: "Готово к решению",
    AppStatus.DECIDED: "Решение принято",
    AppStatus.READY_FOR_HANDOVER: "Готово к передаче в ведомство",
    AppStatus.HANDED_OVER: "Передано в ведомство",
    AppStatus.ACCEPTED_BY_AGENCY: "Принято ведомством",
    AppStatus.RESULT_RECEIVED: "Получен результат ведомства",
    AppStatus.ISSUED: "Результат выдан",
    AppStatus.RETURNED_TO_AGENCY: "Возвращено в ведомство",
    AppStatus.WITHDRAWN: "Отозвано заявителем",
    AppStatus.INTAKE_REFUSED: "Отказ в приёме",
}

ACTION_RU: Mapping[AppAction, str] = {
    AppAction.CHANGE_DOCUMENTS: "изменить состав документов",
    AppAction.SEND_REQUESTS: "направить межведомственные запросы",
    AppAction.DECIDE: "принять решение",
    AppAction.ISSUE: "выдать результат",
    AppAction.WITHDRAW: "отозвать заявление",
    AppAction.REFUSE_INTAKE: "отказать в приёме документов",
    AppAction.HANDOVER: "передать дело в ведомство",
    AppAction.AGENCY_ACCEPT: "отметить приём дела ведомством",
    AppAction.CASE_RETURN: "отметить возврат дела ведомством",
    AppAction.RECORD_RESULT: "внести результат ведомства",
    AppAction.RETURN_TO_AGENCY: "вернуть результат в ведомство",
}

REQ_STATUS_RU: Mapping[ReqStatus, str] = {
    ReqStatus.QUEUED: "В очереди",
    ReqStatus.SENT: "Отправлен",
    ReqStatus.ANSWERED: "Получен ответ",
    ReqStatus.REJECTED: "Отказ ведомства",
    ReqStatus.ERROR: "Ошибка ведомства",
    ReqStatus.NEEDS_ATTENTION: "Требует внимания",
    ReqStatus.CANCELLED: "Отменён",
}

# How a request ended, as the decision notice words it.
ANSWER_STATUS_RU: Mapping[ReqStatus, str] = {
    ReqStatus.ANSWERED: "ответ получен",
    ReqStatus.REJECTED: "отказ в предоставлении сведений",
    ReqStatus.ERROR: "ошибка ведомства",
    ReqStatus.CANCELLED: "запрос отменён",
    ReqStatus.SENT: "ответ не получен",
    ReqStatus.QUEUED: "ответ не получен",
    ReqStatus.NEEDS_ATTENTION: "запрос не отправлен",
}

EVENT_RU: Mapping[EventType, str] = {
    EventType.REGISTERED: "Заявление зарегистрировано",
    EventType.DOCUMENTS_CHANGED: "Изменён состав документов",
    EventType.REQUEST_SENT: "Направлен межведомственный запрос",
    EventType.RESPONSE_RECEIVED: "Получен ответ ведомства",
    EventType.DECIDED: "Принято решение",
    EventType.ISSUED: "Результат выдан заявителю",
    EventType.WITHDRAWN: "Заявление отозвано",
    EventType.INTAKE_REFUSED: "Отказ в приёме документов",
    EventType.ANNOTATED: "Примечание",
    EventType.HANDED_OVER: "Дело передано в ведомство",
    EventType.AGENCY_ACCEPTED: "Дело принято ведомством",
    EventType.CASE_RETURNED: "Дело возвращено ведомством без рассмотрения",
    EventType.RESULT_RECEIVED: "Получен результат ведомства",
    EventType.RETURNED_TO_AGENCY: "Невостребованный результат возвращён в ведомство",
}

OUTCOME_RU: Mapping[Outcome, str] = {
    Outcome.APPROVED: "услуга предоставлена",
    Outcome.REFUSED: "отказ в предоставлении услуги",
}

OUTBOX_KIND_RU: Mapping[OutboxKind, str] = {
    OutboxKind.MESSAGE: "Межведомственный запрос",
    OutboxKind.CANCEL: "Отмена запроса",
    OutboxKind.EVENT: "Событие реестра центра",
    OutboxKind.CASE: "Передача дела в ведомство",
}

QUARANTINE_SOURCE_RU: Mapping[QuarantineSource, str] = {
    QuarantineSource.ANSWER: "ответ",
    QuarantineSource.EVENT: "событие",
}

OUTBOX_STATE_RU: Mapping[OutboxState, str] = {
    OutboxState.PENDING: "ожидает отправки",
    OutboxState.DONE: "отправлено",
    OutboxState.NEEDS_ATTENTION: "требует внимания",
    OutboxState.DISCARDED: "отменено оператором",
    OutboxState.CANCELLED: "отменено",
}

# Fields of an application, of a request's subject and of identifier checks ("applicant.snils" -> "snils").
FIELD_RU: Mapping[str, str] = {
    "full_name": "ФИО",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "patronymic": "Отчество",
    "birth_date": "Дата рождения",
    "snils": "СНИЛС",
    "inn": "ИНН",
    "ogrn": "ОГРН",
    "ogrnip": "ОГРНИП",
    "passport": "Паспорт",
    "series": "Серия паспорта",
    "number": "Номер паспорта",
    "issued_on": "Дата выдачи",
    "division_code": "Код подразделения",
    "address": "Адрес",
    "phone": "Телефон",
    "date": "Дата",
    "cadastral_number": "Кадастровый номер",
}

# Fields a request's subject needs beyond the applicant's own data, named for the clerk who types them.
SUBJECT_FIELD_RU: Mapping[str, str] = {
    "cadastral_number": "Кадастровый номер объекта",
    "child_birth_certificate": "Свидетельство о рождении ребёнка (серия и номер)",
    "marriage_record_number": "Номер записи акта о заключении брака",
}


def subject_label(name: str) -> str:
    """The Russian name of a request subject field, or the field's code when it has none."""
    return SUBJECT_FIELD_RU.get(name) or FIELD_RU.get(name) or name.replace("_", " ").capitalize()


def status_label(status: str) -> str:
    """An application status in Russian; an unknown one (a newer workstation) as it is."""
    try:
        return APP_STATUS_RU[AppStatus(status)]
    except ValueError:
        return status


def request_status_label(status: str) -> str:
    try:
        return REQ_STATUS_RU[ReqStatus(status)]
    except ValueError:
        return status


def event_label(etype: str) -> str:
    known = EventType.parse(etype)
    return EVENT_RU[known] if known is not None else etype


def outcome_label(outcome: str) -> str:
    try:
        return OUTCOME_RU[Outcome(outcome)]
    except ValueError:
        return outcome
