"""Simulated agencies: a plausible answer for each request kind, derived from the subject alone.

The same kind and subject always give the same answer (a hash seeds the values). Refusals
that a trainer can provoke on purpose:

- egrn_extract: a cadastral number ending in 0 → rejected, «сведения отсутствуют»;
- fns_income: an INN ending in 0 → rejected, no income data;
- mvd_registration, mvd_passport_validity: a passport number ending in 0 → rejected;
- sfr_pension, sfr_disability, kszn_benefits: a СНИЛС ending in 0 → rejected;
- any kind: a full name containing «Сбой» → status error (the agency's system failed).
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from clerk_app.gateway.sandbox.pdf import render_document

STREETS = ("ул. Мира", "пр-кт им. В.И. Ленина", "ул. Рабоче-Крестьянская", "ул. Землячки",
           "ул. Краснознаменская", "б-р 30-летия Победы", "ул. Новороссийская", "ул. Ангарская")
RIGHTS = ("собственность", "общая долевая собственность", "общая совместная собственность")
EMPLOYERS = ('ООО "Волга-Сервис"', 'АО "Волгоградский тракторный комбинат"', 'МБОУ "Средняя школа № 17"',
             'ГБУЗ "Волгоградская областная клиническая больница № 1"', 'ООО "Царицынские мануфактуры"')
PENSION_TYPES = ("страховая пенсия по старости", "страховая пенсия по инвалидности",
                 "социальная пенсия", "пенсия по случаю потери кормильца")


@dataclass(frozen=True)
class AgencyAnswer:
    status: str  # answered | rejected | error
    data: dict[str, Any] | None
    refusal_reason: str | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)


def _rng(kind: str, subject: dict[str, Any]) -> random.Random:
    digest = hashlib.sha256(
        (kind + "\n" + json.dumps(subject, ensure_ascii=False, sort_keys=True)).encode("utf-8")
    ).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _ends_with_zero(value: Any) -> bool:
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return bool(digits) and digits[-1] == "0"


def _address(rng: random.Random) -> str:
    return f"г. Волгоград, {rng.choice(STREETS)}, д. {rng.randint(1, 120)}, кв. {rng.randint(1, 180)}"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _attachment(name: str, content: bytes) -> dict[str, Any]:
    return {
        "name": name,
        "media_type": "application/pdf",
        "sha256": hashlib.sha256(content).hexdigest(),
        "content_base64": base64.b64encode(content).decode("ascii"),
    }


def _egrn_extract(rng: random.Random, subject: dict[str, Any], asked: date) -> AgencyAnswer:
    cadastral = str(subject.get("cadastral_number") or f"34:34:{rng.randint(10000, 99999):06d}:{rng.randint(1, 9999)}")
    if _ends_with_zero(cadastral):
        return AgencyAnswer("rejected", None, "сведения отсутствуют")
    obj = {
        "cadastral_number": cadastral,
        "object_type": "помещение",
        "address": _address(rng),
        "area_m2": round(rng.uniform(18.0, 140.0), 1),
        "right": rng.choice(RIGHTS),
        "right_registered_on": _day(rng, date(1998, 1, 1), asked).isoformat(),
        "holder": subject.get("full_name"),
    }
    pdf = render_document(
        "Выписка из ЕГРН об объекте недвижимости",
        [
            f"Кадастровый номер: {obj['cadastral_number']}",
            f"Вид объекта: {obj['object_type']}",
            f"Адрес: {obj['address']}",
            f"Площадь, кв. м: {obj['area_m2']}",
            f"Вид права: {obj['right']}",
            f"Дата государственной регистрации права: {obj['right_registered_on']}",
            f"Правообладатель: {obj['holder'] or 'не указан'}",
            f"Дата выписки: {asked.isoformat()}",
            "Учебный документ песочницы шлюза: сведения вымышлены.",
        ],
    )
    return AgencyAnswer("answered", {"objects": [obj]}, None, [_attachment("egrn.pdf", pdf)])


def _fns_income(rng: random.Random, subject: dict[str, Any], asked: date) -> AgencyAnswer:
    if _ends_with_zero(subject.get("inn")):
        return AgencyAnswer("rejected", None, "сведения о доходах за запрошенный период отсутствуют")
    year = asked.year - 1
    base = rng.randint(18, 95) * 1000
    months = [
        {"month": f"{year}-{m:02d}", "amount": round(base * rng.uniform(0.9, 1.15), 2), "code": "2000"}
        for m in range(1, 13)
    ]
    total = round(sum(float(str(item["amount"])) for item in months), 2)
    return AgencyAnswer("answered", {
        "year": year,
        "tax_agent": rng.choice(EMPLOYERS),
        "months": months,
        "total": total,
        "tax_withheld": round(total * 0.13, 2),
        "currency": "RUB",
    })


def _mvd_registration(rng: random.Random, subject: dict[str, Any], asked: date) -> AgencyAnswer:
    if _ends_with_zero(subject.get("passport")):
        return AgencyAnswer("rejected", None, "сведения о регистрации по месту жительства не найдены")
    return AgencyAnswer("answered", {
        "registration_type": "по месту жительства",
        "address": subject.get("address") or _address(rng),
        "registered_on": _day(rng, date(2000, 1, 1), asked).isoformat(),
    })


def _mvd_passport_validity(rng: random.Random, subject: dict[str, Any], asked: date) -> AgencyAnswer:
    if _ends_with_zero(subject.get("passport")):
        return AgencyAnswer("rejected", None, "паспорт числится недействительным")
    return AgencyAnswer("answered", {"valid": True, "checked_on": asked.isoformat()})


def _sfr_pension(rng: random.Random, subject: dict[str, Any], asked: date) -> AgencyAnswer:
    if _ends_with_zero(subject.get("snils")):
        return AgencyAnswer("rejected", None, "заявитель не является получателем пенсии")
    return AgencyAnswer("answered", {
        "pension_type": rng.choice(PENSION_TYPES),
        "amount": round(rng.uniform(12000, 42000), 2),
        "currency": "RUB",
        "month": f"{asked.year}-{asked.month:02d}",
        "assigned_on": _day(rng, date(2005, 1, 1), asked).isoformat(),
    })


def _refuse_by_snils(reason: str):
    def answer(rng: random.Random, subject: dict[str, Any], asked: date) -> AgencyAnswer:
        if _ends_with_zero(subject.get("snils")):
            return AgencyAnswer("rejected", None, reason)
        return _generic(rng, subject, asked)
    return answer


def _generic(rng: random.Random, subject: dict[str, Any], asked: date) -> AgencyAnswer:
    return AgencyAnswer("answered", {
        "result": "сведения предоставлены",
        "reference_number": f"{rng.randint(100, 999)}-{rng.randint(10000, 99999)}",
        "issued_on": asked.isoformat(),
    })


ANSWERERS = {
    "egrn_extract": _egrn_extract,
    "fns_income": _fns_income,
    "mvd_registration": _mvd_registration,
    "mvd_passport_validity": _mvd_passport_validity,
    "sfr_pension": _sfr_pension,
    "sfr_disability": _refuse_by_snils("сведения об установлении инвалидности отсутствуют"),
    "kszn_benefits": _refuse_by_snils("заявитель не состоит на учёте как получатель мер социальной поддержки"),
}


def answer(kind: str, subject: dict[str, Any], created_at: datetime | None = None) -> AgencyAnswer:
    """The agency's answer to a message of ``kind`` about ``subject``."""
    subject = subject if isinstance(subject, dict) else {}
    if "Сбой" in str(subject.get("full_name") or ""):
        return AgencyAnswer("error", None, "ведомство не смогло обработать запрос: сбой информационной системы")
    asked = created_at.date() if created_at is not None else date.today()
    return ANSWERERS.get(kind, _generic)(_rng(kind, subject), subject, asked)
