"""The application window's action buttons: which exist, their mnemonics and hints, and which are shown for
the application's state and the operator's role."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from clerk_app.domain.enums import REQ_RETRYABLE, AppAction
from clerk_app.domain.states import allowed_actions
from clerk_app.services.roles import Actor, Perm
from ui.application.loading import LoadedApplication

# key, text, hint
ACTIONS = (
    ("send_requests", "&Направить запросы", "Направить межведомственные запросы (Alt+Н)"),
    ("decide", "&Решение…", "Принять решение (Alt+Р)"),
    ("print_decision", "Печать р&ешения", "Напечатать решение (Alt+Е, Ctrl+P)"),
    ("handover", "Пере&дать в ведомство…", "Передать дело в ведомство, которое принимает решение (Alt+Д)"),
    ("record_result", "Внести результа&т…", "Внести результат ведомства, полученный на бумаге (Alt+Т)"),
    ("issue", "&Выдать результат…", "Выдать результат заявителю или представителю по доверенности (Alt+В)"),
    ("return_to_agency", "Вернуть в ведо&мство…",
     "Вернуть невостребованный результат в ведомство по реестру возврата (Alt+М)"),
    ("withdraw", "&Отозвать…", "Отозвать заявление по просьбе заявителя (Alt+О)"),
    ("refuse_intake", "Отказать в &приёме…", "Отказать в приёме документов (Alt+П)"),
    ("print_receipt", "Печать расп&иски", "Напечатать расписку (Alt+И, Ctrl+P)"),
)
BUTTON_TIPS = {key: tip for key, _text, tip in ACTIONS}


def remaining_kinds(data: LoadedApplication | None) -> list[str]:
    """Request kinds of the service not yet asked (or whose request failed or was cancelled)."""
    if not data or not data.service:
        return []
    asked = {r.kind for r in data.requests if r.status not in REQ_RETRYABLE}
    return [k.code for k in data.service.request_kinds if k.code not in asked]


def past_storage_term(data: LoadedApplication) -> bool:
    until = data.state.storage_until
    return until is not None and until <= data.today.isoformat()


def needs_override(data: LoadedApplication, actor: Actor, act: AppAction) -> bool:
    """`act` (handing over, the centre's decision) is held up by open or unsent requests, and the operator is
    a supervisor who may let it go ahead with a reason."""
    view = data.acts
    return view is not None and act not in view.acts and act in view.held and actor.can(Perm.DECIDE)


def handover_needs_override(data: LoadedApplication, actor: Actor) -> bool:
    return needs_override(data, actor, AppAction.HANDOVER)


def shown_actions(data: LoadedApplication, actor: Actor) -> dict[str, bool]:
    st = data.state
    can = actor.can
    if data.acts is not None:  # the machine of the service's decider, the operator's role, the request gate
        acts: set[AppAction] | frozenset[AppAction] = data.acts.acts
    else:
        acts = allowed_actions(st.status, st.open_requests, st.decided_by)
    return {
        "send_requests": AppAction.SEND_REQUESTS in acts and can(Perm.REQUEST) and bool(remaining_kinds(data)),
        "decide": (AppAction.DECIDE in acts and can(Perm.DECIDE)) or needs_override(data, actor, AppAction.DECIDE),
        "print_decision": st.decision is not None and can(Perm.PRINT),
        "handover": (AppAction.HANDOVER in acts and can(Perm.CHANGE)) or handover_needs_override(data, actor),
        "record_result": AppAction.RECORD_RESULT in acts and can(Perm.CHANGE),
        "issue": AppAction.ISSUE in acts and can(Perm.ISSUE),
        "return_to_agency": (AppAction.RETURN_TO_AGENCY in acts and can(Perm.ISSUE) and can(Perm.PRINT)
                             and past_storage_term(data)),
        "withdraw": AppAction.WITHDRAW in acts and can(Perm.WITHDRAW),
        "refuse_intake": AppAction.REFUSE_INTAKE in acts and can(Perm.REGISTER),
        "print_receipt": can(Perm.PRINT),
    }


def build_buttons(parent: QWidget, bar: QHBoxLayout, slots: dict[str, Callable[[], object]],
                  actions: tuple[tuple[str, str, str], ...] = ACTIONS) -> dict[str, QPushButton]:
    """One hidden button per action, in `bar`; shown once the application's state is known."""
    buttons = {}
    for key, text, tip in actions:
        b = QPushButton(parent.tr(text), parent)
        b.setToolTip(parent.tr(tip))
        b.setObjectName(key)
        b.setAutoDefault(False)
        b.clicked.connect(slots[key])
        b.hide()
        buttons[key] = b
        bar.addWidget(b)
    return buttons
