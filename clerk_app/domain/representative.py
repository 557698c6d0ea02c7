"""A representative who applies or collects a result: identity document and power of attorney."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import date as Date  # a field below is named `date`
from typing import Any

from clerk_app.domain import identifiers as ids
from clerk_app.domain.errors import ValidationError
from clerk_app.domain.text_checks import check_text


@dataclass(frozen=True)
class PowerOfAttorney:
    number: str
    date: Date
    issued_by: str
    valid_until: Date


@dataclass(frozen=True)
class Representative:
    full_name: str
    document_kind: str
    series: str
    number: str
    power_of_attorney: PowerOfAttorney

    def to_json(self) -> dict[str, Any]:
        poa = self.power_of_attorney
        return {
            "full_name": self.full_name,
            "document": {"kind": self.document_kind, "series": self.series, "number": self.number},
            "power_of_attorney": {"number": poa.number, "date": poa.date.isoformat(), "issued_by": poa.issued_by,
                                  "valid_until": poa.valid_until.isoformat()},
        }

    def document_text(self) -> str:
        kind = "паспорт" if self.document_kind == "passport" else self.document_kind
        return f"{kind} {self.series} {self.number}".strip()

    def power_of_attorney_text(self) -> str:
        poa = self.power_of_attorney
        return (f"№ {poa.number} от {poa.date.strftime('%d.%m.%Y')}, выдана: {poa.issued_by}, "
                f"действует до {poa.valid_until.strftime('%d.%m.%Y')}")


def _text(obj: dict, key: str, field: str, label: str, max_len: int = 300) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{label}: не заполнено", field)
    value = " ".join(check_text(value, label, field).split())
    if len(value) > max_len:
        raise ValidationError(f"{label}: не длиннее {max_len} символов", field)
    return value


def _obj(value: Any, field: str, label: str) -> dict:
    if not isinstance(value, dict):
        raise ValidationError(f"{label}: не заполнено или имеет неверный вид", field)
    return value


def parse_representative(data: Any, today: date, field: str = "representative") -> Representative:
    """Check a representative object (interfaces.md); an expired power of attorney is refused."""
    data = _obj(data, field, "Представитель")
    parts = _text(data, "full_name", f"{field}.full_name", "ФИО представителя").split()
    if len(parts) < 2:
        raise ValidationError("ФИО представителя: нужны фамилия и имя", f"{field}.full_name")
    full_name = " ".join(ids.normalize_person_name(p, field=f"{field}.full_name") for p in parts)
    doc = _obj(data.get("document"), f"{field}.document", "Документ представителя")
    kind = _text(doc, "kind", f"{field}.document.kind", "Вид документа представителя", 40)
    if kind == "passport":
        series, number = ids.normalize_passport(
            _text(doc, "series", f"{field}.document.series", "Серия паспорта представителя", 10),
            _text(doc, "number", f"{field}.document.number", "Номер паспорта представителя", 10),
            field=f"{field}.document")
    else:
        series = str(doc.get("series") or "").strip()
        number = _text(doc, "number", f"{field}.document.number", "Номер документа представителя", 40)
    poa_field = f"{field}.power_of_attorney"
    poa = _obj(data.get("power_of_attorney"), poa_field, "Доверенность")
    issued = ids.parse_date(_text(poa, "date", f"{poa_field}.date", "Дата доверенности", 10),
                            field=f"{poa_field}.date")
    until = ids.parse_date(_text(poa, "valid_until", f"{poa_field}.valid_until", "Срок действия доверенности", 10),
                           field=f"{poa_field}.valid_until")
    if issued > today:
        raise ValidationError("Дата доверенности: не может быть в будущем", f"{poa_field}.date")
    if until < issued:
        raise ValidationError("Срок действия доверенности: раньше даты её выдачи", f"{poa_field}.valid_until")
    if until < today:
        raise ValidationError(
            f"Доверенность истекла {until.strftime('%d.%m.%Y')}: выдать результат представителю нельзя",
            f"{poa_field}.valid_until")
    return Representative(
        full_name=full_name, document_kind=kind, series=series, number=number,
        power_of_attorney=PowerOfAttorney(
            number=_text(poa, "number", f"{poa_field}.number", "Номер доверенности", 60), date=issued,
            issued_by=_text(poa, "issued_by", f"{poa_field}.issued_by", "Кем выдана доверенность"),
            valid_until=until),
    )
