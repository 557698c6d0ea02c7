"""Checking what comes from the gateway before it is stored: answers and events of the shared register.

Every check returns a Russian reason (naming the field, never its value, so no СНИЛС reaches a log)
or None when the item may be applied. What fails is set aside in quarantine (sync.quarantine).

Who may do what, for events of other workstations (the rule, also in README):
- the gateway vouches for the workstation: it stamps every event with `origin_workstation`, the
  workstation its token is bound to; an event not already known here is applied only when that
  stamp is present and equals the event's own `workstation` (this holds for this workstation's own
  events too, as a reinstalled workstation pulls them back: one it did not send is forged);
- events carry `operator_role`, the role of the operator as the origin workstation knows it (each
  workstation knows only its own operators and checks roles before it acts); an act is applied only
  when that role grants the permission the act needs on this workstation too (a decision needs a
  supervisor), and only when the act keeps its own rules (a refusal names its reason);
- for an event of this workstation's own operator the role is checked against the local operator.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date, datetime
from typing import Any

from clerk_app.gateway.limits import MAX_BODY
from clerk_app.gateway.safejson import UNREADABLE, too_deep
from clerk_app.services.roles import GRANTS, Perm, Role

MAX_DEPTH = 32
ANSWER_STATUSES = ("answered", "rejected", "error")
SYSTEM = "system"

# Permission an act needs, by event type; types not listed need only a known role.
ACT_PERMS: dict[str, Perm] = {
    "registered": Perm.REGISTER, "documents_changed": Perm.CHANGE, "request_sent": Perm.REQUEST,
    "decided": Perm.DECIDE, "issued": Perm.ISSUE, "withdrawn": Perm.WITHDRAW, "intake_refused": Perm.REGISTER,
    "annotated": Perm.CHANGE, "handed_over": Perm.CHANGE, "result_received": Perm.CHANGE,
    "returned_to_agency": Perm.ISSUE,
}
# Acts the workstation itself records (its sync engine, on an agency's answer).
SYSTEM_ACTS = frozenset({"response_received", "annotated", "agency_accepted", "case_returned", "result_received"})


class Refused(Exception):
    """An incoming item that must not be applied; `reason` is Russian and holds no personal data."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _text(obj: dict, key: str, where: str, max_len: int, required: bool = True) -> None:
    value = obj.get(key)
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()):
        raise Refused(f"{where}: поле «{key}» отсутствует или не строка")
    if len(value) > max_len:
        raise Refused(f"{where}: поле «{key}» длиннее {max_len} символов")


def _moment(obj: dict, key: str, where: str, required: bool = True) -> None:
    _text(obj, key, where, 40, required)
    if obj.get(key) is None:
        return
    try:
        if datetime.fromisoformat(obj[key]).tzinfo is None:
            raise ValueError
    except ValueError:
        raise Refused(f"{where}: поле «{key}» не время RFC 3339") from None


def _day(obj: dict, key: str, where: str, required: bool = True) -> None:
    _text(obj, key, where, 10, required)
    if obj.get(key) is None:
        return
    try:
        date.fromisoformat(obj[key])
    except ValueError:
        raise Refused(f"{where}: поле «{key}» не дата ГГГГ-ММ-ДД") from None


def _kind(obj: dict, key: str, where: str, kind: type, required: bool = True) -> None:
    value = obj.get(key)
    if value is None and not required:
        return
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise Refused(f"{where}: поле «{key}» неверного вида")


def _unreadable(item: Any, where: str) -> None:
    if not isinstance(item, dict):
        raise Refused(f"{where}: ожидается объект JSON")
    if UNREADABLE in item:
        raise Refused(f"{where}: {item[UNREADABLE]}")
    if too_deep(item, MAX_DEPTH):
        raise Refused(f"{where}: вложенность данных больше {MAX_DEPTH}")


# --- answers ----------------------------------------------------------------------------


def check_answer(answer: Any) -> None:
    """Raise Refused when an interagency answer cannot be stored as it is."""
    _unreadable(answer, "Ответ")
    _text(answer, "response_id", "Ответ", 64)
    _text(answer, "message_id", "Ответ", 64)
    if answer.get("status") not in ANSWER_STATUSES:
        raise Refused("Ответ: поле «status» не answered, rejected или error")
    _text(answer, "agency", "Ответ", 40, required=False)
    _moment(answer, "answered_at", "Ответ", required=False)
    _kind(answer, "data", "Ответ", dict, required=False)
    _text(answer, "refusal_reason", "Ответ", 4000, required=False)
    _kind(answer, "attachments", "Ответ", list, required=False)
    for i, att in enumerate(answer.get("attachments") or []):
        where = f"Ответ: вложение №{i + 1}"
        if not isinstance(att, dict):
            raise Refused(f"{where}: ожидается объект")
        _text(att, "name", where, 255)
        _text(att, "media_type", where, 100)
        _text(att, "sha256", where, 64)
        _text(att, "content_base64", where, MAX_BODY)


