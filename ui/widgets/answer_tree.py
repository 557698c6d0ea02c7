"""Agencies' answers shown readably: a key/value tree with Russian names for the usual keys."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from clerk_app.domain.attachments import safe_filename
from clerk_app.domain.labels import REQ_STATUS_RU
from clerk_app.services.answers import AnswerView
from ui.attachments import attachment_row_text

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1

KEY_RU = {
    "objects": "Объекты", "cadastral_number": "Кадастровый номер", "object_type": "Вид объекта",
    "address": "Адрес", "area": "Площадь, кв. м", "area_m2": "Площадь, кв. м", "right": "Вид права",
    "right_registered_on": "Право зарегистрировано", "holder": "Правообладатель", "share": "Доля",
    "year": "Год", "tax_agent": "Налоговый агент", "months": "По месяцам", "month": "Месяц",
    "amount": "Сумма", "code": "Код", "total": "Итого", "tax_withheld": "Удержан налог", "currency": "Валюта",
    "registration_type": "Вид регистрации", "registered_on": "Дата регистрации", "valid": "Действителен",
    "checked_on": "Дата проверки", "pension_type": "Вид пенсии", "assigned_on": "Дата назначения",
    "result": "Результат", "reference_number": "Номер справки", "issued_on": "Дата выдачи",
    "full_name": "ФИО", "birth_date": "Дата рождения", "snils": "СНИЛС", "inn": "ИНН", "passport": "Паспорт",
}

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}).*")


def local_time_text(text: str) -> str:
    """An RFC 3339 time (any offset, or Z) as dd.mm.yyyy HH:MM in this computer's time zone."""
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d.%m.%Y %H:%M")


def key_text(key: str) -> str:
    return KEY_RU.get(key, key.replace("_", " "))


def value_text(value: Any) -> str:
    """Dates as dd.mm.yyyy, booleans as да/нет, sums with two decimals."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",")
    text = str(value)
    if _ISO_TIME.fullmatch(text):
        return local_time_text(text)
    m = _ISO_DAY.fullmatch(text)
    if m:
        return f"{m[3]}.{m[2]}.{m[1]}"
    m = _ISO_MONTH.fullmatch(text)
    if m:
        return f"{m[2]}.{m[1]}"
    return text


def _add(parent: QTreeWidgetItem, key: str, value: Any) -> None:
    item = QTreeWidgetItem(parent, [key])
    if isinstance(value, dict):
        for k, v in value.items():
            _add(item, key_text(str(k)), v)
        item.setExpanded(True)
    elif isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            item.setText(1, ", ".join(value_text(v) for v in value))
        else:
            for i, v in enumerate(value, 1):
                _add(item, f"№ {i}", v)
            item.setExpanded(True)
    else:
        item.setText(1, value_text(value))
        item.setToolTip(1, item.text(1))


def fill_answers(tree: QTreeWidget, answers: list[AnswerView]) -> None:
    """One top item per answer: its data, a refusal with its reason, its attachments (openable)."""
    tree.clear()
    for ans in answers:
        top = QTreeWidgetItem(tree, [ans.kind_name or ans.kind,
                                     f"{REQ_STATUS_RU[ans.status]}, {value_text(ans.answered_at)}"])
        top.setToolTip(0, top.text(0))
        if ans.agency_name or ans.agency:
            QTreeWidgetItem(top, ["Ведомство", ans.agency_name or ans.agency])
        if ans.refusal_reason:
            reason = QTreeWidgetItem(top, ["Причина отказа", ans.refusal_reason])
            reason.setToolTip(1, reason.text(1))
        if isinstance(ans.data, dict):
            for k, v in ans.data.items():
                _add(top, key_text(str(k)), v)
        elif ans.data is not None:
            _add(top, "Сведения", ans.data)
        if ans.attachments:
            box = QTreeWidgetItem(top, ["Вложения", str(len(ans.attachments))])
            for att in ans.attachments:
                item = QTreeWidgetItem(box, [safe_filename(att.name), attachment_row_text(att)])
                item.setData(0, ATTACHMENT_ROLE, att)
            box.setExpanded(True)
        top.setExpanded(True)
