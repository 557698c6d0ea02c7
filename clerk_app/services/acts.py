"""Which acts an application allows now, and the gate before deciding or handing over.

Handing over (agency services) needs every request kind the service lists to be answered, refused by the
agency, or brought by the applicant, and no request open; deciding (centre services) needs no request open.
A supervisor may let either act go ahead with a written reason, which the act's event carries (audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppAction, DecidedBy
from clerk_app.domain.errors import TransitionError, ValidationError
from clerk_app.domain.states import OVERRIDABLE, allowed_actions, check_action
from clerk_app.domain.text_checks import check_text
from clerk_app.services.application_rows import load
from clerk_app.services.catalogue import service_spec
from clerk_app.services.context import AppContext
from clerk_app.services.events import state_of
from clerk_app.services.roles import Actor, Perm

MAX_REASON = 2000

# The permission each act needs.
ACT_PERM: dict[AppAction, Perm] = {
    AppAction.CHANGE_DOCUMENTS: Perm.CHANGE, AppAction.SEND_REQUESTS: Perm.REQUEST, AppAction.DECIDE: Perm.DECIDE,
    AppAction.ISSUE: Perm.ISSUE, AppAction.WITHDRAW: Perm.WITHDRAW, AppAction.REFUSE_INTAKE: Perm.REGISTER,
    AppAction.HANDOVER: Perm.CHANGE, AppAction.RECORD_RESULT: Perm.CHANGE, AppAction.RETURN_TO_AGENCY: Perm.ISSUE,
}


def reason_text(reason: str | None, field: str = "reason", label: str = "Причина") -> str:
    text = " ".join(check_text(reason or "", label, field).split())
    if not text:
        raise ValidationError(f"{label}: не заполнена", field)
    if len(text) > MAX_REASON:
        raise ValidationError(f"{label}: не длиннее {MAX_REASON} символов", field)
    return text


def needed_kinds(session: Session, state: ApplicationState) -> list[str]:
    """The request kinds the service lists (none when the service left the catalogue)."""
    try:
        return [k.code for k in service_spec(session, state.service).request_kinds]
    except ValidationError:
        return []


def gate(session: Session, state: ApplicationState, action: AppAction, actor: Actor,
         override_reason: str | None = None) -> dict[str, Any] | None:
    """Check `action` on `state`; returns the override to record with the act (None when none was needed).

    A reason given when nothing holds the act up is not recorded."""
    # Unsent kinds hold up the handover; a centre's decision is held up by open requests only (version 1's rule).
    missing = state.missing_kinds(needed_kinds(session, state)) if action == AppAction.HANDOVER else []
    held = action in OVERRIDABLE and bool(state.open_requests or missing)
    override = None
    if override_reason is not None and held:
        if not actor.can(Perm.DECIDE):
            raise ValidationError("Разрешить действие при незавершённых межведомственных запросах может только "
                                  "руководитель", "override")
        override = {"reason": reason_text(override_reason, "override", "Основание разрешения руководителя")}
    check_action(state.status, action, state.open_requests, state.decided_by, missing, override is not None)
    return override


@dataclass(frozen=True, slots=True)
class ActsView:
    """What the window may offer for one application now."""

    state: ApplicationState
    acts: frozenset[AppAction]  # allowed by the state machine and the operator's role (gate passed)
    held: frozenset[AppAction]  # allowed by the machine but held up by requests: a supervisor may override
    missing_kinds: tuple[str, ...]
    open_requests: int

    @property
    def agency_decides(self) -> bool:
        return self.state.decided_by == DecidedBy.AGENCY


def available(ctx: AppContext, actor: Actor, number: str) -> ActsView:
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        state = state_of(load(s, number))
        missing = tuple(state.missing_kinds(needed_kinds(s, state)))
    by_machine = allowed_actions(state.status, 0, state.decided_by)
    acts, held = set(), set()
    for act in by_machine:
        if not actor.can(ACT_PERM.get(act, Perm.CHANGE)):
            continue
        try:
            check_action(state.status, act, state.open_requests, state.decided_by,
                         missing if act == AppAction.HANDOVER else ())
            acts.add(act)
        except TransitionError:  # held up by requests
            if act in OVERRIDABLE:
                held.add(act)
    return ActsView(state, frozenset(acts), frozenset(held), missing, state.open_requests)
