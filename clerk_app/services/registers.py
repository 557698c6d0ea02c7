"""The numbered registers of the agency leg: handing cases over on paper, returning unclaimed results.

Registers are numbered per agency and day (`{workstation}-{yyyymmdd}-{agency}-{n}`, one sequence for both
kinds). Printing a register is the act: in the same transaction every case in it gets its event
(`handed_over` with the register's number, or `returned_to_agency`), so a case appears in exactly one
handover register and at most one return register. When the PDF cannot be delivered (a full disk),
nothing is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_app.documents import HandoverRegisterData, HandoverRow, render_handover_register
from clerk_app.documents.agency_data import ReturnRegisterData, ReturnRow
from clerk_app.documents.return_register import render_return_register
from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppAction, AppStatus, EventType, HandoverWay
from clerk_app.domain.errors import NotFound, TransitionError
from clerk_app.domain.states import check_action
from clerk_app.services import audit
from clerk_app.services.clock import parse_rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject, state_of
from clerk_app.services.handover import candidates
from clerk_app.services.issuing import unclaimed_states
from clerk_app.services.printing import Deliver, _centre, _operator_name, _render, _service
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Agency, Application, NumberSequence


@dataclass(frozen=True, slots=True)
class RegisterPrinted:
    register_number: str
    agency: str
    numbers: tuple[str, ...]  # the applications in the register, in its order
    pdf: bytes


def _agency(s: Session, code: str) -> Agency:
    agency = s.get(Agency, code)
    if agency is None:
        raise NotFound(f"Ведомство «{code}» не найдено в каталоге", "agency")
    return agency


def next_register_number(s: Session, ctx: AppContext, agency_code: str, day: date) -> str:
    prefix = f"{ctx.settings().workstation_id}-{day:%Y%m%d}-{agency_code}"
    row = s.get(NumberSequence, prefix)
    if row is None:
        row = NumberSequence(prefix=prefix, last=0)
        s.add(row)
    row.last += 1
    s.flush()
    return f"{prefix}-{row.last}"


def _mark(s: Session, ctx: AppContext, actor: Actor, states: list[ApplicationState], etype: EventType,
          data: dict) -> None:
    for st in states:
        append_event(s, ctx, actor.login, st.id, st.number, etype, data)
        reproject(s, ctx, st.id)


def _handover_rows(s: Session, states: list[ApplicationState]) -> tuple[HandoverRow, ...]:
    return tuple(HandoverRow(number=st.number, registered_at=parse_rfc3339(st.registered_at),
                             applicant_name=st.applicant.full_name, service_name=_service(s, st.service)[0],
                             documents_count=len(st.documents), sheets=sum(d.sheets for d in st.documents))
                 for st in states)


def _return_rows(s: Session, states: list[ApplicationState], as_of: date) -> tuple[ReturnRow, ...]:
    rows = []
    for st in states:
        if st.result is not None:
            doc_number = st.result.document_number or "б/н"
            doc_date = date.fromisoformat(st.result.document_date or st.result.received_at[:10])
        else:
            assert st.decision is not None
            doc_number, doc_date = st.number, date.fromisoformat(st.decision.decided_at[:10])
        rows.append(ReturnRow(number=st.number, registered_at=parse_rfc3339(st.registered_at),
                              applicant_name=st.applicant.full_name, service_name=_service(s, st.service)[0],
                              result_number=doc_number, result_date=doc_date,
                              storage_until=date.fromisoformat(st.storage_until or as_of.isoformat())))
    return tuple(rows)


def reprint_register(ctx: AppContext, actor: Actor, register_number: str,
                     deliver: Deliver | None = None) -> RegisterPrinted:
    """A register printed before, again (the paper was lost or spoilt): the same number, cases and date; it
    hands over or returns nothing. The print is audited."""
    actor.require(Perm.PRINT)
    with ctx.db.write() as s:
        handed = [st for st in (state_of(r) for r in s.scalars(select(Application).where(
            func.json_extract(Application.state, "$.handover.register_number") == register_number)))]
        returned = [st for st in (state_of(r) for r in s.scalars(select(Application).where(
            Application.status == AppStatus.RETURNED_TO_AGENCY.value,
            func.json_extract(Application.state, "$.return_register") == register_number)))]
        states = sorted(handed or returned, key=lambda st: (st.registered_at, st.number))
        if not states:
            raise NotFound(f"Реестр № {register_number} не найден", "register")
        first_handover = states[0].handover
        agency_code = first_handover.agency if handed and first_handover is not None else states[0].agency
        agency = _agency(s, agency_code)
        sender = _operator_name(s, actor.login)
        audit.record(s, ctx, actor.login, "print", "register_copy", register_number, details={"rows": len(states)})
        if handed:
            first = handed[0].handover
            assert first is not None
            data: HandoverRegisterData | ReturnRegisterData = HandoverRegisterData(
                centre=_centre(s), agency=agency.name, rows=_handover_rows(s, states),
                compiled_at=parse_rfc3339(first.handed_over_at), sender_name=sender, register_number=register_number)
            pdf = _render(deliver, render_handover_register, data)
        else:
            data = ReturnRegisterData(centre=_centre(s), agency=agency.name, register_number=register_number,
                                      rows=_return_rows(s, states, ctx.now().date()), compiled_at=ctx.now(),
                                      sender_name=sender)
            pdf = _render(deliver, render_return_register, data)
        return RegisterPrinted(register_number, agency_code, tuple(st.number for st in states), pdf)


def print_handover_register(ctx: AppContext, actor: Actor, agency_code: str, day: date,
                            deliver: Deliver | None = None) -> RegisterPrinted:
    """The numbered handover register of the cases ready for `agency_code`; printing it hands them over."""
    actor.require(Perm.PRINT)
    actor.require(Perm.CHANGE)
    with ctx.db.write() as s:
        agency = _agency(s, agency_code)
        states = candidates(s, agency_code)
        if not states:
            raise TransitionError(f"Нет дел, готовых к передаче по реестру в «{agency.name}»")
        for st in states:
            check_action(st.status, AppAction.HANDOVER, 0, st.decided_by, override=True)
        number = next_register_number(s, ctx, agency_code, day)
        rows = _handover_rows(s, states)
        _mark(s, ctx, actor, states, EventType.HANDED_OVER, {
            "case_id": None, "way": HandoverWay.REGISTER.value, "register_number": number, "agency": agency_code})
        dated = ctx.now().replace(year=day.year, month=day.month, day=day.day)  # the register's date (--date)
        data = HandoverRegisterData(centre=_centre(s), agency=agency.name, rows=rows, compiled_at=dated,
                                    sender_name=_operator_name(s, actor.login), register_number=number)
        audit.record(s, ctx, actor.login, "print", "handover_register", number,
                     details={"agency": agency_code, "rows": len(rows)})
        pdf = _render(deliver, render_handover_register, data)
        return RegisterPrinted(number, agency_code, tuple(st.number for st in states), pdf)


def print_return_register(ctx: AppContext, actor: Actor, agency_code: str, as_of: date,
                          deliver: Deliver | None = None) -> RegisterPrinted:
    """The numbered return register of the results of `agency_code` unclaimed as of `as_of`; printing it
    marks them `returned_to_agency`."""
    actor.require(Perm.PRINT)
    actor.require(Perm.ISSUE)
    states = unclaimed_states(ctx, as_of, agency_code)
    with ctx.db.write() as s:
        agency = _agency(s, agency_code)
        if not states:
            raise TransitionError(f"Нет невостребованных результатов для возврата в «{agency.name}» "
                                  f"на {as_of:%d.%m.%Y}")
        for st in states:
            check_action(st.status, AppAction.RETURN_TO_AGENCY, 0, st.decided_by)
        number = next_register_number(s, ctx, agency_code, ctx.now().date())
        rows = _return_rows(s, states, as_of)
        _mark(s, ctx, actor, states, EventType.RETURNED_TO_AGENCY, {"register_number": number})
        data = ReturnRegisterData(centre=_centre(s), agency=agency.name, register_number=number, rows=rows,
                                  compiled_at=ctx.now(), sender_name=_operator_name(s, actor.login))
        audit.record(s, ctx, actor.login, "print", "return_register", number,
                     details={"agency": agency_code, "rows": len(rows), "as_of": as_of.isoformat()})
        pdf = _render(deliver, render_return_register, data)
        return RegisterPrinted(number, agency_code, tuple(st.number for st in states), pdf)
