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

from sqlalchemy.orm import Session

from clerk_app.documents import HandoverRegisterData, HandoverRow, render_handover_register
from clerk_app.documents.agency_data import ReturnRegisterData, ReturnRow
from clerk_app.documents.return_register import render_return_register
from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppAction, EventType, HandoverWay
from clerk_app.domain.errors import NotFound, TransitionError
from clerk_app.domain.states import check_action
from clerk_app.services import audit
from clerk_app.services.clock import parse_rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject
from clerk_app.services.handover import candidates
from clerk_app.services.issuing import unclaimed_states
from clerk_app.services.printing import Deliver, _centre, _operator_name, _render, _service
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Agency, NumberSequence


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
        rows = tuple(HandoverRow(number=st.number, registered_at=parse_rfc3339(st.registered_at),
                                 applicant_name=st.applicant.full_name, service_name=_service(s, st.service)[0],
                                 documents_count=len(st.documents), sheets=sum(d.sheets for d in st.documents))
                     for st in states)
        _mark(s, ctx, actor, states, EventType.HANDED_OVER, {
            "case_id": None, "way": HandoverWay.REGISTER.value, "register_number": number, "agency": agency_code})
        data = HandoverRegisterData(centre=_centre(s), agency=agency.name, rows=rows, compiled_at=ctx.now(),
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
        _mark(s, ctx, actor, states, EventType.RETURNED_TO_AGENCY, {"register_number": number})
        data = ReturnRegisterData(centre=_centre(s), agency=agency.name, register_number=number, rows=tuple(rows),
                                  compiled_at=ctx.now(), sender_name=_operator_name(s, actor.login))
        audit.record(s, ctx, actor.login, "print", "return_register", number,
                     details={"agency": agency_code, "rows": len(rows), "as_of": as_of.isoformat()})
        pdf = _render(deliver, render_return_register, data)
        return RegisterPrinted(number, agency_code, tuple(st.number for st in states), pdf)
