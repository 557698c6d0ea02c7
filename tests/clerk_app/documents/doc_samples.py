"""Synthetic document data (fake people, fake numbers)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from clerk_app.documents import (
    AnswerInfo, ApplicantInfo, CentreInfo, DecisionData, HandoverRegisterData, HandoverRow, IntakeRegisterData,
    IntakeRegisterRow, PlannedRequest, ReceiptData, ReceivedDocument,
)

CENTRE = CentreInfo(
    name="ГКУ ВО «МФЦ» — филиал по Центральному району г. Волгограда",
    address="400066, г. Волгоград, ул. Краснознаменская, д. 100",
    phone="+7 (8442) 00-00-00",
    email="mfc-test@example.ru",
    working_hours="пн–пт 9:00–20:00, сб 9:00–15:00",
)
NUMBER = "34-001-07-2026-000123"
APPLICANT = ApplicantInfo(
    full_name="Иванова Мария Петровна",
    phone="+7 917 123-45-67",
    address="г. Волгоград, ул. Мира, д. 1, кв. 2",
)
SERVICE = "Предоставление субсидии на оплату жилого помещения и коммунальных услуг"
AGENCY = "Комитет социальной защиты населения Волгоградской области"
DOCUMENTS = (
    ReceivedDocument("Паспорт гражданина Российской Федерации", True, 1),
    ReceivedDocument("Заявление о предоставлении субсидии", True, 2),
    ReceivedDocument("Справка о доходах членов семьи за 6 месяцев", False, 3),
    ReceivedDocument("Платёжные документы за жилищно-коммунальные услуги", False, 4),
)
REQUESTS = (
    PlannedRequest("Сведения о зарегистрированных в жилом помещении лицах", "МВД России"),
    PlannedRequest("Выписка из ЕГРН о правах на объект недвижимости", "Росреестр"),
)


def receipt_data(**overrides) -> ReceiptData:
    values = dict(
        centre=CENTRE, number=NUMBER, registered_at=datetime(2026, 11, 26, 9, 10), applicant=APPLICANT,
        service_name=SERVICE, service_agency=AGENCY, documents=DOCUMENTS, due_date=date(2026, 12, 10),
        collect_at="в МФЦ по адресу: 400066, г. Волгоград, ул. Краснознаменская, д. 100, окно выдачи",
        operator_name="Петров Сергей Иванович", requests=REQUESTS,
    )
    values.update(overrides)
    return ReceiptData(**values)


ANSWERS = (
    AnswerInfo("МВД России", "Сведения о зарегистрированных в жилом помещении лицах", date(2026, 12, 1),
               "ответ получен"),
    AnswerInfo("Росреестр", "Выписка из ЕГРН о правах на объект недвижимости", date(2026, 12, 2),
               "ответ получен"),
)
REFUSAL_REASON = "Совокупный доход семьи превышает величину, дающую право на субсидию"
REFUSAL_GROUND = "подпункт «б» пункта 2.9 административного регламента предоставления услуги"


def decision_data(approved: bool = False, **overrides) -> DecisionData:
    values = dict(
        centre=CENTRE, number=NUMBER, registered_at=datetime(2026, 11, 26, 9, 10), applicant=APPLICANT,
        service_name=SERVICE, service_agency=AGENCY, approved=approved, decided_on=date(2026, 12, 4),
        operator_name="Петров Сергей Иванович", answers=ANSWERS,
    )
    if approved:
        values["result_note"] = "Субсидия назначена с 01.12.2026 сроком на 6 месяцев."
    else:
        values.update(refusal_reason=REFUSAL_REASON, refusal_ground=REFUSAL_GROUND)
    values.update(overrides)
    return DecisionData(**values)


SURNAMES = ("Иванова", "Петров", "Сидорова", "Кузнецов", "Смирнова", "Попов", "Соколова", "Лебедев")
NAMES = ("Мария Петровна", "Сергей Иванович", "Анна Викторовна", "Олег Николаевич", "Елена Сергеевна")
SERVICES = (
    SERVICE,
    "Выдача разрешения на строительство объекта капитального строительства",
    "Государственная регистрация прав на недвижимое имущество",
    "Назначение ежемесячной денежной выплаты на ребёнка",
)


def number(i: int) -> str:
    return f"34-001-07-2026-{i:06d}"


def applicant_name(i: int) -> str:
    return f"{SURNAMES[i % len(SURNAMES)]} {NAMES[i % len(NAMES)]}"


def intake_register_data(count: int = 300, day: date = date(2026, 11, 26)) -> IntakeRegisterData:
    start = datetime(day.year, day.month, day.day, 8, 0)
    rows = tuple(
        IntakeRegisterRow(
            number=number(i), registered_at=start + timedelta(seconds=95 * i), applicant_name=applicant_name(i),
            service_name=SERVICES[i % len(SERVICES)], documents_count=1 + i % 6,
            due_date=day + timedelta(days=10 + i % 20), operator_name="Петров С. И." if i % 2 else "Орлова Н. А.",
        )
        for i in range(1, count + 1)
    )
    return IntakeRegisterData(centre=CENTRE, day=day, rows=rows, compiled_at=datetime(2026, 11, 26, 20, 5),
                              compiled_by="Петров Сергей Иванович")


def handover_register_data(count: int = 300) -> HandoverRegisterData:
    start = datetime(2026, 11, 20, 9, 0)
    rows = tuple(
        HandoverRow(
            number=number(i), registered_at=start + timedelta(minutes=17 * i), applicant_name=applicant_name(i),
            service_name=SERVICES[i % len(SERVICES)], documents_count=1 + i % 6, sheets=2 + i % 9,
        )
        for i in range(1, count + 1)
    )
    return HandoverRegisterData(centre=CENTRE, agency=AGENCY, rows=rows, compiled_at=datetime(2026, 11, 27, 16, 0),
                                sender_name="Петров Сергей Иванович", register_number="17")