def attachment_bytes(att: dict) -> bytes:
    """The content of a checked attachment; Refused when it is not base64, too large or not its sha256."""
    try:
        content = base64.b64decode(att["content_base64"], validate=True)
    except (binascii.Error, ValueError):
        raise Refused(f"Вложение «{att['name'][:80]}»: содержимое не base64") from None
    if len(content) > MAX_BODY:
        raise Refused(f"Вложение «{att['name'][:80]}» больше допустимых {MAX_BODY // (1024 * 1024)} МиБ")
    if hashlib.sha256(content).hexdigest() != att["sha256"].strip().lower():
        raise ChecksumMismatch(f"Контрольная сумма вложения «{att['name'][:80]}» не совпадает")
    return content


class ChecksumMismatch(Exception):
    """A transfer fault, not a poison: the answer is taken again later (not acknowledged)."""


# --- events -----------------------------------------------------------------------------


def _check_data(etype: str, data: dict) -> None:
    where = f"Событие {etype}"
    if etype == "registered":
        for key in ("service", "registered_at", "due_date"):
            _text(data, key, where, 60)
        _moment(data, "registered_at", where)
        _day(data, "due_date", where)
        _kind(data, "applicant", where, dict)
        _text(data["applicant"], "full_name", where + ": заявитель", 320)
        _kind(data, "documents", where, list)
        _kind(data, "subject", where, dict, required=False)
    elif etype == "documents_changed":
        _kind(data, "documents", where, list)
    elif etype == "request_sent":
        _text(data, "message_id", where, 64)
        _text(data, "kind", where, 60)
        _day(data, "due_date", where, required=False)
        _text(data, "replaces", where, 64, required=False)
    elif etype == "response_received":
        _text(data, "message_id", where, 64)
        if data.get("status") not in ANSWER_STATUSES:
            raise Refused(f"{where}: поле «status» неверное")
    elif etype == "decided":
        if data.get("outcome") not in ("approved", "refused"):
            raise Refused(f"{where}: поле «outcome» не approved или refused")
        _text(data, "reason", where, 2000, required=data["outcome"] == "refused")
        _text(data, "legal_ground", where, 2000, required=False)
    elif etype in ("withdrawn", "intake_refused"):
        _text(data, "reason", where, 2000)
    elif etype == "handed_over":
        if data.get("way") not in ("electronic", "register"):
            raise Refused(f"{where}: поле «way» не electronic или register")
        _text(data, "case_id", where, 64, required=data["way"] == "electronic")
        _text(data, "register_number", where, 80, required=data["way"] == "register")
    elif etype == "result_received":
        _kind(data, "approved", where, bool)
        _text(data, "legal_ground", where, 300, required=not data["approved"])
    elif etype == "case_returned":
        _text(data, "comment", where, 4000, required=False)
    elif etype == "annotated":
        _text(data, "note", where, 2000, required=False)
        _text(data, "request_closed", where, 64, required=False)
        _text(data, "status", where, 20, required=False)


def check_event(ev: Any) -> None:
    """Raise Refused when an event pulled from the register must not be applied (see the module rule)."""
    _unreadable(ev, "Событие")
    for key, size in (("event_id", 64), ("application_id", 64), ("application_number", 40), ("type", 30),
                      ("workstation", 40), ("operator", 64)):
        _text(ev, key, "Событие", size)
    _moment(ev, "occurred_at", "Событие")
    if not isinstance(ev.get("seq"), int) or isinstance(ev["seq"], bool) or ev["seq"] < 1:
        raise Refused("Событие: поле «seq» не целое положительное")
    _kind(ev, "data", "Событие", dict, required=False)
    origin = ev.get("origin_workstation")
    if origin != ev["workstation"]:
        raise Refused("Событие: шлюз не подтвердил рабочее место, указанное в событии"
                      if origin is None else "Событие: рабочее место в событии не совпадает с отправившим его")
    _check_data(ev["type"], ev.get("data") or {})


def check_role(ev: dict, local_role: str | None) -> None:
    """The act against the operator's role: the local operator's for this workstation, else the claimed one."""
    etype, login = ev["type"], ev["operator"]
    if login == SYSTEM:
        if etype not in SYSTEM_ACTS:
            raise Refused(f"Событие {etype}: действие не может быть записано системой")
        return
    claimed = ev.get("operator_role")
    role = local_role if local_role is not None else claimed
    if local_role is not None and claimed is not None and claimed != local_role:
        raise Refused(f"Событие {etype}: роль оператора не совпадает с ролью на этом рабочем месте")
    perm = ACT_PERMS.get(etype)
    if role not in set(Role):
        if perm is None:
            return  # an act any operator may record (or a type of a newer version)
        raise Refused(f"Событие {etype}: роль оператора не указана или неизвестна")
    if perm is not None and perm not in GRANTS[Role(role)]:
        raise Refused(f"Событие {etype}: роль оператора не допускает это действие")
    if (ev.get("data") or {}).get("override") and Perm.DECIDE not in GRANTS[Role(role)]:
        raise Refused(f"Событие {etype}: разрешение при незавершённых запросах даёт только руководитель")
